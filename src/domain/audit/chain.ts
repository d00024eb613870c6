/**
 * The audit log's hash chain (等保 安全审计: 审计记录的保护, 存储完整性). Pure: the digest is injected (SHA-256 by
 * default, SM3 or an HMAC from the crypto provider), so the server, the CLI and tests share one definition.
 *
 * Each entry carries a gap-free `seq`, the previous entry's hash (`prevHash`) and its own
 * `hash = H(prevHash + canonical JSON of the entry)`. The canonical JSON is an object with the keys in this order:
 * seq, id, at, actorId, actorName, action, entity, entityId, before, after, ip — before/after as the stored JSON text,
 * absent values as null. Migration 0008 backfills older rows with the very same definition (it keeps its own copy:
 * migrations are frozen); changing it would break every chain already written.
 *
 * The chain starts at an anchor: `{ seq: 0, hash: GENESIS_HASH }` for a complete log, or the last entry removed by
 * the retention purge. Verification walks the rows after the anchor in `seq` order and stops at the first break.
 */

/** The hex digest of a UTF-8 string (SHA-256, SM3, or an HMAC with a key the caller holds). */
export type Digest = (data: string) => string;

/** The `prevHash` of the first entry of a log that was never purged. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers. */
export type ChainFields = {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  /** JSON text as stored, or null. */
  before: string | null;
  after: string | null;
  ip: string | null;
};

/** A stored entry: `seq`, `prevHash` and `hash` may be missing only when someone bypassed the application. */
export type ChainRow = Omit<ChainFields, 'seq'> & { seq: number | null; prevHash: string | null; hash: string | null };

/** A position in the chain: an entry's sequence number and hash. */
export type ChainPoint = { seq: number; hash: string };

/** The canonical text of an entry (what the hash covers, after the previous hash). */
export function canonicalEntry(e: ChainFields): string {
  return JSON.stringify({
    seq: e.seq,
    id: e.id,
    at: e.at,
    actorId: e.actorId ?? null,
    actorName: e.actorName ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip ?? null,
  });
}

/** The hash of an entry that follows `prevHash`. */
export const entryHash = (digest: Digest, prevHash: string, e: ChainFields): string =>
  digest(prevHash + canonicalEntry(e));

/**
 * How the chain is broken: an entry's content changed (hash), an entry does not follow the one before it (prev),
 * entries are missing (gap), sequence numbers repeat or go backwards (order), the stored head does not match the last
 * entry (head), or an entry was written without the chain (unchained).
 */
export type ChainBreakKind = 'hash' | 'prev' | 'gap' | 'order' | 'head' | 'unchained';

export type ChainBreak = { seq: number | null; kind: ChainBreakKind; message: string };

export type ChainVerdict = {
  ok: boolean;
  /** Entries checked after the anchor. */
  checked: number;
  anchor: ChainPoint;
  /** The head the database records (seq and hash of the newest entry). */
  head: ChainPoint;
  /** The first break, or null. */
  broken: ChainBreak | null;
};

const fail = (seq: number | null, kind: ChainBreakKind, message: string): ChainBreak => ({ seq, kind, message });

/** The first problem of one row, given the point it must follow. */
function checkRow(row: ChainRow, last: ChainPoint, digest: Digest): ChainBreak | null {
  if (row.seq === null || row.hash === null || row.prevHash === null)
    return fail(row.seq, 'unchained', `记录 ${row.id} 未写入哈希链（绕过了应用程序写入）`);
  const expected = last.seq + 1;
  if (row.seq > expected) {
    const to = row.seq - 1;
    const range = to === expected ? `第 ${expected} 条` : `第 ${expected}–${to} 条`;
    return fail(expected, 'gap', `缺少${range}记录（已被删除）`);
  }
  if (row.seq < expected) return fail(row.seq, 'order', `第 ${row.seq} 条记录的序号重复或顺序错乱`);
  if (row.prevHash !== last.hash)
    return fail(row.seq, 'prev', `第 ${row.seq} 条记录的前序哈希与第 ${last.seq} 条记录的哈希不符（链被重写）`);
  if (entryHash(digest, row.prevHash, { ...row, seq: row.seq }) !== row.hash)
    return fail(row.seq, 'hash', `第 ${row.seq} 条记录的内容与其哈希不符（记录被篡改）`);
  return null;
}

/**
 * An incremental verifier (rows arrive page by page): `push` each row in `seq` order, then `finish` with the head the
 * database records. Stops looking after the first break.
 */
export function chainVerifier(anchor: ChainPoint, digest: Digest) {
  let last: ChainPoint = anchor;
  let checked = 0;
  let broken: ChainBreak | null = null;
  return {
    /** Check the next row; returns false once the chain is broken (the caller may stop reading). */
    push(row: ChainRow): boolean {
      if (broken) return false;
      broken = checkRow(row, last, digest);
      if (broken) return false;
      checked++;
      last = { seq: row.seq!, hash: row.hash! };
      return true;
    },
    finish(head: ChainPoint): ChainVerdict {
      if (!broken && last.seq < head.seq) {
        const from = last.seq + 1;
        const range = from === head.seq ? `第 ${from} 条` : `第 ${from}–${head.seq} 条`;
        broken = fail(from, 'gap', `缺少最新的${range}记录（已被删除）`);
      } else if (!broken && (last.seq !== head.seq || last.hash !== head.hash))
        broken = fail(last.seq, 'head', `最新记录（第 ${last.seq} 条）与链头（第 ${head.seq} 条）不符`);
      return { ok: broken === null, checked, anchor, head, broken };
    },
  };
}

/** Verify rows (in `seq` order) from the anchor to the recorded head. */
export function verifyChain(
  rows: Iterable<ChainRow>,
  opts: { anchor: ChainPoint; head: ChainPoint; digest: Digest },
): ChainVerdict {
  const v = chainVerifier(opts.anchor, opts.digest);
  for (const row of rows) if (!v.push(row)) break;
  return v.finish(opts.head);
}

/** A one-line Chinese summary of a verdict (CLI, the page). */
export function verdictText(v: ChainVerdict): string {
  if (v.ok) return `通过：自第 ${v.anchor.seq + 1} 条起共 ${v.checked} 条记录，哈希链完整（链头第 ${v.head.seq} 条）`;
  return `不通过：${v.broken?.message ?? '哈希链不完整'}`;
}
