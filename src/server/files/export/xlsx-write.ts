/**
 * A small .xlsx (SpreadsheetML) writer for the document exports (issue 9 §2): cells of text (shared strings, plain
 * or rich), cell styles (font, alignment, border, solid fill), merges, column widths, row heights, frozen header
 * rows, print titles, page set-up (A4, orientation, margins, fit to width, centred), a footer and manual page
 * breaks — what xlsx-render.ts draws — plus number cells with number formats, unwrapped cells and the workbook's
 * default font, which the consolidated table (consolidated-xlsx.ts) needs. The package is zipped with fflate.
 *
 * Why not exceljs: for a 2,000-project table exceljs spends most of its time building its cell, row and style
 * objects and their XML through generic "xform" classes; writing the few elements we use as strings is several times
 * faster, and the result opens the same in Excel, WPS and LibreOffice (and reads back through exceljs and our own
 * importer; see xlsx-render.test.ts and consolidated-xlsx.test.ts). Other spreadsheet exports (audit, bulk users,
 * year-end) keep exceljs.
 *
 * Formula-like text (= + - @ tab CR, see formula-safety.ts) is always written as a string with a quotePrefix style,
 * so it is never a formula and stays text when edited.
 */

import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { FORMULA_START } from './formula-safety';

export type XFont = { name: string; size: number; bold?: boolean; color?: string; charset?: number };
export type XBorderKind = 'all' | 'none' | 'open-bottom' | 'open-both' | 'open-top';
export type XStyle = {
  font: XFont;
  horizontal: 'left' | 'center' | 'right' | 'justify';
  vertical: 'top' | 'middle';
  border: XBorderKind;
  /** Solid fill "RRGGBB". */
  fill?: string | undefined;
  /** Wrap text (default true). */
  wrap?: boolean | undefined;
  /** Number format code of number cells, e.g. "0.0%" (default General). Text cells are always General. */
  numFmt?: string | undefined;
};
export type XRun = { text: string; font: XFont };
/** A cell's value: text, or rich text (runs with their fonts). */
export type XValue = string | { runs: XRun[] };
/** What a cell can hold: text, rich text or a number. */
export type XCellValue = XValue | number;

export type XPage = {
  orientation: 'portrait' | 'landscape';
  /** Margins in inches. */
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Header rows repeated on every printed page (1-based, inclusive). */
  printTitles?: [number, number] | undefined;
  /** Excel header/footer code, e.g. "&C第 &P 页 共 &N 页". */
  footer?: string | undefined;
  /** Freeze the panes below this row. */
  frozenRows?: number | undefined;
};

