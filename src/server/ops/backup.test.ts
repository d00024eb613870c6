/** Backup/restore pieces that need no database: default names, and the commands printed when pg_dump is missing. */
import { describe, expect, it } from 'vitest';
import { backupDatabase, defaultBackupFile, describeBackup, describeRestore, restoreDatabase } from './backup';
import { pgRestoreArgs, splitPassword } from './pg-backup';

const PG = 'postgres://shishi:s3cr%40t@db.internal:5432/shishi';
const none = { pgDump: null, pgRestore: null };

describe('backup and restore without the PostgreSQL client tools', () => {
  it('prints the exact pg_dump command, without the password', async () => {
    const r = await backupDatabase(PG, '/var/backups/shishi.dump', none);
    expect(r).toEqual({
      engine: 'postgres',
      file: '/var/backups/shishi.dump',
      command:
        'PGPASSWORD=数据库密码 pg_dump --format=custom --file=/var/backups/shishi.dump --dbname=postgres://shishi@db.internal:5432/shishi',
    });
    const text = describeBackup(r).join('\n');
    expect(text).toMatch(/未找到 pg_dump/);
    expect(text).not.toMatch(/s3cr/);
  });

  it('prints the exact pg_restore command', async () => {
    const r = await restoreDatabase('/var/backups/my file.dump', PG, { force: false, now: new Date(), tools: none });
    expect(r).toEqual({
      engine: 'postgres',
      command:
        "PGPASSWORD=数据库密码 pg_restore --clean --if-exists --no-owner --single-transaction --dbname=postgres://shishi@db.internal:5432/shishi '/var/backups/my file.dump'",
    });
    expect(describeRestore(r, 'x').join('\n')).toMatch(/未找到 pg_restore[\s\S]*停止服务/);
  });

  it('keeps the password out of the arguments', () => {
    expect(splitPassword(PG)).toEqual({ url: 'postgres://shishi@db.internal:5432/shishi', password: 's3cr@t' });
    expect(pgRestoreArgs('f', 'postgres://h/db')).toEqual([
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--dbname=postgres://h/db',
      'f',
    ]);
  });
});

describe('defaultBackupFile', () => {
  const now = new Date(2026, 9, 10, 2, 3, 4); // local time
  it('puts SQLite backups beside the database, PostgreSQL ones under the data folder', () => {
    expect(defaultBackupFile('/srv/shishi/data/shishi.sqlite', now, '/srv/shishi/data')).toBe(
      '/srv/shishi/data/backups/shishi-20261010-020304.sqlite',
    );
    expect(defaultBackupFile('sqlite:/var/lib/shishi/db.sqlite', now, '/x')).toBe(
      '/var/lib/shishi/backups/shishi-20261010-020304.sqlite',
    );
    expect(defaultBackupFile(PG, now, '/srv/shishi/data')).toBe('/srv/shishi/data/backups/shishi-20261010-020304.dump');
  });
});
