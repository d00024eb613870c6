/**
 * 滞后分析: the written analysis of a lagging project (存在问题, 主观原因, 客观原因, 下一步工作计划, 预计完成日期) as its own
 * document attached to a report, with immutable versions and its own review (draft → submitted → returned | approved,
 * the same transition table as reports: domain/review/review-workflow). Units write it for their reports; the office
 * returns or approves it. It may be written whether or not the engine asks for it (a project finished after year end);
 * only a draft or archived round refuses it.
 */

import type { z } from 'zod';
import { checkLagAnalysis, lagAnalysisRequired } from '../../../domain/assess/judge';
import type { ComputedStatus } from '../../../domain/assess/judge/types';
import { can, REVIEW_ACTION_PERMISSION } from '../../../domain/policies/policies';
import { isLocked, nextStatus } from '../../../domain/review/review-workflow';
import type { AnalysisDetailSchema, SaveAnalysisInput } from '../../../shared/contract/reports';
import type { ReportStatus } from '../../../shared/statuses';
import { AppError } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import * as review from '../../repositories/review.repo';
import { newId } from '../../util';
import { currentContent, loadReport, type ReportCtx } from '../collect/report-access';
import { authorize, type Ctx } from '../context';
import { analysisForReader } from '../evaluate/deputy-view';
import { reportSubject } from '../subjects';

type AnalysisDetail = z.infer<typeof AnalysisDetailSchema>;
type Action = 'save' | 'submit' | 'return' | 'approve';

const STALE = '该滞后分析已被他人修改（版本已变化），请刷新后再操作';

/** Why this report needs a written analysis (self-assessment, the engine's status, finished after year end). */
async function reasonsFor(ctx: Ctx, r: ReportCtx): Promise<string[]> {
  const { content } = await currentContent(ctx.db, r);
  const programme = await findProgramme(ctx.db, r.programmeId);
  const computed = await review.findCurrentComputedStatus(ctx.db, r.id);
  return lagAnalysisRequired({
    selfAssessment: content.selfAssessment,
    computedStatus: computed as ComputedStatus | null,
    year: programme?.year,
    asOf: r.asOf,
  }).reasons;
}

export async function getAnalysis(ctx: Ctx, reportId: string): Promise<AnalysisDetail> {
  const r = await loadReport(ctx, reportId);
  const doc = await review.findAnalysis(ctx.db, r.id);
  const v = doc ? await review.findAnalysisVersion(ctx.db, doc.id, doc.versionNo) : undefined;
  const history = doc ? await review.listAnalysisVersions(ctx.db, doc.id) : [];
  const status = (doc?.status ?? 'draft') as ReportStatus;
  const subject = reportSubject(r);
  const may = (a: Action) => nextStatus(status, a) !== null && can(ctx.actor, REVIEW_ACTION_PERMISSION[a], subject);
  const roundOpen = r.roundStatus !== 'archived' && r.roundStatus !== 'draft';
  // Deputies: the newest approved version only, no comments (services/evaluate/deputy-view.ts).
  return analysisForReader(ctx, r.ownerOrgId, {
    reportId: r.id,
    reasons: await reasonsFor(ctx, r),
    analysis:
      doc && v
        ? {
            id: doc.id,
            status,
            versionNo: doc.versionNo,
            lastComment: doc.lastComment,
            content: {
              problems: v.problems,
              subjective: v.subjective,
              objective: v.objective,
              plan: v.plan,
              expectedCompletion: v.expectedCompletion,
            },
            history: history.map((h) => ({
              versionNo: h.versionNo,
              status: h.status,
              action: h.action,
              comment: h.comment,
              by: h.by,
              at: h.createdAt,
            })),
          }
        : null,
    abilities: {
      save: roundOpen && may('save'),
      submit: roundOpen && Boolean(doc) && may('submit'),
      return: roundOpen && Boolean(doc) && may('return'),
      approve: roundOpen && Boolean(doc) && may('approve'),
    },
  });
}

type Content = {
  problems: string;
  subjective: string;
  objective: string;
  plan: string;
  expectedCompletion: string | null;
};
type AnalysisInput = { baseVersion: number; comment?: string | undefined } & Partial<SaveAnalysisInput>;

