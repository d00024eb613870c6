/**
 * The audit log: append-only and hash-chained (migration 0008, domain/audit/chain.ts): who/when/what/before/after.
 *
 * Every entry gets the next `seq` and `hash = H(prev_hash + canonical entry)`. The chain's one row (`audit_chain`,
 * id 1) is claimed by an UPDATE inside the writing transaction — the caller's, or one opened here when the caller
 * passed the plain handle — so on PostgreSQL concurrent writers wait for each other's commit and chain in commit order;
 * SQLite has one writer at a time (one connection per process, Kysely holds it for the whole transaction, and the
 * file's write lock is taken by that first UPDATE).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type ChainPoint, type ChainRow, type Digest, entryHash } from '../../domain/audit/chain';
import type { Db, DbOrTx } from '../db/connect';
import { newId } from '../util';

export type AuditEntry = {
  /** When it happened (ISO), from the caller's clock (`ctx.now()`). */
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

// ---- The digest -------------------------------------------------------------------------------------------------

const nodeDigest =
  (algorithm: string): Digest =>
  (data) =>
    createHash(algorithm).update(data, 'utf8').digest('hex');

/** Digests by algorithm name; SHA-256 and SM3 (Node's OpenSSL) are built in, others come from configureAuditDigest. */
const DIGESTS = new Map<string, Digest>([
  ['sha256', nodeDigest('sha256')],
  ['sm3', nodeDigest('sm3')],
]);
/** The algorithm a new chain (an empty log) is written with. */
let preferredAlgorithm = 'sha256';

/**
 * Choose the digest of the audit chain (e.g. `configureAuditDigest('sm3')`, or an HMAC from the crypto provider:
 * `configureAuditDigest('hmac-sm3', provider.mac)`). An empty log starts its chain with it; a chain already written
 * keeps the algorithm recorded in audit_chain, which must then be known here (built in or configured), else writing
 * an audit entry fails — and with it the audited action (fail closed).
 */
export function configureAuditDigest(algorithm: string, digest?: Digest): void {
  if (digest) DIGESTS.set(algorithm, digest);
  else if (!DIGESTS.has(algorithm)) throw new Error(`未知的审计日志摘要算法：${algorithm}`);
  preferredAlgorithm = algorithm;
}

/** The algorithm an empty log starts its chain with. */
export const preferredAuditAlgorithm = (): string => preferredAlgorithm;

/** The digest function of an algorithm name (throws in Chinese when it is not known in this process). */
export function auditDigest(algorithm: string | null): Digest {
  const digest = DIGESTS.get(algorithm ?? preferredAlgorithm);
  if (!digest) throw new Error(`审计日志哈希链使用的摘要算法 ${algorithm} 在本进程中未配置，无法写入或校验`);
  return digest;
}

// ---- Writing ----------------------------------------------------------------------------------------------------

/** Append one audit record: inside the caller's transaction, or in a transaction of its own on the plain handle. */
export async function insertAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  if (db.isTransaction) return appendEntry(db, e);
  await db.transaction().execute((trx) => appendEntry(trx, e));
}

async function appendEntry(trx: DbOrTx, e: AuditEntry): Promise<void> {
  // Claim the next number. This UPDATE locks the chain row until commit: concurrent writers queue here.
  const head = await trx
    .updateTable('auditChain')
    .set((eb) => ({
      headSeq: eb('headSeq', '+', 1),
      algorithm: eb.fn.coalesce('algorithm', eb.val(preferredAlgorithm)),
    }))
    .where('id', '=', 1)
    .returning(['headSeq', 'headHash', 'algorithm'])
    .executeTakeFirstOrThrow();
  const entry = {
    seq: head.headSeq,
    id: newId(),
    at: e.at,
    actorId: e.actorId ?? null,
    actorName: e.actorName ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    before: e.before === undefined ? null : JSON.stringify(e.before),
    after: e.after === undefined ? null : JSON.stringify(e.after),
    ip: e.ip ?? null,
  };
  const hash = entryHash(auditDigest(head.algorithm), head.headHash, entry);
  await trx
    .insertInto('auditLog')
    .values({ ...entry, prevHash: head.headHash, hash })
    .execute();
  await trx.updateTable('auditChain').set({ headHash: hash }).where('id', '=', 1).execute();
}

// ---- Reading ----------------------------------------------------------------------------------------------------

/** Audit records for an entity, newest first. */
export async function findAudit(db: DbOrTx, entity: string, entityId: string) {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('at', 'desc')
    .execute();
}

/** The chain's state: head, retention anchor, algorithm. */
export async function readAuditChain(db: DbOrTx) {
  const c = await db.selectFrom('auditChain').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return {
    head: { seq: c.headSeq, hash: c.headHash } as ChainPoint,
    anchor: { seq: c.anchorSeq, hash: c.anchorHash } as ChainPoint,
    anchorAt: c.anchorAt,
    algorithm: c.algorithm,
  };
}

const CHAIN_COLUMNS = [
  'seq',
  'id',
  'at',
  'actorId',
  'actorName',
  'action',
  'entity',
  'entityId',
  'before',
  'after',
  'ip',
  'prevHash',
  'hash',
] as const;

