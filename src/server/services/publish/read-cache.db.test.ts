/** The consolidated table served from the read cache: never stale, and still the contract's shape. */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../../shared/contract';
import { changeStamp } from '../../db/change-stamp';
import type { DbHandle } from '../../db/connect';
import { as, createTestApp, loginAs, type Session } from '../../test/test-app';
import { TEST_ENGINE } from '../../test/test-db';
import { readCacheOf } from './read-cache';

describe(`read cache of the consolidated table (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;
  let repb: Session;
  const table = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/rounds/r-q2/table', headers: as(sup) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.json();
  };

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    sup = await loginAs(app, 'sup');
    repb = await loginAs(app, 'repb');
  });
  afterAll(async () => close?.());

  it('answers the contract shape, with the actor abilities, from the cache while nothing changes', async () => {
    const cache = readCacheOf(h.db);
    const first = await table();
    const parsed = API.table.response.safeParse(first);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    expect(first.abilities).toBeTruthy();
    // On PostgreSQL the stamp is the cluster's snapshot, so a write in ANY database of the cluster (other test
    // workers) invalidates the entry: the claim checked is "an unchanged stamp is served from the cache", repeated
    // until a quiet moment gives two reads under one stamp.
    let checked = false;
    for (let attempt = 0; attempt < 20 && !checked; attempt++) {
      const stampBefore = await changeStamp(h.db);
      await table();
      const hits = cache.hits;
      const second = await table();
      const stampAfter = await changeStamp(h.db);
      expect(second).toEqual(first);
      if (stampBefore !== stampAfter) continue;
      expect(cache.hits).toBe(hits + 1);
      checked = true;
    }
    expect(checked, 'no two reads under one unchanged stamp in 20 attempts').toBe(true);
  });

  it('a write through the API invalidates it: the next read shows the change', async () => {
    const before = await table();
    const row = before.rows.find((r: { status: string }) => r.status === 'submitted');
    const ret = await app.inject({
      method: 'POST',
      url: `/api/reports/${row.reportId}/return`,
      headers: as(sup),
      payload: { baseVersion: row.versionNo, comment: '请补充数据' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const after = await table();
    expect(after.rows.find((r: { reportId: string }) => r.reportId === row.reportId).status).toBe('returned');
    expect(repb).toBeTruthy();
  });

  it('a write by any other path invalidates it too (the stamp watches the database, not the routes)', async () => {
    await table();
    await h.db.updateTable('projects').set({ name: '改名后的项目' }).where('id', '=', 'p-1').execute();
    const after = await table();
    expect(after.rows.find((r: { projectId: string }) => r.projectId === 'p-1').name).toBe('改名后的项目');
  });

  it('browsers get the same JSON gzip-compressed', async () => {
    const plain = await table();
    const res = await app.inject({
      method: 'GET',
      url: '/api/rounds/r-q2/table',
      headers: { ...as(sup), 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/);
    expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))).toEqual(plain);
  });
});
