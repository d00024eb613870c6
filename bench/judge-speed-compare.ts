/**
 * CPU time per statement of a judge folder (default: this tree's) over the same statement set — used to compare the
 * engine before and after optimisation on a shared machine:
 *   npx tsx bench/judge-speed-compare.ts [path/to/judge/index.ts]
 */
import { allCases } from '../src/domain/assess/judge/corpus';
import { realworld } from '../src/domain/assess/judge/corpus/realworld';
import { realworldHoldout } from '../src/domain/assess/judge/corpus/realworld-holdout';

const path = process.argv[2] ?? '../src/domain/assess/judge/index.ts';
const engine = (await import(path)) as typeof import('../src/domain/assess/judge');
const statements = [...allCases, ...realworld, ...realworldHoldout].map((c) => ({
  progress: c.progress,
  target: c.target,
  asOf: c.asOf ?? '2026-09-30',
}));
for (let i = 0; i < 3; i++) for (const s of statements) engine.judgeStatement(s);
const cpu: number[] = [];
for (let r = 0; r < 9; r++) {
  const c0 = process.cpuUsage();
  for (let k = 0; k < 5; k++)
    for (const s of statements) {
      engine.judgeStatement(s);
      engine.checkWriting({ progress: s.progress });
    }
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000 / (statements.length * 5));
}
cpu.sort((a, b) => a - b);
const m = cpu[Math.floor(cpu.length / 2)] ?? 0;
console.log(
  `${path}: CPU median ${(m * 1000).toFixed(1)} µs/statement = ${Math.round(1000 / m)} statements/s (min ${((cpu[0] ?? 0) * 1000).toFixed(1)} µs)`,
);
