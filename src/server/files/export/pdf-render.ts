/**
 * DocModel → PDF (issue 9 §2), with pdfkit: pure JavaScript, no network, no GUI, no browser.
 *
 * Why pdfkit (bench/pdf-export.bench.ts, sampleDocument(2,000) = 404 landscape pages, on the 2-core project machine
 * while other jobs kept it loaded 6–8×; both engines measured in the same run):
 * - pdfkit with this layout: median 1.0–1.4 s CPU (what an idle machine would take), 3.3–7 s wall under that load,
 *   0.95 MB; the first PDF of a process also parses the fonts (2.5–3.5 s CPU, see `preloadPdfFonts`);
 * - headless Chromium printing an HTML rendering (playwright-core + /usr/bin/chromium): 43 s (less load) to 104 s
 *   for 2,000 rows, 13–48 s for 200, plus the browser launch; Skia wrote the CJK faces of the .ttc collections as
 *   Type 3 fonts; and a 414 MB browser on the server;
 * - LibreOffice docx → pdf: 29 s for 2,000 rows (stack-notes.md).
 * pdfkit embeds subset CID fonts (CFF → /FontFile3) with a ToUnicode map, so text stays selectable and searchable.
 * Drawing is synchronous CPU work: run large exports in a job or worker, not on a request's event loop.
 *
 * What a server needs: a CJK font — Debian/Ubuntu `fonts-noto-cjk`, RHEL/CentOS/Fedora `google-noto-serif-cjk-fonts` +
 * `google-noto-sans-cjk-fonts` — or `PDF_FONT_DIR` pointing at a folder holding NotoSerifCJK-Regular.ttc etc. (see
 * ./pdf-fonts.ts). Nothing else: no LibreOffice, no Chromium.
 *
 * Layout (the same conventions as the Word renderer, ./docx-render.ts): A4 in the model's orientation and margins;
 * page paragraphs by style (title 22 pt or its size, centred, bold serif 小标宋 look; subtitle 16 pt centred; 附件 label
 * top left in the heading face; body/note justified with the two-character first-line indent when asked; signature
 * right-aligned four characters in from the margin, two lines below the text), line pitch 1.75 × the size; page
 * breaks; tables (./pdf-table.ts); page numbers centred in the footer ("— N —" or "第 N 页 共 M 页"), written once all
 * pages exist; the document title in the PDF info.
 */
import type { DocModel, FontRole, ParaBlock, ParaStyle } from '../../../domain/publish/document/model';
import { colorOf, faceOf, mmToPt, PdfCanvas, PT_PER_MM } from './pdf-canvas';
import { type PdfFace, type PdfFontFile, requirePdfFonts } from './pdf-fonts';
import { drawTable } from './pdf-table';

export {
  findPdfFonts,
  type PdfFontReport,
  PdfFontsMissingError,
  preloadPdfFonts,
  requirePdfFonts,
} from './pdf-fonts';

type PageStyle = { font: FontRole; bold: boolean; size: (doc: DocModel) => number; align: 'left' | 'center' | 'right' };
const PAGE_STYLES: Record<ParaStyle, PageStyle & { justify?: boolean }> = {
  attachment: { font: 'heading', bold: false, size: () => 16, align: 'left' },
  title: { font: 'title', bold: false, size: () => 22, align: 'center' },
  subtitle: { font: 'kai', bold: false, size: () => 16, align: 'center' },
  heading: { font: 'body', bold: true, size: (d) => d.bodySize, align: 'left', justify: true },
  body: { font: 'body', bold: false, size: (d) => d.bodySize, align: 'left', justify: true },
  note: { font: 'body', bold: false, size: (d) => d.bodySize, align: 'left', justify: true },
  signature: { font: 'body', bold: false, size: (d) => d.bodySize, align: 'right' },
};
/** Line pitch of page paragraphs (三号 16 pt → 28 pt, as the Word renderer). */
const LINE_FACTOR = 1.75;
/** Styles kept on one page with what follows them. */
const KEEP_WITH_NEXT = new Set<ParaStyle>(['attachment', 'title', 'subtitle', 'heading']);
const PAGE_NUMBER_SIZE = 14;

export type RenderPdfOptions = {
  /** Font files to use instead of the ones found on the system (tests, custom deployments). */
  fonts?: Record<PdfFace, PdfFontFile>;
};

