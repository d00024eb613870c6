/**
 * 督办 records (issue 11 §2): the list, one record with its history, the office raising one by hand, the unit's
 * written response (整改措施, 完成时限), the office's 销号 or sending the response back. Each write is one transaction
 * with an audit entry and an event in the record's history; a stale version answers 409.
 */
import type { z } from 'zod';
import { LADDER_LABELS, type SupervisionLevel } from '../../../domain/chase/ladder';
import { can, reportScope, type SupervisionSubject } from '../../../domain/policies/policies';
import {
  EVENT_OF,
  nextSupervisionStatus,
  raiseDecision,
  SUPERVISION_EVENT_LABELS,
  SUPERVISION_STATUS_LABELS,
  type SupervisionAction,
  type SupervisionEventKind,
  type SupervisionStatus,
} from '../../../domain/supervision/workflow';
import type {
  CreateSupervisionInput,
  SupervisionDetailSchema,
  SupervisionItemSchema,
  SupervisionListQuerySchema,
  SupervisionListSchema,
} from '../../../shared/contract/supervision';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/supervision.repo';
import { newId } from '../../util';
import { authorize, authorizeRead, type Ctx, mayEverDo, requireActor } from '../context';
import { recordedUserId } from '../local-operator';
import { projectSubject } from '../subjects';
import { notifyUnit } from './notify-unit';
import { raiseSupervisionAs } from './raise';

type Item = z.infer<typeof SupervisionItemSchema>;
type Detail = z.infer<typeof SupervisionDetailSchema>;
type ListAnswer = z.infer<typeof SupervisionListSchema>;

const STALE = '该督办记录已被他人处理（版本已变化），请刷新后再操作';

const subjectOf = (r: { ownerOrgId: string; orgId: string }): SupervisionSubject => ({
  ownerOrgId: r.ownerOrgId,
  orgId: r.orgId,
});

function itemOf(r: repo.SupervisionDetailRow, today: string): Item {
  const level = r.level as SupervisionLevel & Item['level'];
  const status = r.status as SupervisionStatus;
  return {
    id: r.id,
    programmeId: r.programmeId,
    programmeName: r.programmeName,
    roundId: r.roundId,
    roundName: r.roundName ?? null,
    projectId: r.projectId,
    projectCode: r.projectCode,
    projectName: r.projectName,
    orgId: r.orgId,
    unit: r.unit,
    reportId: r.reportId,
    level,
    levelLabel: LADDER_LABELS[level],
    reason: r.reason,
    status,
    statusLabel: SUPERVISION_STATUS_LABELS[status],
    responseDueDate: r.responseDueDate,
    overdue: status === 'open' && r.responseDueDate < today,
    responseMeasures: r.responseMeasures,
    responseCompletionDate: r.responseCompletionDate,
    respondedAt: r.respondedAt,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    version: r.version,
  };
}

const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

/** The records the actor may read: the office and leaders all of their programmes', a unit its own. */
export async function listSupervisions(ctx: Ctx, q: z.infer<typeof SupervisionListQuerySchema>): Promise<ListAnswer> {
  requireActor(ctx);
  const scope = reportScope(ctx.actor);
  const rows =
    scope.kind === 'none'
      ? []
      : await repo.listSupervisionRows(ctx.db, {
          ownerOrgIds: scope.ownerOrgIds,
          unitIds: scope.kind === 'units' ? scope.orgIds : undefined,
          programmeId: q.programmeId,
          projectId: q.projectId,
          orgId: q.orgId,
          level: q.level,
          status: q.status,
        });
  const d = today(ctx);
  const items = rows.filter((r) => can(ctx.actor, 'supervision:read', subjectOf(r))).map((r) => itemOf(r, d));
  const openCounts = { yellow: 0, red: 0, listed: 0 };
  for (const i of items) if (i.status !== 'closed') openCounts[i.level]++;
  return { items, openCounts, canRaise: mayEverDo(ctx.actor, 'supervision:raise') };
}

async function loadVisible(ctx: Ctx, id: string) {
  requireActor(ctx);
  const r = await repo.findSupervisionDetail(ctx.db, id);
  if (!r) throw notFound('督办记录');
  authorizeRead(ctx, 'supervision:read', subjectOf(r), '督办记录');
  return r;
}

/** One record with its whole history and what the actor may do with it now. */
export async function getSupervision(ctx: Ctx, id: string): Promise<Detail> {
  const r = await loadVisible(ctx, id);
  const events = await repo.listSupervisionEvents(ctx.db, id);
  const status = r.status as SupervisionStatus;
  const subject = subjectOf(r);
  const may = (a: SupervisionAction, perm: 'supervision:respond' | 'supervision:close') =>
    nextSupervisionStatus(status, a) !== null && can(ctx.actor, perm, subject);
  return {
    ...itemOf(r, today(ctx)),
    events: events.map((e) => ({
      kind: e.kind as SupervisionEventKind,
      label: SUPERVISION_EVENT_LABELS[e.kind as SupervisionEventKind] ?? e.kind,
      level: e.level as Item['level'],
      status: e.status as SupervisionStatus,
      text: e.text,
      by: e.actorName,
      at: e.createdAt,
    })),
    abilities: {
      respond: may('respond', 'supervision:respond'),
      reject: may('reject', 'supervision:close'),
      close: may('close', 'supervision:close'),
    },
  };
}

