/**
 * A round's lifecycle, each step one transaction with an audit entry: draft → open → closed → archived, closed may
 * reopen; the due date extended for the whole round or one unit; a closed round reopened for one unit. The state
 * machine is domain/collect/round-rules (roundTransition); who may is domain/policies/round.ts.
 */

import type { z } from 'zod';
import { type RoundLifecycleAction, roundTransition, unitRoundState } from '../../../domain/collect/round-rules';
import { can } from '../../../domain/policies/policies';
import type { RoundSummary } from '../../../shared/api-types';
import type { ExtendRoundInput, ReopenUnitInput, RoundDetailSchema } from '../../../shared/contract/rounds';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { findProgramme, findRound } from '../../repositories/programmes.repo';
import * as review from '../../repositories/review.repo';
import { newId } from '../../util';
import { authorize, type Ctx } from '../context';
import { visibleRound } from '../subjects';
import { listRounds } from './rounds';

type RoundDetail = z.infer<typeof RoundDetailSchema>;

async function summaryOf(ctx: Ctx, programmeId: string, roundId: string): Promise<RoundSummary> {
  const rounds = await listRounds(ctx, programmeId);
  return rounds.find((r) => r.id === roundId)!;
}

/** Load the round, check the permission and the state machine; answers the round and its next state. */
async function prepare(
  ctx: Ctx,
  roundId: string,
  action: RoundLifecycleAction,
  permission: 'round:close' | 'round:manage' | 'round:archive',
) {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, permission, owner);
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound('填报批次');
  const t = roundTransition(round.status, action);
  if (!t.ok) throw new AppError(round.status === 'archived' ? 'LOCKED' : 'CONFLICT', t.message);
  return { round, next: t.next };
}

async function audit(
  trx: DbOrTx,
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  action: string,
  roundId: string,
  before: unknown,
  after: unknown,
) {
  await insertAudit(trx, {
    at: ctx.now().toISOString(),
    actorId: ctx.actor.id,
    actorName: ctx.actor.displayName,
    action,
    entity: 'round',
    entityId: roundId,
    before,
    after,
    ip: ctx.ip,
  });
}

/** Move a round to another state: open (a draft), close, reopen, archive. */
export async function changeRoundState(
  ctx: Ctx,
  roundId: string,
  action: 'open' | 'close' | 'reopen' | 'archive',
): Promise<RoundSummary> {
  const permission = action === 'archive' ? 'round:archive' : action === 'open' ? 'round:manage' : 'round:close';
  const { round, next } = await prepare(ctx, roundId, action, permission);
  const c = ctx as Ctx & { actor: NonNullable<Ctx['actor']> };
  await ctx.db.transaction().execute(async (trx) => {
    await review.setRoundStatus(trx, roundId, next);
    // A closing is remembered: a unit's earlier reopening no longer holds after the round is closed again.
    if (action === 'close')
      await review.insertRoundException(trx, {
        id: newId(),
        roundId,
        orgId: null,
        kind: 'close',
        dueDate: null,
        previousDueDate: null,
        reason: '关闭批次',
        createdBy: c.actor.id,
        createdAt: ctx.now().toISOString(),
      });
    await audit(trx, c, `round.${action}`, roundId, { status: round.status }, { status: next });
  });
  return summaryOf(ctx, round.programmeId, roundId);
}

/** Close a round (no more saves, submissions or returns; approving and publishing go on) or reopen it. */
export async function setRoundClosed(ctx: Ctx, roundId: string, closed: boolean): Promise<RoundSummary> {
  return changeRoundState(ctx, roundId, closed ? 'close' : 'reopen');
}

