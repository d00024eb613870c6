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
import { WriteCounterPlugin } from './change-stamp';
import type { Database } from './database';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-indexes';
import * as m0003 from './migrations/0003-assessments';
import * as m0004 from './migrations/0004-jobs';
import * as m0005 from './migrations/0005-login-throttle';
import * as m0006 from './migrations/0006-late-submissions';
import * as m0007 from './migrations/0007-account-security';
import * as m0008 from './migrations/0008-audit-chain';
import * as m0009 from './migrations/0009-layouts';
import * as m0010 from './migrations/0010-admin';
import * as m0011 from './migrations/0011-plan-editing';
import * as m0012 from './migrations/0012-project-target-versions';
import * as m0013 from './migrations/0013-review';
import * as m0014 from './migrations/0014-chase';
import * as m0015 from './migrations/0015-notify';
import * as m0016 from './migrations/0016-supervision';
import * as m0017 from './migrations/0017-evaluate';
import * as m0018 from './migrations/0018-disclosure';
import * as m0019 from './migrations/0019-scale';
import * as m0020 from './migrations/0020-numeric-columns';
import * as m0021 from './migrations/0021-ranking';
import * as m0022 from './migrations/0022-report-summary';
import * as m0023 from './migrations/0023-export-indexes';
import { RoutingSqliteDialect } from './sqlite-routing';

export type Db = Kysely<Database>;
export type DbOrTx = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';
/** `url` is what the handle was opened from (the job worker opens its own PostgreSQL pool from it). */
export type DbHandle = { db: Db; engine: Engine; url: string; close: () => Promise<void> };

const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-indexes': m0002,
  '0003-assessments': m0003,
  '0004-jobs': m0004,
  '0005-login-throttle': m0005,
  '0006-late-submissions': m0006,
  '0007-account-security': m0007,
  '0008-audit-chain': m0008,
  '0009-layouts': m0009,
  '0013-review': m0013,
  '0010-admin': m0010,
  '0011-plan-editing': m0011,
  '0012-project-target-versions': m0012,
  '0014-chase': m0014,
  '0015-notify': m0015,
  '0016-supervision': m0016,
  '0017-evaluate': m0017,
  '0018-disclosure': m0018,
  '0019-scale': m0019,
  '0020-numeric-columns': m0020,
  '0021-ranking': m0021,
  '0022-report-summary': m0022,
  '0023-export-indexes': m0023,
};

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
  let pgPool: pg.Pool | null = null;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pgPool = pool;
    // An idle client can be cut off by the server (restart, failover, DROP DATABASE … FORCE); without a listener
    // that error would crash the process. The pool replaces the client on the next query.
    pool.on('error', (err) => console.error(`PostgreSQL 连接中断：${err.message}`));
    pool.on('connect', (client) => client.on('error', (err) => console.error(`PostgreSQL 连接中断：${err.message}`)));
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      plugins: [new CamelCasePlugin(), new WriteCounterPlugin()],
    });
    handle = { db, engine: 'postgres', url, close: () => db.destroy() };
  } else {
    const file = url.replace(/^sqlite:/, '');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // FULL: every commit is on disk before it is acknowledged (power loss too, not only a killed process).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A second connection for reads outside transactions (sqlite-routing.ts): they never wait for a long write.
    let reader: SQLite.Database | null = null;
    if (file !== ':memory:') {
      reader = new SQLite(file);
      reader.pragma('busy_timeout = 5000');
      reader.pragma('query_only = ON');
    }
    const db = new Kysely<Database>({
      dialect: reader
        ? new RoutingSqliteDialect(withStatementCache(sqlite), withStatementCache(reader))
        : new SqliteDialect({ database: withStatementCache(sqlite) }),
      plugins: [new CamelCasePlugin(), new WriteCounterPlugin()],
    });
    handle = { db, engine: 'sqlite', url: file, close: () => db.destroy() };
  }
  if (opts.migrate !== false) {
    await migrate(handle.db);
    if (pgPool) await installJobSchema(pgPool);
  }
  return handle;
}

/**
 * PostgreSQL: graphile-worker's own schema (the job queue) is installed with the application's migrations, so every use
 * case can enqueue inside its transaction (`graphile_worker.add_job`) whether or not a worker runs in this process.
 * Idempotent and safe when several servers start at once.
 */
async function installJobSchema(pool: pg.Pool): Promise<void> {
  const gw = await import('graphile-worker');
  const logger = new gw.Logger(() => (level, message) => {
    if (level === 'error') console.error(`graphile-worker: ${message}`);
  });
  await gw.runMigrations({ pgPool: pool, logger });
}

/**
 * better-sqlite3 compiles a statement on every prepare(), and Kysely prepares every query it runs: keep compiled
 * statements by SQL text (bounded). Safe because better-sqlite3 runs one statement at a time and Kysely never streams
 * here (a statement busy in an iterator must not be reused).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = statements.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (statements.size >= 1000) statements.clear();
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** Apply all pending migrations; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<void> {
  // Unordered: a migration numbered between two applied ones (parallel branches) still runs once.
  const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`数据库迁移失败（${failed}）：${String(error)}`);
  }
}
