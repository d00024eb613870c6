/**
 * Line breaking for the PDF renderer. Chinese has no spaces, so breaking on spaces (what PDF libraries do) would
 * overflow every cell: here a line may break between any two CJK characters, never inside a run of Latin letters or
 * digits ("3.96", "19-2", "80%"), after spaces, and with the usual 避头尾 rules: no line starts with closing punctuation
 * (，。、；：）》” …) and none ends with opening punctuation (（《“ …). A word longer than the line is cut anywhere.
 *
 * Pure: widths come from a `measure(font, char)` callback in ems, so the rules are testable without a PDF.
 */
import type { Align } from '../../../domain/publish/document/model';

/** How a piece of text looks: a registered PDF font name and an "RRGGBB" colour. */
export type TextStyle = { font: string; color: string };

/** A run of characters in one style, as laid out on a line. */
export type Piece = { text: string; style: number; width: number; chars: number };

export type Line = {
  pieces: Piece[];
  /** Width of the text in pt (trailing spaces excluded). */
  width: number;
  /** Characters on the line (for justification). */
  chars: number;
  /** Left indent in pt (a paragraph's first line). */
  indent: number;
  align: Align;
  /** Last line of its paragraph (or before a hard break): never justified. */
  last: boolean;
};

/** Width of one character in ems for a font. */
export type Measure = (font: string, ch: string) => number;

/** A paragraph's input: text pieces each with a style index into the caller's style table. */
export type StyledText = { text: string; style: number };

/** Character classes for line breaking. */
const Cls = {
  /** Ideographs and everything else: break before and after. */
  ID: 0,
  /** Closing punctuation: no break before. */
  CL: 1,
  /** Opening punctuation: no break after. */
  OP: 2,
  /** Latin letters, digits and ASCII symbols: no break between two of them. */
  AL: 3,
  /** Space: the line may break after it; it hangs at the end of a line. */
  SP: 4,
  /** A newline inside a run: forced break. */
  BR: 5,
} as const;
type Cls = (typeof Cls)[keyof typeof Cls];

const CLOSING = new Set([...'，。、；：？！）》」』】〕〉〗”’…‥・·｝］｠〙〛～％‰℃°']);
const OPENING = new Set([...'（《「『【〔〈〖“‘｛［｟〘〚']);

function classify(ch: string): Cls {
  if (ch === ' ') return Cls.SP;
  if (ch === '\n') return Cls.BR;
  const code = ch.codePointAt(0)!;
  if (code > 0x20 && code < 0x7f) return Cls.AL;
  if (CLOSING.has(ch)) return Cls.CL;
  if (OPENING.has(ch)) return Cls.OP;
  // Latin-1 and Latin Extended letters (é, ü …) join words like ASCII.
  if (code >= 0xc0 && code < 0x250) return Cls.AL;
  return Cls.ID;
}

/** May the line break between `prev` and `cur` (i.e. `cur` starts the next line)? */
function canBreakBetween(prev: Cls, cur: Cls): boolean {
  if (cur === Cls.SP || cur === Cls.CL) return false;
  if (prev === Cls.SP) return true;
  if (prev === Cls.OP) return false;
  return !(prev === Cls.AL && cur === Cls.AL);
}

/** Control characters a PDF cannot show (tabs become spaces, CR is dropped, newlines stay as forced breaks). */
const isControl = (code: number) =>
  (code < 0x20 && code !== 0x0a) || code === 0x7f || code === 0xfffe || code === 0xffff;
export const cleanPdfText = (s: string) => {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code === 0x09) out += ' ';
    else if (!isControl(code)) out += ch;
  }
  return out;
};

type Flat = { chars: string[]; styles: number[]; cls: Cls[]; widths: number[] };

