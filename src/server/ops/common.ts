/** Shared pieces of the operations commands (backup, restore). */

/** Tables whose row counts a backup and a restore print (and the tests compare). */
export const KEY_TABLES = ['programmes', 'projects', 'reports', 'report_versions', 'users', 'audit_log'] as const;
export type TableCounts = Record<string, number>;

export const TABLE_LABELS: Record<string, string> = {
  programmes: '实事计划',
  projects: '项目',
  reports: '填报',
  report_versions: '填报版本',
  users: '账号',
  audit_log: '审计记录',
};

/** Kysely's record of applied migrations: a database without it is not Shishi's. */
export const MIGRATION_TABLE = 'kysely_migration';

/** An operations failure with a Chinese message meant for the person at the terminal. */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time as YYYYMMDD-HHmmss (file names). */
export const timestamp = (d: Date) =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** "实事计划 1、项目 3、…" */
export const formatCounts = (c: TableCounts) => KEY_TABLES.map((t) => `${TABLE_LABELS[t]} ${c[t] ?? 0}`).join('、');