// ---------------------------------------------------------------------------------------------------------------------
// XML text

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const SPECIAL = /[&<>"]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data or attribute value (characters XML cannot hold are dropped). */
export function xmlText(s: string): string {
  let out = s;
  if (INVALID_XML.test(out)) out = out.replace(INVALID_XML, '');
  INVALID_XML.lastIndex = 0;
  return SPECIAL.test(out) ? out.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : out;
}

/**
 * Cell text: besides escaping (an apostrophe too, as exceljs writes it), a literal "_xHHHH_" is protected (readers
 * decode it as a character escape).
 */
function cellXml(s: string): string {
  let t = xmlText(s);
  if (t.includes("'")) t = t.replace(/'/g, '&apos;');
  return t.includes('_x') ? t.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : t;
}

/** <t> with xml:space="preserve" where whitespace at an end or a newline must survive. */
function tElement(s: string): string {
  const keep = /^[\s\u3000]|[\s\u3000]$|\n/.test(s);
  return keep ? `<t xml:space="preserve">${cellXml(s)}</t>` : `<t>${cellXml(s)}</t>`;
}

/** Column letters of a 1-based column number. */
export function colName(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const num = (x: number) => String(Math.round(x * 1000) / 1000);

// ---------------------------------------------------------------------------------------------------------------------
// Styles

function fontXml(f: XFont): string {
  return (
    `<font>${f.bold ? '<b/>' : ''}<sz val="${num(f.size)}"/>${f.color ? `<color rgb="FF${f.color}"/>` : ''}` +
    `<name val="${xmlText(f.name)}"/>${f.charset ? `<charset val="${f.charset}"/>` : ''}</font>`
  );
}

function rPrXml(f: XFont): string {
  return (
    `<rPr>${f.bold ? '<b/>' : ''}<sz val="${num(f.size)}"/>${f.color ? `<color rgb="FF${f.color}"/>` : ''}` +
    `<rFont val="${xmlText(f.name)}"/>${f.charset ? `<charset val="${f.charset}"/>` : ''}</rPr>`
  );
}

const THIN = '<color rgb="FF000000"/>';
const side = (name: string, on: boolean) => (on ? `<${name} style="thin">${THIN}</${name}>` : `<${name}/>`);

function borderXml(kind: XBorderKind): string {
  if (kind === 'none') return '<border><left/><right/><top/><bottom/><diagonal/></border>';
  const top = kind === 'all' || kind === 'open-bottom';
  const bottom = kind === 'all' || kind === 'open-top';
  return `<border>${side('left', true)}${side('right', true)}${side('top', top)}${side('bottom', bottom)}<diagonal/></border>`;
}

const BORDERS: XBorderKind[] = ['none', 'all', 'open-bottom', 'open-both', 'open-top'];

/** The workbook's style table: fonts, fills and cell formats, each written once. */
class StyleTable {
  private readonly fonts = new Map<string, number>();
  private readonly fontList: string[] = [];
  private readonly fills = new Map<string, number>();
  private readonly fillList: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly xfs = new Map<string, number>();
  private readonly xfList: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  /** Custom number formats (ids from 164, the first id not built in). */
  private readonly numFmts = new Map<string, number>();
  /** Cell format of a style object (style objects are shared, so this is a lookup by identity). */
  private readonly byObject = new WeakMap<XStyle, [number, number]>();

  /** `defaultFont`: the workbook's Normal font (宋体 11 when not given). */
  constructor(defaultFont: XFont = { name: '宋体', size: 11, charset: 134 }) {
    this.font(defaultFont);
  }

  private numFmt(code: string | undefined): number {
    if (!code) return 0;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  font(f: XFont): number {
    const xml = fontXml(f);
    let id = this.fonts.get(xml);
    if (id === undefined) {
      id = this.fontList.push(xml) - 1;
      this.fonts.set(xml, id);
    }
    return id;
  }

  private fill(rgb: string | undefined): number {
    if (!rgb) return 0;
    let id = this.fills.get(rgb);
    if (id === undefined) {
      id =
        this.fillList.push(
          `<fill><patternFill patternType="solid"><fgColor rgb="FF${rgb}"/><bgColor indexed="64"/></patternFill></fill>`,
        ) - 1;
      this.fills.set(rgb, id);
    }
    return id;
  }

  /** The cell format index of a style; `quote` marks text typed with a leading apostrophe (quotePrefix). */
  xf(s: XStyle, quote: boolean): number {
    const known = this.byObject.get(s);
    const k = quote ? 1 : 0;
    if (known && known[k] >= 0) return known[k];
    const font = this.font(s.font);
    const fill = this.fill(s.fill);
    const border = BORDERS.indexOf(s.border);
    const vertical = s.vertical === 'middle' ? 'center' : s.vertical;
    // Formula-like text is General + quotePrefix whatever the column's number format.
    const fmt = quote ? 0 : this.numFmt(s.numFmt);
    const xml =
      `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${quote ? ' quotePrefix="1"' : ''}` +
      `${fmt ? ' applyNumberFormat="1"' : ''} applyFont="1"${fill ? ' applyFill="1"' : ''} applyBorder="1" applyAlignment="1">` +
      `<alignment horizontal="${s.horizontal}" vertical="${vertical}"${s.wrap === false ? '' : ' wrapText="1"'}/></xf>`;
    let id = this.xfs.get(xml);
    if (id === undefined) {
      id = this.xfList.push(xml) - 1;
      this.xfs.set(xml, id);
    }
    const entry = known ?? [-1, -1];
    entry[k] = id;
    this.byObject.set(s, entry);
    return id;
  }

  xml(): string {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.numFmts.size
        ? `<numFmts count="${this.numFmts.size}">${[...this.numFmts]
            .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`)
            .join('')}</numFmts>`
        : '') +
      `<fonts count="${this.fontList.length}">${this.fontList.join('')}</fonts>` +
      `<fills count="${this.fillList.length}">${this.fillList.join('')}</fills>` +
      `<borders count="${BORDERS.length}">${BORDERS.map(borderXml).join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfList.length}">${this.xfList.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
    );
  }
}

/** Shared strings: each distinct text (or rich text) once. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  /** Plain texts by the text itself (cheaper to look up than their XML, for tables of long texts). */
  private readonly plain = new Map<string, number>();
  readonly items: string[] = [];
  count = 0;

  add(v: XValue): number {
    this.count++;
    if (typeof v === 'string') {
      let id = this.plain.get(v);
      if (id === undefined) {
        id = this.items.push(`<si>${tElement(v)}</si>`) - 1;
        this.plain.set(v, id);
      }
      return id;
    }
    const xml = `<si>${v.runs.map((r) => `<r>${rPrXml(r.font)}${tElement(r.text)}</r>`).join('')}</si>`;
    let id = this.index.get(xml);
    if (id === undefined) {
      id = this.items.push(xml) - 1;
      this.index.set(xml, id);
    }
    return id;
  }

  xml(): string {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.items.length}">` +
      `${this.items.join('')}</sst>`
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Sheets

type CellEntry = { col: number; value: XCellValue | null; style: XStyle };

const textOf = (v: XValue) => (typeof v === 'string' ? v : v.runs.map((r) => r.text).join(''));

export class XSheet {
  readonly rows: (CellEntry[] | undefined)[] = [];
  readonly heights: (number | undefined)[] = [];
  readonly merges: [number, number, number, number][] = [];
  readonly breaks = new Set<number>();
  widths: number[] = [];
  page: XPage | undefined;

  constructor(readonly name: string) {}

  /** Set a cell (1-based row and column); cells of a row are expected in column order. */
  cell(row: number, col: number, value: XCellValue | null, style: XStyle): void {
    let r = this.rows[row];
    if (!r) {
      r = [];
      this.rows[row] = r;
    }
    const last = r[r.length - 1];
    if (!last || last.col < col) r.push({ col, value, style });
    else {
      const at = r.findIndex((e) => e.col >= col);
      if (r[at]!.col === col) r[at] = { col, value, style };
      else r.splice(at, 0, { col, value, style });
    }
  }

  /** Merge rows r1..r2, columns c1..c2 (1-based, inclusive); the covered cells take the top-left cell's style. */
  merge(r1: number, c1: number, r2: number, c2: number): void {
    this.merges.push([r1, c1, r2, c2]);
  }

  height(row: number, points: number): void {
    this.heights[row] = points;
  }

  /** A manual page break after `row`. */
  pageBreak(row: number): void {
    if (row > 0) this.breaks.add(row);
  }

  /** Covered cells of merges get the master's style, so the merged area's borders are drawn on every side. */
  private fillMerges(): void {
    for (const [r1, c1, r2, c2] of this.merges) {
      const master = this.rows[r1]?.find((e) => e.col === c1);
      if (!master) continue;
      for (let r = r1; r <= r2; r++) {
        for (let c = c1; c <= c2; c++) {
          if (r === r1 && c === c1) continue;
          const row = this.rows[r];
          if (row?.some((e) => e.col === c && e.value !== null)) continue;
          this.cell(r, c, null, master.style);
        }
      }
    }
  }

  /** <c> elements of one row. */
  private cellsXml(
    cells: CellEntry[],
    r: number,
    letters: string[],
    styles: StyleTable,
    strings: SharedStrings,
  ): string {
    let row = '';
    for (const e of cells) {
      const ref = `${letters[e.col] ?? colName(e.col)}${r}`;
      if (e.value === null || e.value === '' || (typeof e.value === 'number' && !Number.isFinite(e.value)))
        row += `<c r="${ref}" s="${styles.xf(e.style, false)}"/>`;
      else if (typeof e.value === 'number')
        row += `<c r="${ref}" s="${styles.xf(e.style, false)}"><v>${e.value}</v></c>`;
      else {
        const quote = FORMULA_START.test(textOf(e.value));
        row += `<c r="${ref}" s="${styles.xf(e.style, quote)}" t="s"><v>${strings.add(e.value)}</v></c>`;
      }
    }
    return row;
  }

  private sheetDataXml(lastRow: number, lastCol: number, styles: StyleTable, strings: SharedStrings): string {
    const out: string[] = ['<sheetData>'];
    const letters = Array.from({ length: lastCol + 1 }, (_, c) => colName(c));
    for (let r = 1; r <= lastRow; r++) {
      const cells = this.rows[r];
      const h = this.heights[r];
      if (!cells && h === undefined) continue;
      const ht = h !== undefined ? ` ht="${num(h)}" customHeight="1"` : '';
      out.push(`<row r="${r}"${ht}>${cells ? this.cellsXml(cells, r, letters, styles, strings) : ''}</row>`);
    }
    out.push('</sheetData>');
    return out.join('');
  }

  private viewXml(selected: boolean): string {
    const frozen = this.page?.frozenRows;
    const pane = frozen
      ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>`
      : '';
    return (
      `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews>` +
      '<sheetFormatPr defaultRowHeight="15"/>'
    );
  }

  /** Merges, page set-up, footer and manual page breaks: what follows sheetData. */
  private afterDataXml(): string {
    let out = '';
    if (this.merges.length)
      out += `<mergeCells count="${this.merges.length}">${this.merges
        .map(([r1, c1, r2, c2]) => `<mergeCell ref="${colName(c1)}${r1}:${colName(c2)}${r2}"/>`)
        .join('')}</mergeCells>`;
    const p = this.page;
    if (p) {
      const m = p.margins;
      out +=
        '<printOptions horizontalCentered="1"/>' +
        `<pageMargins left="${num(m.left)}" right="${num(m.right)}" top="${num(m.top)}" bottom="${num(m.bottom)}" ` +
        `header="${num(m.header)}" footer="${num(m.footer)}"/>` +
        `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="1" fitToHeight="0"/>`;
      if (p.footer) out += `<headerFooter><oddFooter>${xmlText(p.footer)}</oddFooter></headerFooter>`;
    }
    if (this.breaks.size) {
      const rows = [...this.breaks].sort((a, b) => a - b);
      out +=
        `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">` +
        `${rows.map((b) => `<brk id="${b}" max="16383" man="1"/>`).join('')}</rowBreaks>`;
    }
    return out;
  }

  xml(styles: StyleTable, strings: SharedStrings, selected: boolean): string {
    this.fillMerges();
    const lastRow = Math.max(this.rows.length - 1, this.heights.length - 1, 1);
    const lastCol = Math.max(1, this.widths.length, ...this.merges.map((m) => m[3]));
    const cols = this.widths.length
      ? `<cols>${this.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${num(w)}" customWidth="1"/>`).join('')}</cols>`
      : '';
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheetPr>${this.page ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>` +
      `<dimension ref="A1:${colName(lastCol)}${lastRow}"/>` +
      this.viewXml(selected) +
      cols +
      this.sheetDataXml(lastRow, lastCol, styles, strings) +
      this.afterDataXml() +
      '</worksheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The package

