/** Report use cases: read with context, save (a new version each time), submit, return, approve, publish. */
import { assessmentBasisOf, judgeTargets, pickPeriodTarget } from '../../domain/assess';
import type { ScheduleSettings } from '../../domain/model/types';
import { periodLabel } from '../../domain/periods/periods';
import { abilitiesFor, allowedReviewActions } from '../../domain/policies/abilities';
import { REVIEW_ACTION_PERMISSION } from '../../domain/policies/policies';
import { isLocked, nextStatus } from '../../domain/review/review-workflow';
import { submitProblems } from '../../domain/review/submit-rules';
import type { ReportDetail } from '../../shared/api-types';
import type { SaveReportInput } from '../../shared/schemas';
import type { ReportStatus, ReviewAction } from '../../shared/statuses';
import type { DbOrTx } from '../db/connect';
import { AppError, notFound } from '../errors';
import { insertAudit } from '../repositories/audit.repo';
import { findProgramme } from '../repositories/programmes.repo';
import * as repo from '../repositories/reports.repo';
import { newId, parseJson } from '../util';
import { assessVersions } from './assessments';
import { authorize, authorizeRead, type Ctx } from './context';
import { reportSubject, visibleRound } from './subjects';

type ReportCtx = NonNullable<Awaited<ReturnType<typeof repo.findReportContext>>>;

async function loadReport(ctx: Ctx, id: string) {
  const r = await repo.findReportContext(ctx.db, id);
  if (!r) throw notFound('填报记录');
  authorizeRead(ctx, 'report:read', reportSubject(r), '填报记录');
  return r;
}

async function currentContent(db: DbOrTx, r: ReportCtx) {
  const v = r.versionNo > 0 ? await repo.findVersion(db, r.id, r.versionNo) : undefined;
  const values = v ? await repo.findValues(db, v.id) : [];
  return {
    version: v,
    content: {
      progressText: v?.progressText ?? '',
      selfAssessment: v?.selfAssessment ?? null,
      problems: v?.problems ?? '',
      nextSteps: v?.nextSteps ?? '',
      targetAdjustmentNote: v?.targetAdjustmentNote ?? '',
      completedAnnualTarget: Boolean(v?.completedAnnualTarget),
      values: values.map((x) => ({ indicatorId: x.indicatorId, value: x.value, note: x.note || undefined })),
      lagAnalysis: parseJson<ReportDetail['content']['lagAnalysis']>(v?.lagAnalysis, null),
    },
  };
}

/** Everything the report page shows: project, indicators, current content, last round's report, history. */
export async function getReportDetail(ctx: Ctx, id: string): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  const db = ctx.db;
  const [units, targets, indicators, { content }, history, programme] = await Promise.all([
    repo.findProjectUnits(db, [r.projectId]),
    repo.findPeriodTargets(db, [r.projectId]),
    repo.findIndicators(db, r.projectId, r.orgId),
    currentContent(db, r),
    repo.listVersions(db, r.id),
    findProgramme(db, r.programmeId),
  ]);
  const prev = await repo.findPreviousReport(db, {
    projectId: r.projectId,
    orgId: r.orgId,
    programmeId: r.programmeId,
    asOf: r.asOf,
  });
  const prevValues = prev ? await repo.findValues(db, prev.versionId) : [];
  const status = r.status as ReportStatus;
  const abilities = abilitiesFor(ctx.actor, 'report', { ...reportSubject(r), status });
  const names = (role: string) => units.filter((u) => u.role === role).map((u) => u.name);
  const periodTarget = pickPeriodTarget(targets, r.periodKey);
  const shareNote = units.find((u) => u.role === 'lead' && u.orgId === r.orgId)?.shareNote ?? '';
  return {
    report: {
      id: r.id,
      status,
      versionNo: r.versionNo,
      lastComment: r.lastComment,
      unit: { id: r.orgId, name: r.unitName },
      allowedActions: allowedReviewActions(abilities),
      abilities,
      locked: isLocked(status),
    },
    round: {
      id: r.roundId,
      name: r.roundName,
      periodKey: r.periodKey,
      periodLabel: periodLabel(r.periodKey),
      asOf: r.asOf,
      dueDate: r.dueDate,
    },
    project: {
      id: r.projectId,
      code: r.code,
      name: r.projectName,
      annualTarget: r.annualTargetText,
      periodTarget,
      levels: parseJson<string[]>(r.levels, []),
      flags: parseJson<string[]>(r.flags, []),
      type: r.type,
      matter: r.matterTitle,
      leadUnits: names('lead'),
      assistUnits: names('assist'),
      cohostUnits: names('cohost'),
      shareNote,
    },
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      targetText: i.targetText,
      targetValue: i.targetValue,
    })),
    content,
    previous: prev
      ? {
          roundName: prev.roundName,
          periodLabel: periodLabel(prev.periodKey),
          status: prev.status as ReportStatus,
          progressText: prev.progressText,
          selfAssessment: prev.selfAssessment,
          problems: prev.problems,
          nextSteps: prev.nextSteps,
          values: prevValues.map((v) => ({ indicatorId: v.indicatorId, value: v.value })),
        }
      : null,
    history: history.map((h) => ({
      versionNo: h.versionNo,
      status: h.status as ReportStatus,
      action: h.action,
      comment: h.comment,
      by: h.by,
      at: h.createdAt,
    })),
    statusVocabulary: parseJson<string[]>(programme?.statusVocabulary, ['按计划推进', '滞后', '已完成']),
    judge: {
      ...judgeTargets({ annualTarget: r.annualTargetText, periodTarget, shareNote }),
      facts: assessmentBasisOf({
        annualTarget: r.annualTargetText,
        periodTargets: targets,
        periodKey: r.periodKey,
        shareNote,
        asOf: r.asOf,
        schedule: parseJson<Partial<ScheduleSettings> | null>(programme?.schedule, null),
        previous: prev ? { progressText: prev.progressText, asOf: prev.asOf } : null,
      }),
    },
  };
}

