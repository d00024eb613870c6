/**
 * Micro precision/recall of quantity extraction on the labelled corpus (computed, never hard-coded).
 * Run: npx tsx scripts/judge-metrics.ts [--verbose]
 */
import type { CorpusCase } from '../src/domain/assess/judge/corpus/case';
import { microMetrics, scoreCase } from '../src/domain/assess/judge/corpus/evaluate';
import { developmentCases, holdoutCases } from '../src/domain/assess/judge/corpus/index';

const verbose = process.argv.includes('--verbose');
const p = (x: number) => `${(x * 100).toFixed(1)}%`;

function report(name: string, cases: CorpusCase[]): void {
  if (cases.length === 0) return;
  const scores = cases.map(scoreCase);
  const m = microMetrics(scores);
  console.log(`\n${name}: ${cases.length} statements, ${m.expected} labelled quantities, ${m.found} extracted`);
  console.log(
    `  value+unit       precision ${p(m.valueUnit.precision)}  recall ${p(m.valueUnit.recall)}  F1 ${p(m.valueUnit.f1)}`,
  );
  console.log(
    `  value+unit+kind  precision ${p(m.valueUnitKind.precision)}  recall ${p(m.valueUnitKind.recall)}  F1 ${p(m.valueUnitKind.f1)}`,
  );
  console.log(
    `  statements fully correct (quantities, ratio, status, self-assessment): ${m.casesPassing}/${cases.length}`,
  );
  if (verbose) for (const s of scores) for (const pr of s.problems) console.log(`    ${s.id}: ${pr}`);
}

report('All cases', [...developmentCases, ...holdoutCases]);
report('Development cases', developmentCases);
report('Held-out cases (written after the engine was frozen)', holdoutCases);
