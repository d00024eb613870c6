/**
 * The drawing surface of the PDF renderer: a pdfkit document with the CJK faces registered, the page's content box in
 * points, a cursor, glyph widths (cached per font across documents) and the few primitives the layout needs: a line
 * of styled text on a baseline, a cell box with shading and borders. Text is real text (CID fonts with ToUnicode, so
 * it can be selected and searched); pdfkit embeds only the glyphs used (subset fonts).
 */
import PDFDocument from 'pdfkit';
import type { Align, DocModel, FontRole, PageSetup } from '../../../domain/publish/document/model';
import { loadPdfFont, type PdfFace, type PdfFontFile } from './pdf-fonts';
import { breakParagraph, type Line, type Measure, placeLine, type StyledText, type TextStyle } from './pdf-text';

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;
export const mmToPt = (mm: number) => mm * PT_PER_MM;

/** A4 in points (portrait). */
const A4 = { width: 595.28, height: 841.89 };

/** Where the ideographic em box sits in a line box: CJK glyphs span −0.12 … 0.88 em around the baseline. */
const ASCENT = 0.88;

/** The face for a font role; bold switches serif faces to the bold serif (黑体 has one weight). */
export function faceOf(font: FontRole, bold: boolean): PdfFace {
  if (font === 'heading') return 'sansBold';
  if (font === 'title') return 'serifBold';
  return bold ? 'serifBold' : 'serif';
}

