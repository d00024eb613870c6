/**
 * The CJK fonts the PDF renderer embeds (as subsets), found at run time. No government face exists on a Linux server,
 * so the roles map to Noto CJK SC (Debian/Ubuntu `fonts-noto-cjk`; RHEL/CentOS/Fedora `google-noto-serif-cjk-fonts` +
 * `google-noto-sans-cjk-fonts`, older releases `google-noto-*-cjk-ttc-fonts`):
 *
 * - `serif`     Noto Serif CJK SC Regular: body 仿宋 and 楷体 look, page numbers;
 * - `serifBold` Noto Serif CJK SC Bold: the title (小标宋 look) and bold runs;
 * - `sansBold`  Noto Sans CJK SC Bold: headings and table headers (黑体 look).
 *
 * `PDF_FONT_DIR` (one folder, or several separated by ":") is searched before the usual system folders. A missing face
 * is replaced by the nearest one found (recorded in `substitutions`); when no CJK face exists at all, `requirePdfFonts`
 * throws an error in Chinese that names the package to install.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

export type PdfFace = 'serif' | 'serifBold' | 'sansBold';

/** A font file and, for a collection (.ttc), the PostScript name of the face inside it. */
export type PdfFontFile = { path: string; postscriptName?: string };

export type PdfFontReport = {
  /** True when every face has a font (possibly a substitute). */
  ok: boolean;
  faces: Partial<Record<PdfFace, PdfFontFile>>;
  /** Faces served by another font, e.g. "sansBold ← NotoSerifCJK-Bold.ttc". */
  substitutions: string[];
  /** The folders searched, in order. */
  searched: string[];
  /** Chinese message when `ok` is false. */
  error?: string;
};

type Candidate = { file: string; postscriptName?: string };

