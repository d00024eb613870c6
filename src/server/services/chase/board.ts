/**
 * The office's chase board of a round (per unit: state, completeness and timeliness, what was sent to whom and when)
 * and one-click 催办 (all units with something not handed in, or the chosen ones; once per unit per day; audited).
 */
import type { z } from 'zod';
import { manualChase, ratio, unitBoardState } from '../../../domain/chase/board';
import { unitDueDate } from '../../../domain/chase/evaluate';
import { describeReminders, describeRule } from '../../../domain/chase/rules';
import { chinaDate } from '../../../domain/collect/round-rules';
import type { ChaseBoardSchema, ChaseResultSchema, ChaseRoundInput } from '../../../shared/contract/chase';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/chase.repo';
import { findRound } from '../../repositories/programmes.repo';
import { authorize, type Ctx } from '../context';
import { visibleRound } from '../subjects';
import { performActions } from './run';
import { loadChaseState } from './state';

type Board = z.infer<typeof ChaseBoardSchema>;
type ChaseResult = z.infer<typeof ChaseResultSchema>;

async function loadRound(ctx: Ctx, roundId: string) {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, 'round:chase', owner);
  const loaded = await loadChaseState(ctx.db, owner.programmeId);
  if (!loaded) throw notFound('实事计划');
  return loaded;
}

export async function getChaseBoard(ctx: Ctx, roundId: string): Promise<Board> {
  const { rules, state } = await loadRound(ctx, roundId);
  const round = state.rounds.find((r) => r.id === roundId);
  const today = chinaDate(ctx.now());
  const reports = await repo.findBoardReports(ctx.db, roundId);
  const info = round
    ? { name: round.name, status: round.status, dueDate: round.dueDate }
    : await roundInfo(ctx, roundId);
  const sent = await repo.findRoundNotifications(ctx.db, roundId);
  const deliveries = await repo.findRoundDeliveries(ctx.db, roundId);
  const channelsOf = new Map<string, { channel: string; target: string; status: string; sentAt: string | null }[]>();
  for (const d of deliveries)
    channelsOf.set(d.notificationId, [
      ...(channelsOf.get(d.notificationId) ?? []),
      { channel: d.channel, target: d.target, status: d.status, sentAt: d.sentAt },
    ]);
  const byOrg = new Map<string, typeof reports>();
  for (const r of reports) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r]);
  const units = [...byOrg.entries()]
    .map(([orgId, rows]) => {
      const due = round ? unitDueDate(round, orgId) : info.dueDate;
      const s = unitBoardState(
        rows.map((r) => ({ status: r.status, versionNo: r.versionNo, submittedLate: r.submittedLate === 1 })),
        due,
        today,
      );
      return {
        seq: rows[0]!.seq,
        orgId,
        unit: rows[0]!.unit,
        dueDate: due,
        state: s.state,
        stateLabel: s.label,
        daysOverdue: s.daysOverdue,
        expected: s.expected,
        handedIn: s.handedIn,
        onTime: s.onTime,
        completeness: ratio(s.handedIn, s.expected),
        timeliness: ratio(s.onTime, s.expected),
        history: sent
          .filter((n) => n.orgId === orgId)
          .map((n) => ({
            at: n.createdAt,
            kind: n.kind,
            level: n.level,
            title: n.title,
            recipient: n.recipient,
            readAt: n.readAt,
            channels: channelsOf.get(n.id) ?? [],
          })),
      };
    })
    .sort((a, b) => a.seq - b.seq || a.unit.localeCompare(b.unit, 'zh'))
    .map(({ seq: _seq, ...u }) => u);
  const expected = units.reduce((n, u) => n + u.expected, 0);
  const handedIn = units.reduce((n, u) => n + u.handedIn, 0);
  const onTime = units.reduce((n, u) => n + u.onTime, 0);
  return {
    roundId,
    programmeId: state.programmeId,
    roundName: info.name,
    roundStatus: info.status,
    dueDate: info.dueDate,
    today,
    totals: {
      expected,
      handedIn,
      onTime,
      completeness: ratio(handedIn, expected),
      timeliness: ratio(onTime, expected),
    },
    units,
    rules: [...describeReminders(rules), ...rules.escalation.filter((e) => e.enabled).map(describeRule)],
  };
}

async function roundInfo(ctx: Ctx, roundId: string) {
  const r = await findRound(ctx.db, roundId);
  if (!r) throw notFound('填报批次');
  return { name: r.name, status: r.status, dueDate: r.dueDate };
}

export async function chaseRound(ctx: Ctx, roundId: string, input: ChaseRoundInput): Promise<ChaseResult> {
  const { rules, state } = await loadRound(ctx, roundId);
  const round = state.rounds.find((r) => r.id === roundId);
  if (round?.status !== 'open')
    throw new AppError('CONFLICT', '只能催办填报中的批次（未开启、已关闭或已归档的批次不能催办）');
  const now = ctx.now();
  const { actions, skipped } = manualChase(rules, state, round, input.orgIds, now);
  const actor = ctx.actor!;
  const result: ChaseResult = {
    chased: [],
    skipped: skipped.map((s) => ({ ...s, unit: state.units[s.orgId]?.name ?? s.orgId })),
    notifications: 0,
    deliveries: 0,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const done = await performActions(trx, actions, now, actor.id);
    const fresh = new Set(done.notificationIds);
    result.notifications = fresh.size;
    result.deliveries = done.deliveries;
    // Which units got something new (a second click the same day inserts nothing).
    const newByOrg = new Map<string, number>();
    if (fresh.size)
      for (const n of await repo.findRoundNotifications(trx, roundId))
        if (fresh.has(n.id) && n.orgId) newByOrg.set(n.orgId, (newByOrg.get(n.orgId) ?? 0) + 1);
    for (const a of actions) {
      const n = newByOrg.get(a.orgId) ?? 0;
      if (n) result.chased.push({ orgId: a.orgId, unit: a.unit, recipients: n });
      else result.skipped.push({ orgId: a.orgId, unit: a.unit, reason: '今天已催办过' });
    }
    await insertAudit(trx, {
      at: now.toISOString(),
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'round.chase',
      entity: 'round',
      entityId: roundId,
      after: {
        units: result.chased.map((c) => c.unit),
        skipped: result.skipped.map((s) => `${s.unit}（${s.reason}）`),
        notifications: result.notifications,
      },
      ip: ctx.ip,
    });
  });
  return result;
}
