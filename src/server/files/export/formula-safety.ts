/**
 * Formula injection in spreadsheet exports (OWASP "CSV injection"): text a user typed that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return must never become a formula in the district's copy of Excel, WPS or LibreOffice.
 *
 * In .xlsx, unlike CSV, a cell carries its type: exceljs writes a string value as a shared string (`t="s"`, no `<f>`),
 * which no spreadsheet program evaluates on opening. OWASP's CSV advice — put a `'` in front — does not carry over:
 * in a text cell the apostrophe is stored as a character and printed, so it would change what a person reads. The
 * remaining risk is re-entry: a user who edits such a cell (F2, Enter) in a General cell turns it into a formula.
 * Excel records "typed with a leading apostrophe" as the cell style's `quotePrefix="1"` (the value stays `=…`), which
 * shows the text unchanged, keeps it text on editing, and is what every program writes and reads for `'=…`. exceljs
 * cannot write that attribute, so such cells are marked with the Text number format (`@`, built-in id 49) and the
 * written styles turn every Text-format style into General + quotePrefix. (Plain `@` would also keep edits as text,
 * but Excel shows `####` for a Text-format cell of more than 255 characters — a long 落实情况 would become unreadable.)
 *
 * Every .xlsx export writes through writeXlsx (exceljs workbooks) or the direct writer xlsx-write.ts, which applies the
 * same quotePrefix to every formula-like text cell itself (FORMULA_START below), so no export can forget this.
 */
import type ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** Starts like a formula or a DDE payload: =, +, -, @, tab, carriage return (OWASP). */
export const FORMULA_START = /^[=+\-@\t\r]/;

const TEXT_FORMAT = '@';
const STYLES = 'xl/styles.xml';

/** The text of a string or rich-text cell value (null for numbers, dates, formulas…). */
function textOf(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return null;
}

/** Mark every formula-like text cell of the workbook (Text number format); returns how many were marked. */
export function markFormulaLikeCells(wb: ExcelJS.Workbook): number {
  let marked = 0;
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = textOf(cell.value);
        if (text !== null && FORMULA_START.test(text)) {
          cell.numFmt = TEXT_FORMAT;
          marked++;
        }
      });
    });
  });
  return marked;
}

/** styles.xml: every cell style in the Text number format (id 49) becomes General with quotePrefix="1". */
export function quotePrefixTextStyles(stylesXml: string): string {
  return stylesXml.replace(/<cellXfs\b[\s\S]*?<\/cellXfs>/, (xfs) =>
    xfs.replace(/<xf\b[^>]*>/g, (xf) =>
      /\bnumFmtId="49"/.test(xf)
        ? xf
            .replace(/\bnumFmtId="49"/, 'numFmtId="0"')
            .replace(/\s+(applyNumberFormat|quotePrefix)="[^"]*"/g, '')
            .replace(/^<xf\b/, '<xf quotePrefix="1"')
        : xf,
    ),
  );
}

/** Write a workbook as .xlsx with formula-like text neutralised. The one way exports write spreadsheets. */
export async function writeXlsx(wb: ExcelJS.Workbook): Promise<Buffer> {
  const marked = markFormulaLikeCells(wb);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (!marked) return bytes;
  const files = unzipSync(bytes);
  const styles = files[STYLES];
  if (!styles) throw new Error('xlsx without styles.xml');
  files[STYLES] = strToU8(quotePrefixTextStyles(strFromU8(styles)));
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** exceljs 4.4's writer puts styles.xml into the package through this method (lib/xlsx/xlsx.js). */
type StylesWriter = { addStyles(zip: unknown, model: { styles: { xml: string } }): Promise<void> };

/**
 * writeXlsx in one pass: the same neutralisation, but styles.xml gets its quotePrefix rewrite while exceljs writes
 * the package, instead of unzipping and zipping it again afterwards (which costs as much as writing it, for large
 * sheets). Falls back to writeXlsx if exceljs's writer does not look as expected.
 */
export async function writeXlsxOnePass(wb: ExcelJS.Workbook): Promise<Buffer> {
  const writer = wb.xlsx as unknown as Partial<StylesWriter>;
  if (typeof writer.addStyles !== 'function') return writeXlsx(wb);
  if (!markFormulaLikeCells(wb)) return Buffer.from(await wb.xlsx.writeBuffer());
  const own = Object.hasOwn(writer, 'addStyles') ? writer.addStyles : undefined;
  writer.addStyles = async (zip, model) => {
    const { xml } = model.styles;
    if (!xml) throw new Error('xlsx without styles.xml');
    (zip as { append(data: string, options: { name: string }): void }).append(quotePrefixTextStyles(xml), {
      name: STYLES,
    });
  };
  try {
    return Buffer.from(await wb.xlsx.writeBuffer());
  } finally {
    if (own) writer.addStyles = own;
    else delete writer.addStyles;
  }
}
