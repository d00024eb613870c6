/**
 * Reading the database directly, behind the server's back: SQLite opened read-only with better-sqlite3 (also right
 * after a kill -9, before any restart), PostgreSQL with pg. SQL is written with `?` placeholders for both.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { TestDatabase } from './server';

export type Row = Record<string, unknown>;

export type Reader = {
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** SQLite: PRAGMA integrity_check joined ('ok' when sound); PostgreSQL: amcheck over every btree index. */
  integrity(): Promise<string>;
  close(): Promise<void>;
};

export async function openReader(db: TestDatabase): Promise<Reader> {
  if (db.engine === 'sqlite') {
    const s = new SQLite(db.url, { readonly: true, fileMustExist: true });
    return {
      all: async (sql, params = []) => s.prepare(sql).all(...params) as Row[],
      integrity: async () =>
        (s.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; '),
      close: async () => {
        s.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const toPg = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    all: async (sql, params = []) => (await c.query(toPg(sql), params)).rows as Row[],
    integrity: async () => {
      try {
        await c.query('CREATE EXTENSION IF NOT EXISTS amcheck');
        const r = await c.query(
          `SELECT count(*)::int AS n FROM (SELECT bt_index_check(i.indexrelid, true) FROM pg_index i
             JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
            WHERE am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace) t`,
        );
        return `ok (amcheck: ${r.rows[0].n} btree indexes)`;
      } catch (e) {
        return `amcheck: ${(e as Error).message}`;
      }
    },
    close: () => c.end(),
  };
}
