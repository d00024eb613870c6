/** Minimal OOXML packages written directly with fflate, for reader and hostile-file tests. */
import { strToU8, zipSync } from 'fflate';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export function docxFromBody(body: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ),
    ...extra,
  });
}

export function docxFromXml(documentXml: string): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(documentXml) });
}

/** w:p with one run per line. */
export function p(text: string, runProps = ''): string {
  return `<w:p>${text
    .split('\n')
    .map(
      (l, i) =>
        `<w:r>${runProps ? `<w:rPr>${runProps}</w:rPr>` : ''}${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(l)}</w:t></w:r>`,
    )
    .join('')}</w:p>`;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A cell: text may hold "\n" for several paragraphs. */
export function tc(text: string, props = ''): string {
  const paras = text.split('\n').map((l) => p(l));
  return `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${paras.join('')}</w:tc>`;
}

export function tr(cells: string[], props = ''): string {
  return `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
}

export function tbl(rows: string[]): string {
  return `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;
}

export type SheetSpec = { name: string; rows: (string | number | null)[][]; merges?: string[]; hidden?: boolean };

function colName(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** One cell: numbers as numbers, "=ERR:x" an error, "=S<style>:v" a styled number, else a shared string. */
function cellXml(v: string | number | null, ref: string, sst: string[]): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (v.startsWith('=ERR:')) return `<c r="${ref}" t="e"><v>${esc(v.slice(5))}</v></c>`;
  if (v.startsWith('=S')) return `<c r="${ref}" s="${v.slice(2, 3)}"><v>${v.slice(4)}</v></c>`;
  let idx = sst.indexOf(v);
  if (idx < 0) idx = sst.push(v) - 1;
  return `<c r="${ref}" t="s"><v>${idx}</v></c>`;
}

/** An .xlsx with shared strings (strings), numbers as numbers; `extraSst` lets tests add rich/phonetic entries. */
export function xlsxFromSheets(
  sheets: SheetSpec[],
  opts: { sstXml?: string; stylesXml?: string; extra?: Record<string, Uint8Array> } = {},
): Uint8Array {
  const sst: string[] = [];
  const files: Record<string, Uint8Array> = {};
  const sheetEntries: string[] = [];
  const rels: string[] = [];
  sheets.forEach((s, i) => {
    const rows = s.rows
      .map(
        (row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, `${colName(c)}${r + 1}`, sst)).join('')}</row>`,
      )
      .join('');
    const merges = s.merges?.length
      ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
      : '';
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`,
    );
    sheetEntries.push(
      `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ' state="hidden"' : ''}/>`,
    );
    rels.push(
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    );
  });
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetEntries.join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  files['xl/sharedStrings.xml'] = strToU8(
    opts.sstXml ??
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sst.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
  );
  if (opts.stylesXml) files['xl/styles.xml'] = strToU8(opts.stylesXml);
  files['[Content_Types].xml'] = strToU8('<Types/>');
  return zipSync({ ...files, ...opts.extra });
}
