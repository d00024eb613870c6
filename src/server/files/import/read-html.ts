/**
 * HTML tables (a table copied from a web page, Word or WPS and pasted; or a saved .html page): a tolerant
 * tokenizer, no DOM, nothing executed — scripts, styles and comments are skipped as text. rowspan/colspan are
 * carried to every covered cell; bgcolor / background colours and coloured "▋" glyphs are kept.
 */
import type { Grid, GridCell, ImportWarning, ReadResult } from '../../../domain/collect/import/types';
import { CellBudget, DEFAULT_IMPORT_LIMITS, exceedsRows, type ImportLimits, tooManyRows, widest } from './errors';

const NAMED: Record<string, string> = {
  nbsp: ' ',
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  middot: '·',
  mdash: '—',
  ndash: '–',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  times: '×',
  divide: '÷',
  yen: '¥',
  deg: '°',
  plusmn: '±',
  bull: '•',
  permil: '‰',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

function cssColour(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = v.trim().toLowerCase();
  let m = /^#([0-9a-f]{6})$/.exec(t);
  if (m?.[1]) return m[1].toUpperCase();
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(t);
  if (m) return `${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(t);
  if (rgb) {
    return [rgb[1], rgb[2], rgb[3]]
      .map((x) => Math.min(255, Number(x)).toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  }
  const names: Record<string, string> = {
    red: 'FF0000',
    green: '008000',
    lime: '00FF00',
    yellow: 'FFFF00',
    orange: 'FFA500',
  };
  return names[t];
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1]?.toLowerCase();
    if (name) out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function styleValue(style: string | undefined, prop: RegExp): string | undefined {
  if (!style) return undefined;
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i > 0 && prop.test(decl.slice(0, i).trim().toLowerCase())) return decl.slice(i + 1).trim();
  }
  return undefined;
}

type HCell = { text: string; rowspan: number; colspan: number; fill?: string; glyphColor?: string };
type HTable = { rows: HCell[][]; paragraphIndex: number };

const GLYPH = /[▋▌▍▎▏█■▇▆▉●◆◼⬛⬤]/;
const SKIP = new Set([
  'script',
  'style',
  'head',
  'title',
  'template',
  'noscript',
  'xml',
  'svg',
  'object',
  'iframe',
  'math',
]);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dt',
  'dd',
]);

const INLINE = new Set(['span', 'font', 'b', 'strong', 'i', 'em', 'u']);

/** A tag token: lower-case name, closing or not, its attributes (none for a closing tag), self-closed or not. */
type Tag = { name: string; closing: boolean; attrs: Record<string, string>; selfClosing: boolean };

/**
 * Index of the `>` that ends the tag opened at `pos`, respecting quoted attribute values, within a bounded window
 * (linear time on any input); -1 when there is none.
 */
function tagEnd(html: string, pos: number): number {
  let quote = '';
  const limit = Math.min(html.length, pos + 20_000);
  for (let i = pos + 1; i < limit; i++) {
    const ch = html[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
  }
  return -1;
}

function parseTag(tok: string): Tag | null {
  const m = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)([\s\S]*)>$/.exec(tok);
  const name = m?.[1]?.toLowerCase();
  if (!m || !name) return null;
  const closing = tok[1] === '/';
  return { name, closing, attrs: closing ? {} : attrs(m[2] ?? ''), selfClosing: tok.endsWith('/>') };
}

function cellFill(a: Record<string, string>): string | undefined {
  return cssColour(a.bgcolor) ?? cssColour(styleValue(a.style, /^background(-color)?$/)?.split(/\s+/)[0]);
}

function textColour(a: Record<string, string>): string | undefined {
  return (
    cssColour(a.color) ??
    cssColour(styleValue(a.style, /^color$/)) ??
    cssColour(styleValue(a.style, /^background(-color)?$/)?.split(/\s+/)[0])
  );
}

/** One pass over the HTML: paragraphs outside tables, tables as rows of cells (spans not yet laid out). */
class HtmlScanner {
  readonly paragraphs: string[] = [];
  readonly warnings: ImportWarning[] = [];
  readonly tables: HTable[] = [];
  private para = '';
  private readonly stack: HTable[] = [];
  private row: HCell[] | null = null;
  private cell: HCell | null = null;
  /** Depth inside a table nested in a cell: its text joins the cell. */
  private nestedDepth = 0;
  /** Colours of the open inline elements, innermost last. */
  private readonly colours: (string | undefined)[] = [];
  private pos = 0;
  /** The slots the cells' colspans claim, counted while scanning (the rowspans are counted by the layout). */
  private readonly budget: CellBudget;

  constructor(
    private readonly html: string,
    private readonly limits: ImportLimits,
  ) {
    this.budget = new CellBudget(limits);
  }

  run(): void {
    const n = this.html.length;
    while (this.pos < n) {
      if (this.html[this.pos] !== '<') this.readText();
      else if (!this.skipMarkup()) this.readTag();
    }
    this.closeRow();
    while (this.stack.length) this.tables.push(this.stack.pop()!);
    this.flushPara();
  }

  private skipTo(marker: string, from: number): number {
    const e = this.html.indexOf(marker, from);
    return e < 0 ? this.html.length : e + marker.length;
  }

  private readText(): void {
    const { html, pos } = this;
    const next = html.indexOf('<', pos);
    const end = next < 0 ? html.length : next;
    this.addText(decodeEntities(html.slice(pos, end).replace(/[ \t\r\n\f]+/g, ' ')).replace(/\u00a0/g, ' '));
    this.pos = end;
  }

  /** Comments, CDATA, doctype and processing instructions are skipped; returns false at anything else. */
  private skipMarkup(): boolean {
    const { html, pos } = this;
    if (html.startsWith('<!--', pos)) this.pos = this.skipTo('-->', pos + 4);
    else if (html.startsWith('<![CDATA[', pos)) this.pos = this.skipTo(']]>', pos + 9);
    else if (html[pos + 1] === '!' || html[pos + 1] === '?') this.pos = this.skipTo('>', pos + 2);
    else return false;
    return true;
  }

  private readTag(): void {
    const { html, pos } = this;
    // A '<' that does not start a tag (or a tag that never ends) is text.
    const end = /[a-zA-Z/]/.test(html[pos + 1] ?? '') ? tagEnd(html, pos) : -1;
    if (end < 0) {
      this.addText('<');
      this.pos++;
      return;
    }
    const tok = html.slice(pos, end + 1);
    this.pos = end + 1;
    const tag = parseTag(tok);
    if (!tag) return;
    if (!tag.closing && SKIP.has(tag.name) && !tag.selfClosing) this.skipElement(tag.name);
    else if (this.nestedDepth > 0) this.nestedTag(tag);
    else this.tag(tag);
  }

  /** Skip everything up to the matching close tag; never interpreted. */
  private skipElement(name: string): void {
    const { html, pos } = this;
    const n = html.length;
    const lower = html.slice(pos, Math.min(n, pos + 10_000_000)).toLowerCase();
    const e = lower.indexOf(`</${name}`);
    this.pos = e < 0 ? n : this.skipTo('>', pos + e);
  }

  /** Inside a table nested in a cell: rows and breaks become line breaks, cells spaces. */
  private nestedTag({ name, closing }: Tag): void {
    if (name === 'table') this.nestedDepth += closing ? -1 : 1;
    else if (!closing && (name === 'br' || name === 'tr')) this.addText('\n');
    else if (!closing && (name === 'td' || name === 'th')) this.addText(' ');
    else if (closing && (name === 'p' || name === 'div')) this.addText('\n');
  }

  private tag(tag: Tag): void {
    const { name, closing } = tag;
    if (name === 'table') this.tableTag(closing);
    else if (name === 'tr') this.rowTag(closing);
    else if (name === 'td' || name === 'th') this.cellTag(tag);
    else if (name === 'br') this.addText('\n');
    else if (INLINE.has(name)) this.inlineTag(tag);
    else if (BLOCK.has(name)) this.blockTag();
  }

  private tableTag(closing: boolean): void {
    if (closing) {
      this.closeRow();
      const t = this.stack.pop();
      if (t) this.tables.push(t);
    } else if (this.cell) {
      this.nestedDepth = 1;
      this.warnings.push({ code: 'NESTED_TABLE', message: '单元格中嵌套的表格已并入所在单元格的文字' });
    } else {
      this.flushPara();
      this.stack.push({ rows: [], paragraphIndex: this.paragraphs.length });
    }
  }

  private rowTag(closing: boolean): void {
    if (!this.stack.length) return;
    this.closeRow();
    if (!closing) this.row = [];
  }

  private cellTag({ closing, attrs: a }: Tag): void {
    if (!this.stack.length) return;
    this.closeCell();
    if (closing) return;
    this.row ??= [];
    const c: HCell = {
      text: '',
      rowspan: Math.max(1, Math.min(1000, Number(a.rowspan) || 1)),
      colspan: Math.max(1, Math.min(this.limits.maxColumns, Number(a.colspan) || 1)),
    };
    const fill = cellFill(a);
    if (fill) c.fill = fill;
    this.budget.take(c.colspan);
    this.cell = c;
  }

  private inlineTag({ closing, selfClosing, attrs: a }: Tag): void {
    if (closing) this.colours.pop();
    else if (!selfClosing) this.colours.push(textColour(a));
  }

  private blockTag(): void {
    const { cell } = this;
    if (cell) {
      if (cell.text && !cell.text.endsWith('\n')) this.addText('\n');
    } else if (!this.stack.length) this.flushPara();
  }

  private flushPara(): void {
    const t = this.para.replace(/[ \t]+/g, ' ').trim();
    if (t) this.paragraphs.push(t);
    this.para = '';
  }

  private addText(t: string): void {
    const { cell } = this;
    if (cell) {
      cell.text += t;
      if (GLYPH.test(t)) {
        const c = this.innermostColour();
        if (c) cell.glyphColor = c;
      }
    } else if (!this.stack.length) this.para += t;
  }

  private innermostColour(): string | undefined {
    for (let i = this.colours.length - 1; i >= 0; i--) if (this.colours[i]) return this.colours[i];
    return undefined;
  }

  private closeCell(): void {
    if (this.cell && this.row) this.row.push(this.cell);
    this.cell = null;
  }

  private closeRow(): void {
    this.closeCell();
    const t = this.stack[this.stack.length - 1];
    if (this.row && t) {
      t.rows.push(this.row);
      if (exceedsRows(t.rows.length, this.limits)) throw tooManyRows(this.limits);
    }
    this.row = null;
  }
}

export function readHtml(html: string, limitsIn: Partial<ImportLimits> = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...limitsIn };
  const scan = new HtmlScanner(html, limits);
  scan.run();
  const budget = new CellBudget(limits);
  const grids: Grid[] = scan.tables
    .filter((t) => t.rows.length > 0)
    .map((t, i) => ({
      name: `表格${i + 1}`,
      source: 'html',
      rows: layout(t.rows, limits, budget),
      paragraphIndex: t.paragraphIndex,
    }));
  return { kind: 'html', form: 'html', tables: grids, paragraphs: scan.paragraphs, warnings: scan.warnings };
}

/** Cell text with blanks collapsed per line and empty lines dropped. */
function cellText(h: HCell): string {
  return h.text
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** A covered slot's copy of the origin, built field by field (an object spread is ten times slower here). */
function mergedCopy(origin: GridCell, merged: 'h' | 'v', at: [number, number]): GridCell {
  const copy: GridCell = { text: origin.text, merged, origin: at };
  if (origin.fill) copy.fill = origin.fill;
  if (origin.glyphColor) copy.glyphColor = origin.glyphColor;
  return copy;
}

/** Put the cell at (r, c) and its merged copies into every slot its rowspan/colspan covers. */
function placeCell(
  grid: (GridCell | undefined)[][],
  h: HCell,
  r: number,
  c: number,
  rowCount: number,
  limits: ImportLimits,
  budget: CellBudget,
): void {
  const origin: GridCell = { text: cellText(h) };
  if (h.fill) origin.fill = h.fill;
  if (h.glyphColor) origin.glyphColor = h.glyphColor;
  const lastRow = Math.min(r + h.rowspan - 1, rowCount - 1);
  const lastCol = Math.min(c + h.colspan, limits.maxColumns);
  const at: [number, number] = [r, c];
  budget.ensure((lastRow - r + 1) * Math.max(0, lastCol - c));
  for (let rr = r; rr <= lastRow; rr++) {
    const target = grid[rr] ?? [];
    grid[rr] = target;
    for (let cc = c; cc < lastCol; cc++) {
      if (!target[cc]) budget.take(1);
      target[cc] = rr === r && cc === c ? origin : mergedCopy(origin, rr === r ? 'h' : 'v', at);
    }
  }
}

/** The HTML table model: place cells around the slots taken by rowspans from rows above. */
function layout(rows: HCell[][], limits: ImportLimits, budget: CellBudget): GridCell[][] {
  const grid: (GridCell | undefined)[][] = [];
  rows.forEach((cells, r) => {
    const out = grid[r] ?? [];
    grid[r] = out;
    let c = 0;
    for (const h of cells) {
      while (out[c]) c++;
      if (c >= limits.maxColumns) break;
      placeCell(grid, h, r, c, rows.length, limits, budget);
      c += h.colspan;
    }
  });
  const width = widest(grid);
  return grid.map((r) => {
    const out: GridCell[] = [];
    let filled = 0;
    for (let c = 0; c < r.length; c++) if (r[c]) filled++;
    budget.take(width - filled);
    for (let c = 0; c < width; c++) out.push(r[c] ?? { text: '' });
    return out;
  });
}
