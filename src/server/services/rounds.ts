/** Programmes and reporting rounds: list, open a round (creates one report per project × lead unit). */
import { DEFAULT_ROUND_COLUMNS, DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from '../../domain/model/types';
import { periodLabel } from '../../domain/periods/periods';
import { abilitiesFor } from '../../domain/policies/abilities';
import { programmeScope } from '../../domain/policies/policies';
import type { RoundAbilities } from '../../shared/abilities';
import type { ProgrammeSummary, RoundSummary } from '../../shared/api-types';
import type { OpenRoundInput } from '../../shared/schemas';
import { AppError, notFound } from '../errors';
import { insertAudit } from '../repositories/audit.repo';
import * as repo from '../repositories/programmes.repo';
import { insertReports } from '../repositories/reports.repo';
import { newId, parseJson } from '../util';
import { authorize, type Ctx, requireActor } from './context';
import { visibleProgramme } from './subjects';

export const DEFAULT_COLUMNS = DEFAULT_ROUND_COLUMNS;

/** All programmes (any logged-in user). */
export async function listProgrammes(ctx: Ctx): Promise<ProgrammeSummary[]> {
  requireActor(ctx);
  const rows = await repo.listProgrammes(ctx.db, programmeScope(ctx.actor));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    year: p.year,
    level: p.level,
    owner: p.owner,
    statusVocabulary: parseJson<string[]>(p.statusVocabulary, []),
    abilities: abilitiesFor(ctx.actor, 'programme', p),
    schedule: { ...DEFAULT_SCHEDULE_SETTINGS, ...parseJson<Partial<ScheduleSettings>>(p.schedule, {}) },
  }));
}

type RoundRow = NonNullable<Awaited<ReturnType<typeof repo.findRound>>>;
const summarize = (r: RoundRow, total: number, handedIn: number, abilities: RoundAbilities): RoundSummary => ({
  id: r.id,
  programmeId: r.programmeId,
  name: r.name,
  periodKey: r.periodKey,
  periodLabel: periodLabel(r.periodKey),
  asOf: r.asOf,
  dueDate: r.dueDate,
  status: r.status,
  total,
  handedIn,
  abilities,
});

/** Rounds of one programme with progress counts. */
export async function listRounds(ctx: Ctx, programmeId: string): Promise<RoundSummary[]> {
  const programme = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'round:read', programme);
  const rows = await repo.listRoundsWithCounts(ctx.db, programmeId);
  const abilities = abilitiesFor(ctx.actor, 'round', programme);
  return rows.map((r) => summarize(r, r.total, r.handedIn, abilities));
}

/** Open a reporting round: one transaction creates the round and an empty report for every project × lead unit. */
export async function openRound(ctx: Ctx, input: OpenRoundInput): Promise<RoundSummary> {
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
      columns: JSON.stringify(DEFAULT_COLUMNS),
      createdBy: actor.id,
      createdAt: now,
    });
    await insertReports(
      trx,
      assignments.map((a) => ({ id: newId(), roundId: id, projectId: a.projectId, orgId: a.orgId, updatedAt: now })),
    );
    await insertAudit(trx, {
      at: now,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'round.open',
      entity: 'round',
      entityId: id,
      after: { ...input, name, reports: assignments.length },
      ip: ctx.ip,
    });
  });
  const round = await repo.findRound(ctx.db, id);
  return summarize(round!, assignments.length, 0, abilitiesFor(ctx.actor, 'round', programme));
}
