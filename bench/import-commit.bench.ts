/**
 * A 50,000-row import commit and the event loop: how long other users wait at most while it runs.
 * Measures the commit's duration, the longest single stretch the event loop is blocked (a 10 ms timer records the
 * gaps between its ticks; perf_hooks.monitorEventLoopDelay gives the max/p99 delay), and the longest wait of another
 * user's small read and of another user's small write, each issued every 20 ms meanwhile, on SQLite by default.
 *   npx tsx bench/import-commit.bench.ts               (50,000 rows)
 *   npx tsx bench/import-commit.bench.ts --rows 20000
 *   TEST_DB=postgres TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/import-commit.bench.ts
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { KyselyPlugin } from 'kysely';
import { buildImportPreview } from '../src/domain/collect/import';
import { readPastedText } from '../src/server/files/import';
import { commitImport, listOrgsForMatching } from '../src/server/services/collect/import-commit';
import { systemClock } from '../src/server/services/context';
import { seedDataset } from '../src/server/services/seed-dataset';
import { smallDataset } from '../src/server/test/fixture';
import { createTestDb, TEST_ENGINE } from '../src/server/test/test-db';
import { OFFICE_ACTOR } from '../src/server/test/upload';

const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 50_000;

const sup = OFFICE_ACTOR;

const code = (i: number) => `${20 + Math.floor(i / 10)}-${(i % 10) + 1}`;

function table(): string {
  return [
    '测试区2026年民生实事项目三季度进展情况表（截至2026年9月30日）',
    '',
    '序号\t项目名称\t年度目标\t第三季度目标\t截至9月30日落实情况+进度自评 (按计划推进/滞后/已完成)\t牵头责任单位',
    ...Array.from(
      { length: ROWS },
      (_, i) =>
        `${code(i)}\t第${i + 1}号社区书屋提质工程\t完成书屋提质${(i % 9) + 1}个。\t完成${(i % 5) + 1}个。\t已完成${i % 7}个（按计划推进）。\t东湖街道`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const h = await createTestDb();
  try {
    await seedDataset(h.db, smallDataset());
    const preview = buildImportPreview(readPastedText(table(), { limits: { maxRows: ROWS + 10 } }), {
      orgs: await listOrgsForMatching(h.db),
    });
    console.log(`import commit — ${preview.items.length} rows, ${TEST_ENGINE}`);
    // Longest gap between ticks of a 10 ms timer = the longest time any other request would have waited.
    const trace = process.argv.includes('--trace');
    let lastSql = '(start)';
    let last = performance.now();
    let longest = 0;
    const gaps: number[] = [];
    const timer = setInterval(() => {
      const now = performance.now();
      const gap = now - last;
      gaps.push(gap);
      if (gap > longest) longest = gap;
      if (trace && gap > 800) console.log(`  blocked ${gap.toFixed(0)} ms; last statement: ${lastSql}`);
      last = now;
    }, 10);
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await new Promise((r) => setTimeout(r, 50));
    last = performance.now();
    const t0 = performance.now();
    // --trace: name the statements (and the work between them) that take longer than 300 ms.
    let mark = performance.now();
    const tracer: KyselyPlugin = {
      transformQuery: (a) => {
        const now = performance.now();
        if (now - mark > 300) console.log(`  JS ${(now - mark).toFixed(0)} ms after: ${lastSql}`);
        mark = now;
        const json = JSON.stringify(a.node);
        lastSql = `${a.node.kind} ${[...json.matchAll(/"table":\{[^}]*?"name":"(\w+)"/g)].map((m) => m[1]).join(',')}`;
        return a.node;
      },
      transformResult: async (a) => {
        const now = performance.now();
        if (now - mark > 300) console.log(`  SQL ${(now - mark).toFixed(0)} ms: ${lastSql}`);
        mark = now;
        return a.result;
      },
    };
    const db = trace ? h.db.withPlugin(tracer) : h.db;
    // Another user meanwhile: a small read every 20 ms on the app's own database handle; its longest wait is how long
    // other requests' database work queues behind the commit (SQLite: one connection; PostgreSQL: a pool).
    let reading = true;
    let longestRead = 0;
    const reads = (async () => {
      while (reading) {
        const r0 = performance.now();
        await h.db.selectFrom('programmes').select('id').limit(1).execute();
        longestRead = Math.max(longestRead, performance.now() - r0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // And another user's small write every 20 ms (a unit saving a draft): on SQLite it waits for the one writer, so
    // its longest wait is the longest transaction the commit holds.
    let longestWrite = 0;
    let writesDone = 0;
    const writes = (async () => {
      while (reading) {
        const w0 = performance.now();
        await h.db
          .updateTable('organizations')
          .set({ aliases: JSON.stringify([`别名${writesDone}`]) })
          .where('id', '=', 'org-x')
          .execute();
        writesDone++;
        longestWrite = Math.max(longestWrite, performance.now() - w0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const summary = await commitImport({ db, actor: sup, ip: null, now: systemClock }, preview, {
      programmeId: 'prog',
    });
    const total = performance.now() - t0;
    reading = false;
    await reads;
    await writes;
    await new Promise((r) => setTimeout(r, 30));
    clearInterval(timer);
    histogram.disable();
    gaps.sort((a, b) => a - b);
    const q = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
    console.log(`  projects created: ${summary.projectsCreated}, reports versioned: ${summary.reportsVersioned}`);
    console.log(`  commit duration: ${(total / 1000).toFixed(2)} s`);
    console.log(
      `  longest blocking stretch: ${longest.toFixed(0)} ms (timer gaps: median ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms)`,
    );
    console.log(`  another user's small read, longest wait: ${longestRead.toFixed(0)} ms`);
    console.log(
      `  another user's small write, longest wait: ${longestWrite.toFixed(0)} ms (${writesDone} writes meanwhile)`,
    );
    console.log(
      `  monitorEventLoopDelay: max ${(histogram.max / 1e6).toFixed(0)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0)} ms, mean ${(histogram.mean / 1e6).toFixed(1)} ms`,
    );
  } finally {
    await h.close();
  }
}

await main();
