/** Close a round (no more saves, submissions or returns; approving and publishing go on) or reopen it. Audited. */
import type { RoundSummary } from '../../../shared/api-types';
import { notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { findRound, updateRoundStatus } from '../../repositories/programmes.repo';
import { authorize, type Ctx } from '../context';
import { visibleRound } from '../subjects';
import { listRounds } from './rounds';

export async function setRoundClosed(ctx: Ctx, roundId: string, closed: boolean): Promise<RoundSummary> {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, 'round:close', owner);
  const round = await findRound(ctx.db, roundId);
  if (!round) throw notFound('填报批次');
  const status = closed ? 'closed' : 'open';
  if (round.status !== status)
    await ctx.db.transaction().execute(async (trx) => {
      await updateRoundStatus(trx, roundId, status);
      await insertAudit(trx, {
        at: ctx.now().toISOString(),
        actorId: ctx.actor.id,
        actorName: ctx.actor.displayName,
        action: closed ? 'round.close' : 'round.reopen',
        entity: 'round',
        entityId: roundId,
        before: { status: round.status },
        after: { status },
        ip: ctx.ip,
      });
    });
  const rounds = await listRounds(ctx, round.programmeId);
  return rounds.find((r) => r.id === roundId)!;
}