function flatten(runs: StyledText[], fonts: string[], size: number, measure: Measure): Flat {
  const flat: Flat = { chars: [], styles: [], cls: [], widths: [] };
  for (const run of runs) {
    const font = fonts[run.style]!;
    for (const ch of cleanPdfText(run.text)) {
      const cls = classify(ch);
      flat.chars.push(ch);
      flat.styles.push(run.style);
      flat.cls.push(cls);
      flat.widths.push(cls === Cls.BR ? 0 : measure(font, ch) * size);
    }
  }
  return flat;
}

function makeLine(f: Flat, start: number, end: number, indent: number, align: Align, last: boolean): Line {
  let stop = end;
  while (stop > start && f.cls[stop - 1] === Cls.SP) stop--;
  const pieces: Piece[] = [];
  let width = 0;
  let cur: Piece | undefined;
  for (let i = start; i < stop; i++) {
    const w = f.widths[i]!;
    width += w;
    if (cur && cur.style === f.styles[i]) {
      cur.text += f.chars[i];
      cur.width += w;
      cur.chars++;
    } else {
      cur = { text: f.chars[i]!, style: f.styles[i]!, width: w, chars: 1 };
      pieces.push(cur);
    }
  }
  return { pieces, width, chars: stop - start, indent, align, last };
}

/** The last break opportunity in (start, end), or -1. */
function lastBreakIn(f: Flat, start: number, end: number): number {
  for (let k = end - 1; k > start; k--) if (canBreakBetween(f.cls[k - 1]!, f.cls[k]!)) return k;
  return -1;
}

export type BreakOptions = {
  /** Font size in pt. */
  size: number;
  /** Line width in pt. */
  width: number;
  /** First-line indent in pt. */
  indent?: number;
  align: Align;
};

/**
 * Break one paragraph into lines. `fonts[style]` names the font of each style index used by `runs`. An empty paragraph
 * gives one empty line (it keeps its height, as in Word).
 */
export function breakParagraph(runs: StyledText[], fonts: string[], opts: BreakOptions, measure: Measure): Line[] {
  const f = flatten(runs, fonts, opts.size, measure);
  const lines: Line[] = [];
  const n = f.chars.length;
  const firstIndent = Math.min(opts.indent ?? 0, Math.max(0, opts.width - opts.size));
  const limit = opts.width + 0.01;
  let indent = firstIndent;
  let start = 0;
  let used = indent;
  for (let i = 0; i < n; i++) {
    const cls = f.cls[i]!;
    if (cls === Cls.BR) {
      lines.push(makeLine(f, start, i, indent, opts.align, true));
      start = i + 1;
      used = indent = 0;
      continue;
    }
    while (cls !== Cls.SP && i > start && used + f.widths[i]! > limit) {
      const brk = lastBreakIn(f, start, i + 1);
      const end = brk > start ? brk : i;
      lines.push(makeLine(f, start, end, indent, opts.align, false));
      start = end;
      indent = 0;
      used = 0;
      for (let k = start; k < i; k++) used += f.widths[k]!;
    }
    used += f.widths[i]!;
  }
  lines.push(makeLine(f, start, n, indent, opts.align, true));
  return lines;
}

/**
 * Where each piece of a line starts (pt from the line box's left edge) and the character spacing, for an alignment
 * within `width`. Justified lines spread the spare room over the gaps between characters (CJK justification).
 */
export function placeLine(line: Line, width: number): { xs: number[]; spacing: number } {
  const room = width - line.indent - line.width;
  let x = line.indent;
  let spacing = 0;
  if (line.align === 'center') x += Math.max(0, room) / 2;
  else if (line.align === 'right') x += Math.max(0, room);
  else if (line.align === 'justify' && !line.last && line.chars > 1 && room > 0) {
    // A line that broke early (a long Latin word pushed down) would be letter-spaced beyond reading: when the gaps
    // would pass a quarter of the average character, it stays left-aligned instead.
    const gap = room / (line.chars - 1);
    if (gap <= 0.25 * (line.width / line.chars)) spacing = gap;
  }
  const xs: number[] = [];
  for (const p of line.pieces) {
    xs.push(x);
    x += p.width + spacing * p.chars;
  }
  return { xs, spacing };
}
