import { REVIEW_ACTION_PERMISSION } from '../../../domain/policies/policies';
import { sameContent } from '../../../domain/review/report-diff';
import type { ReportDetail } from '../../../shared/api-types';
import type { SaveReportInput } from '../../../shared/schemas';
import type { ReportStatus } from '../../../shared/statuses';
import { AppError } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { newId, parseJson } from '../../util';
import { assessVersions } from '../assess/assessments';
import { authorize, type Ctx } from '../context';
import { reportSubject } from '../subjects';
import { checkRound, currentContent, loadReport, requireTransition, STALE } from './report-access';
import { getReportDetail } from './report-detail';

/**
 * Save: a new immutable version with the submitted content. Status stays draft/returned. A save that changes nothing
 * (the same content as the current version) writes nothing and answers the report as it is.
 */
export async function saveReport(ctx: Ctx, id: string, input: SaveReportInput): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  authorize(ctx, REVIEW_ACTION_PERMISSION.save, reportSubject(r));
  const status = requireTransition(r.status as ReportStatus, 'save');
  if (r.versionNo !== input.baseVersion) throw new AppError('CONFLICT', STALE);
  await checkRound(ctx, r, 'save');
  const indicators = await repo.findIndicators(ctx.db, r.projectId, r.orgId);
  const known = new Set(indicators.map((i) => i.id));
  const bad = input.values.find((v) => !known.has(v.indicatorId));
  if (bad) throw new AppError('VALIDATION', `字段“指标数值”包含不属于本项目的指标：${bad.indicatorId}`);
  const vocabulary = parseJson<string[]>((await findProgramme(ctx.db, r.programmeId))?.statusVocabulary, []);
  if (input.selfAssessment && !vocabulary.includes(input.selfAssessment))
    throw new AppError('VALIDATION', `字段“进度自评”应为以下之一：${vocabulary.join('、')}`);
  const actor = ctx.actor;
  const now = ctx.now().toISOString();
  const before = await currentContent(ctx.db, r);
  const incoming = {
    ...input,
    selfAssessment: input.selfAssessment ?? null,
    lagAnalysis: input.lagAnalysis ?? null,
    values: input.values.map((v) => ({ indicatorId: v.indicatorId, value: v.value, note: v.note ?? '' })),
  };
  const stored = {
    ...before.content,
    values: before.content.values.map((v) => ({ ...v, note: v.note ?? '' })),
  };
  if (before.version && sameContent(stored, incoming)) return getReportDetail(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const versionNo = r.versionNo + 1;
    const ok = await repo.updateReportState(trx, r.id, input.baseVersion, { status, versionNo, updatedAt: now });
    if (!ok) throw new AppError('CONFLICT', STALE);
    const versionId = newId();
    await repo.insertVersion(
      trx,
      {
        id: versionId,
        reportId: r.id,
        versionNo,
        status,
        action: 'save',
        progressText: input.progressText,
        selfAssessment: input.selfAssessment,
        problems: input.problems,
        nextSteps: input.nextSteps,
        targetAdjustmentNote: input.targetAdjustmentNote,
        completedAnnualTarget: input.completedAnnualTarget ? 1 : 0,
        lagAnalysis: input.lagAnalysis ? JSON.stringify(input.lagAnalysis) : null,
        comment: null,
        createdBy: actor.id,
        createdAt: now,
      },
      input.values.map((v) => ({ id: newId(), indicatorId: v.indicatorId, value: v.value, note: v.note ?? '' })),
    );
    await assessVersions(trx, [versionId], ctx.now());
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'report.save',
      entity: 'report',
      entityId: r.id,
      before: { versionNo: r.versionNo, ...before.content },
      after: { versionNo, ...input },
      ip: ctx.ip,
    });
  });
  return getReportDetail(ctx, id);
}
