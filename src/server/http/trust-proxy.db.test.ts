/** Behind a reverse proxy: X-Forwarded-For is honoured only when it comes from the configured proxy address. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { seedDataset } from '../services/seed-dataset';
import { smallDataset } from '../test/fixture';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

describe(`trusted proxy (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let app: FastifyInstance;

  beforeAll(async () => {
    h = await createTestDb();
    await seedDataset(h.db, smallDataset());
    app = await buildApp({ db: h.db, loginRateMax: 1000, trustProxy: ['10.0.0.1'] });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  const failFrom = async (remoteAddress: string, forwarded: string) => {
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress,
      headers: { 'x-forwarded-for': forwarded },
      payload: { username: 'sup', password: 'wrong-password' },
    });
    const rows = await h.db.selectFrom('auditLog').select('ip').where('action', '=', 'login.fail').execute();
    return rows.map((r) => r.ip);
  };

  it('records the client address the proxy forwards', async () => {
    expect(await failFrom('10.0.0.1', '203.0.113.9')).toContain('203.0.113.9');
  });

  it('ignores X-Forwarded-For from anyone else (no spoofing the address that login limits key on)', async () => {
    const ips = await failFrom('198.51.100.7', '203.0.113.10');
    expect(ips).toContain('198.51.100.7');
    expect(ips).not.toContain('203.0.113.10');
  });
});
