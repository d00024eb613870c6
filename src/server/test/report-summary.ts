/** Test check: every report's assessment summary (reports.assessed_*) equals its current version's current assessment. */
import type { DbOrTx } from '../db/connect';

export async function summaryMismatches(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom('reports')
    .leftJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select([
      'reports.id',
      'reports.versionNo',
      'reports.assessedStatus',
      'reports.assessedLight',
      'reports.assessedRatio',
      'reports.assessedGap',
      'reports.assessedReason',
      'reportAssessments.computedStatus',
      'reportAssessments.light',
      'reportAssessments.completionRatio',
      'reportAssessments.gapPoints',
      'reportAssessments.reason',
    ])
    .execute();
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