const SERIF: Candidate[] = [
  { file: 'NotoSerifCJK-Regular.ttc', postscriptName: 'NotoSerifCJKsc-Regular' },
  { file: 'NotoSerifCJKsc-Regular.otf' },
  { file: 'NotoSerifSC-Regular.otf' },
  { file: 'NotoSerifSC-Regular.ttf' },
];
const SERIF_BOLD: Candidate[] = [
  { file: 'NotoSerifCJK-Bold.ttc', postscriptName: 'NotoSerifCJKsc-Bold' },
  { file: 'NotoSerifCJKsc-Bold.otf' },
  { file: 'NotoSerifSC-Bold.otf' },
  { file: 'NotoSerifSC-Bold.ttf' },
];
const SANS_BOLD: Candidate[] = [
  { file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold' },
  { file: 'NotoSansCJKsc-Bold.otf' },
  { file: 'NotoSansSC-Bold.otf' },
  { file: 'NotoSansSC-Bold.ttf' },
];
const SANS: Candidate[] = [
  { file: 'NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular' },
  { file: 'NotoSansCJKsc-Regular.otf' },
  { file: 'NotoSansSC-Regular.otf' },
  { file: 'NotoSansSC-Regular.ttf' },
];
/** Last resorts: any CJK face is better than tofu. */
const OTHER: Candidate[] = [
  { file: 'wqy-microhei.ttc', postscriptName: 'WenQuanYiMicroHei' },
  { file: 'wqy-zenhei.ttc', postscriptName: 'WenQuanYiZenHei' },
  { file: 'DroidSansFallbackFull.ttf' },
];

/** Each face: its own candidates first, then the nearest substitutes. */
const CHAINS: Record<PdfFace, Candidate[][]> = {
  serif: [SERIF, SANS, SERIF_BOLD, SANS_BOLD, OTHER],
  serifBold: [SERIF_BOLD, SERIF, SANS_BOLD, SANS, OTHER],
  sansBold: [SANS_BOLD, SANS, SERIF_BOLD, SERIF, OTHER],
};

/** Usual font folders: Debian/Ubuntu, RHEL/CentOS/Fedora, Arch/Alpine, local installs. */
export const SYSTEM_FONT_DIRS = [
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/google-noto-cjk',
  '/usr/share/fonts/google-noto-serif-cjk-fonts',
  '/usr/share/fonts/google-noto-sans-cjk-fonts',
  '/usr/share/fonts/google-noto-serif-cjk-ttc-fonts',
  '/usr/share/fonts/google-noto-sans-cjk-ttc-fonts',
  '/usr/share/fonts/noto-cjk',
  '/usr/share/fonts/noto',
  '/usr/local/share/fonts',
  '/usr/share/fonts/truetype/wqy',
  '/usr/share/fonts/wqy-microhei',
  '/usr/share/fonts/wqy-zenhei',
  '/usr/share/fonts/truetype/droid',
];

export const PDF_FONT_PACKAGES =
  'Debian/Ubuntu：apt-get install fonts-noto-cjk；RHEL/CentOS/Fedora：dnf install google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts（较旧版本为 google-noto-serif-cjk-ttc-fonts、google-noto-sans-cjk-ttc-fonts）';

function searchDirs(env: NodeJS.ProcessEnv, systemDirs: readonly string[]): string[] {
  const own = (env.PDF_FONT_DIR ?? '')
    .split(path.delimiter)
    .map((d) => d.trim())
    .filter(Boolean);
  const home = env.HOME || homedir();
  const user = home ? [path.join(home, '.local/share/fonts'), path.join(home, '.fonts')] : [];
  return [...new Set([...own, ...systemDirs, ...user])];
}

function findCandidate(dirs: string[], list: Candidate[]): PdfFontFile | undefined {
  for (const c of list) {
    for (const dir of dirs) {
      const p = path.join(dir, c.file);
      if (existsSync(p)) return c.postscriptName ? { path: p, postscriptName: c.postscriptName } : { path: p };
    }
  }
  return undefined;
}

/**
 * Look for the faces (no caching: a fresh look at the disk) in PDF_FONT_DIR, then `systemDirs`, then the user's font
 * folders. Use it for a health check: `ok`, the files per face, the substitutions, and the Chinese error when not ok.
 */
export function findPdfFonts(
  env: NodeJS.ProcessEnv = process.env,
  systemDirs: readonly string[] = SYSTEM_FONT_DIRS,
): PdfFontReport {
  const searched = searchDirs(env, systemDirs);
  const faces: PdfFontReport['faces'] = {};
  const substitutions: string[] = [];
  for (const face of Object.keys(CHAINS) as PdfFace[]) {
    const chain = CHAINS[face];
    for (let i = 0; i < chain.length; i++) {
      const found = findCandidate(searched, chain[i]!);
      if (!found) continue;
      faces[face] = found;
      if (i > 0) substitutions.push(`${face} ← ${path.basename(found.path)}`);
      break;
    }
  }
  const ok = faces.serif !== undefined && faces.serifBold !== undefined && faces.sansBold !== undefined;
  return {
    ok,
    faces,
    substitutions,
    searched,
    ...(ok
      ? {}
      : {
          error: `生成PDF需要中文字体，但未找到（需 Noto Serif CJK SC / Noto Sans CJK SC，例如 NotoSerifCJK-Regular.ttc）。请在服务器上安装字体：${PDF_FONT_PACKAGES}；或设置环境变量 PDF_FONT_DIR 指向存放这些字体文件的目录。已查找：${searched.join('、')}`,
        }),
  };
}

/** Thrown when no CJK font can be embedded; the message is Chinese and names the packages. */
export class PdfFontsMissingError extends Error {
  readonly code = 'PDF_FONTS_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'PdfFontsMissingError';
  }
}

let cached: { key: string; report: PdfFontReport } | undefined;

