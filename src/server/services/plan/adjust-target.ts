import type { AdjustTargetInput } from '../../../shared/schemas';
import { notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as projects from '../../repositories/projects.repo';
import { newId } from '../../util';
import { authorize, type Ctx } from '../context';
import { visibleIndicator } from '../subjects';
import { getProjectDetail } from './project-detail';

/** Record a 年度目标调整: the indicator's target changes, the old and new target and the approval are kept as a version. */
export async function adjustTarget(ctx: Ctx, indicatorId: string, input: AdjustTargetInput) {
  authorize(ctx, 'indicator:adjust', await visibleIndicator(ctx, indicatorId));
  const actor = ctx.actor;
  const ind = await projects.findIndicator(ctx.db, indicatorId);
  if (!ind) throw notFound('指标');
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const version = await projects.nextTargetVersion(trx, indicatorId);
    await projects.insertTargetVersion(trx, {
      id: newId(),
      indicatorId,
      version,
      oldText: ind.targetText,
      oldValue: ind.targetValue,
      newText: input.newText,
      newValue: input.newValue,
      reason: input.reason,
      approvedBy: input.approvedBy,
      approvedAt: input.approvedAt,
      createdBy: actor.id,
      createdAt: now,
    });
    await projects.updateIndicatorTarget(trx, indicatorId, input.newText, input.newValue);
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'indicator.adjust',
      entity: 'indicator',
      entityId: indicatorId,
      before: { targetText: ind.targetText, targetValue: ind.targetValue },
      after: { ...input, version },
      ip: ctx.ip,
    });
  });
  return getProjectDetail(ctx, ind.projectId);
}
