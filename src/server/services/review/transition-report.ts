import { REVIEW_ACTION_PERMISSION } from '../../../domain/policies/policies';
import type { FieldComments } from '../../../domain/review/report-diff';
import { submitProblems } from '../../../domain/review/submit-rules';
import type { ReportDetail } from '../../../shared/api-types';
import type { ReportStatus } from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import { AppError } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { copyVersionNumbers } from '../../repositories/numbers.repo';
import * as repo from '../../repositories/reports.repo';
import { findAnalysis, findAnalysisVersion } from '../../repositories/review.repo';
import { newId } from '../../util';
import { assessVersions } from '../assess/assessments';
import { checkRound, currentContent, loadReport, requireTransition, STALE } from '../collect/report-access';
import { getReportDetail } from '../collect/report-detail';
import { authorize, type Ctx } from '../context';
import { reportSubject } from '../subjects';

export type TransitionInput = {
  baseVersion: number;
  comment?: string | undefined;
  /** Return only: the reviewer's comment per field, stored with the returning version. */
  fieldComments?: FieldComments | undefined;
  /** Revoke only: why the approval is withdrawn (required). */
  revokeReason?: string | undefined;
};

/** Only the non-empty comments, or null. */
function cleanFieldComments(fc: FieldComments | undefined): FieldComments | null {
  const out: FieldComments = {};
  for (const [k, v] of Object.entries(fc ?? {})) if (v?.trim()) out[k as keyof FieldComments] = v.trim();
  return Object.keys(out).length ? out : null;
}

/**
 * Submit, return, approve or revoke: a new version copying the content, with the new status and an optional comment
 * (a return also stores its comments per field; a revoke — only before publication — its reason).
 */
export async function transitionReport(
  ctx: Ctx,
  id: string,
  action: 'submit' | 'return' | 'approve' | 'publish' | 'revoke',
  input: TransitionInput,
): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  authorize(ctx, REVIEW_ACTION_PERMISSION[action], reportSubject(r));
  if (action === 'revoke' && r.status === 'published')
    throw new AppError('CONFLICT', '该填报已发布，不能撤销审核；如需更正，请在下一期填报中说明');
  if (action === 'revoke' && !input.revokeReason?.trim()) throw new AppError('VALIDATION', '撤销审核必须填写原因');
  const status = requireTransition(r.status as ReportStatus, action);
  if (r.versionNo !== input.baseVersion) throw new AppError('CONFLICT', STALE);
  const { late } = await checkRound(ctx, r, action);
  const { version, content } = await currentContent(ctx.db, r);
  if (action === 'submit') {
    // The written analysis may be its own document (PUT /api/reports/:id/analysis) instead of part of the report.
    const doc = await findAnalysis(ctx.db, r.id);
    const docVersion = doc ? await findAnalysisVersion(ctx.db, doc.id, doc.versionNo) : undefined;
    const lagAnalysis = content.lagAnalysis ?? (docVersion ? { ...docVersion } : null);
    const problems = version ? submitProblems({ ...content, lagAnalysis }) : ['字段“落实情况”为必填项，请先填写并保存'];
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  }
  const fieldComments = action === 'return' ? cleanFieldComments(input.fieldComments) : null;
  const comment = action === 'revoke' ? input.revokeReason!.trim() : input.comment?.trim() || null;
  if (action === 'return' && !comment && !fieldComments)
    throw new AppError('VALIDATION', '退回时必须填写审核意见（总体意见或分项意见至少一项）');
  await ctx.db
    .transaction()
    .execute((trx) =>
      writeTransition(trx, ctx, { ...r, late }, version!, status, action, input.baseVersion, comment, fieldComments),
    );
  return getReportDetail(ctx, id);
}

/** The writes of one transition, inside the caller's transaction: state (optimistic), a new version, audit. */
export async function writeTransition(
  trx: DbOrTx,
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  r: { id: string; versionNo: number; status: string; late?: boolean },
  version: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>,
  status: ReportStatus,
  action: string,
  baseVersion: number,
  comment: string | null,
  fieldComments: FieldComments | null = null,
) {
  const now = ctx.now().toISOString();
  const actor = ctx.actor;
  const values = await repo.findValues(trx, version.id);
  const versionNo = r.versionNo + 1;
  const ok = await repo.updateReportState(trx, r.id, baseVersion, {
    status,
    versionNo,
    updatedAt: now,
    lastComment:
      action === 'return'
        ? (comment ?? Object.values(fieldComments ?? {}).join('；'))
        : action === 'submit'
          ? null
          : undefined,
    submittedAt: action === 'submit' ? now : undefined,
    submittedLate: action === 'submit' ? (r.late ? 1 : 0) : undefined,
    approvedAt: action === 'approve' ? now : action === 'revoke' ? null : undefined,
  });
  if (!ok) throw new AppError('CONFLICT', STALE);
  const versionId = newId();
  await repo.insertVersion(
    trx,
    {
      ...version,
      id: versionId,
      versionNo,
      status,
      action,
      comment,
      fieldComments: fieldComments ? JSON.stringify(fieldComments) : null,
      createdBy: actor.id,
      createdAt: now,
    },
    values.map((v) => ({ id: newId(), indicatorId: v.indicatorId, value: v.value, note: v.note })),
  );
  await copyVersionNumbers(trx, [{ from: version.id, to: versionId }], now);
  await assessVersions(trx, [versionId], ctx.now());
  await insertAudit(trx, {
    at: now,
    actorId: actor.id,
    actorName: actor.displayName,
    action: `report.${action}`,
    entity: 'report',
    entityId: r.id,
    before: { status: r.status, versionNo: r.versionNo },
    after: { status, versionNo, comment, ...(fieldComments ? { fieldComments } : {}) },
    ip: ctx.ip,
  });
}