const HEX = /^[0-9A-F]{6}$/;
/** "RRGGBB" (a leading # tolerated) or black. */
export const colorOf = (c: string | undefined): string => {
  const v = (c ?? '').replace(/^#/, '').toUpperCase();
  return HEX.test(v) ? v : '000000';
};

/** Em widths per font file + face, per character: shared by all documents of the process. */
const widthCache = new Map<string, Map<string, number>>();

/** What the renderer uses of pdfkit's embedded font (internal API, checked when a face is first used). */
type EmbeddedFont = {
  id: string;
  encode: (text: string) => [string[], unknown[]];
  ref: () => unknown;
  widthOfString: (text: string, size: number) => number;
};

/** A run as the layout needs it: text, face and colour. */
export type StyledRun = { text: string; face: PdfFace; color: string };

/** A paragraph laid out in lines, with the styles its pieces refer to. */
export type LaidPara = { lines: Line[]; styles: TextStyle[] };

export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** Cursor: the top of the next thing drawn on the current page. */
  y = 0;
  /** Pages added so far. */
  pages = 0;
  private readonly widths: Record<PdfFace, Map<string, number>>;
  private readonly faces: Partial<Record<PdfFace, EmbeddedFont>> = {};
  /** Operators waiting to be written into the current page. */
  private ops: string[] = [];
  private fill = '';
  private spacing = 0;

  constructor(
    model: DocModel,
    readonly fonts: Record<PdfFace, PdfFontFile>,
  ) {
    const page: PageSetup = model.page;
    const landscape = page.orientation === 'landscape';
    this.pageWidth = landscape ? A4.height : A4.width;
    this.pageHeight = landscape ? A4.width : A4.height;
    const m = page.margins;
    this.left = mmToPt(m.left);
    this.right = this.pageWidth - mmToPt(m.right);
    this.top = mmToPt(m.top);
    this.bottom = this.pageHeight - mmToPt(m.bottom);
    if (this.right - this.left < 72 || this.bottom - this.top < 72) {
      throw new Error('renderPdf: the margins leave less than one inch of text block');
    }
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: true,
      compress: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: model.meta.title,
        ...(model.meta.author ? { Author: model.meta.author } : {}),
        Creator: 'Shishi 实事',
        Producer: 'Shishi 实事 (pdfkit)',
      },
    });
    const widths = {} as Record<PdfFace, Map<string, number>>;
    for (const face of Object.keys(fonts) as PdfFace[]) {
      const f = fonts[face];
      const key = `${f.path}#${f.postscriptName ?? ''}`;
      let map = widthCache.get(key);
      if (!map) {
        map = new Map();
        widthCache.set(key, map);
      }
      widths[face] = map;
    }
    this.widths = widths;
  }

  get width() {
    return this.right - this.left;
  }

  newPage() {
    this.flush();
    this.doc.addPage({ size: [this.pageWidth, this.pageHeight], margin: 0 });
    this.pages++;
    this.resetStyle();
    this.ops.push('0.5 w 0 G');
    this.y = this.top;
  }

  /** Forget the colour and spacing last set (a new page, or switching back to an earlier one). */
  resetStyle() {
    this.fill = '';
    this.spacing = Number.NaN;
  }

  /**
   * Write the pending drawing operators into the current page. Operators are collected as text and written once per
   * page: pdfkit turns every operator it writes into a separate byte array, which for 40,000 lines of text was most
   * of the time spent (and of the garbage collection).
   */
  flush() {
    if (this.ops.length === 0) return;
    this.doc.addContent(this.ops.join('\n'));
    this.ops = [];
  }

  /** Width of one character in ems. */
  readonly measure: Measure = (face, ch) => {
    const map = this.widths[face as PdfFace];
    const hit = map.get(ch);
    if (hit !== undefined) return hit;
    const w = this.embedded(face as PdfFace).widthOfString(ch, 1);
    map.set(ch, w);
    return w;
  };

  /** pdfkit's font object for a face (loaded on first use: an unused face is not embedded). */
  private embedded(face: PdfFace): EmbeddedFont {
    let f = this.faces[face];
    if (!f) {
      const file = this.fonts[face];
      const loaded = loadPdfFont(file);
      if (typeof loaded === 'string') this.doc.registerFont(face, loaded, file.postscriptName);
      else this.doc.registerFont(face, loaded as unknown as PDFKit.Mixins.PDFFontSource);
      this.doc.font(face);
      f = (this.doc as unknown as { _font: EmbeddedFont })._font;
      if (typeof f?.encode !== 'function' || typeof f.ref !== 'function' || typeof f.id !== 'string') {
        throw new Error('renderPdf: this pdfkit version does not expose the font encoder the renderer relies on');
      }
      this.faces[face] = f;
    }
    return f;
  }

  private setFill(color: string) {
    if (this.fill === color) return;
    this.fill = color;
    const n = Number.parseInt(color, 16);
    this.ops.push(`${num(((n >> 16) & 255) / 255)} ${num(((n >> 8) & 255) / 255)} ${num((n & 255) / 255)} rg`);
  }

  /** Lay out one paragraph of runs in lines of `width` pt. */
  layout(runs: StyledRun[], size: number, width: number, align: Align, indent: number): LaidPara {
    const styles: TextStyle[] = [];
    const index = new Map<string, number>();
    const pieces: StyledText[] = runs.map((r) => {
      const key = `${r.face}|${r.color}`;
      let s = index.get(key);
      if (s === undefined) {
        s = styles.length;
        styles.push({ font: r.face, color: r.color });
        index.set(key, s);
      }
      return { text: r.text, style: s };
    });
    const lines = breakParagraph(
      pieces,
      styles.map((s) => s.font),
      { size, width, indent, align },
      this.measure,
    );
    return { lines, styles };
  }

  /** Draw one line in a line box whose top-left is (x, top), `lineHeight` high and `width` wide. */
  drawLine(line: Line, styles: TextStyle[], x: number, top: number, width: number, size: number, lineHeight: number) {
    if (line.pieces.length === 0) return;
    const baseline = top + (lineHeight - size) / 2 + ASCENT * size;
    const { xs, spacing } = placeLine(line, width);
    const fonts = (this.doc.page as unknown as { fonts: Record<string, unknown> }).fonts;
    line.pieces.forEach((p, k) => {
      const s = styles[p.style]!;
      const font = this.embedded(s.font as PdfFace);
      fonts[font.id] ??= font.ref();
      this.setFill(s.color);
      const [glyphs] = font.encode(p.text);
      // The page's user space runs top-down (pdfkit flips it): a text matrix with d = −1 sets the glyphs upright.
      const tc = spacing === this.spacing ? '' : `${num(spacing)} Tc `;
      this.spacing = spacing;
      this.ops.push(
        `BT /${font.id} ${num(size)} Tf ${tc}1 0 0 -1 ${num(x + xs[k]!)} ${num(baseline)} Tm <${glyphs.join('')}> Tj ET`,
      );
    });
  }

  /** A box: optional fill, then a 0.5 pt black border. */
  box(x: number, y: number, w: number, h: number, fill?: string) {
    const r = `${num(x)} ${num(y)} ${num(w)} ${num(h)} re`;
    if (fill) {
      this.setFill(fill);
      this.ops.push(`${r} f`);
    }
    this.ops.push(`${r} S`);
  }
}

/** A number for a content stream: at most 3 decimals, no exponent. */
function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}
