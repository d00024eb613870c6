/**
 * Issue 8 §3: `shishi backup` / `shishi restore` bring back exactly the backed-up state (row counts of the key tables
 * and a changed value), refuse to overwrite a database in use or holding data without --force, and a SQLite backup
 * taken while another process writes is a consistent snapshot. PostgreSQL (TEST_DB=postgres) uses a throwaway database
 * and pg_dump / pg_restore; skipped, with the reason in its title, when those tools are missing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../../cli/backup';
import { type DbHandle, openDb } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { backupDatabase, OpsError, pgToolsOnPath, restoreDatabase } from './backup';
import { KEY_TABLES } from './common';
import { checkReadiness } from './readiness';

const tools = pgToolsOnPath();
const missing = TEST_ENGINE === 'postgres' && (!tools.pgDump || !tools.pgRestore);
const title = missing
  ? `backup and restore (postgres) — 跳过：PATH 上没有 pg_dump / pg_restore（apt-get install postgresql-client）`
  : `backup and restore (${TEST_ENGINE})`;

const dir = mkdtempSync(join(tmpdir(), 'shishi-bk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database on the engine under test: SQLite in `dir` (reopenable by path), PostgreSQL a throwaway database. */
async function freshDb(name: string): Promise<DbHandle> {
  return TEST_ENGINE === 'postgres' ? createTestDb() : openDb(join(dir, `${name}.sqlite`));
}

type State = { counts: Record<string, number>; programmeName: string; extraProgramme: boolean };
async function stateOf(h: DbHandle): Promise<State> {
  const counts: Record<string, number> = {};
  for (const t of KEY_TABLES)
    counts[t] = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(h.db)).rows[0]!.n);
  const prog = await h.db.selectFrom('programmes').select('name').where('id', '=', 'prog').executeTakeFirstOrThrow();
  const extra = await h.db.selectFrom('programmes').select('id').where('id', '=', 'prog-new').executeTakeFirst();
  return { counts, programmeName: prog.name, extraProgramme: !!extra };
}

/** The changed value as stored now (SQLite: read from the closed file directly). */
async function programmeNameNow(h: DbHandle, url: string): Promise<string> {
  if (TEST_ENGINE === 'postgres') return (await stateOf(h)).programmeName;
  const d = new SQLite(url, { readonly: true });
  const name = (d.prepare("SELECT name FROM programmes WHERE id = 'prog'").get() as { name: string }).name;
  d.close();
  return name;
}

const captured = () => {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
};

