/**
 * The audit log's hash chain on both engines: written in one order under concurrency, append-only in the database
 * itself (triggers), tampering and deletions found by verification, retention that moves the anchor, the backfill of
 * migration 0008, and the injectable digest.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/connect';
import * as m0008 from '../../db/migrations/0008-audit-chain';
import { JOB_HANDLERS, JOB_SCHEDULES } from '../../jobs/registry';
import { type AuditEntry, configureAuditDigest, insertAudit, readAuditChain } from '../../repositories/audit.repo';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { checkAuditChain } from './audit-chain';
import { purgeAuditLog } from './audit-retention';

let h: DbHandle;
beforeEach(async () => {
  h = await createTestDb();
});
afterEach(async () => {
  configureAuditDigest('sha256');
  await h?.close();
});

const entry = (i: number, at = '2026-03-01T00:00:00.000Z'): AuditEntry => ({
  at,
  actorId: 'u-1',
  actorName: '张三',
  action: 'report.save',
  entity: 'report',
  entityId: `r-${i}`,
  after: { i, note: '第一季度进展' },
  ip: '10.0.0.1',
});

const run = (text: string) => sql.raw(text).execute(h.db);
/** Drop the append-only triggers, as someone with the database's owner rights could. */
async function dropGuards() {
  if (h.engine === 'postgres') await run('drop trigger audit_log_guard on audit_log');
  else for (const t of ['audit_log_no_update', 'audit_log_no_delete']) await run(`drop trigger ${t}`);
}
const seqs = async () => (await h.db.selectFrom('auditLog').select('seq').orderBy('seq').execute()).map((r) => r.seq);

