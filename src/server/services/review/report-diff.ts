/** GET /api/reports/:id/diff: what changed between two versions — text inside fields, numbers of indicators. */

import type { z } from 'zod';
import { defaultDiffPair, diffVersions, type VersionContent } from '../../../domain/review/report-diff';
import type { ReportDiffSchema } from '../../../shared/contract/reports';
import { AppError } from '../../errors';
import * as repo from '../../repositories/reports.repo';
import { listVersionRefs } from '../../repositories/review.repo';
import { parseJson } from '../../util';
import { loadReport } from '../collect/report-access';
import { fieldCommentsOf } from '../collect/report-detail';
import type { Ctx } from '../context';
import { diffForReader } from '../evaluate/deputy-view';

type ReportDiff = z.infer<typeof ReportDiffSchema>;

async function contentOf(ctx: Ctx, reportId: string, versionNo: number): Promise<VersionContent> {
  const v = await repo.findVersion(ctx.db, reportId, versionNo);
  if (!v) throw new AppError('NOT_FOUND', `第${versionNo}版不存在`);
  const values = await repo.findValues(ctx.db, v.id);
  return {
    progressText: v.progressText,
    selfAssessment: v.selfAssessment,
    problems: v.problems,
    nextSteps: v.nextSteps,
    targetAdjustmentNote: v.targetAdjustmentNote,
    lagAnalysis: parseJson<VersionContent['lagAnalysis']>(v.lagAnalysis, null),
    values: values.map((x) => ({ indicatorId: x.indicatorId, value: x.value })),
  };
}

/** Any two versions (default: the version that returned the report against the current one). */
export async function diffReport(ctx: Ctx, id: string, q: { from?: number | undefined; to?: number | undefined }) {
  const r = await loadReport(ctx, id);
  const refs = await listVersionRefs(ctx.db, r.id);
  if (refs.length < 2) throw new AppError('NOT_FOUND', '该填报只有一个版本，没有可比较的内容');
  const fallback = defaultDiffPair(refs, r.versionNo) ?? { from: 1, to: r.versionNo };
  const from = q.from ?? (q.to !== undefined ? Math.max(1, q.to - 1) : fallback.from);
  const to = q.to ?? (q.from !== undefined ? r.versionNo : fallback.to);
  const ref = (n: number) => {
    const v = refs.find((x) => x.versionNo === n);
    if (!v) throw new AppError('NOT_FOUND', `第${n}版不存在（该填报共${r.versionNo}版）`);
    return v;
  };
  const a = ref(from);
  const b = ref(to);
  const indicators = await repo.findIndicators(ctx.db, r.projectId, r.orgId);
  const d = diffVersions(await contentOf(ctx, r.id, from), await contentOf(ctx, r.id, to), indicators);
  const out = (v: typeof a) => ({
    versionNo: v.versionNo,
    status: v.status,
    action: v.action,
    comment: v.comment,
    by: v.by,
    at: v.createdAt,
  });
  const diff = { from: out(a), to: out(b), ...d, fieldComments: fieldCommentsOf(a.fieldComments) } satisfies ReportDiff;
  return diffForReader(ctx, r.ownerOrgId, diff);
}
