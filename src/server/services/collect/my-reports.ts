import { abilitiesFor } from '../../../domain/policies/abilities';
import { reportScope } from '../../../domain/policies/policies';
import type { MyReportItem } from '../../../shared/api-types';
import type { ReportStatus } from '../../../shared/statuses';
import * as repo from '../../repositories/reports.repo';
import type { Ctx } from '../context';
import { reportSubject, visibleRound } from '../subjects';

/** The reports an actor must (or may) see in a round: a reporter's own units, everyone's for readers. */
export async function listMyReports(ctx: Ctx, roundId: string): Promise<MyReportItem[]> {
  const owner = await visibleRound(ctx, roundId);
  const rows = await repo.findRoundRows(ctx.db, roundId, reportScope(ctx.actor));
  return rows.map((r) => ({
    reportId: r.reportId,
    code: r.code,
    name: r.name,
    unit: r.unit,
    status: r.status as ReportStatus,
    versionNo: r.versionNo,
    lastComment: r.lastComment,
    abilities: abilitiesFor(ctx.actor, 'report', {
      ...reportSubject({ ownerOrgId: owner.ownerOrgId, orgId: r.orgId, flags: r.flags }),
      status: r.status as ReportStatus,
    }),
  }));
}