/** The faces to embed (cached per PDF_FONT_DIR value); throws PdfFontsMissingError when none is found. */
export function requirePdfFonts(
  env: NodeJS.ProcessEnv = process.env,
  systemDirs: readonly string[] = SYSTEM_FONT_DIRS,
): Record<PdfFace, PdfFontFile> {
  const key = `${env.PDF_FONT_DIR ?? ''}\n${env.HOME ?? ''}\n${systemDirs.join('\n')}`;
  if (!cached || cached.key !== key || !cached.report.ok) cached = { key, report: findPdfFonts(env, systemDirs) };
  const { report } = cached;
  if (!report.ok) throw new PdfFontsMissingError(report.error ?? '未找到中文字体');
  return report.faces as Record<PdfFace, PdfFontFile>;
}

/** A parsed font as pdfkit accepts it (a fontkit font: anything with `layout`). */
export type LoadedPdfFont = { layout: (...args: unknown[]) => unknown; postscriptName: string };

type Fontkit = { create: (buffer: Uint8Array, postscriptName?: string) => unknown };
let fontkit: Fontkit | undefined;
const loaded = new Map<string, LoadedPdfFont>();

/**
 * Parse a font file once per process (fontkit, the parser pdfkit itself uses) and keep it: opening the 20–27 MB Noto
 * CJK collections costs about a second, which would otherwise be paid by every document. Each document still makes its
 * own subset. Returns the path (pdfkit then opens the file itself) when fontkit cannot be reached.
 */
export function loadPdfFont(file: PdfFontFile): LoadedPdfFont | string {
  const key = `${file.path}#${file.postscriptName ?? ''}`;
  const hit = loaded.get(key);
  if (hit) return hit;
  try {
    // fontkit is pdfkit's own dependency: resolve it from pdfkit so the two always agree.
    fontkit ??= createRequire(createRequire(import.meta.url).resolve('pdfkit'))('fontkit') as Fontkit;
  } catch {
    return file.path;
  }
  const font = fontkit.create(readFileSync(file.path), file.postscriptName) as LoadedPdfFont | null;
  if (!font || typeof font.layout !== 'function') {
    throw new PdfFontsMissingError(
      `字体文件 ${file.path} 中没有字形 ${file.postscriptName ?? ''}，无法生成PDF。请重新安装字体：${PDF_FONT_PACKAGES}`,
    );
  }
  const fast = withSimpleLayout(font);
  loaded.set(key, fast);
  return fast;
}

/**
 * Parse the faces now (about a second of CPU for the three Noto CJK collections) so that the first PDF a server makes
 * does not pay for it; call it at start-up or in the background. Returns the report; never throws.
 */
export function preloadPdfFonts(env: NodeJS.ProcessEnv = process.env): PdfFontReport {
  const report = findPdfFonts(env);
  if (report.ok) for (const f of Object.values(report.faces)) loadPdfFont(f);
  return report;
}

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };

/**
 * The font with a character-to-glyph layout (cmap only, no OpenType shaping). fontkit's full shaping runs the CJK
 * fonts' large GSUB/GPOS tables for every distinct string; for Chinese text it changes nothing (the SC face's cmap
 * already gives the simplified-Chinese forms) and it was 80 % of the time of a 2,000-row table. What is lost: Latin
 * kerning and ligatures, and mark positioning for combining accents — none of which the documents rely on.
 */
function withSimpleLayout(font: LoadedPdfFont): LoadedPdfFont {
  const real = font as unknown as { glyphForCodePoint: (cp: number) => Glyph };
  const byCodePoint = new Map<number, Glyph>();
  const glyphOf = (cp: number) => {
    let g = byCodePoint.get(cp);
    if (!g) {
      g = real.glyphForCodePoint(cp);
      byCodePoint.set(cp, g);
    }
    return g;
  };
  const layout = (text: string) => {
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    for (const ch of text) {
      const glyph = glyphOf(ch.codePointAt(0)!);
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
    }
    return {
      glyphs,
      positions,
      // pdfkit scales the positions after layout, then reads the run's width.
      get advanceWidth() {
        let w = 0;
        for (const p of positions) w += p.xAdvance;
        return w;
      },
    };
  };
  return new Proxy(font, {
    get(target, prop) {
      if (prop === 'layout') return layout;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