/** Extend the due date of the whole round (orgId empty) or of one unit, with a reason. */
export async function extendRound(ctx: Ctx, roundId: string, input: ExtendRoundInput): Promise<RoundDetail> {
  const { round } = await prepare(ctx, roundId, 'extend', 'round:manage');
  const c = ctx as Ctx & { actor: NonNullable<Ctx['actor']> };
  const orgId = input.orgId || null;
  let current = round.dueDate;
  let unitName: string | null = null;
  if (orgId) {
    const unit = (await review.findRoundUnits(ctx.db, roundId)).find((u) => u.orgId === orgId);
    if (!unit) throw new AppError('VALIDATION', '所选单位在本批次没有填报任务');
    unitName = unit.name;
    const state = unitRoundState(await review.findUnitExceptions(ctx.db, [roundId], [orgId]), orgId);
    if (state.unitDueDate && state.unitDueDate > current) current = state.unitDueDate;
  }
  if (input.dueDate <= current)
    throw new AppError('VALIDATION', `延长后的报送截止日期应晚于当前截止日期（${current}）`);
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!orgId) await review.setRoundDueDate(trx, roundId, input.dueDate);
    await review.insertRoundException(trx, {
      id: newId(),
      roundId,
      orgId,
      kind: 'extend',
      dueDate: input.dueDate,
      previousDueDate: current,
      reason: input.extendReason,
      createdBy: c.actor.id,
      createdAt: now,
    });
    await audit(
      trx,
      c,
      'round.extend',
      roundId,
      { dueDate: current, unit: unitName },
      { dueDate: input.dueDate, unit: unitName, reason: input.extendReason },
    );
  });
  return getRoundDetail(ctx, roundId);
}

/** Reopen a closed round for one unit (it may save and submit again), with a reason. */
export async function reopenRoundForUnit(ctx: Ctx, roundId: string, input: ReopenUnitInput): Promise<RoundDetail> {
  await prepare(ctx, roundId, 'reopenUnit', 'round:manage');
  const c = ctx as Ctx & { actor: NonNullable<Ctx['actor']> };
  const unit = (await review.findRoundUnits(ctx.db, roundId)).find((u) => u.orgId === input.orgId);
  if (!unit) throw new AppError('VALIDATION', '所选单位在本批次没有填报任务');
  await ctx.db.transaction().execute(async (trx) => {
    await review.insertRoundException(trx, {
      id: newId(),
      roundId,
      orgId: input.orgId,
      kind: 'reopen',
      dueDate: null,
      previousDueDate: null,
      reason: input.reopenReason,
      createdBy: c.actor.id,
      createdAt: ctx.now().toISOString(),
    });
    await audit(trx, c, 'round.reopenUnit', roundId, null, { unit: unit.name, reason: input.reopenReason });
  });
  return getRoundDetail(ctx, roundId);
}

/** The round page: state, units with their due dates and reopenings, the history of extensions and reopenings. */
export async function getRoundDetail(ctx: Ctx, roundId: string): Promise<RoundDetail> {
  const owner = await visibleRound(ctx, roundId);
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound('填报批次');
  const summary = await summaryOf(ctx, round.programmeId, roundId);
  const programme = await findProgramme(ctx.db, round.programmeId);
  // Units' hand-in state and the reasons of extensions are the office's (not a deputy's: approved content only).
  const office = can(ctx.actor, 'round:readTable', owner) && can(ctx.actor, 'report:readInternal', owner);
  const mine = (orgId: string | null) => office || (orgId !== null && ctx.actor!.unitIds.includes(orgId));
  const units = (await review.findRoundUnits(ctx.db, roundId)).filter((u) => mine(u.orgId));
  const exceptions = await review.listRoundExceptions(ctx.db, roundId);
  const rows = exceptions.map((e) => ({ orgId: e.orgId, kind: e.kind, dueDate: e.dueDate, createdAt: e.createdAt }));
  return {
    ...summary,
    programmeName: programme?.name ?? '',
    units: units.map((u) => {
      const s = unitRoundState(rows, u.orgId);
      return {
        orgId: u.orgId,
        name: u.name,
        dueDate: s.unitDueDate && s.unitDueDate > round.dueDate ? s.unitDueDate : round.dueDate,
        reopened: round.status === 'closed' && s.reopenedForUnit,
        total: u.total,
        handedIn: u.handedIn,
      };
    }),
    exceptions: exceptions
      .filter((e) => e.kind !== 'close' && (e.orgId === null || mine(e.orgId)))
      .map((e) => ({
        id: e.id,
        kind: e.kind as 'extend' | 'reopen',
        orgId: e.orgId,
        unit: e.unit,
        dueDate: e.dueDate,
        previousDueDate: e.previousDueDate,
        reason: e.reason,
        by: e.by,
        at: e.createdAt,
      })),
  };
}
