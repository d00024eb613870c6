/**
 * Issue 8 §1.8 / §3: every 500 is logged with its stack under a request id, the client gets only a Chinese message and
 * that id (body and x-request-id header) to quote.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { createTestDb, TEST_ENGINE } from '../test/test-db';
import { buildApp } from './app';

let app: FastifyInstance;
let h: DbHandle;
const lines: string[] = [];
type LogLine = { level: number; reqId?: string; msg?: string; err?: { message: string; stack: string } };
const logged = () => lines.map((l) => JSON.parse(l) as LogLine);

beforeAll(async () => {
  h = await createTestDb();
  app = await buildApp({ db: h.db, logger: { level: 'warn', stream: { write: (msg) => void lines.push(msg) } } });
  app.get('/api/test/boom', async () => {
    throw new Error('connection string postgres://admin:secret@db/internal broke');
  });
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

describe(`500 answers and the log (${TEST_ENGINE})`, () => {
  it('answers a Chinese message with the request id and logs the stack under the same id', async () => {
    const res = await app.inject({ url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const { error } = res.json();
    expect(error).toEqual({
      code: 'INTERNAL',
      message: `服务器内部错误，请稍后再试（如需报告问题，请提供请求编号 ${id}）`,
      details: { requestId: id },
    });
    expect(res.body).not.toMatch(/secret|postgres|Error|at /);

    const entry = logged().find((l) => l.reqId === id && l.level === 50);
    expect(entry, lines.join('')).toBeDefined();
    expect(entry?.err?.message).toContain('secret@db/internal');
    expect(entry?.err?.stack).toMatch(/error-log\.db\.test\.ts/);
    expect(entry?.msg).toBe('unhandled error');
  });

  it('gives every answer its own id, and keeps a well-formed id sent by the proxy', async () => {
    const a = await app.inject({ url: '/api/auth/me' });
    const b = await app.inject({ url: '/api/nowhere' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(404);
    expect(a.headers['x-request-id']).toBeTruthy();
    expect(b.headers['x-request-id']).toBeTruthy();
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);

    const kept = await app.inject({ url: '/api/test/boom', headers: { 'x-request-id': 'nginx-4f2a9c0d1e' } });
    expect(kept.headers['x-request-id']).toBe('nginx-4f2a9c0d1e');
    expect(kept.json().error.details.requestId).toBe('nginx-4f2a9c0d1e');
    expect(logged().some((l) => l.reqId === 'nginx-4f2a9c0d1e' && l.level === 50)).toBe(true);

    const forged = await app.inject({ url: '/api/auth/me', headers: { 'x-request-id': 'x"}\n{"level":60' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not log client errors as errors', async () => {
    const before = lines.length;
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
    await app.inject({ url: '/api/nowhere' });
    expect(
      logged()
        .slice(before)
        .filter((l) => l.level >= 50),
    ).toEqual([]);
  });
});