/** Entries with afterSeq < seq ≤ uptoSeq, in seq order, at most `limit`. */
export async function auditRowsAfter(
  db: DbOrTx,
  afterSeq: number,
  uptoSeq: number,
  limit: number,
): Promise<ChainRow[]> {
  return db
    .selectFrom('auditLog')
    .select(CHAIN_COLUMNS)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', uptoSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Entries written without the chain (only possible by bypassing the application and its triggers). */
export async function countUnchainedAudit(db: DbOrTx): Promise<{ count: number; firstId: string | null }> {
  const r = await db
    .selectFrom('auditLog')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('id').as('firstId')])
    .where((eb) => eb.or([eb('seq', 'is', null), eb('hash', 'is', null), eb('prevHash', 'is', null)]))
    .executeTakeFirstOrThrow();
  return { count: Number(r.n), firstId: r.firstId ?? null };
}

/** What the audit page and the export filter on. Bounds are ISO timestamps: from inclusive, to exclusive. */
export type AuditFilter = {
  from?: string | undefined;
  to?: string | undefined;
  /** Part of the actor's name (case-insensitive for Latin letters). */
  actor?: string | undefined;
  /** An action code, exactly. */
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** The client address, or its beginning (e.g. "10.1."). */
  ip?: string | undefined;
  /** Part of a unit's name: entries by or about that unit's accounts, about the unit itself or its reports. */
  unit?: string | undefined;
};

/** LIKE pattern text with %, _ and the escape character taken literally. */
const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: DbOrTx, f: AuditFilter) {
  let q = db.selectFrom('auditLog');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.actor) {
    const pattern = `%${likeText(f.actor.toLowerCase())}%`;
    q = q.where(sql<boolean>`lower(${sql.ref('actorName')}) like ${pattern} escape '\\'`);
  }
  if (f.ip) q = q.where(sql<boolean>`${sql.ref('ip')} like ${`${likeText(f.ip)}%`} escape '\\'`);
  if (f.unit) {
    const pattern = `%${likeText(f.unit.toLowerCase())}%`;
    q = q.where((eb) => {
      const units = eb
        .selectFrom('organizations')
        .select('organizations.id')
        .where(sql<boolean>`lower(${sql.ref('organizations.name')}) like ${pattern} escape '\\'`);
      const members = eb.selectFrom('userUnits').select('userUnits.userId').where('userUnits.orgId', 'in', units);
      return eb.or([
        eb('entityId', 'in', units),
        eb('actorId', 'in', members),
        eb.and([eb('entity', '=', 'user'), eb('entityId', 'in', members)]),
        eb.and([
          eb('entity', '=', 'report'),
          eb('entityId', 'in', eb.selectFrom('reports').select('reports.id').where('reports.orgId', 'in', units)),
        ]),
      ]);
    });
  }
  return q;
}

/** One page of entries, newest first, and how many match in all. */
export async function listAuditPage(db: DbOrTx, f: AuditFilter, page: number, pageSize: number) {
  const total = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, f)
    .select(CHAIN_COLUMNS)
    .orderBy('seq', (ob) => ob.desc().nullsLast())
    .orderBy('at', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** How many entries match (the export's audit record). */
export async function countAudit(db: DbOrTx, f: AuditFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Matching entries with afterSeq < seq ≤ uptoSeq, oldest first, at most `limit` (the export reads page by page). */
export async function auditExportPage(
  db: DbOrTx,
  f: AuditFilter,
  afterSeq: number,
  uptoSeq: number,
  limit: number,
): Promise<ChainRow[]> {
  return filtered(db, f)
    .select(CHAIN_COLUMNS)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', uptoSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

// ---- Retention --------------------------------------------------------------------------------------------------

/**
 * Remove, from the oldest, the entries written before `cutoff` (ISO), at most `batch` per call, and move the anchor to
 * the last one removed. Only a prefix of the chain goes: an old entry after a newer one stays, so the remaining
 * entries still chain from the anchor. Returns how many went and the anchor; `more` when another call may find more.
 */
export async function purgeAuditBatch(db: Db, cutoff: string, batch: number) {
  return db.transaction().execute(async (trx) => {
    // A no-op UPDATE locks the chain row (PostgreSQL) / takes the write lock (SQLite) before reading the anchor.
    const chain = await trx
      .updateTable('auditChain')
      .set((eb) => ({ anchorSeq: eb.ref('anchorSeq') }))
      .where('id', '=', 1)
      .returning(['anchorSeq', 'anchorHash', 'anchorAt'])
      .executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom('auditLog')
      .select(['seq', 'hash', 'at'])
      .where('seq', '>', chain.anchorSeq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    const firstKept = rows.findIndex((r) => r.at >= cutoff);
    const gone = firstKept === -1 ? rows : rows.slice(0, firstKept);
    const last = gone[gone.length - 1];
    if (!last || last.seq === null || last.hash === null)
      return { purged: 0, more: false, anchor: { seq: chain.anchorSeq, hash: chain.anchorHash, at: chain.anchorAt } };
    const deleted = await trx
      .deleteFrom('auditLog')
      .where('seq', '>', chain.anchorSeq)
      .where('seq', '<=', last.seq)
      .executeTakeFirst();
    await trx
      .updateTable('auditChain')
      .set({ anchorSeq: last.seq, anchorHash: last.hash, anchorAt: last.at })
      .where('id', '=', 1)
      .execute();
    return {
      purged: Number(deleted.numDeletedRows),
      more: firstKept === -1 && rows.length === batch,
      anchor: { seq: last.seq, hash: last.hash, at: last.at },
    };
  });
}

/** How many entries of an action were written since a time (the running number of 督办单 in a year). */
export async function countAuditActions(db: DbOrTx, action: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