describe.skipIf(missing)(title, () => {
  let h: DbHandle;
  let url: string;
  let before: State;
  const out = join(dir, 'backups', 'shishi-test.bk');

  beforeAll(async () => {
    h = await freshDb('main');
    url = h.url;
    await seedDataset(h.db, smallDataset());
    // Something written after seeding, to find again after the restore.
    await h.db.updateTable('programmes').set({ name: '备份时的计划名称' }).where('id', '=', 'prog').execute();
    before = await stateOf(h);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('backs up a database in use, verifies the copy and reports the key tables', async () => {
    const r = await backupDatabase(url, out, tools);
    expect('command' in r).toBe(false);
    if ('command' in r) return;
    expect(r.engine).toBe(TEST_ENGINE);
    expect(r.counts).toEqual(before.counts);
    expect(r.counts.users).toBeGreaterThan(5);
    expect(r.migrations).toBeGreaterThan(5);
    expect(r.bytes).toBe(statSync(out).size);
    expect(statSync(out).mode & 0o077).toBe(0); // holds password hashes: owner only
    if (TEST_ENGINE === 'sqlite') {
      const copy = new SQLite(out, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      copy.close();
    }
    await expect(backupDatabase(url, out, tools)).rejects.toThrow(/备份文件已存在/);
  }, 60_000);

  it('restores exactly the backed-up state over a changed database, only with --force', async () => {
    // Change the database after the backup: a value and a row count.
    await h.db.updateTable('programmes').set({ name: '备份之后改过' }).where('id', '=', 'prog').execute();
    const row = await h.db.selectFrom('programmes').selectAll().where('id', '=', 'prog').executeTakeFirstOrThrow();
    await h.db
      .insertInto('programmes')
      .values({ ...row, id: 'prog-new' })
      .execute();
    const changed = await stateOf(h);
    expect(changed.counts.programmes).toBe(before.counts.programmes! + 1);
    expect(changed.programmeName).toBe('备份之后改过');

    const now = new Date('2026-10-10T02:00:00');
    if (TEST_ENGINE === 'sqlite') {
      // The server still has the file open: refused whatever the flags.
      await expect(restoreDatabase(out, url, { force: true, now })).rejects.toThrow(/正在被使用/);
      await h.close();
    }
    const refused = await restoreDatabase(out, url, { force: false, now, tools }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpsError);
    expect((refused as Error).message).toMatch(/已有数据.*--force/);
    expect(await programmeNameNow(h, url)).toBe('备份之后改过'); // refused: nothing touched

    const r = await restoreDatabase(out, url, { force: true, now, tools });
    expect('command' in r).toBe(false);
    if ('command' in r) return;
    expect(r.counts).toEqual(before.counts);
    if (r.engine === 'sqlite') {
      expect(r.previous).toMatch(/before-restore-20261010-020000$/);
      expect(existsSync(r.previous!)).toBe(true);
      expect(existsSync(`${url}-wal`)).toBe(false);
      h = await openDb(url);
    }
    expect(await stateOf(h)).toEqual(before);
    expect((await checkReadiness(h.db)).ready).toBe(true);
  }, 120_000);

  it('the commands print the result in Chinese and fail with a Chinese message', async () => {
    const b = captured();
    const bk2 = join(dir, 'backups', 'cli.bk');
    expect(await backupCommand(['--db', url, '--out', bk2], b.io)).toBe(0);
    expect(b.out()).toMatch(/备份完成：.*cli\.bk/);
    expect(b.out()).toContain(`账号 ${before.counts.users}`);
    expect(b.out()).not.toMatch(/:[^@/]*@/); // no password from the URL

    const r = captured();
    expect(await restoreCommand([join(dir, 'nothing.bk'), '--db', url], r.io)).toBe(1);
    expect(r.err()).toMatch(/备份文件不存在/);
    const usage = captured();
    expect(await restoreCommand([], usage.io)).toBe(2);
    expect(usage.err()).toMatch(/用法：shishi restore/);
  }, 60_000);
});

/** A child process inserting rows in pairs (one transaction each) into `probe` until killed. */
function startWriter(file: string) {
  const code = `
    const SQLite = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new SQLite(process.argv[1], { timeout: 10000 });
    db.pragma('journal_mode = WAL');
    const ins = db.prepare('INSERT INTO probe (payload) VALUES (?)');
    const pair = db.transaction(() => { ins.run('x'.repeat(500)); ins.run('y'.repeat(500)); });
    process.stdout.write('go\\n');
    for (;;) pair();`;
  const child = spawn(process.execPath, ['-e', code, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const started = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { child, started };
}

describe.runIf(TEST_ENGINE === 'sqlite')('SQLite backup under concurrent writes', () => {
  it('is a consistent snapshot (integrity ok, whole transactions only)', async () => {
    const file = join(dir, 'busy.sqlite');
    const h = await openDb(file);
    await sql`CREATE TABLE probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)`.execute(h.db);
    await h.close();
    const seed = new SQLite(file);
    const ins = seed.prepare('INSERT INTO probe (payload) VALUES (?)');
    seed.transaction(() => {
      for (let i = 0; i < 4000; i++) ins.run('z'.repeat(1000)); // ~4 MB: the copy takes many pages
    })();
    seed.close();

    const { child, started } = startWriter(file);
    try {
      await started;
      for (let i = 0; i < 3; i++) {
        const out = join(dir, `busy-${i}.sqlite`);
        const r = await backupDatabase(file, out);
        const copy = new SQLite(out, { readonly: true });
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const { n, max } = copy.prepare('SELECT count(*) AS n, max(id) AS max FROM probe').get() as {
          n: number;
          max: number;
        };
        copy.close();
        expect(n).toBe(max); // no gaps: nothing half-copied
        expect(n % 2).toBe(0); // the writer's transactions are pairs: never half of one
        expect('bytes' in r && r.bytes).toBeGreaterThan(4_000_000);
      }
    } finally {
      child.kill();
    }
    const after = new SQLite(file, { readonly: true });
    const rows = (after.prepare('SELECT count(*) AS n FROM probe').get() as { n: number }).n;
    after.close();
    expect(rows).toBeGreaterThan(4000); // the writer did write during the backups
  }, 120_000);
});
