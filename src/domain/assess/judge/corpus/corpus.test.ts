import { describe, expect, it } from 'vitest';
import type { CorpusCase } from './case';
import { scoreCase } from './evaluate';
import { allCases } from './index';

const ok = allCases.filter((c) => !c.knownIssue);
const known = allCases.filter((c) => c.knownIssue);

describe('labelled corpus', () => {
  it('has at least 300 statements with unique ids', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(allCases.map((c) => c.id)).size).toBe(allCases.length);
  });
  it.each(ok.map((c) => [c.id, c] as [string, CorpusCase]))('%s', (_id, cs) => {
    expect(scoreCase(cs).problems).toEqual([]);
  });
  if (known.length > 0) {
    it.fails.each(known.map((c) => [`${c.id} (known issue: ${c.knownIssue})`, c] as [string, CorpusCase]))(
      '%s',
      (_id, cs) => {
        expect(scoreCase(cs).problems).toEqual([]);
      },
    );
  }
});
