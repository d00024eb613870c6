/**
 * Record a 年度目标调整: the indicator's target changes, the old and new target and the approval are kept as a version,
 * and the change reaches every view and export:
 * - the project's annual target text (what the table, the documents and the judgement read) is updated — the
 *   indicator's old target text inside it is replaced, or it is rebuilt (domain/plan/target-adjustment.ts); the first
 *   annual target is kept in `original_annual_target_text` (printed where a layout asks for the original);
 * - the period targets: the ones the adjustment carries replace the indicator's targets of those periods; when it
 *   carries none, the indicator's targets of periods ending on or after the approval date are scaled by new/old;
 * - a unit's part of a split target (an indicator of one unit) becomes that unit's share note instead, the project's
 *   annual target (the whole) is left as it is;
 * - the programme's reports are re-assessed in the background (the outbox), since what they are judged against changed.
 */
import { adjustedAnnualTarget, scaledPeriodTargets } from '../../../domain/plan/target-adjustment';
import type { AdjustTargetWithPeriodsInput } from '../../../shared/contract/projects';
import { notFound } from '../../errors';
import { enqueueJob } from '../../jobs/enqueue';
import { insertAudit } from '../../repositories/audit.repo';
import * as plan from '../../repositories/plan-edit.repo';
import * as projects from '../../repositories/projects.repo';
import { newId } from '../../util';
import { authorize, type Ctx } from '../context';
import { visibleIndicator } from '../subjects';
import { getProjectDetail } from './project-detail';

export async function adjustTarget(ctx: Ctx, indicatorId: string, input: AdjustTargetWithPeriodsInput) {
  authorize(ctx, 'indicator:adjust', await visibleIndicator(ctx, indicatorId));
  const actor = ctx.actor;
  const ind = await projects.findIndicator(ctx.db, indicatorId);
  if (!ind) throw notFound('指标');
  const project = await plan.findProject(ctx.db, ind.projectId);
  if (!project) throw notFound('项目');
  const now = ctx.now();
  const at = now.toISOString();
  const { periodTargets: newPeriods, ...adjustment } = input;
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
      createdAt: at,
    });
    await projects.updateIndicatorTarget(trx, indicatorId, input.newText, input.newValue);

    // The annual target every view prints.
    const unitPart = ind.orgId !== null || Boolean(ind.splitOf);
    let annualTarget = project.annualTargetText;
    if (unitPart) {
      if (ind.orgId) await plan.setShareNote(trx, project.id, ind.orgId, input.newText);
    } else {
      const whole = (await plan.findIndicatorsOf(trx, project.id)).filter((i) => !i.splitOf && !i.orgId);
      annualTarget = adjustedAnnualTarget(
        project.annualTargetText,
        ind.targetText,
        input.newText,
        whole.map((i) => i.targetText),
      );
    }
    await plan.updateProjectBump(trx, project.id, {
      annualTargetText: annualTarget,
      originalAnnualTargetText: project.originalAnnualTargetText ?? project.annualTargetText,
      updatedAt: at,
    });

    // The period targets.
    const existing = await plan.findIndicatorPeriodTargets(trx, indicatorId);
    const periodsBefore = existing.map((t) => ({
      periodKey: t.periodKey,
      targetText: t.targetText,
      targetValue: t.targetValue,
    }));
    if (newPeriods?.length) {
      for (const t of newPeriods)
        await plan.upsertIndicatorPeriodTarget(trx, {
          id: newId(),
          projectId: project.id,
          indicatorId,
          periodKey: t.periodKey,
          targetText: t.targetText,
          targetValue: t.targetValue,
          cumulative: existing.find((e) => e.periodKey === t.periodKey)?.cumulative ?? 1,
        });
    } else {
      for (const t of scaledPeriodTargets(existing, ind.targetValue, input.newValue, input.approvedAt))
        await plan.updatePeriodTarget(trx, t.id, t.targetText, t.targetValue);
    }
    const periodsAfter = (await plan.findIndicatorPeriodTargets(trx, indicatorId)).map((t) => ({
      periodKey: t.periodKey,
      targetText: t.targetText,
      targetValue: t.targetValue,
    }));

    await insertAudit(trx, {
      at,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'indicator.adjust',
      entity: 'indicator',
      entityId: indicatorId,
      before: {
        targetText: ind.targetText,
        targetValue: ind.targetValue,
        annualTarget: project.annualTargetText,
        periodTargets: periodsBefore,
      },
      after: { ...adjustment, version, annualTarget, periodTargets: periodsAfter },
      ip: ctx.ip,
    });
    // What the reports are judged against changed: re-assess them in the background.
    await enqueueJob(trx, 'reassess.programme', { programmeId: project.programmeId }, { now });
  });
  return getProjectDetail(ctx, ind.projectId);
}
