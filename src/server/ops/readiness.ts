/**
 * Readiness (`GET /api/ready`): may this instance take traffic? The database answers a trivial query within a timeout,
 * and every migration this code version ships (src/server/db/migrations) is recorded as applied. Liveness
 * (`/api/health`) stays a constant answer that touches nothing. Reasons are Chinese and free of internals (the route is
 * anonymous); the underlying error goes to the log. Two fixed statements on the database itself (not domain data),
 * run as raw compiled queries like backup's: no query builder here (domain queries live in server/repositories).
 */
import { readdirSync } from 'node:fs';
import { CompiledQuery, type Kysely, SqliteAdapter } from 'kysely';
import { MIGRATION_TABLE } from './common';

export type ReadinessCheck = { ok: boolean; ms: number; message?: string };
export type Readiness = {
  ready: boolean;
  db: 'sqlite' | 'postgres';
  checks: {
    database: ReadinessCheck;
    migrations: ReadinessCheck & { applied: number; expected: number; pending: string[] };
  };
  /** Why not ready (Chinese), empty when ready. */
  reasons: string[];
  /** The underlying error, for the log only (never sent). */
  error?: unknown;
};

let shipped: string[] | null = null;
/** Names of the migrations in src/server/db/migrations (file names without .ts), read once. */
export function shippedMigrations(): string[] {
  shipped ??= readdirSync(new URL('../db/migrations/', import.meta.url))
    .filter((f) => /^\d{4}-[\w-]+\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  return shipped;
}

class Timeout extends Error {}
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

// biome-ignore lint/suspicious/noExplicitAny: any application database (the check reads no typed table)
export const engineOf = (db: Kysely<any>) =>
  db.getExecutor().adapter instanceof SqliteAdapter ? ('sqlite' as const) : ('postgres' as const);

// biome-ignore lint/suspicious/noExplicitAny: see engineOf
export async function checkReadiness(db: Kysely<any>, opts: { timeoutMs?: number } = {}): Promise<Readiness> {
  const timeoutMs = opts.timeoutMs ?? 2000;
  const expected = shippedMigrations();
  const out: Readiness = {
    ready: false,
    db: engineOf(db),
    checks: {
      database: { ok: false, ms: 0 },
      migrations: { ok: false, ms: 0, applied: 0, expected: expected.length, pending: [] },
    },
    reasons: [],
  };
  let t0 = performance.now();
  try {
    await withTimeout(db.executeQuery(CompiledQuery.raw('SELECT 1 AS one')), timeoutMs);
    out.checks.database = { ok: true, ms: Math.round(performance.now() - t0) };
  } catch (e) {
    const message = e instanceof Timeout ? `数据库在 ${timeoutMs} 毫秒内没有应答` : '数据库无法访问';
    out.checks.database = { ok: false, ms: Math.round(performance.now() - t0), message };
    out.checks.migrations.message = '未检查（数据库无法访问）';
    out.reasons.push(message);
    out.error = e;
    return out;
  }
  t0 = performance.now();
  try {
    const rows = await withTimeout(
      db.executeQuery<{ name: string }>(CompiledQuery.raw(`SELECT name FROM ${MIGRATION_TABLE}`)),
      timeoutMs,
    );
    const applied = new Set(rows.rows.map((r) => r.name));
    const pending = expected.filter((m) => !applied.has(m));
    const m = out.checks.migrations;
    Object.assign(m, {
      ok: pending.length === 0,
      applied: applied.size,
      pending,
      ms: Math.round(performance.now() - t0),
    });
    if (pending.length) {
      m.message = `有 ${pending.length} 个数据库迁移尚未执行：${pending.join('、')}`;
      out.reasons.push(m.message);
    }
  } catch (e) {
    const message = e instanceof Timeout ? `读取迁移记录超时（${timeoutMs} 毫秒）` : '无法读取数据库迁移记录';
    Object.assign(out.checks.migrations, { ms: Math.round(performance.now() - t0), message });
    out.reasons.push(message);
    out.error = e;
  }
  out.ready = out.reasons.length === 0;
  return out;
}
