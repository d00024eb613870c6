import { describe, expect, it } from 'vitest';
import { cellText, type TableBlock, textCell, validateTable } from './model';
import { sampleDocument } from './sample';

const tableOf = (doc = sampleDocument()) => doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;

describe('the document model', () => {
  it('finds the sample sound, whatever its size', () => {
    for (const n of [1, 3, 4, 5, 24, 37]) expect(validateTable(tableOf(sampleDocument(n))), `${n}`).toEqual([]);
  });

  it('reports rows that do not cover the grid, overlaps and spans past the end', () => {
    const t = tableOf();
    const short: TableBlock = { ...t, body: [[textCell('a')]] };
    expect(validateTable(short)[0]).toMatch(/covers 1 of 7/);
    const overlap: TableBlock = {
      ...t,
      header: [],
      body: [
        [textCell('a', { rowSpan: 2 }), ...Array.from({ length: 6 }, () => textCell('x'))],
        Array.from({ length: 7 }, () => textCell('y')),
      ],
    };
    expect(validateTable(overlap).join('\n')).toMatch(/slot claimed twice|overflow/);
    const past: TableBlock = { ...t, header: [], body: [[textCell('a', { rowSpan: 3, colSpan: 7 })]] };
    expect(validateTable(past)[0]).toMatch(/runs past the last row/);
  });

  it('keeps cell paragraphs as lines', () => {
    expect(cellText(textCell('1.甲\n2.乙'))).toBe('1.甲\n2.乙');
    expect(textCell('1.甲\n2.乙').paras).toHaveLength(2);
  });
});
