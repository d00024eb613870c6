/**
 * The audit log becomes append-only and tamper-evident (等保 安全审计: 保护审计记录，避免受到未预期的删除、修改或覆盖).
 * Frozen: imports nothing from the app (kysely only; SHA-256 from the Web Crypto global).
 *
 * - audit_log.seq / prev_hash / hash: every entry has a gap-free sequence number and
 *   hash = SHA-256(prev_hash + canonical JSON of the entry); see domain/audit/chain.ts for the definition, repeated
 *   below for the backfill. Existing rows are chained in (at, id) order, the first after 64 zeros.
 * - audit_chain: one row (id 1): the head (seq and hash of the newest entry), the anchor (seq, hash and time of the
 *   last entry removed by the retention purge; 0 / zeros while nothing was purged) and the digest algorithm of the
 *   chain (null until the first entry when the log is empty, so a new installation takes the configured one).
 * - Triggers, on both engines, so that not even a SQL client can rewrite history: UPDATE of audit_log is refused;
 *   DELETE is refused for entries younger than 180 days (the legal minimum, 网络安全法 第二十一条; the entry's `at`
 *   against the database's clock); an INSERT without seq/hash is refused; audit_chain cannot be deleted or moved back.
 *   PostgreSQL also refuses TRUNCATE of both tables. (The table owner can still drop the triggers: the hash chain then
 *   shows what was changed.)
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

const GENESIS = '0'.repeat(64);
const BATCH = 200;

type Row = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
};

async function sha256Hex(text: string): Promise<string> {
  const bytes = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(bytes).toString('hex');
}

/** The canonical entry of domain/audit/chain.ts (same keys, same order). */
const canonical = (r: Row, seq: number) =>
  JSON.stringify({
    seq,
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    ip: r.ip,
  });

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
async function backfill(db: Kysely<any>): Promise<{ seq: number; hash: string }> {
  let seq = 0;
  let hash = GENESIS;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const cursor: { at: string; id: string } | null = after;
    // Raw SQL with camelCase aliases: the same keys whether or not the handle maps snake_case (CamelCasePlugin).
    const page: Row[] = (
      await sql<Row>`select id, at, actor_id as "actorId", actor_name as "actorName", action, entity,
        entity_id as "entityId", "before", "after", ip from audit_log
        ${cursor ? sql`where at > ${cursor.at} or (at = ${cursor.at} and id > ${cursor.id})` : sql``}
        order by at, id limit ${BATCH}`.execute(db)
    ).rows;
    if (!page.length) break;
    const values = [];
    for (const r of page) {
      seq++;
      const prev = hash;
      hash = await sha256Hex(prev + canonical(r, seq));
      values.push(sql`(${r.id}, ${String(seq)}, ${prev}, ${hash})`);
    }
    await sql`with v(id, seq, prev_hash, hash) as (values ${sql.join(values)})
      update audit_log set seq = cast(v.seq as integer), prev_hash = v.prev_hash, hash = v.hash
      from v where audit_log.id = v.id`.execute(db);
    const last: Row = page[page.length - 1]!;
    after = { at: last.at, id: last.id };
  }
  return { seq, hash };
}

const SQLITE_TRIGGERS = [
  `create trigger audit_log_no_update before update on audit_log
   begin select raise(abort, '审计日志只能追加，不能修改'); end`,
  `create trigger audit_log_no_delete before delete on audit_log
   when julianday(old.at) is null or julianday(old.at) > julianday('now', '-180 days')
   begin select raise(abort, '审计日志保存期（180 天）内的记录不能删除'); end`,
  `create trigger audit_log_chained_insert before insert on audit_log
   when new.seq is null or new.prev_hash is null or new.hash is null
   begin select raise(abort, '审计日志记录须经应用程序写入哈希链'); end`,
  `create trigger audit_chain_no_rewind before update on audit_chain
   when new.id <> old.id or new.head_seq < old.head_seq or new.anchor_seq < old.anchor_seq
   begin select raise(abort, '审计日志链头与锚点不能回退'); end`,
  `create trigger audit_chain_no_delete before delete on audit_chain
   begin select raise(abort, '审计日志链头不能删除'); end`,
];

const PG_TRIGGERS = [
  `create function audit_log_guard() returns trigger language plpgsql as $$
   begin
     if tg_op = 'UPDATE' then
       raise exception '审计日志只能追加，不能修改' using errcode = 'insufficient_privilege';
     elsif tg_op = 'DELETE' then
       if old.at is null or old.at::timestamptz > now() - interval '180 days' then
         raise exception '审计日志保存期（180 天）内的记录不能删除' using errcode = 'insufficient_privilege';
       end if;
       return old;
     elsif tg_op = 'INSERT' then
       if new.seq is null or new.prev_hash is null or new.hash is null then
         raise exception '审计日志记录须经应用程序写入哈希链' using errcode = 'insufficient_privilege';
       end if;
       return new;
     end if;
     raise exception '审计日志不能清空' using errcode = 'insufficient_privilege';
   end $$`,
  `create function audit_chain_guard() returns trigger language plpgsql as $$
   begin
     if tg_op = 'UPDATE' then
       if new.id <> old.id or new.head_seq < old.head_seq or new.anchor_seq < old.anchor_seq then
         raise exception '审计日志链头与锚点不能回退' using errcode = 'insufficient_privilege';
       end if;
       return new;
     end if;
     raise exception '审计日志链头不能删除' using errcode = 'insufficient_privilege';
   end $$`,
  'create trigger audit_log_guard before insert or update or delete on audit_log for each row execute function audit_log_guard()',
  'create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_guard()',
  'create trigger audit_chain_guard before update or delete on audit_chain for each row execute function audit_chain_guard()',
  'create trigger audit_chain_no_truncate before truncate on audit_chain for each statement execute function audit_chain_guard()',
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  const head = await backfill(db);
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();

  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('head_seq', 'integer', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('anchor_seq', 'integer', (c) => c.notNull())
    .addColumn('anchor_hash', 'text', (c) => c.notNull())
    .addColumn('anchor_at', 'text')
    .addColumn('algorithm', 'text')
    .execute();
  await db
    .insertInto('audit_chain')
    .values({
      id: 1,
      head_seq: head.seq,
      head_hash: head.hash,
      anchor_seq: 0,
      anchor_hash: GENESIS,
      anchor_at: null,
      algorithm: head.seq > 0 ? 'sha256' : null,
    })
    .execute();

  for (const t of isPostgres(db) ? PG_TRIGGERS : SQLITE_TRIGGERS) await sql.raw(t).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const [trigger, table] of [
      ['audit_log_guard', 'audit_log'],
      ['audit_log_no_truncate', 'audit_log'],
      ['audit_chain_guard', 'audit_chain'],
      ['audit_chain_no_truncate', 'audit_chain'],
    ])
      await sql.raw(`drop trigger if exists ${trigger} on ${table}`).execute(db);
    await sql.raw('drop function if exists audit_log_guard()').execute(db);
    await sql.raw('drop function if exists audit_chain_guard()').execute(db);
  } else {
    for (const trigger of [
      'audit_log_no_update',
      'audit_log_no_delete',
      'audit_log_chained_insert',
      'audit_chain_no_rewind',
      'audit_chain_no_delete',
    ])
      await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  }
  await db.schema.dropTable('audit_chain').execute();
  await db.schema.dropIndex('audit_log_seq').execute();
  for (const c of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_log').dropColumn(c).execute();
}