/** The round's state, the analysis' state and version: the next state, or why not. */
async function checkAnalysisAction(ctx: Ctx, r: ReportCtx, action: Action, baseVersion: number) {
  if (r.roundStatus === 'archived') throw new AppError('LOCKED', '该填报批次已归档，只能查看，不能再修改');
  if (r.roundStatus === 'draft') throw new AppError('LOCKED', '该填报批次尚未开启，请等待督查室开启后再填报');
  const doc = await review.findAnalysis(ctx.db, r.id);
  const status = (doc?.status ?? 'draft') as ReportStatus;
  const next = nextStatus(status, action);
  if (!next && isLocked(status)) throw new AppError('LOCKED', '该滞后分析已审核通过，内容已锁定，不能修改');
  if (!next) throw new AppError('CONFLICT', '滞后分析的当前状态不允许此操作');
  if ((doc?.versionNo ?? 0) !== baseVersion) throw new AppError('CONFLICT', STALE);
  if (!doc && action !== 'save') throw new AppError('VALIDATION', '请先填写并保存滞后分析');
  return { doc, next };
}

/** The content the new version holds: the input for a save, else the current version's. */
function contentFor(action: Action, input: AnalysisInput, prev: Content | undefined): Content {
  if (action !== 'save' && prev)
    return {
      problems: prev.problems,
      subjective: prev.subjective,
      objective: prev.objective,
      plan: prev.plan,
      expectedCompletion: prev.expectedCompletion,
    };
  return {
    problems: input.problems ?? '',
    subjective: input.subjective ?? '',
    objective: input.objective ?? '',
    plan: input.plan ?? '',
    expectedCompletion: input.expectedCompletion ?? null,
  };
}

/** Save (a new version with the content), submit, return (with a comment) or approve the analysis. */
export async function actOnAnalysis(
  ctx: Ctx,
  reportId: string,
  action: Action,
  input: AnalysisInput,
): Promise<AnalysisDetail> {
  const r = await loadReport(ctx, reportId);
  authorize(ctx, REVIEW_ACTION_PERMISSION[action], reportSubject(r));
  const { doc, next } = await checkAnalysisAction(ctx, r, action, input.baseVersion);
  const prev = doc ? await review.findAnalysisVersion(ctx.db, doc.id, doc.versionNo) : undefined;
  const content = contentFor(action, input, prev);
  if (action === 'submit') {
    const { missing } = checkLagAnalysis(content);
    if (missing.length) throw new AppError('VALIDATION', `滞后分析缺少：${missing.join('、')}，请补充后再提交`);
  }
  if (action === 'save' && prev && sameAnalysis(prev, content)) return getAnalysis(ctx, reportId);
  const comment = action === 'return' || action === 'approve' ? input.comment?.trim() || null : null;
  if (action === 'return' && !comment) throw new AppError('VALIDATION', '退回时必须填写审核意见');
  const now = ctx.now().toISOString();
  const versionNo = (doc?.versionNo ?? 0) + 1;
  const actor = ctx.actor;
  await ctx.db.transaction().execute(async (trx) => {
    const analysisId = doc?.id ?? newId();
    if (!doc)
      await review.insertAnalysis(trx, { id: analysisId, reportId: r.id, status: next, versionNo, updatedAt: now });
    else if (
      !(await review.updateAnalysisState(trx, doc.id, input.baseVersion, {
        status: next,
        versionNo,
        updatedAt: now,
        lastComment: action === 'return' ? comment : action === 'submit' ? null : undefined,
      }))
    )
      throw new AppError('CONFLICT', STALE);
    await review.insertAnalysisVersion(trx, {
      id: newId(),
      analysisId,
      versionNo,
      status: next,
      action,
      ...content,
      comment,
      createdBy: actor.id,
      createdAt: now,
    });
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: `analysis.${action}`,
      entity: 'analysis',
      entityId: r.id,
      before: { status: doc?.status ?? null, versionNo: doc?.versionNo ?? 0 },
      after: { status: next, versionNo, comment, ...(action === 'save' ? content : {}) },
      ip: ctx.ip,
    });
  });
  return getAnalysis(ctx, reportId);
}

function sameAnalysis(a: Content, b: Content): boolean {
  return (
    a.problems === b.problems &&
    a.subjective === b.subjective &&
    a.objective === b.objective &&
    a.plan === b.plan &&
    (a.expectedCompletion ?? null) === (b.expectedCompletion ?? null)
  );
}
