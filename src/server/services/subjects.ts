/**
 * Load the organisation facts of a record and check that the actor may see it (404 otherwise, as if it did not
 * exist). Use cases then `authorize` the action itself on the returned subject (403 when visible but not allowed).
 */
import type { ReportSubject } from '../../domain/policies/policies';
import { notFound } from '../errors';
import { findIndicatorOwner, findProgrammeOwner, findRoundOwner } from '../repositories/scope.repo';
import { parseJson } from '../util';
import { authorizeRead, type Ctx, requireActor } from './context';

/** A programme the actor may see. */
export async function visibleProgramme(ctx: Ctx, programmeId: string) {
  requireActor(ctx);
  const p = await findProgrammeOwner(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', p, '实事计划');
  return p;
}

/** A round the actor may see (its programme is visible). */
export async function visibleRound(ctx: Ctx, roundId: string) {
  requireActor(ctx);
  const r = await findRoundOwner(ctx.db, roundId);
  if (!r) throw notFound('填报批次');
  authorizeRead(ctx, 'round:read', r, '填报批次');
  return r;
}

/** An indicator whose project the actor may see. */
export async function visibleIndicator(ctx: Ctx, indicatorId: string) {
  requireActor(ctx);
  const i = await findIndicatorOwner(ctx.db, indicatorId);
  if (!i) throw notFound('指标');
  authorizeRead(ctx, 'project:read', projectSubject(i), '指标');
  return i;
}

/** The policy subject of a project. */
export const projectSubject = (p: { ownerOrgId: string; flags: string; unitIds: readonly string[] }) => ({
  ownerOrgId: p.ownerOrgId,
  unitIds: p.unitIds,
  keySupervision: parseJson<string[]>(p.flags, []).includes('key_supervision'),
});

/** The policy subject of a report. */
export const reportSubject = (r: { ownerOrgId: string; orgId: string; flags: string }): ReportSubject => ({
  ownerOrgId: r.ownerOrgId,
  orgId: r.orgId,
  keySupervision: parseJson<string[]>(r.flags, []).includes('key_supervision'),
});
