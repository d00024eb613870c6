/**
 * `shishi seed-demo --districts 3 --projects 5` on an empty database (the engine of TEST_DB): the city and three
 * districts, written one transaction per district, and the printed totals are what the database holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../server/db/connect';
import { TEST_ENGINE } from '../server/test/test-db';
import { seedCommand } from './seed';

const PG_BASE = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

describe(`seed-demo --districts (${TEST_ENGINE})`, () => {
  let url: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (TEST_ENGINE === 'postgres') {
      const name = `shishi_seed_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: PG_BASE });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const u = new URL(PG_BASE);
      u.pathname = `/${name}`;
      url = u.toString();
      cleanup = async () => {
        const c = new pg.Client({ connectionString: PG_BASE });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'shishi-seed-'));
      url = join(dir, 'seed.sqlite');
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(async () => cleanup?.());

  it('creates the city and three districts, and prints what it wrote', async () => {
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await seedCommand(['--db', url, '--districts', '3', '--projects', '5']);
    } finally {
      write.mockRestore();
      err.mockRestore();
    }
    expect(code).toBe(0);
    const printed = JSON.parse(out.join('').trim().split('\n').at(-1)!);
    expect(printed.programmes).toBe(3);
    expect(printed.ms).toBeGreaterThan(0);
    const h = await openDb(url);
    try {
      const n = async (t: 'programmes' | 'projects' | 'reports' | 'reportVersions' | 'organizations' | 'users') =>
        Number(
          (
            await h.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await n('programmes')).toBe(3);
      for (const t of ['projects', 'reports', 'reportVersions', 'organizations', 'users'] as const)
        expect(await n(t), t).toBe(printed[t]);
      // At most five top-level projects per district (split children come with their parent).
      const tops = await h.db
        .selectFrom('projects')
        .select(['programmeId', (eb) => eb.fn.countAll().as('n')])
        .where('parentId', 'is', null)
        .groupBy('programmeId')
        .execute();
      expect(tops.map((t) => Number(t.n))).toEqual([5, 5, 5]);
      // Every version carries its assessment; every district government sits under the city.
      const assessed = await h.db
        .selectFrom('reportAssessments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('current', '=', 1)
        .executeTakeFirstOrThrow();
      expect(Number(assessed.n)).toBe(printed.reportVersions);
      const city = await h.db
        .selectFrom('organizations')
        .selectAll()
        .where('name', '=', '澜州市人民政府')
        .executeTakeFirstOrThrow();
      const govs = await h.db
        .selectFrom('programmes')
        .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
        .select(['organizations.parentId'])
        .execute();
      expect(govs.every((g) => g.parentId === city.id)).toBe(true);
      const leader = await h.db
        .selectFrom('users')
        .select('role')
        .where('username', '=', 'city-leader')
        .executeTakeFirst();
      expect(leader?.role).toBe('leader');
    } finally {
      await h.close();
    }
    // A second run refuses to write into a database that has data.
    const again = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await seedCommand(['--db', url, '--districts', '3'])).toBe(1);
    } finally {
      again.mockRestore();
    }
  }, 180_000);
});
