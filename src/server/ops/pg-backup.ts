/**
 * PostgreSQL backup and restore through the PostgreSQL client tools: `pg_dump --format=custom` and `pg_restore --clean
 * --if-exists --no-owner --single-transaction`. The dump runs on a snapshot exported by a read-only transaction that
 * also counts the key tables, so the printed counts are exactly what the file holds. The password is passed in
 * PGPASSWORD, never on the command line (where `ps` would show it). When a tool is missing, the caller prints the
 * command instead (pgDumpCommandLine / pgRestoreCommandLine).
 */
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import pg from 'pg';
import { KEY_TABLES, MIGRATION_TABLE, OpsError, type TableCounts } from './common';

/** The full path of an executable on PATH, or null. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** The URL without its password, and the password (for PGPASSWORD). */
export function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

export const pgDumpArgs = (url: string, out: string, snapshot?: string) => [
  '--format=custom',
  `--file=${out}`,
  ...(snapshot ? [`--snapshot=${snapshot}`] : []),
  `--dbname=${url}`,
];

export const pgRestoreArgs = (file: string, url: string) => [
  '--clean',
  '--if-exists',
  '--no-owner',
  '--single-transaction',
  `--dbname=${url}`,
  file,
];

const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command to run by hand (password as a placeholder variable, never its value). */
function commandLine(bin: string, args: string[], hasPassword: boolean): string {
  return `${hasPassword ? 'PGPASSWORD=数据库密码 ' : ''}${[bin, ...args].map(shellQuote).join(' ')}`;
}

export function pgDumpCommandLine(url: string, out: string): string {
  const { url: bare, password } = splitPassword(url);
  return commandLine('pg_dump', pgDumpArgs(bare, out), password !== null);
}

export function pgRestoreCommandLine(file: string, url: string): string {
  const { url: bare, password } = splitPassword(url);
  return commandLine('pg_restore', pgRestoreArgs(file, bare), password !== null);
}

type RunResult = { code: number; stdout: string; stderr: string };

function run(bin: string, args: string[], password: string | null): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const tail = (s: string) => s.trim().split('\n').slice(-8).join('\n');

async function countTables(client: pg.ClientBase): Promise<{ counts: TableCounts; migrations: number | null }> {
  const exists = async (t: string) =>
    (await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [`public.${t}`])).rows[0].ok as boolean;
  const count = async (t: string) => Number((await client.query(`SELECT count(*) AS n FROM public.${t}`)).rows[0].n);
  const counts: TableCounts = {};
  for (const t of KEY_TABLES) counts[t] = (await exists(t)) ? await count(t) : 0;
  const migrations = (await exists(MIGRATION_TABLE)) ? await count(MIGRATION_TABLE) : null;
  return { counts, migrations };
}

/** Table-of-contents entries of a custom-format dump (pg_restore --list); throws if it is not one of ours. */
async function listDump(pgRestore: string, file: string): Promise<number> {
  const r = await run(pgRestore, ['--list', file], null);
  if (r.code !== 0) throw new OpsError(`${file} 不是有效的 pg_dump 自定义格式备份：\n${tail(r.stderr)}`);
  if (!new RegExp(`TABLE DATA \\S+ ${MIGRATION_TABLE}\\b`).test(r.stdout))
    throw new OpsError(`${file} 不是实事系统数据库的备份（没有迁移记录表 ${MIGRATION_TABLE} 的数据）`);
  return r.stdout.split('\n').filter((l) => l && !l.startsWith(';')).length;
}

export type PgBackup = { counts: TableCounts; migrations: number; bytes: number; entries: number | null };

/** pg_dump of `url` to `out` (must not exist), verified with pg_restore --list when pg_restore is available. */
export async function backupPostgres(
  url: string,
  out: string,
  tools: { pgDump: string; pgRestore: string | null },
): Promise<PgBackup> {
  if (existsSync(out)) throw new OpsError(`备份文件已存在：${out}（请换一个文件名）`);
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  const { url: bare, password } = splitPassword(url);
  const tmp = `${out}.partial`;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new OpsError(`无法连接数据库：${(e as Error).message}`);
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s as string;
    const { counts, migrations } = await countTables(client);
    if (migrations === null) throw new OpsError(`该数据库不是实事系统的数据库（没有迁移记录表 ${MIGRATION_TABLE}）`);
    const r = await run(tools.pgDump, pgDumpArgs(bare, tmp, snapshot), password);
    await client.query('COMMIT');
    if (r.code !== 0) throw new OpsError(`pg_dump 失败（退出码 ${r.code}）：\n${tail(r.stderr)}`);
    const entries = tools.pgRestore ? await listDump(tools.pgRestore, tmp) : null;
    chmodSync(tmp, 0o600);
    renameSync(tmp, out);
    return { counts, migrations, bytes: statSync(out).size, entries };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

export type PgRestore = { counts: TableCounts; migrations: number; otherSessions: number };

/** pg_restore of `file` into `url`, in one transaction (all or nothing). */
export async function restorePostgres(
  file: string,
  url: string,
  opts: { force: boolean; pgRestore: string },
): Promise<PgRestore> {
  if (!existsSync(file) || statSync(file).size === 0) throw new OpsError(`备份文件不存在或为空：${file}`);
  await listDump(opts.pgRestore, file);
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new OpsError(`无法连接数据库：${(e as Error).message}`);
  }
  try {
    const before = await countTables(client);
    const rows = (before.counts.users ?? 0) + (before.counts.programmes ?? 0);
    if (rows > 0 && !opts.force)
      throw new OpsError(
        `目标数据库中已有数据（${before.counts.users} 个账号、${before.counts.programmes} 个实事计划），恢复将覆盖全部现有数据。` +
          '确认无误后加 --force 重新执行（建议先用 shishi backup 备份当前数据库）',
      );
    const otherSessions = Number(
      (
        await client.query(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
      ).rows[0].n,
    );
    const { url: bare, password } = splitPassword(url);
    const r = await run(opts.pgRestore, pgRestoreArgs(file, bare), password);
    if (r.code !== 0)
      throw new OpsError(
        `pg_restore 失败（退出码 ${r.code}；数据库未改动，恢复在一个事务中进行）：\n${tail(r.stderr)}`,
      );
    const after = await countTables(client);
    return { counts: after.counts, migrations: after.migrations ?? 0, otherSessions };
  } finally {
    await client.end().catch(() => {});
  }
}
