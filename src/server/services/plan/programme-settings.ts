/** Change a programme's schedule settings; its reports are re-assessed in the background (reads never wait). */
import type { ScheduleSettings } from '../../../domain/model/types';
import type { ScheduleSettingsInput } from '../../../shared/schedule-schema';
import { notFound } from '../../errors';
import { enqueueJob } from '../../jobs/enqueue';
import { insertAudit } from '../../repositories/audit.repo';
import { findProgramme, updateProgrammeSchedule } from '../../repositories/programmes.repo';
import { parseJson } from '../../util';
import { authorize, authorizeRead, type Ctx } from '../context';

export async function setProgrammeSchedule(
  ctx: Ctx,
  programmeId: string,
  input: ScheduleSettingsInput,
): Promise<{ schedule: ScheduleSettings; reassessJobId: string }> {
  const p = await findProgramme(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', { ownerOrgId: p.ownerOrgId }, '实事计划');
  authorize(ctx, 'programme:configure', { ownerOrgId: p.ownerOrgId });
  const actor = ctx.actor;
  const before = parseJson<Partial<ScheduleSettings>>(p.schedule, {});
  const schedule: ScheduleSettings = { ...before, ...input } as ScheduleSettings;
  const now = ctx.now();
  const reassessJobId = await ctx.db.transaction().execute(async (trx) => {
    await updateProgrammeSchedule(trx, programmeId, JSON.stringify(schedule));
    await insertAudit(trx, {
      at: now.toISOString(),
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'programme.schedule',
      entity: 'programme',
      entityId: programmeId,
      before,
      after: schedule,
      ip: ctx.ip,
    });
    // The outbox: the re-assessment is queued with the change, or not at all.
    return enqueueJob(trx, 'reassess.programme', { programmeId }, { now });
  });
  return { schedule, reassessJobId };
}
