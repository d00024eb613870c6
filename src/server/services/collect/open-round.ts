import { DEFAULT_ROUND_COLUMNS } from '../../../domain/model/types';
import { periodLabel } from '../../../domain/plan/periods';
import { abilitiesFor } from '../../../domain/policies/abilities';
import type { RoundSummary } from '../../../shared/api-types';
import type { OpenRoundInput } from '../../../shared/schemas';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/programmes.repo';
import { insertReports } from '../../repositories/reports.repo';
import { setRoundStatus } from '../../repositories/review.repo';
import { newId } from '../../util';
import { authorize, type Ctx } from '../context';
import { visibleProgramme } from '../subjects';
import { summarize } from './rounds';

/**
 * Open a reporting round: one transaction creates the round and an empty report for every project × lead unit.
 * With `draft: true` the round is created but not open yet (units cannot fill it until the office opens it).
 */
export async function openRound(
  ctx: Ctx,
  input: OpenRoundInput & { draft?: boolean | undefined },
): Promise<RoundSummary> {
  await visibleProgramme(ctx, input.programmeId);
  const programme = await repo.findProgramme(ctx.db, input.programmeId);
  if (!programme) throw notFound('实事计划');
  authorize(ctx, 'round:open', programme);
  if (!input.periodKey.startsWith(String(programme.year)))
    throw new AppError('VALIDATION', `字段“期次”应属于计划年度${programme.year}年`);
  if (await repo.findRoundByPeriod(ctx.db, programme.id, input.periodKey))
    throw new AppError('CONFLICT', `${periodLabel(input.periodKey)}的填报批次已存在`);
  const now = ctx.now().toISOString();
  const id = newId();
  const name = input.name?.trim() || `${periodLabel(input.periodKey)}进展情况填报`;
  const assignments = await repo.findLeadAssignments(ctx.db, programme.id);
  const actor = ctx.actor;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRound(trx, {
      id,
      programmeId: programme.id,
      name,
      periodType: input.periodType,
      periodKey: input.periodKey,
      asOf: input.asOf,
      dueDate: input.dueDate,
      columns: JSON.stringify(DEFAULT_ROUND_COLUMNS),
      createdBy: actor.id,
      createdAt: now,
    });
    if (input.draft) await setRoundStatus(trx, id, 'draft');
    await insertReports(
      trx,
      assignments.map((a) => ({ id: newId(), roundId: id, projectId: a.projectId, orgId: a.orgId, updatedAt: now })),
    );
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: input.draft ? 'round.create' : 'round.open',
      entity: 'round',
      entityId: id,
      after: { ...input, name, reports: assignments.length },
      ip: ctx.ip,
    });
  });
  const round = await repo.findRound(ctx.db, id);
  return summarize(round!, assignments.length, 0, abilitiesFor(ctx.actor, 'round', programme));
}
