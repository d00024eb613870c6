/**
 * Scale benchmark (issue 12 §5): the reads leaders make, on a multi-district demo (`shishi seed-demo --scale N`).
 *
 *   node bin/shishi.mjs seed-demo --db postgres://postgres@127.0.0.1:5432/shishi_bench --scale 100
 *   npx tsx bench/scale.bench.ts --db postgres://postgres@127.0.0.1:5432/shishi_bench [--runs 30] [--only export]
 *   node bin/shishi.mjs seed-demo --db /tmp/scale10.sqlite --scale 10 && npx tsx bench/scale.bench.ts --db /tmp/scale10.sqlite
 *
 * In-process service calls (what a request costs the server, without HTTP), each measured `--runs` times after two
 * warm-up calls, printing median and p95:
 * - district dashboard (services/dashboard getDashboard) of one district, as its leader — cold (the service itself);
 * - the city roll-up (services/rollup) as the city's leader — cold (built every time) and warm (the read cache);
 * - the filtered consolidated table (status=lagging,severe&sort=-gap) of one district round — cold (built and filtered
 *   every time) and warm (the read cache; what a repeated request costs);
 * - an export of a 15,000-row table: the Q3 tables of as many districts as needed for 15,000 rows, built and merged into
 *   one table, rendered to the official .xlsx (no demo round has 15,000 rows on its own).
 */
import { performance } from 'node:perf_hooks';
import { reportScope } from '../src/domain/policies/policies';
import { queryRows } from '../src/domain/publish/table-query';
import { openDb } from '../src/server/db/connect';
import { buildConsolidatedXlsx } from '../src/server/files/export/consolidated-xlsx';
import { findUserByUsername } from '../src/server/repositories/users.repo';
import { loadActor } from '../src/server/services/actor';
import type { Ctx } from '../src/server/services/context';
import { buildTable, getConsolidatedTableJson } from '../src/server/services/publish/consolidated-table';
import { buildRollup, getRollupJson } from '../src/server/services/rollup/rollup';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const DB = arg('db', process.env.DATABASE_URL ?? '');
const RUNS = Number(arg('runs', '30'));
const EXPORT_ROWS = Number(arg('export-rows', '15000'));
/** `--only export`: measure the 15,000-row export alone (skip the dashboard, roll-up and table reads). */
const ONLY = arg('only', '');

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};

async function measure(label: string, target: number | null, fn: () => Promise<unknown>, runs = RUNS) {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const p95 = q(times, 0.95);
  const verdict = target === null ? '' : p95 <= target ? `  ✓ < ${target} ms` : `  ✗ target ${target} ms`;
  console.log(
    `${label.padEnd(58)} median ${q(times, 0.5).toFixed(1).padStart(8)} ms   p95 ${p95.toFixed(1).padStart(8)} ms${verdict}`,
  );
  return { median: q(times, 0.5), p95 };
}

async function main() {
  if (!DB) throw new Error('--db URL or DATABASE_URL');
  const h = await openDb(DB);
  const ctxFor = async (username: string): Promise<Ctx> => {
    const u = await findUserByUsername(h.db, username);
    if (!u) throw new Error(`no user ${username} (seed the demo with --scale ≥ 2)`);
    const { actor } = await loadActor(h.db, u);
    return { db: h.db, actor, ip: null, now: () => new Date('2026-10-15T00:00:00Z') };
  };
  try {
    const city = await ctxFor('city-leader');
    const leader = await ctxFor('leader-2');
    const rollup = await buildRollup(city as Ctx & { actor: NonNullable<Ctx['actor']> }, {});
    const rows = rollup.totals.rows;
    console.log(
      `${DB.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}: ${rollup.districts.length} districts, ${rows} rows in the compared rounds`,
    );
    const district = rollup.districts[1] ?? rollup.districts[0]!;
    const roundId = district.round!.id;

    if (ONLY !== 'export') {
      const dashboard = await import('../src/server/services/dashboard/overview').catch(() => null);
      if (dashboard?.getDashboard)
        await measure('district dashboard (getDashboard, as leader-2)', 200, () =>
          dashboard.getDashboard(leader, { programme: district.programmeId }),
        );
      else console.log('district dashboard: services/dashboard not present — skipped');

      await measure('city roll-up, cold (buildRollup)', 500, () => buildRollup(city as never, {}));
      await measure('city roll-up, warm (read cache)', 500, () => getRollupJson(city, {}));

      const query = { status: ['lagging', 'severe'] as ('lagging' | 'severe')[], sort: '-gap' as const };
      const scope = reportScope(leader.actor);
      await measure('filtered table, cold (build + filter, one district)', 200, async () =>
        queryRows((await buildTable(h.db, roundId, scope, false)).rows, query),
      );
      await measure('filtered table, warm (read cache, one district)', 200, () =>
        getConsolidatedTableJson(leader, roundId, query),
      );
      await measure('filtered table, city leader, text search 严重滞后', 200, () =>
        getConsolidatedTableJson(city, roundId, { q: '严重滞后', sort: '-gap' }),
      );
    }

    // A 15,000-row table: the districts' latest tables merged.
    const t0 = performance.now();
    const cityScope = reportScope(city.actor);
    type Built = Awaited<ReturnType<typeof buildTable>>;
    let head: Built | null = null;
    const merged: Built['rows'] = [];
    for (const d of rollup.districts) {
      if (!d.round || merged.length >= EXPORT_ROWS) continue;
      const t: Built = await buildTable(h.db, d.round.id, cityScope, false);
      head ??= t;
      merged.push(...t.rows);
    }
    const t1 = performance.now();
    if (!head) throw new Error('no round to export');
    const table: Built = { ...head, rows: merged.slice(0, EXPORT_ROWS) };
    const buf = await buildConsolidatedXlsx(
      {
        ...table,
        abilities: {
          readTable: true,
          exportTable: true,
          review: false,
          publish: false,
          close: false,
          manage: false,
          archive: false,
        },
      },
      { includeComputed: true },
    );
    const t2 = performance.now();
    const total = (t2 - t0) / 1000;
    console.log(
      `export of ${table.rows.length} rows to .xlsx: query ${((t1 - t0) / 1000).toFixed(1)} s + render ${((t2 - t1) / 1000).toFixed(1)} s = ${total.toFixed(1)} s (${(buf.length / 1e6).toFixed(1)} MB)${total < 10 ? '  ✓ < 10 s' : '  ✗ target 10 s'}`,
    );
  } finally {
    await h.close();
  }
}

await main();
