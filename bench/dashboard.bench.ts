/**
 * Dashboard benchmark (issue 12 §1, §3): what one district's leader's pages cost the server, on a demo database
 * (`shishi seed-demo --scale N`): the overview, the trends, the ranking (one round and the year to date) and the year's
 * 考核 of one district programme. In-process service calls, each `--runs` times after two warm-up calls; median and p95.
 *
 *   node bin/shishi.mjs seed-demo --db /tmp/scale10.sqlite --scale 10 && npx tsx bench/dashboard.bench.ts --db /tmp/scale10.sqlite
 *   npx tsx bench/dashboard.bench.ts --db postgres://postgres@127.0.0.1:5432/shishi_bench [--user leader-2] [--runs 30]
 */
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/server/db/connect';
import { findUserByUsername } from '../src/server/repositories/users.repo';
import { loadActor } from '../src/server/services/actor';
import type { Ctx } from '../src/server/services/context';
import { getDashboard } from '../src/server/services/dashboard/overview';
import { getRanking, getScores } from '../src/server/services/dashboard/ranking';
import { getTrends } from '../src/server/services/dashboard/trends';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const DB = arg('db', process.env.DATABASE_URL ?? '');
const RUNS = Number(arg('runs', '30'));
const USER = arg('user', 'leader-2');

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  console.log(
    `${label.padEnd(44)} median ${q(times, 0.5).toFixed(1).padStart(8)} ms   p95 ${q(times, 0.95).toFixed(1).padStart(8)} ms`,
  );
}

async function main() {
  if (!DB) throw new Error('--db URL or DATABASE_URL');
  const h = await openDb(DB);
  try {
    const u = await findUserByUsername(h.db, USER);
    if (!u) throw new Error(`no user ${USER}`);
    const { actor } = await loadActor(h.db, u);
    const ctx: Ctx = { db: h.db, actor, ip: null, now: () => new Date('2026-10-15T00:00:00Z') };
    const d = await getDashboard(ctx, {});
    if (!d.programme) throw new Error(`${USER} has no programme`);
    const programme = d.programme.id;
    console.log(
      `${DB.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}: ${d.programme.name}, ${d.rounds.length} rounds, ${d.rows.length} reports in the latest round, runs ${RUNS}`,
    );
    await measure('overview (getDashboard)', () => getDashboard(ctx, { programme }));
    await measure('trends, whole programme (getTrends)', () => getTrends(ctx, { programme }));
    await measure('trends, 10 projects furthest behind', () => getTrends(ctx, { programme, by: 'project' }));
    await measure('ranking, latest round (getRanking)', () => getRanking(ctx, { programme }));
    await measure('ranking, year to date', () => getRanking(ctx, { programme, period: 'year' }));
    await measure('考核 of the year (getScores)', () => getScores(ctx, programme));
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
