/** The audit chain's definition and its verifier, without a database. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ChainRow, canonicalEntry, type Digest, entryHash, GENESIS_HASH, verdictText, verifyChain } from './chain';
import { beijingTime, boundOf } from './labels';

const sha256: Digest = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A valid chain of n entries after the anchor. */
function chain(n: number, anchor = { seq: 0, hash: GENESIS_HASH }): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = anchor.hash;
  for (let i = 1; i <= n; i++) {
    const e = {
      seq: anchor.seq + i,
      id: `id-${i}`,
      at: `2026-03-0${(i % 9) + 1}T08:00:00.000Z`,
      actorId: i % 2 ? 'u-1' : null,
      actorName: i % 2 ? '张三' : null,
      action: 'report.save',
      entity: 'report',
      entityId: `r-${i}`,
      before: i === 2 ? '{"v":1}' : null,
      after: JSON.stringify({ v: i, 文字: '进展' }),
      ip: '10.0.0.1',
    };
    const hash = entryHash(sha256, prev, e);
    rows.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}
const headOf = (rows: ChainRow[]) => ({ seq: rows.at(-1)!.seq!, hash: rows.at(-1)!.hash! });
const verify = (rows: ChainRow[], head = headOf(rows), anchor = { seq: 0, hash: GENESIS_HASH }) =>
  verifyChain(rows, { anchor, head, digest: sha256 });

describe('the audit hash chain', () => {
  it('has a fixed canonical form (keys in order, absent values null)', () => {
    expect(
      canonicalEntry({
        seq: 7,
        id: 'x',
        at: '2026-01-01T00:00:00.000Z',
        actorId: null,
        actorName: '李四',
        action: 'login',
        entity: 'user',
        entityId: 'u',
        before: null,
        after: '{"a":1}',
        ip: null,
      }),
    ).toBe(
      '{"seq":7,"id":"x","at":"2026-01-01T00:00:00.000Z","actorId":null,"actorName":"李四","action":"login","entity":"user","entityId":"u","before":null,"after":"{\\"a\\":1}","ip":null}',
    );
  });

  it('verifies an intact chain, and an empty one', () => {
    const rows = chain(5);
    const v = verify(rows);
    expect(v).toMatchObject({ ok: true, checked: 5, broken: null });
    expect(verdictText(v)).toMatch(/^通过/);
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toMatchObject({ ok: true, checked: 0 });
  });

  it('finds a changed entry (hash)', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, after: '{"v":999}' };
    const v = verify(rows);
    expect(v.broken).toMatchObject({ seq: 3, kind: 'hash' });
    expect(verdictText(v)).toMatch(/^不通过：第 3 条/);
  });

  it('finds a rewritten entry whose hash was recomputed (prev of the next)', () => {
    const rows = chain(5);
    const forged = { ...rows[1]!, actorName: '王五' };
    rows[1] = { ...forged, hash: entryHash(sha256, forged.prevHash!, { ...forged, seq: 2 }) };
    expect(verify(rows).broken).toMatchObject({ seq: 3, kind: 'prev' });
  });

  it('finds deleted entries in the middle and at the end (gap)', () => {
    const rows = chain(6);
    expect(verify([...rows.slice(0, 2), ...rows.slice(4)]).broken).toMatchObject({ seq: 3, kind: 'gap' });
    expect(verify(rows.slice(0, 4), headOf(rows)).broken).toMatchObject({ seq: 5, kind: 'gap' });
  });

  it('starts from a retention anchor', () => {
    const rows = chain(6);
    const anchor = { seq: rows[2]!.seq!, hash: rows[2]!.hash! };
    expect(verify(rows.slice(3), headOf(rows), anchor)).toMatchObject({ ok: true, checked: 3 });
    // The anchor itself cannot be moved past entries that still exist…
    expect(verify(rows.slice(2), headOf(rows), anchor).broken).toMatchObject({ kind: 'order' });
    // …nor to a hash the next entry does not follow.
    expect(verify(rows.slice(3), headOf(rows), { ...anchor, hash: GENESIS_HASH }).broken).toMatchObject({
      seq: 4,
      kind: 'prev',
    });
  });

  it('flags a head that does not match the last entry, and unchained rows', () => {
    const rows = chain(3);
    expect(verify(rows, { seq: 3, hash: 'f'.repeat(64) }).broken).toMatchObject({ kind: 'head' });
    expect(verify([{ ...rows[0]!, seq: null, hash: null }], headOf(rows)).broken).toMatchObject({
      kind: 'unchained',
    });
  });
});

describe('audit times', () => {
  it('shows Beijing time and reads date bounds as Beijing days', () => {
    expect(beijingTime('2026-03-31T16:30:00.000Z')).toBe('2026-04-01 00:30:00');
    expect(boundOf('2026-04-01')).toBe('2026-03-31T16:00:00.000Z');
    expect(boundOf('2026-04-01', true)).toBe('2026-04-01T16:00:00.000Z');
    expect(boundOf('2026-04-01T10:00:00Z')).toBe('2026-04-01T10:00:00.000Z');
    expect(boundOf('昨天')).toBeNull();
  });
});
