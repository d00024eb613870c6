/** Load what the chase rules are judged on (domain/chase/evaluate ChaseState) for one programme. */
import { checkLagAnalysis, lagAnalysisRequired } from '../../../domain/assess/judge';
import type { ComputedStatus } from '../../../domain/assess/judge/types';
import { isContradicted } from '../../../domain/chase/board';
import type { ChaseRound, ChaseState } from '../../../domain/chase/evaluate';
import { type ChaseRules, parseChaseRules } from '../../../domain/chase/rules';
import { unitRoundState } from '../../../domain/collect/round-rules';
import type { DbOrTx } from '../../db/connect';
import * as repo from '../../repositories/chase.repo';
import { parseJson } from '../../util';

const DONE = new Set(['submitted', 'approved', 'published']);
export const LEADER_DUTY = '分管领导';

export async function loadChaseState(
  db: DbOrTx,
  programmeId: string,
): Promise<{ rules: ChaseRules; state: ChaseState; ownerOrgId: string } | null> {
  const programme = await repo.findChaseProgramme(db, programmeId);
  if (!programme) return null;
  const rounds = await repo.findLiveRounds(db, programmeId);
  const roundIds = rounds.map((r) => r.id);
  const reports = await repo.findChaseReports(db, roundIds);
  const returned = await repo.findReturnTimes(
    db,
    reports.filter((r) => r.status === 'returned').map((r) => r.id),
  );
  const exceptions = await repo.findRoundExtensions(db, roundIds);
  const orgIds = [...new Set(reports.map((r) => r.orgId))];
  const users = await repo.findUnitUsers(db, orgIds);
  const names = await repo.findOrgNames(db, orgIds);
  const units: ChaseState['units'] = {};
  for (const id of orgIds) units[id] = { name: names.get(id) ?? id, reporters: [], leaders: [] };
  for (const u of users) {
    const unit = units[u.orgId]!;
    if (u.duty === LEADER_DUTY) unit.leaders.push(u.userId);
    else if (u.role === 'reporter') unit.reporters.push(u.userId);
  }
  const byRound = new Map<string, ChaseRound['reports']>();
  for (const r of reports) {
    const required =
      r.versionNo > 0 &&
      (r.lagAnalysisRequired === 1 ||
        lagAnalysisRequired({
          selfAssessment: r.selfAssessment,
          computedStatus: r.computedStatus as ComputedStatus | null,
        }).required);
    const embedded = parseJson<Record<string, string> | null>(r.lagAnalysis, null);
    const present = DONE.has(r.analysisStatus ?? '') || (embedded !== null && checkLagAnalysis(embedded).complete);
    const list = byRound.get(r.roundId) ?? [];
    list.push({
      id: r.id,
      projectId: r.projectId,
      projectCode: r.projectCode,
      projectName: r.projectName,
      orgId: r.orgId,
      status: r.status,
      versionNo: r.versionNo,
      submittedAt: r.submittedAt,
      returnedAt: returned.get(r.id) ?? null,
      assessedStatus: r.computedStatus ?? null,
      gapPoints: r.gapPoints ?? null,
      contradicted: isContradicted(parseJson<{ rule: string }[]>(r.findings, [])),
      lagAnalysisRequired: required,
      lagAnalysisPresent: present,
    });
    byRound.set(r.roundId, list);
  }
  const state: ChaseState = {
    programmeId,
    programmeName: programme.name,
    units,
    rounds: rounds.map((round) => {
      const rows = exceptions.filter((e) => e.roundId === round.id);
      const unitDueDates: Record<string, string> = {};
      for (const orgId of new Set(rows.map((e) => e.orgId).filter((o): o is string => o !== null))) {
        const s = unitRoundState(rows, orgId);
        if (s.unitDueDate && s.unitDueDate > round.dueDate) unitDueDates[orgId] = s.unitDueDate;
      }
      return { ...round, unitDueDates, reports: byRound.get(round.id) ?? [] };
    }),
  };
  return { rules: parseChaseRules(programme.chaseRules), state, ownerOrgId: programme.ownerOrgId };
}
