/** A Fastify app on a fresh test database seeded with the small fixture, plus login helpers for inject(). */
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/connect';
import { buildApp } from '../http/app';
import { seedDataset } from '../services/seed-dataset';
import { PASSWORD, smallDataset } from './fixture';
import { createTestDb } from './test-db';

export type Session = { cookie: string; csrf: string };

export async function createTestApp(): Promise<{ app: FastifyInstance; h: DbHandle; close: () => Promise<void> }> {
  const h = await createTestDb();
  await seedDataset(h.db, smallDataset());
  const app = await buildApp({ db: h.db, loginRateMax: 1000, strictResponses: true });
  return {
    app,
    h,
    close: async () => {
      await app.close();
      await h.close();
    },
  };
}

/** Log in through the API and return the session cookie and CSRF token. */
export async function loginAs(app: FastifyInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.headers['set-cookie'];
  const raw = Array.isArray(set) ? set[0]! : set!;
  return { cookie: raw.split(';')[0]!, csrf: res.json().csrfToken };
}

/** Headers for a request as a logged-in user (CSRF header included). */
export const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/** Open the fixture programme's 2026-Q3 round (as-of 2026-09-30, due 2026-10-08) as an office user; returns its id. */
export async function openQ3Round(app: FastifyInstance, office: Session): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/rounds',
    headers: as(office),
    payload: {
      programmeId: 'prog',
      periodType: 'quarter',
      periodKey: '2026-Q3',
      asOf: '2026-09-30',
      dueDate: '2026-10-08',
    },
  });
  if (res.statusCode !== 201) throw new Error(`open round failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
