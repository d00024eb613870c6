/**
 * `shishi backup` / `shishi restore` (issue 8 §3): one entry point per direction for both engines, and the Chinese
 * report the command prints. SQLite: online backup API (sqlite-backup.ts). PostgreSQL: pg_dump / pg_restore
 * (pg-backup.ts), or the exact command to run when the client tools are not installed.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatBytes, formatCounts, isPostgresUrl, OpsError, type TableCounts, timestamp } from './common';
import { backupPostgres, findExecutable, pgDumpCommandLine, pgRestoreCommandLine, restorePostgres } from './pg-backup';
import { backupSqlite, restoreSqlite } from './sqlite-backup';

export { OpsError } from './common';

export type BackupOutcome =
  | { engine: 'sqlite'; file: string; bytes: number; counts: TableCounts; migrations: number }
  | {
      engine: 'postgres';
      file: string;
      bytes: number;
      counts: TableCounts;
      migrations: number;
      /** Entries in the dump's table of contents (null when pg_restore is not installed to list them). */
      entries: number | null;
    }
  /** pg_dump is not installed: the command to run. */
  | { engine: 'postgres'; file: string; command: string };

export type RestoreOutcome =
  | { engine: 'sqlite'; file: string; bytes: number; counts: TableCounts; migrations: number; previous: string | null }
  | { engine: 'postgres'; counts: TableCounts; migrations: number; otherSessions: number }
  | { engine: 'postgres'; command: string };

/** PostgreSQL client tools; null when not on PATH (tests pass their own). */
export type PgTools = { pgDump: string | null; pgRestore: string | null };
export const pgToolsOnPath = (): PgTools => ({
  pgDump: findExecutable('pg_dump'),
  pgRestore: findExecutable('pg_restore'),
});

/** The SQLite file a database URL names (`sqlite:` prefix allowed). */
export function sqliteFile(url: string): string {
  const file = url.replace(/^sqlite:/, '');
  if (file === ':memory:') throw new OpsError('内存数据库（:memory:）无法备份或恢复');
  return resolve(file);
}

/**
 * Where a backup goes by default: SQLite → `backups/` beside the database file (./data/backups for the default
 * ./data/shishi.sqlite); PostgreSQL → `<dataDir>/backups`. Named shishi-YYYYMMDD-HHmmss.sqlite / .dump (local time).
 */
export function defaultBackupFile(url: string, now: Date, dataDir: string): string {
  if (isPostgresUrl(url)) return join(dataDir, 'backups', `shishi-${timestamp(now)}.dump`);
  return join(dirname(sqliteFile(url)), 'backups', `shishi-${timestamp(now)}.sqlite`);
}

export async function backupDatabase(
  url: string,
  out: string,
  tools: PgTools = pgToolsOnPath(),
): Promise<BackupOutcome> {
  const file = resolve(out);
  if (!isPostgresUrl(url)) {
    const check = await backupSqlite(sqliteFile(url), file);
    return { engine: 'sqlite', file, bytes: statSync(file).size, ...check };
  }
  if (!tools.pgDump) return { engine: 'postgres', file, command: pgDumpCommandLine(url, file) };
  const r = await backupPostgres(url, file, { pgDump: tools.pgDump, pgRestore: tools.pgRestore });
  return { engine: 'postgres', file, ...r };
}

export async function restoreDatabase(
  backupFile: string,
  url: string,
  opts: { force: boolean; now: Date; tools?: PgTools },
): Promise<RestoreOutcome> {
  const file = resolve(backupFile);
  if (!isPostgresUrl(url)) {
    const target = sqliteFile(url);
    const r = await restoreSqlite(file, target, { force: opts.force, now: opts.now });
    return { engine: 'sqlite', file: target, ...r };
  }
  const pgRestore = (opts.tools ?? pgToolsOnPath()).pgRestore;
  if (!pgRestore) return { engine: 'postgres', command: pgRestoreCommandLine(file, url) };
  return { engine: 'postgres', ...(await restorePostgres(file, url, { force: opts.force, pgRestore })) };
}

const OFFSITE =
  '请定期把备份文件复制到另一台机器或异地存储（等保要求本地与异地备份），并定期演练恢复（shishi restore）。';

/** What `shishi backup` prints. */
export function describeBackup(o: BackupOutcome): string[] {
  if ('command' in o)
    return [
      '未找到 pg_dump（PostgreSQL 客户端工具，Debian/Ubuntu：apt-get install postgresql-client；版本须不低于数据库服务器）。',
      '请在装有 pg_dump 的机器上执行：',
      `  ${o.command}`,
      OFFSITE,
    ];
  const lines = [
    `备份完成：${o.file}（${formatBytes(o.bytes)}）`,
    o.engine === 'sqlite'
      ? `校验通过：integrity_check = ok，迁移记录 ${o.migrations} 条`
      : `校验通过：pg_dump 自定义格式${o.entries === null ? '' : `，目录 ${o.entries} 项`}，迁移记录 ${o.migrations} 条`,
    `内容：${formatCounts(o.counts)}`,
  ];
  if (o.engine === 'postgres')
    lines.push(
      '恢复：shishi restore 该文件 --db postgres://…（或 pg_restore --clean --if-exists --no-owner -d 数据库地址 该文件）',
    );
  else lines.push('恢复：先停止服务，再执行 shishi restore 该文件 [--db 数据库文件] --force');
  lines.push(OFFSITE);
  return lines;
}

/** What `shishi restore` prints. */
export function describeRestore(o: RestoreOutcome, backupFile: string): string[] {
  if ('command' in o)
    return [
      '未找到 pg_restore（PostgreSQL 客户端工具，Debian/Ubuntu：apt-get install postgresql-client）。',
      '请先停止服务，在装有 pg_restore 的机器上执行：',
      `  ${o.command}`,
    ];
  const lines = [`已从 ${resolve(backupFile)} 恢复`];
  if (o.engine === 'sqlite') {
    lines.push(`数据库文件：${o.file}（${formatBytes(o.bytes)}），integrity_check = ok，迁移记录 ${o.migrations} 条`);
    if (o.previous) lines.push(`原数据库已另存为 ${o.previous}（确认恢复无误后可删除）`);
  } else {
    lines.push(`迁移记录 ${o.migrations} 条`);
    if (o.otherSessions)
      lines.push(`注意：恢复时另有 ${o.otherSessions} 个连接在使用该数据库；请重启 shishi serve / shishi worker`);
  }
  lines.push(`内容：${formatCounts(o.counts)}`);
  lines.push('启动服务时会自动执行备份之后新增的数据库迁移。');
  return lines;
}
