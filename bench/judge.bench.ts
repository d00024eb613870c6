/**
 * Judgement engine throughput: judgeStatement + checkWriting over the labelled corpus, repeated; and the cost of
 * judging a whole consolidated table (demo programme, one round) as the server does.
 *   npx tsx bench/judge.bench.ts
 */

import { checkWriting, judgeStatement } from '../src/domain/assess/judge';
import { allCases } from '../src/domain/assess/judge/corpus';
import { generateDemoDataset } from '../src/domain/demo';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const statements = allCases.map((c) => ({ progress: c.progress, target: c.target, asOf: c.asOf ?? '2026-09-30' }));
for (let i = 0; i < 3; i++) for (const s of statements) judgeStatement(s); // warm up

const runs: number[] = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  for (let k = 0; k < 10; k++)
    for (const s of statements) {
      judgeStatement(s);
      checkWriting({ progress: s.progress });
    }
  runs.push(performance.now() - t0);
}
const per = median(runs) / (statements.length * 10);
console.log(`corpus: ${statements.length} statements × 10, 7 runs`);
console.log(
  `  judgeStatement + checkWriting: median ${(per * 1000).toFixed(1)} µs per statement (${Math.round(1000 / per)} statements/s)`,
);

// A whole round as the consolidated table judges it.
const ds = generateDemoDataset();
const q3 = ds.rounds.find((r) => r.periodKey.endsWith('Q3'))!;
const project = new Map(ds.projects.map((p) => [p.id, p]));
const latest = new Map<string, string>();
for (const v of ds.reportVersions) latest.set(v.reportId, v.progressText);
const rows = ds.reports
  .filter((r) => r.roundId === q3.id)
  .map((r) => ({ progress: latest.get(r.id) ?? '', target: project.get(r.projectId)!.annualTargetText, asOf: q3.asOf }))
  .filter((r) => r.progress);
const tableRuns: number[] = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  for (const row of rows) judgeStatement(row);
  tableRuns.push(performance.now() - t0);
}
console.log(
  `demo round ${q3.periodKey}: ${rows.length} filled reports judged in median ${median(tableRuns).toFixed(1)} ms`,
);
