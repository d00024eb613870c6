/**
 * GET /api/rounds/:id/missing-analyses: the reports of a round whose written analysis (滞后分析) is required — the
 * unit says it is lagging, or the engine computed it so — but not handed in: no analysis document submitted or
 * approved, and no complete analysis inside the report itself.
 */

import type { z } from 'zod';
import { checkLagAnalysis, lagAnalysisRequired } from '../../../domain/assess/judge';
import type { ComputedStatus } from '../../../domain/assess/judge/types';
import { reportScope } from '../../../domain/policies/policies';
import type { MissingAnalysisSchema } from '../../../shared/contract/rounds';
import { findAnalysisCandidates } from '../../repositories/review.repo';
import { parseJson } from '../../util';
import { authorize, type Ctx } from '../context';
import { seesInternal } from '../evaluate/deputy-view';
import { visibleRound } from '../subjects';

export async function listMissingAnalyses(ctx: Ctx, roundId: string): Promise<z.infer<typeof MissingAnalysisSchema>[]> {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, 'round:readTable', owner);
  // Who still owes an analysis is the office's chase, not a deputy's reading (approved content only).
  if (!seesInternal(ctx, owner.ownerOrgId)) return [];
  const rows = await findAnalysisCandidates(ctx.db, roundId, reportScope(ctx.actor));
  const out: z.infer<typeof MissingAnalysisSchema>[] = [];
  for (const r of rows) {
    const { required, reasons } = lagAnalysisRequired({
      selfAssessment: r.selfAssessment,
      computedStatus: r.computedStatus as ComputedStatus | null,
    });
    if (!required && !r.lagAnalysisRequired) continue;
    if (r.analysisStatus === 'submitted' || r.analysisStatus === 'approved' || r.analysisStatus === 'published')
      continue;
    const embedded = parseJson<Record<string, string> | null>(r.lagAnalysis, null);
    if (embedded && checkLagAnalysis(embedded).complete) continue;
    out.push({
      reportId: r.reportId,
      projectId: r.projectId,
      code: r.code,
      name: r.name,
      unitId: r.unitId,
      unit: r.unit,
      selfAssessment: r.selfAssessment,
      reportStatus: r.reportStatus,
      analysisStatus: r.analysisStatus ?? null,
      reasons: reasons.length ? reasons : [r.reason ?? '研判结果要求附书面分析'],
    });
  }
  return out;
}
