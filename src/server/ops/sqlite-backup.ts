/**
 * SQLite backup and restore. The backup uses SQLite's online backup API (better-sqlite3 `db.backup`), so it is safe
 * while `shishi serve` runs in WAL mode: the copy is one consistent snapshot, writers are not blocked. The copy is
 * written next to its final name, switched to a self-contained rollback-journal file, checked (integrity_check,
 * migrations table) and only then renamed into place. Restore checks the backup the same way on a temporary copy in
 * the target's folder, refuses while another process has the database open or (without --force) when it already holds
 * data, keeps the replaced file aside, and renames the new file into place (atomic on one file system).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { KEY_TABLES, MIGRATION_TABLE, OpsError, type TableCounts, timestamp } from './common';

export type SqliteCheck = { counts: TableCounts; migrations: number };

/** Integrity check, migrations table and key-table counts of an open database; throws OpsError naming the problem. */
export function checkSqlite(db: SQLite.Database, file: string): SqliteCheck {
  const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  if (rows.length !== 1 || rows[0] !== 'ok')
    throw new OpsError(`数据库文件已损坏（${file}）：integrity_check 报告 ${rows.slice(0, 5).join('；')}`);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  if (!tables.has(MIGRATION_TABLE))
    throw new OpsError(`${file} 不是实事系统的数据库（没有迁移记录表 ${MIGRATION_TABLE}）`);
  const migrations = db.prepare(`SELECT count(*) FROM ${MIGRATION_TABLE}`).pluck().get() as number;
  const counts: TableCounts = {};
  for (const t of KEY_TABLES)
    counts[t] = tables.has(t) ? (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number) : 0;
  return { counts, migrations };
}

/** Open a file (must exist), switch it to a single self-contained file (no -wal), check it, close it. */
function finishCopy(file: string): SqliteCheck {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    return checkSqlite(db, file);
  } finally {
    db.close();
  }
}

const tempName = (file: string, what: string) => `${file}.${what}-${randomBytes(4).toString('hex')}.tmp`;
const removeWithSidecars = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
};

/** Online backup of `source` to `out` (which must not exist); returns what the copy holds. */
export async function backupSqlite(source: string, out: string): Promise<SqliteCheck> {
  if (!existsSync(source)) throw new OpsError(`数据库文件不存在：${source}`);
  if (existsSync(out)) throw new OpsError(`备份文件已存在：${out}（请换一个文件名）`);
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  const tmp = tempName(out, 'partial');
  const src = new SQLite(source, { fileMustExist: true, timeout: 10_000 });
  try {
    // After the first step, copy all remaining pages in one step: one read transaction, so a server writing at the
    // same time can neither restart the copy forever nor leave it half old, half new.
    await src.backup(tmp, { progress: () => 0x7fffffff });
  } catch (e) {
    removeWithSidecars(tmp);
    throw new OpsError(`备份失败：${(e as Error).message}`);
  } finally {
    src.close();
  }
  try {
    const check = finishCopy(tmp);
    chmodSync(tmp, 0o600); // the copy holds password hashes and personal data
    renameSync(tmp, out);
    return check;
  } catch (e) {
    removeWithSidecars(tmp);
    throw e;
  }
}

/**
 * Whether another connection (the server, a worker) has the database open: an exclusive lock cannot be taken then.
 * Returns null when there is no database yet, else its table count and how many accounts and programmes it holds.
 */
function inspectTarget(target: string): { users: number; programmes: number; tables: number } | null {
  if (!existsSync(target) || statSync(target).size === 0) return null;
  const db = new SQLite(target, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
      db.exec('COMMIT');
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY'))
        throw new OpsError(
          `数据库 ${target} 正在被使用（shishi serve 或 shishi worker 可能仍在运行）：请先停止服务（如 systemctl stop shishi）再恢复`,
        );
      throw e;
    }
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const count = (t: string) =>
      names.includes(t) ? (db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number) : 0;
    return { users: count('users'), programmes: count('programmes'), tables: names.length };
  } finally {
    db.close();
  }
}

export type SqliteRestore = SqliteCheck & { bytes: number; previous: string | null };

/** Replace `target` with the backup `file`. */
export async function restoreSqlite(
  file: string,
  target: string,
  opts: { force: boolean; now: Date },
): Promise<SqliteRestore> {
  if (!existsSync(file) || statSync(file).size === 0) throw new OpsError(`备份文件不存在或为空：${file}`);
  const existing = inspectTarget(target);
  if (existing && existing.users + existing.programmes > 0 && !opts.force)
    throw new OpsError(
      `目标数据库 ${target} 中已有数据（${existing.users} 个账号、${existing.programmes} 个实事计划），恢复将覆盖全部现有数据。` +
        '确认无误后加 --force 重新执行（建议先用 shishi backup 备份当前数据库）',
    );
  mkdirSync(dirname(target), { recursive: true });
  const tmp = tempName(target, 'restore');
  let check: SqliteCheck;
  try {
    await copyFile(file, tmp);
    check = finishCopy(tmp);
  } catch (e) {
    removeWithSidecars(tmp);
    if (e instanceof OpsError) throw e;
    throw new OpsError(`无法读取备份文件 ${file}：${(e as Error).message}`);
  }
  // The replaced database stays aside (a hard link: no copy, no extra space until it is deleted).
  let previous: string | null = null;
  if (existing?.tables) {
    previous = `${target}.before-restore-${timestamp(opts.now)}`;
    try {
      linkSync(target, previous);
    } catch {
      await copyFile(target, previous);
    }
  }
  // A -wal left beside the target would be replayed into the restored file: remove it first.
  for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
  renameSync(tmp, target);
  return { ...check, bytes: statSync(target).size, previous };
}
