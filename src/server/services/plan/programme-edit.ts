/** 计划编制: create and edit a programme (name, year, level, owner, status vocabulary, cadence, 序时进度 settings). */
import type { z } from 'zod';
import { DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from '../../../domain/model/types';
import type { PlanProgrammeSchema, ProgrammeInput, ProgrammeUpdateInput } from '../../../shared/contract/plan';
import { AppError, notFound } from '../../errors';
import { enqueueJob } from '../../jobs/enqueue';
import * as plan from '../../repositories/plan-edit.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import { newId, parseJson } from '../../util';
import { authorize, type Ctx, requireActor } from '../context';
import { auditPlan, programmeForEdit, toPlanProgramme } from './plan-access';

type PlanProgramme = z.infer<typeof PlanProgrammeSchema>;

export async function createProgramme(ctx: Ctx, input: ProgrammeInput): Promise<PlanProgramme> {
  requireActor(ctx);
  authorize(ctx, 'programme:create', { ownerOrgId: input.ownerOrgId });
  if (!(await plan.findOrganization(ctx.db, input.ownerOrgId)))
    throw new AppError('VALIDATION', '所属政府不存在，请重新选择', {
      issues: [{ path: ['ownerOrgId'], message: '所属政府不存在' }],
    });
  const id = newId();
  const schedule = { ...DEFAULT_SCHEDULE_SETTINGS, ...(input.schedule ?? {}) };
  const row = {
    id,
    name: input.name,
    year: input.year,
    level: input.level,
    ownerOrgId: input.ownerOrgId,
    statusVocabulary: JSON.stringify(input.statusVocabulary),
    schedule: JSON.stringify(schedule),
    status: 'active',
    cadence: input.cadence,
    createdAt: ctx.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await plan.insertProgramme(trx, row);
    await auditPlan(trx, ctx, 'programme.create', 'programme', id, null, { ...input, schedule });
  });
  const p = await findProgramme(ctx.db, id);
  if (!p) throw notFound('实事计划');
  return toPlanProgramme(ctx, p);
}

export async function updateProgramme(ctx: Ctx, id: string, input: ProgrammeUpdateInput): Promise<PlanProgramme> {
  const p = await programmeForEdit(ctx, id);
  const beforeSchedule = parseJson<Partial<ScheduleSettings>>(p.schedule, {});
  const schedule = input.schedule ? { ...beforeSchedule, ...input.schedule } : null;
  const patch = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.year !== undefined ? { year: input.year } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.statusVocabulary !== undefined ? { statusVocabulary: JSON.stringify(input.statusVocabulary) } : {}),
    ...(input.cadence !== undefined ? { cadence: input.cadence } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(schedule ? { schedule: JSON.stringify(schedule) } : {}),
  };
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await plan.updateProgramme(trx, id, patch);
    await auditPlan(
      trx,
      ctx as Ctx & { actor: NonNullable<Ctx['actor']> },
      'programme.update',
      'programme',
      id,
      {
        name: p.name,
        year: p.year,
        level: p.level,
        statusVocabulary: parseJson<string[]>(p.statusVocabulary, []),
        cadence: p.cadence,
        status: p.status,
        schedule: beforeSchedule,
      },
      input,
    );
    // A changed 序时进度 plan re-assesses the programme's reports in the background (the outbox).
    if (schedule && JSON.stringify(schedule) !== JSON.stringify(beforeSchedule))
      await enqueueJob(trx, 'reassess.programme', { programmeId: id }, { now });
  });
  const after = await findProgramme(ctx.db, id);
  if (!after) throw notFound('实事计划');
  return toPlanProgramme(ctx, after);
}
