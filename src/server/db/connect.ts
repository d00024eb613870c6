/** Open the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when the URL says so. Migrations run here. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database';
import * as m0001 from './migrations/0001-initial';

export type Db = Kysely<Database>;
export type DbOrTx = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';
export type DbHandle = { db: Db; engine: Engine; close: () => Promise<void> };

const MIGRATIONS: Record<string, Migration> = { '0001-initial': m0001 };

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

// int8 (count(*)) and numeric come back as strings from pg: parse them once here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Open a database from a URL: `postgres://…` → PostgreSQL, anything else → a SQLite file path. */
export async function openDb(url: string, opts: { migrate?: boolean } = {}): Promise<DbHandle> {
  let handle: DbHandle;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client can be cut off by the server (restart, failover, DROP DATABASE … FORCE); without a listener
    // that error would crash the process. The pool replaces the client on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL 连接中断：${err.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    handle = { db, engine: 'postgres', close: () => db.destroy() };
  } else {
    const file = url.replace(/^sqlite:/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [new CamelCasePlugin()],
    });
    handle = { db, engine: 'sqlite', close: () => db.destroy() };
  }
  if (opts.migrate !== false) await migrate(handle.db);
  return handle;
}

/** Apply all pending migrations; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`数据库迁移失败（${failed}）：${String(error)}`);
  }
}
