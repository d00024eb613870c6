/**
 * Real-world prose corpus (issue 14): quantity precision/recall, completion-ratio accuracy and status-class accuracy on
 * the tuning split, the FROZEN held-out split and the second held-out split written blind (without the engine's code), plus statements/s of extraction + judgement + writing checks.
 *   npx tsx bench/judge-corpus.bench.ts [--verbose]
 */
import { checkWriting, judgeStatement } from '../src/domain/assess/judge';
import { allCases } from '../src/domain/assess/judge/corpus';
import { type SplitFigures, splitFigures } from '../src/domain/assess/judge/corpus/metrics';
import { realworld } from '../src/domain/assess/judge/corpus/realworld';
import { realworldHoldout } from '../src/domain/assess/judge/corpus/realworld-holdout';
import { realworldHoldout2 } from '../src/domain/assess/judge/corpus/realworld-holdout2';

const verbose = process.argv.includes('--verbose');
const p = (x: number) => `${(x * 100).toFixed(1)}%`;

function show(name: string, f: SplitFigures): void {
  const q = f.quantities;
  console.log(
    `${name.padEnd(28)} ${String(f.cases).padStart(4)} cases | quantities value+unit P ${p(q.valueUnit.precision)} R ${p(q.valueUnit.recall)}, +kind P ${p(q.valueUnitKind.precision)} R ${p(q.valueUnitKind.recall)} | ratio ${f.ratio.right}/${f.ratio.labelled} ${p(f.ratio.right / Math.max(1, f.ratio.labelled))} | status class ${f.statusClass.right}/${f.statusClass.labelled} ${p(f.statusClass.right / Math.max(1, f.statusClass.labelled))}`,
  );
  if (verbose) for (const m of f.misses) console.log(`    ${m}`);
}

show('real-world tuning', splitFigures(realworld));
show('real-world held-out (frozen)', splitFigures(realworldHoldout));
show('held-out 2 (blind, frozen)', splitFigures(realworldHoldout2));
show('earlier corpus (all)', splitFigures(allCases));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
const statements = [...allCases, ...realworld, ...realworldHoldout].map((c) => ({
  progress: c.progress,
  target: c.target,
  asOf: c.asOf ?? '2026-09-30',
}));
for (let i = 0; i < 3; i++) for (const s of statements) judgeStatement(s);
// wall time and this process's CPU time (the CPU figure is steadier on a shared machine)
const runs: number[] = [];
const cpu: number[] = [];
const perStatement: number[] = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let k = 0; k < 5; k++)
    for (const s of statements) {
      const a = k === 0 ? performance.now() : 0;
      judgeStatement(s);
      checkWriting({ progress: s.progress });
      if (k === 0) perStatement.push(performance.now() - a);
    }
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  runs.push(performance.now() - t0);
}
const n = statements.length * 5;
const per = median(runs) / n;
const perCpu = median(cpu) / n;
const ps = [...perStatement].sort((a, b) => a - b);
console.log(
  `speed (extraction + judgement + writing checks, one core): ${statements.length} statements × 5, 7 runs — wall median ${(per * 1000).toFixed(1)} µs/statement = ${Math.round(1000 / per)} statements/s; CPU median ${(perCpu * 1000).toFixed(1)} µs = ${Math.round(1000 / perCpu)} statements/s; one statement (a keystroke) median ${(median(ps) * 1000).toFixed(0)} µs, p95 ${((ps[Math.floor(ps.length * 0.95)] ?? 0) * 1000).toFixed(0)} µs`,
);
