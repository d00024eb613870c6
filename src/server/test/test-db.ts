/** A fresh, migrated database per test suite. TEST_DB=postgres uses a throwaway database on the PostgreSQL server. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DbHandle, openDb } from '../db/connect';

export const TEST_ENGINE = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const PG_BASE = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Open a new empty migrated database on the engine chosen by TEST_DB. */
export async function createTestDb(): Promise<DbHandle> {
  if (TEST_ENGINE === 'postgres') {
    const name = `shishi_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_BASE });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_BASE);
    url.pathname = `/${name}`;
    const handle = await openDb(url.toString());
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: PG_BASE });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'shishi-test-'));
  const handle = await openDb(join(dir, 'test.sqlite'));
  return {
    ...handle,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
