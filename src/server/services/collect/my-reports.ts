import { roundAllows, unitRoundState } from '../../../domain/collect/round-rules';
import { abilitiesFor } from '../../../domain/policies/abilities';
import { reportScope } from '../../../domain/policies/policies';
import type { ReportAbilities } from '../../../shared/abilities';
import type { MyReportItem } from '../../../shared/api-types';
import type { ReportStatus, ReviewAction } from '../../../shared/statuses';
import { findRound } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { findUnitExceptions } from '../../repositories/review.repo';
import type { Ctx } from '../context';
import { reportListForReader } from '../evaluate/deputy-view';
import { reportSubject, visibleRound } from '../subjects';

/** The reports an actor must (or may) see in a round: a reporter's own units, everyone's for readers. */
export async function listMyReports(ctx: Ctx, roundId: string): Promise<MyReportItem[]> {
  const owner = await visibleRound(ctx, roundId);
  const rows = await repo.findRoundRows(ctx.db, roundId, reportScope(ctx.actor));
  const round = await findRound(ctx.db, roundId);
  const exceptions = await findUnitExceptions(ctx.db, [roundId], [...new Set(rows.map((r) => r.orgId))]);
  // What the round allows now (not open yet, closed unless reopened for the unit, archived) narrows the abilities.
  const narrow = (a: ReportAbilities, orgId: string): ReportAbilities => {
    const state = {
      status: round?.status ?? 'open',
      dueDate: round?.dueDate ?? '',
      ...unitRoundState(exceptions, orgId),
    };
    return Object.fromEntries(
      Object.entries(a).map(([k, v]) => [k, v && roundAllows(k as ReviewAction, state, ctx.now()).ok]),
    ) as ReportAbilities;
  };
  const items = rows.map((r) => ({
    reportId: r.reportId,
    code: r.code,
    name: r.name,
    unit: r.unit,
    status: r.status as ReportStatus,
    versionNo: r.versionNo,
    lastComment: r.lastComment,
    abilities: narrow(
      abilitiesFor(ctx.actor, 'report', {
        ...reportSubject({ ownerOrgId: owner.ownerOrgId, orgId: r.orgId, flags: r.flags }),
        status: r.status as ReportStatus,
      }),
      r.orgId,
    ),
  }));
  // Deputies: approved or published versions only, no comments.
  return reportListForReader(ctx, owner.ownerOrgId, items);
}
