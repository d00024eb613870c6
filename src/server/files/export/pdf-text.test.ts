import { describe, expect, it } from 'vitest';
import { breakParagraph, type Line, placeLine } from './pdf-text';

/** CJK characters 1 em, ASCII 0.5 em (a monospaced stand-in for a font). */
const measure = (_font: string, ch: string) => (ch.codePointAt(0)! < 0x80 ? 0.5 : 1);
const text = (l: Line) => l.pieces.map((p) => p.text).join('');

function lines(s: string, chars: number, opts: { indent?: number } = {}) {
  return breakParagraph(
    [{ text: s, style: 0 }],
    ['f'],
    { size: 10, width: chars * 10, align: 'left', ...opts },
    measure,
  );
}

describe('breakParagraph', () => {
  it('breaks Chinese text between any two characters', () => {
    expect(lines('一二三四五六七八九十', 4).map(text)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    // "四，" may not be split: the 四 moves down with its comma.
    expect(lines('一二三四，五六七', 4).map(text)).toEqual(['一二三', '四，五六', '七']);
    // "（区" may not be split: the bracket moves down with the character after it.
    expect(lines('一二三（区）', 4).map(text)).toEqual(['一二三', '（区）']);
  });

  it('keeps numbers and Latin words whole, breaks after spaces, cuts a word longer than the line', () => {
    expect(lines('完成3.96公里', 3).map(text)).toEqual(['完成', '3.96公', '里']);
    expect(lines('ab cd ef', 3).map(text)).toEqual(['ab cd', 'ef']);
    expect(lines('abcdefghij', 2).map(text)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('indents the first line, honours newlines, keeps an empty paragraph as one empty line', () => {
    const ls = lines('一二三四五六', 4, { indent: 20 });
    expect(ls.map(text)).toEqual(['一二', '三四五六']);
    expect(ls.map((l) => l.indent)).toEqual([20, 0]);
    expect(lines('一二\n三', 10).map(text)).toEqual(['一二', '三']);
    expect(lines('', 10).map(text)).toEqual(['']);
    expect(lines('', 10)).toHaveLength(1);
  });

  it('keeps styles apart and measures every piece', () => {
    const ls = breakParagraph(
      [
        { text: '完成情况：', style: 1 },
        { text: '已完成', style: 0 },
      ],
      ['f', 'b'],
      { size: 10, width: 100, align: 'left' },
      measure,
    );
    expect(ls).toHaveLength(1);
    expect(ls[0]!.pieces.map((p) => [p.text, p.style, p.width])).toEqual([
      ['完成情况：', 1, 50],
      ['已完成', 0, 30],
    ]);
  });
});

describe('placeLine', () => {
  it('centres, right-aligns and justifies all but the last line', () => {
    const [first, last] = lines('一二三四五六', 4).map((l) => ({ ...l, align: 'justify' as const }));
    expect(placeLine(first!, 40).spacing).toBe(0);
    // "一二三四五六七（区）" in 8 characters: the first line "一二三四五六七" spreads one character over 6 gaps.
    const narrow = lines('一二三四五六七（区）', 8)[0]!;
    expect(placeLine({ ...narrow, align: 'justify' }, 80).spacing).toBeCloseTo(10 / 6);
    // A line that lost half its width to a long word stays left-aligned.
    const early = lines('ab cdefghijklmnop', 5)[0]!;
    expect(placeLine({ ...early, align: 'justify' }, 50).spacing).toBe(0);
    expect(placeLine({ ...last!, align: 'justify' }, 40).spacing).toBe(0);
    expect(placeLine({ ...last!, align: 'center' }, 40).xs[0]).toBe(10);
    expect(placeLine({ ...last!, align: 'right' }, 40).xs[0]).toBe(20);
  });
});
