/**
 * 计划编制: who may edit a programme (its office — 'programme:configure'), the 409 of a stale version and the audit
 * entry every edit writes. A programme the actor may not see answers 404; one they see but may not edit, 403.
 */
import type { z } from 'zod';
import { DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from '../../../domain/model/types';
import { abilitiesFor } from '../../../domain/policies/abilities';
import type { PlanProgrammeSchema } from '../../../shared/contract/plan';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as plan from '../../repositories/plan-edit.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import { parseJson } from '../../util';
import { authorize, authorizeRead, type Ctx } from '../context';

export type EditCtx = Ctx & { actor: NonNullable<Ctx['actor']> };

/** A programme the actor may edit (404 when not visible, 403 when visible but not theirs to edit). */
export async function programmeForEdit(ctx: Ctx, programmeId: string) {
  const p = await findProgramme(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', { ownerOrgId: p.ownerOrgId }, '实事计划');
  authorize(ctx, 'programme:configure', { ownerOrgId: p.ownerOrgId });
  return p;
}

/** A project of a programme the actor may edit. */
export async function projectForEdit(ctx: Ctx, projectId: string) {
  const project = await plan.findProject(ctx.db, projectId);
  if (!project) throw notFound('项目');
  const programme = await programmeForEdit(ctx, project.programmeId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('项目') : e;
  });
  return { project, programme };
}

/** 409: someone saved the project since this user read it. */
export const staleVersion = (name: string) =>
  new AppError(
    'CONFLICT',
    `项目“${name}”已被他人修改，为免覆盖他人的修改，本次未保存。请刷新页面，在最新内容上重新修改`,
  );

/** Check the version a request read against the stored one (409 when stale). */
export function checkVersion(project: { name: string; version: number }, version: number | undefined) {
  if (version !== undefined && version !== project.version) throw staleVersion(project.name);
}

/** One audit entry of a plan edit. */
export async function auditPlan(
  trx: DbOrTx,
  ctx: EditCtx,
  action: string,
  entity: string,
  entityId: string,
  before: unknown,
  after: unknown,
) {
  await insertAudit(trx, {
    at: ctx.now().toISOString(),
    actorId: ctx.actor.id,
    actorName: ctx.actor.displayName,
    action,
    entity,
    entityId,
    before,
    after,
    ip: ctx.ip,
  });
}

type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

/** A programme as the editor shows it. */
export function toPlanProgramme(ctx: Ctx, p: ProgrammeRow): z.infer<typeof PlanProgrammeSchema> {
  return {
    id: p.id,
    name: p.name,
    year: p.year,
    level: p.level,
    ownerOrgId: p.ownerOrgId,
    owner: p.owner,
    statusVocabulary: parseJson<string[]>(p.statusVocabulary, []),
    cadence: p.cadence === 'monthly' ? 'monthly' : 'quarterly',
    schedule: { ...DEFAULT_SCHEDULE_SETTINGS, ...parseJson<Partial<ScheduleSettings>>(p.schedule, {}) },
    status: p.status,
    abilities: abilitiesFor(ctx.actor, 'programme', { ownerOrgId: p.ownerOrgId }),
  };
}
