/** 实事计划: the programmes an actor may see. */
import { DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from '../../../domain/model/types';
import { abilitiesFor } from '../../../domain/policies/abilities';
import { programmeScope } from '../../../domain/policies/policies';
import type { ProgrammeSummary } from '../../../shared/api-types';
import * as repo from '../../repositories/programmes.repo';
import { parseJson } from '../../util';
import { type Ctx, requireActor } from '../context';

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