export type XProps = {
  title: string;
  creator: string;
  created: Date;
  /** The workbook's default (Normal) font, which also sets the unit of column widths; 宋体 11 when not given. */
  defaultFont?: XFont | undefined;
};

const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

export class XWorkbook {
  readonly sheets: XSheet[] = [];

  addSheet(name: string): XSheet {
    const s = new XSheet(name);
    this.sheets.push(s);
    return s;
  }

  /** The .xlsx package. */
  write(props: XProps): Buffer {
    return Buffer.from(zipSync(this.parts(props), { level: 6 }));
  }

  /**
   * The .xlsx package, its parts deflated by zlib on the thread pool (in parallel, and without holding the event loop):
   * several times faster than write() for a sheet of megabytes, which spends most of its time in fflate's deflate.
   */
  async writeAsync(props: XProps): Promise<Buffer> {
    const entries = await Promise.all(
      Object.entries(this.parts(props)).map(async ([name, data]) => ({
        name,
        data,
        deflated: await deflateRawAsync(data, { level: 6 }),
      })),
    );
    return zipArchive(entries, props.created);
  }

  /** The package's parts: path → bytes. */
  private parts(props: XProps): Record<string, Uint8Array> {
    const styles = new StyleTable(props.defaultFont);
    const strings = new SharedStrings();
    const sheetXml = this.sheets.map((s, i) => strToU8(s.xml(styles, strings, i === 0)));
    const files: Record<string, Uint8Array> = {};
    const enc = (s: string) => strToU8(s);
    const n = this.sheets.length;
    const ct = 'application/vnd.openxmlformats-officedocument';
    files['[Content_Types].xml'] = enc(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
        this.sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
        '</Types>',
    );
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    files['_rels/.rels'] = enc(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        `<Relationship Id="rId3" Type="${rel}/extended-properties" Target="docProps/app.xml"/>` +
        '</Relationships>',
    );
    files['docProps/core.xml'] = enc(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${xmlText(props.title)}</dc:title><dc:creator>${xmlText(props.creator)}</dc:creator>` +
        `<cp:lastModifiedBy>${xmlText(props.creator)}</cp:lastModifiedBy>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${iso(props.created)}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso(props.created)}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    files['docProps/app.xml'] = enc(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
        '</Properties>',
    );
    const quoteName = (name: string) => `'${name.replace(/'/g, "''")}'`;
    const defined = this.sheets
      .map((s, i) =>
        s.page?.printTitles
          ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(quoteName(s.name))}!$${s.page.printTitles[0]}:$${s.page.printTitles[1]}</definedName>`
          : '',
      )
      .join('');
    files['xl/workbook.xml'] = enc(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}">` +
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="12000" windowHeight="24000" activeTab="0"/></bookViews>' +
        `<sheets>${this.sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
        (defined ? `<definedNames>${defined}</definedNames>` : '') +
        '<calcPr calcId="171027"/></workbook>',
    );
    files['xl/_rels/workbook.xml.rels'] = enc(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        this.sheets
          .map(
            (_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${n + 1}" Type="${rel}/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${n + 2}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` +
        '</Relationships>',
    );
    sheetXml.forEach((xml, i) => {
      files[`xl/worksheets/sheet${i + 1}.xml`] = xml;
    });
    files['xl/styles.xml'] = enc(styles.xml());
    files['xl/sharedStrings.xml'] = enc(strings.xml());
    return files;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The zip container of writeAsync (deflated entries, no zip64: an export is far below 4 GB)

const deflateRawAsync = promisify(zlib.deflateRaw);

let crcTable: Int32Array | undefined;

/** CRC-32 of the zip format: zlib's (Node ≥ 20.15), else a table-driven one. */
function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A zip archive of deflated entries (local headers and data, central directory, end record). */
function zipArchive(entries: { name: string; data: Uint8Array; deflated: Uint8Array }[], at: Date): Buffer {
  const time = (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1);
  const date = ((Math.max(1980, at.getFullYear()) - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate();
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    // The fields local and central headers share: version 2.0, UTF-8 names, deflate, time, date, CRC, sizes, name.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0);
    common.writeUInt16LE(0x0800, 2);
    common.writeUInt16LE(8, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(e.deflated.length, 14);
    common.writeUInt32LE(e.data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(0x04034b50, 0);
    chunks.push(local, common, name, e.deflated);
    const head = Buffer.alloc(6);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    const tail = Buffer.alloc(14); // comment length, disk, internal and external attributes, local header offset
    tail.writeUInt32LE(offset, 10);
    central.push(head, common, tail, name);
    offset += 4 + common.length + name.length + e.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}
