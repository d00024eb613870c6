import { roundActions, roundStateLabel } from '../../../domain/collect/round-rules';
import { periodLabel } from '../../../domain/plan/periods';
import { abilitiesFor } from '../../../domain/policies/abilities';
import type { RoundAbilities } from '../../../shared/abilities';
import type { RoundSummary } from '../../../shared/api-types';
import * as repo from '../../repositories/programmes.repo';
import { authorize, type Ctx } from '../context';
import { visibleProgramme } from '../subjects';

type RoundRow = NonNullable<Awaited<ReturnType<typeof repo.findRound>>>;

/** The lifecycle actions the round's state allows and this actor may take (buttons). */
export const lifecycleActions = (status: string, abilities: RoundAbilities): string[] =>
  roundActions(status).filter((a) =>
    a === 'close' || a === 'reopen' ? abilities.close : a === 'archive' ? abilities.archive : abilities.manage,
  );

/** An archived round is read-only: nothing to review, publish or manage any more. */
const inState = (status: string, a: RoundAbilities): RoundAbilities =>
  status === 'archived' ? { ...a, review: false, publish: false, close: false, manage: false, archive: false } : a;

export const summarize = (r: RoundRow, total: number, handedIn: number, abilities: RoundAbilities): RoundSummary => ({
  id: r.id,
  programmeId: r.programmeId,
  name: r.name,
  periodKey: r.periodKey,
  periodLabel: periodLabel(r.periodKey),
  asOf: r.asOf,
  dueDate: r.dueDate,
  status: r.status,
  stateLabel: roundStateLabel(r.status),
  actions: lifecycleActions(r.status, abilities),
  total,
  handedIn,
  abilities: inState(r.status, abilities),
});

/** Rounds of one programme with progress counts. */
export async function listRounds(ctx: Ctx, programmeId: string): Promise<RoundSummary[]> {
  const programme = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'round:read', programme);
  const rows = await repo.listRoundsWithCounts(ctx.db, programmeId);
  const abilities = abilitiesFor(ctx.actor, 'round', programme);
  return rows.map((r) => summarize(r, r.total, r.handedIn, abilities));
}
