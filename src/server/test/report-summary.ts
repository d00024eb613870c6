/** Test check: every report's assessment summary (reports.assessed_*) equals its current version's current assessment. */
import type { DbOrTx } from '../db/connect';
import { summariesBesideAssessments } from '../repositories/assessments.repo';

export async function summaryMismatches(db: DbOrTx): Promise<string[]> {
  const rows = await summariesBesideAssessments(db);
  const out: string[] = [];
  for (const r of rows) {
    const pairs: [unknown, unknown][] = [
      [r.assessedStatus, r.computedStatus],
      [r.assessedLight, r.light],
      [r.assessedRatio, r.completionRatio],
      [r.assessedGap, r.gapPoints],
      [r.assessedReason, r.reason],
    ];
    if (pairs.some(([a, b]) => (a ?? null) !== (b ?? null)))
      out.push(
        `${r.id} v${r.versionNo}: summary ${JSON.stringify(pairs.map((p) => p[0]))} ≠ ${JSON.stringify(pairs.map((p) => p[1]))}`,
      );
  }
  return out;
}