/** The office raises a record by hand (project page or a table row): level, reason, response deadline. */
export async function raiseByHand(ctx: Ctx, input: CreateSupervisionInput): Promise<Detail> {
  requireActor(ctx);
  const p = await repo.findProjectForSupervision(ctx.db, input.projectId);
  if (!p) throw notFound('项目');
  authorizeRead(ctx, 'project:read', projectSubject(p), '项目');
  authorize(ctx, 'supervision:raise', { ownerOrgId: p.ownerOrgId, orgId: input.orgId });
  if (!p.unitIds.includes(input.orgId)) throw new AppError('VALIDATION', '所选单位不是该项目的责任单位');
  let roundId: string | null = null;
  if (input.reportId) {
    const rep = await repo.findReportForSupervision(ctx.db, input.reportId);
    if (!rep || rep.projectId !== p.id || rep.orgId !== input.orgId)
      throw new AppError('VALIDATION', '所选填报不属于该项目和单位');
    roundId = rep.roundId;
  }
  const now = ctx.now();
  if (input.responseDueDate < now.toISOString().slice(0, 10)) throw new AppError('VALIDATION', '反馈期限不能早于今天');
  const open = await repo.findUnclosed(ctx.db, p.id, input.orgId);
  if (
    open &&
    raiseDecision({ level: open.level as SupervisionLevel, status: open.status as SupervisionStatus }, input.level) ===
      'keep'
  )
    throw new AppError(
      'CONFLICT',
      `该单位在此项目上已有未销号的${LADDER_LABELS[open.level as SupervisionLevel]}，不能再发起同级或较低级别的督办`,
    );
  const actor = ctx.actor;
  const { id } = await ctx.db.transaction().execute(async (trx) => {
    const raised = await raiseSupervisionAs(
      trx,
      {
        programmeId: p.programmeId,
        roundId,
        projectId: p.id,
        orgId: input.orgId,
        reportId: input.reportId ?? null,
        level: input.level,
        reason: input.reason,
        idempotencyKey: `manual:${newId()}`,
        responseDueDate: input.responseDueDate,
        now,
        actorId: recordedUserId(actor),
      },
      { name: actor.displayName, ip: ctx.ip },
    );
    const rec = await repo.findSupervisionDetail(trx, raised.id);
    if (rec)
      await notifyUnit(
        trx,
        {
          supervisionId: rec.id,
          version: rec.version,
          programmeId: rec.programmeId,
          roundId: rec.roundId,
          reportId: rec.reportId,
          orgId: rec.orgId,
          level: rec.level as SupervisionLevel,
          title: `${LADDER_LABELS[rec.level as SupervisionLevel]}：${rec.projectCode} ${rec.projectName}`,
          body: `督办事由：${rec.reason}。请于${rec.responseDueDate}前书面反馈整改措施和完成时限。`,
        },
        now,
      );
    return raised;
  });
  return getSupervision(ctx, id);
}

type ActInput =
  | { action: 'respond'; version: number; measures: string; completionDate: string }
  | { action: 'reject'; version: number; reason: string }
  | { action: 'close'; version: number; note?: string | undefined };

const PERMISSION = {
  respond: 'supervision:respond',
  reject: 'supervision:close',
  close: 'supervision:close',
} as const;

const NOT_NOW: Record<SupervisionAction, string> = {
  respond: '该督办已销号，不能再反馈',
  reject: '只有单位已反馈的督办才能退回',
  close: '只有单位已反馈的督办才能销号',
};

/** The unit's response, the office's rejection of it, or 销号. */
export async function actOnSupervision(ctx: Ctx, id: string, input: ActInput): Promise<Detail> {
  const r = await loadVisible(ctx, id);
  const subject = subjectOf(r);
  authorize(ctx, PERMISSION[input.action], subject);
  const status = r.status as SupervisionStatus;
  const next = nextSupervisionStatus(status, input.action);
  if (!next) throw new AppError('CONFLICT', NOT_NOW[input.action]);
  if (r.version !== input.version) throw new AppError('CONFLICT', STALE);
  const at = ctx.now().toISOString();
  const version = r.version + 1;
  const actor = ctx.actor;
  const text =
    input.action === 'respond'
      ? `整改措施：${input.measures}\n完成时限：${input.completionDate}`
      : input.action === 'reject'
        ? input.reason
        : input.note?.trim() || null;
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await repo.updateSupervision(trx, r.id, input.version, {
      status: next,
      version,
      ...(input.action === 'respond'
        ? { responseMeasures: input.measures, responseCompletionDate: input.completionDate, respondedAt: at }
        : {}),
      ...(input.action === 'close' ? { closedAt: at } : {}),
    });
    if (!changed) throw new AppError('CONFLICT', STALE);
    await repo.insertSupervisionEvent(trx, {
      id: newId(),
      supervisionId: r.id,
      seq: version,
      kind: EVENT_OF[input.action],
      level: r.level,
      status: next,
      text,
      actorId: recordedUserId(actor),
      actorName: actor.displayName,
      createdAt: at,
    });
    if (input.action === 'reject')
      await notifyUnit(
        trx,
        {
          supervisionId: r.id,
          version,
          programmeId: r.programmeId,
          roundId: r.roundId,
          reportId: r.reportId,
          orgId: r.orgId,
          level: r.level as SupervisionLevel,
          title: `督办反馈被退回：${r.projectCode} ${r.projectName}`,
          body: `退回原因：${text ?? ''}。请于${r.responseDueDate}前重新书面反馈。`,
        },
        ctx.now(),
      );
    await insertAudit(trx, {
      at,
      actorId: recordedUserId(actor),
      actorName: actor.displayName,
      action: `supervision.${input.action}`,
      entity: 'supervision',
      entityId: r.id,
      before: { status, version: r.version },
      after: { status: next, version, text },
      ip: ctx.ip,
    });
  });
  return getSupervision(ctx, id);
}