function drawParagraph(c: PdfCanvas, doc: DocModel, block: ParaBlock, previous: ParaBlock['style'] | undefined) {
  const s = PAGE_STYLES[block.style] ?? PAGE_STYLES.body;
  const size = block.size && block.size > 0 ? block.size : s.size(doc);
  const lh = size * LINE_FACTOR;
  const align = block.para.align ?? (s.justify ? 'justify' : s.align);
  const rightInset = block.style === 'signature' ? 4 * size : 0;
  const runs = block.para.runs.map((r) => ({
    text: r.text,
    face: r.font ? faceOf(r.font, Boolean(r.bold || s.bold)) : faceOf(s.font, Boolean(r.bold || s.bold)),
    color: colorOf(r.color),
  }));
  const { lines, styles } = c.layout(runs, size, c.width - rightInset, align, block.para.indent ? 2 * size : 0);
  if (c.pages === 0) c.newPage();
  // The first line of the issuing office and date stands two lines below the text (公文 落款).
  if (block.style === 'signature' && previous !== undefined && previous !== 'signature') c.y += 2 * lh;
  const keep = KEEP_WITH_NEXT.has(block.style) ? 3 * doc.bodySize * LINE_FACTOR : 0;
  if (c.y > c.top && c.y + lines.length * lh + keep > c.bottom && lines.length * lh + keep <= c.bottom - c.top) {
    c.newPage();
  }
  for (const line of lines) {
    if (c.y + lh > c.bottom + 0.01 && c.y > c.top) c.newPage();
    c.drawLine(line, styles, c.left, c.y, c.width - rightInset, size, lh);
    c.y += lh;
  }
}

function drawPageNumbers(c: PdfCanvas, style: DocModel['page']['pageNumbers']) {
  if (style === 'none') return;
  const { start, count } = c.doc.bufferedPageRange();
  const size = PAGE_NUMBER_SIZE;
  const lh = size * 1.2;
  // The footer line's bottom sits 12 mm inside the bottom margin (at least 5 mm above the paper's edge), as in Word.
  const footerBottom = c.pageHeight - mmToPt(Math.max(5, (c.pageHeight - c.bottom) / PT_PER_MM - 12));
  c.flush();
  for (let i = 0; i < count; i++) {
    c.doc.switchToPage(start + i);
    const n = i + 1;
    // Half-width (en) spaces, as 宋体 sets them: Noto's proportional space is so narrow that text extraction
    // (pdftotext, copy and paste) would run "第2页共9页" together.
    const text = style === 'of' ? `第\u2002${n}\u2002页\u2002共\u2002${count}\u2002页` : `—\u2002${n}\u2002—`;
    const { lines, styles } = c.layout([{ text, face: 'serif', color: '000000' }], size, c.width, 'center', 0);
    c.resetStyle();
    c.drawLine(lines[0]!, styles, c.left, footerBottom - lh, c.width, size, lh);
    c.flush();
  }
}

/** Draw the model on a canvas (pages are buffered, the caller ends the document). */
export function drawDocument(c: PdfCanvas, doc: DocModel) {
  let previous: ParaBlock['style'] | undefined;
  let tables = 0;
  for (const block of doc.blocks) {
    if (block.kind === 'pageBreak') {
      c.newPage();
      previous = undefined;
    } else if (block.kind === 'paragraph') {
      drawParagraph(c, doc, block, previous);
      previous = block.style;
    } else {
      if (previous !== undefined) c.y += 0.25 * doc.bodySize;
      drawTable(c, block, tables++);
      c.y += 0.5 * doc.bodySize;
      previous = undefined;
    }
  }
  if (c.pages === 0) c.newPage();
  c.flush();
  drawPageNumbers(c, doc.page.pageNumbers);
}

/**
 * The document as a PDF file. Throws PdfFontsMissingError (Chinese message naming the package to install) when no CJK
 * font is found, and an Error when a table is not a sound grid.
 */
export async function renderPdf(doc: DocModel, options: RenderPdfOptions = {}): Promise<Buffer> {
  const fonts = options.fonts ?? requirePdfFonts();
  const canvas = new PdfCanvas(doc, fonts);
  const pdf = canvas.doc;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  try {
    drawDocument(canvas, doc);
  } catch (err) {
    pdf.end();
    await done.catch(() => undefined);
    throw err;
  }
  pdf.end();
  return done;
}