function requireTransition(status: ReportStatus, action: ReviewAction): ReportStatus {
  const next = nextStatus(status, action);
  if (next) return next;
  if (isLocked(status)) throw new AppError('LOCKED', '该填报已审核通过，内容已锁定，不能修改');
  throw new AppError('CONFLICT', `当前状态不允许此操作`);
}

const STALE = '该填报已被他人修改（版本已变化），请刷新后再操作';

/** Save: a new immutable version with the submitted content. Status stays draft/returned. */
export async function saveReport(ctx: Ctx, id: string, input: SaveReportInput): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  authorize(ctx, REVIEW_ACTION_PERMISSION.save, reportSubject(r));
  const status = requireTransition(r.status as ReportStatus, 'save');
  if (r.versionNo !== input.baseVersion) throw new AppError('CONFLICT', STALE);
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

/** Submit, return or approve: a new version copying the content, with the new status and an optional comment. */
export async function transitionReport(
  ctx: Ctx,
  id: string,
  action: 'submit' | 'return' | 'approve' | 'publish',
  input: { baseVersion: number; comment?: string },
): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  authorize(ctx, REVIEW_ACTION_PERMISSION[action], reportSubject(r));
  const status = requireTransition(r.status as ReportStatus, action);
  if (r.versionNo !== input.baseVersion) throw new AppError('CONFLICT', STALE);
  const { version, content } = await currentContent(ctx.db, r);
  if (action === 'submit') {
    const problems = version ? submitProblems(content) : ['字段“落实情况”为必填项，请先填写并保存'];
    if (problems.length) throw new AppError('VALIDATION', problems.join('；'));
  }
  await applyTransition(ctx, r, version!, status, action, input.baseVersion, input.comment ?? null);
  return getReportDetail(ctx, id);
}

async function applyTransition(
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  r: { id: string; versionNo: number; status: string; submittedAt: string | null; approvedAt: string | null },
  version: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>,
  status: ReportStatus,
  action: string,
  baseVersion: number,
  comment: string | null,
) {
  await ctx.db
    .transaction()
    .execute((trx) => writeTransition(trx, ctx, r, version, status, action, baseVersion, comment));
}

/** The writes of one transition, inside the caller's transaction: state (optimistic), a new version, audit. */
async function writeTransition(
  trx: DbOrTx,
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  r: { id: string; versionNo: number; status: string },
  version: NonNullable<Awaited<ReturnType<typeof repo.findVersion>>>,
  status: ReportStatus,
  action: string,
  baseVersion: number,
  comment: string | null,
) {
  const now = ctx.now().toISOString();
  const actor = ctx.actor;
  const values = await repo.findValues(trx, version.id);
  const versionNo = r.versionNo + 1;
  const ok = await repo.updateReportState(trx, r.id, baseVersion, {
    status,
    versionNo,
    updatedAt: now,
    lastComment: action === 'return' ? comment : action === 'submit' ? null : undefined,
    submittedAt: action === 'submit' ? now : undefined,
    approvedAt: action === 'approve' ? now : undefined,
  });
  if (!ok) throw new AppError('CONFLICT', STALE);
  const versionId = newId();
  await repo.insertVersion(
    trx,
    { ...version, id: versionId, versionNo, status, action, comment, createdBy: actor.id, createdAt: now },
    values.map((v) => ({ id: newId(), indicatorId: v.indicatorId, value: v.value, note: v.note })),
  );
  await assessVersions(trx, [versionId], ctx.now());
  await insertAudit(trx, {
    at: now,
    actorId: actor.id,
    actorName: actor.displayName,
    action: `report.${action}`,
    entity: 'report',
    entityId: r.id,
    before: { status: r.status, versionNo: r.versionNo },
    after: { status, versionNo, comment },
    ip: ctx.ip,
  });
}

/** Publish every approved report of a round, all or none, in a fixed number of set-based statements. */
export async function publishRound(ctx: Ctx, roundId: string): Promise<{ published: number }> {
  authorize(ctx, 'round:publish', await visibleRound(ctx, roundId));
  const actor = ctx.actor;
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findApprovedVersions(trx, roundId);
    if (!current.length) return { published: 0 };
    const moved = await repo.publishApproved(
      trx,
      current.map((c) => c.reportId),
      at,
    );
    if (moved !== current.length) throw new AppError('CONFLICT', STALE);
    const values = await repo.findValuesOfVersions(
      trx,
      current.map((c) => c.id),
    );
    const versions = current.map(({ reportId, ...v }) => ({
      ...v,
      reportId,
      id: newId(),
      versionNo: v.versionNo + 1,
      status: 'published',
      action: 'publish',
      comment: null,
      createdBy: actor.id,
      createdAt: at,
      from: v.id,
    }));
    const newIdOf = new Map(versions.map((v) => [v.from, v.id]));
    await repo.insertVersions(
      trx,
      versions.map(({ from: _from, ...v }) => v),
      values.map((x) => ({
        id: newId(),
        versionId: newIdOf.get(x.versionId)!,
        indicatorId: x.indicatorId,
        value: x.value,
        note: x.note,
      })),
    );
    await assessVersions(
      trx,
      versions.map((v) => v.id),
      now,
    );
    await insertAudit(trx, {
      at,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'round.publish',
      entity: 'round',
      entityId: roundId,
      after: { published: versions.length, reports: versions.map((v) => v.reportId) },
      ip: ctx.ip,
    });
    return { published: versions.length };
  });
}