describe(`the audit chain (${TEST_ENGINE})`, () => {
  it('chains entries written on the plain handle and inside transactions; a rollback leaves no gap', async () => {
    await insertAudit(h.db, entry(1));
    await h.db.transaction().execute(async (trx) => {
      await insertAudit(trx, entry(2));
      await insertAudit(trx, entry(3));
    });
    await expect(
      h.db.transaction().execute(async (trx) => {
        await insertAudit(trx, entry(4));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await insertAudit(h.db, entry(5));
    expect(await seqs()).toEqual([1, 2, 3, 4]);
    const check = await checkAuditChain(h.db);
    expect(check).toMatchObject({ ok: true, checked: 4, algorithm: 'sha256', head: { seq: 4 } });
    expect(check.message).toMatch(/^通过/);
    const rows = await h.db.selectFrom('auditLog').select(['seq', 'prevHash', 'hash']).orderBy('seq').execute();
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one order under 50 concurrent audited actions', async () => {
    const actions = Array.from({ length: 50 }, (_, i) =>
      i % 2
        ? insertAudit(h.db, entry(i))
        : h.db.transaction().execute(async (trx) => {
            await trx.selectFrom('users').select('id').limit(1).execute();
            await insertAudit(trx, entry(i));
          }),
    );
    await Promise.all(actions);
    expect(await seqs()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await checkAuditChain(h.db)).toMatchObject({ ok: true, checked: 50, broken: null });
  });

  it('refuses, in the database itself, to update entries, delete recent ones, write unchained ones or rewind', async () => {
    await insertAudit(h.db, entry(1, new Date().toISOString()));
    await expect(run("update audit_log set actor_name = '李四'")).rejects.toThrow(/审计日志只能追加/);
    await expect(run('delete from audit_log')).rejects.toThrow(/180 天/);
    await expect(
      run("insert into audit_log (id, at, action, entity) values ('x', '2026-01-01T00:00:00.000Z', 'login', 'user')"),
    ).rejects.toThrow(/哈希链/);
    await expect(run('update audit_chain set head_seq = 0')).rejects.toThrow(/回退/);
    await expect(run('delete from audit_chain')).rejects.toThrow(/不能删除/);
    if (h.engine === 'postgres') await expect(run('truncate audit_log')).rejects.toThrow(/不能清空/);
    expect(await seqs()).toEqual([1]);
    expect((await checkAuditChain(h.db)).ok).toBe(true);
  });

  it('names the entry whose content was changed behind the application', async () => {
    for (let i = 1; i <= 5; i++) await insertAudit(h.db, entry(i));
    await dropGuards();
    await run(`update audit_log set after = '{"i":3,"note":"改过了"}' where seq = 3`);
    const check = await checkAuditChain(h.db);
    expect(check.ok).toBe(false);
    expect(check.broken).toMatchObject({ seq: 3, kind: 'hash' });
    expect(check.message).toMatch(/^不通过：第 3 条记录的内容与其哈希不符/);
  });

  it('reports a gap where an entry was deleted', async () => {
    for (let i = 1; i <= 5; i++) await insertAudit(h.db, entry(i));
    await dropGuards();
    await run('delete from audit_log where seq = 3');
    expect((await checkAuditChain(h.db)).broken).toMatchObject({ seq: 3, kind: 'gap' });
    await run('delete from audit_log where seq = 5');
    expect((await checkAuditChain(h.db, { pageSize: 2 })).broken).toMatchObject({ seq: 3, kind: 'gap' });
  });

  it('reports the newest entries deleted (the head remembers them)', async () => {
    for (let i = 1; i <= 4; i++) await insertAudit(h.db, entry(i));
    await dropGuards();
    await run('delete from audit_log where seq >= 3');
    expect((await checkAuditChain(h.db)).broken).toMatchObject({ seq: 3, kind: 'gap' });
  });
});

describe(`retention (${TEST_ENGINE})`, () => {
  const day = (d: string) => `${d}T02:00:00.000Z`;

  it('removes entries older than the retention from the oldest on, moves the anchor, and still verifies', async () => {
    for (let i = 1; i <= 10; i++) await insertAudit(h.db, entry(i, day(`2024-01-${String(i).padStart(2, '0')}`)));
    await insertAudit(h.db, entry(11, day('2024-06-01')));
    await insertAudit(h.db, entry(12, day('2024-01-05'))); // old, but after a newer one: kept with the prefix rule
    // The clock moved to 2024-07-10: 180 days back is 2024-01-12.
    const r = await purgeAuditLog(h.db, new Date('2024-07-10T00:00:00Z'), 180, { batch: 4 });
    expect(r).toMatchObject({ purged: 10, anchorSeq: 10 });
    expect(await seqs()).toEqual([11, 12, 13]);
    const purge = await h.db.selectFrom('auditLog').selectAll().where('seq', '=', 13).executeTakeFirstOrThrow();
    expect(purge).toMatchObject({ action: 'audit.purge', actorName: '系统' });
    expect(JSON.parse(purge.after!)).toMatchObject({ purged: 10, retentionDays: 180, anchorSeq: 10 });
    const check = await checkAuditChain(h.db);
    expect(check).toMatchObject({ ok: true, checked: 3, anchor: { seq: 10, at: day('2024-01-10') } });
    expect(check.message).toMatch(/^通过：自第 11 条起/);
    // Below the legal minimum the retention is 180 days all the same.
    expect((await purgeAuditLog(h.db, new Date('2024-07-10T00:00:00Z'), 30)).purged).toBe(0);
  });

  it('runs as the daily job with the retention from its payload', async () => {
    expect(JOB_SCHEDULES.find((s) => s.name === 'audit.purge')).toMatchObject({ everyMinutes: 1440 });
    for (let i = 1; i <= 3; i++) await insertAudit(h.db, entry(i, day(`2024-0${i}-01`)));
    const job = JOB_HANDLERS['audit.purge']!;
    const base = { jobId: 'j', name: 'audit.purge', attempt: 1, maxAttempts: 3, db: h.db };
    // 2024-09-01 − 200 days = 2024-02-14: January and February go.
    await job({ ...base, payload: { retentionDays: 200 }, now: () => new Date('2024-09-01T00:00:00Z') });
    expect(await seqs()).toEqual([3, 4]);
    await job({ ...base, payload: null, now: () => new Date('2024-09-01T00:00:00Z') });
    expect(await seqs()).toEqual([4, 5]);
    expect((await checkAuditChain(h.db)).ok).toBe(true);
  });

  it('cannot delete recent entries even when the application clock says so (the database keeps its own)', async () => {
    await insertAudit(h.db, entry(1, new Date().toISOString()));
    await expect(purgeAuditLog(h.db, new Date(Date.now() + 400 * 86_400_000), 180)).rejects.toThrow(/180 天/);
    expect(await seqs()).toEqual([1]);
    expect((await readAuditChain(h.db)).anchor.seq).toBe(0);
  });
});

describe(`migration 0008 (${TEST_ENGINE})`, () => {
  it('chains existing entries in time order; down and up again', async () => {
    await m0008.down(h.db);
    const legacy = [
      ['b', '2025-02-01T00:00:00.000Z'],
      ['a', '2025-01-01T00:00:00.000Z'],
      ['c', '2025-02-01T00:00:00.000Z'],
    ];
    for (const [id, at] of legacy)
      await sql`insert into audit_log (id, at, actor_id, actor_name, action, entity, entity_id, "after", ip)
        values (${id}, ${at}, 'u-1', '张三', 'login', 'user', 'u-1', ${'{"x":1}'}, '10.0.0.9')`.execute(h.db);
    await m0008.up(h.db);
    const rows = await h.db.selectFrom('auditLog').select(['id', 'seq']).orderBy('seq').execute();
    expect(rows).toEqual([
      { id: 'a', seq: 1 },
      { id: 'b', seq: 2 },
      { id: 'c', seq: 3 },
    ]);
    expect(await readAuditChain(h.db)).toMatchObject({ head: { seq: 3 }, anchor: { seq: 0 }, algorithm: 'sha256' });
    await insertAudit(h.db, entry(4));
    expect(await checkAuditChain(h.db)).toMatchObject({ ok: true, checked: 4 });
    // The triggers come back with up().
    await expect(run("update audit_log set ip = '1.1.1.1'")).rejects.toThrow(/审计日志只能追加/);
    await m0008.down(h.db);
    await m0008.up(h.db);
    expect(await checkAuditChain(h.db)).toMatchObject({ ok: true, checked: 4 });
  });
});

describe(`the digest is injectable (${TEST_ENGINE})`, () => {
  it('starts an empty log with the configured algorithm and keeps it for that chain', async () => {
    configureAuditDigest('sm3');
    await insertAudit(h.db, entry(1));
    configureAuditDigest('sha256');
    await insertAudit(h.db, entry(2));
    expect(await checkAuditChain(h.db)).toMatchObject({ ok: true, checked: 2, algorithm: 'sm3' });
  });

  it('takes a digest function (an HMAC with a key the application holds)', async () => {
    const mac = (data: string) => createHmac('sha256', 'test-key').update(data).digest('hex');
    configureAuditDigest('hmac-sha256-test', mac);
    for (let i = 1; i <= 3; i++) await insertAudit(h.db, entry(i));
    expect(await checkAuditChain(h.db)).toMatchObject({ ok: true, algorithm: 'hmac-sha256-test' });
    // Rows do not verify under a different key.
    configureAuditDigest('hmac-sha256-test', (data) => createHmac('sha256', 'other').update(data).digest('hex'));
    expect((await checkAuditChain(h.db)).broken).toMatchObject({ seq: 1, kind: 'hash' });
  });
});
