/**
 * What a reader without `report:readInternal` (a 人大 deputy) gets: the content of approved or published versions only —
 * never a draft, a submitted or returned version, a review comment, a returned reason, a field comment, a chase or
 * 督办 note. Pure: the service loads the approved versions, these functions decide what is left of each answer.
 */
import type { ConsolidatedTable, ProjectDetail, ReportDetail, TableRow } from '../../shared/api-types';
import { REPORT_STATUSES, type ReportStatus } from '../../shared/statuses';

/** The statuses whose content has been through review: approved (审核通过) and published (已发布). */
export const VISIBLE_STATUSES: readonly ReportStatus[] = ['approved', 'published'];

export const isVisibleStatus = (status: string): boolean => (VISIBLE_STATUSES as readonly string[]).includes(status);

/** The newest approved or published version among a report's versions (undefined: none). */
export function latestVisible<T extends { versionNo: number; status: string }>(versions: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const v of versions) if (isVisibleStatus(v.status) && (!best || v.versionNo > best.versionNo)) best = v;
  return best;
}

/** The newest approved or published version of each report, by report id. */
export function latestVisibleByReport<T extends { reportId: string; versionNo: number; status: string }>(
  versions: readonly T[],
): Map<string, T> {
  const out = new Map<string, T>();
  for (const v of versions) {
    if (!isVisibleStatus(v.status)) continue;
    const best = out.get(v.reportId);
    if (!best || v.versionNo > best.versionNo) out.set(v.reportId, v);
  }
  return out;
}

/** An approved version's content and judgement, as a table row carries them. */
export type VisibleRowContent = Pick<
  TableRow,
  | 'progress'
  | 'selfAssessment'
  | 'problems'
  | 'nextSteps'
  | 'completedAnnualTarget'
  | 'computedStatus'
  | 'light'
  | 'completionRatio'
  | 'gapPoints'
  | 'reason'
  | 'findings'
> & { status: ReportStatus; versionNo: number; numbers?: TableRow['numbers'] };

/**
 * A consolidated table with only approved content: a row whose current version is not approved or published shows its
 * newest approved version instead, or is left out when it has none; no comments, no 督办 marks, no list of units that
 * have not handed in (that is the office's chase).
 */
export function redactTable<T extends Omit<ConsolidatedTable, 'abilities'>>(
  table: T,
  visible: ReadonlyMap<string, VisibleRowContent>,
  ownFlags: ReadonlyMap<string, string[]>,
): T {
  const rows: TableRow[] = [];
  for (const row of table.rows) {
    const v = visible.get(row.reportId);
    if (!v) continue;
    // Every field tied to the current version (its numbers too) comes from the approved version instead.
    const { supervision: _s, numbers: _n, ...rest } = row;
    rows.push({
      ...rest,
      ...v,
      flags: ownFlags.get(row.projectId) ?? row.flags.filter((f) => f !== 'listed_supervision'),
      lastComment: null,
    });
  }
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const r of rows) counts[r.status]++;
  let seq = 0;
  let last = '';
  for (const r of rows) {
    if (r.projectId !== last) seq++;
    last = r.projectId;
    r.seq = seq;
  }
  const out = { ...table, rows, missing: [], counts };
  if (table.totalRows !== undefined) out.totalRows = rows.length;
  return out;
}

/** The approved content a report page shows, and the approved versions of its history. */
export type VisibleReport = {
  versionNo: number;
  status: ReportStatus;
  content: ReportDetail['content'];
  previous: ReportDetail['previous'];
  /** The as-of date of the previous round's approved report (what the judgement compares against). */
  previousAsOf: string | null;
  /** Every approved or published version (its history). */
  versions: { versionNo: number; status: ReportStatus; action: string; by: string | null; at: string }[];
  /** The approved version's numbers as the engine takes them (never the current version's; absent: none). */
  numbers?: NonNullable<ReportDetail['judge']['numbers']>;
};

/** The report page with only approved content: no review comments, no unapproved versions, no actions. */
export function redactReportDetail(d: ReportDetail, v: VisibleReport): ReportDetail {
  const none = { save: false, submit: false, return: false, approve: false, publish: false, revoke: false };
  return {
    ...d,
    report: {
      ...d.report,
      status: v.status,
      versionNo: v.versionNo,
      lastComment: null,
      allowedActions: [],
      abilities: none,
      locked: true,
    },
    review: { fieldComments: null, returnedVersion: null, defaultDiff: null },
    analysis: d.analysis && isVisibleStatus(d.analysis.status) ? d.analysis : null,
    content: v.content,
    previous: v.previous,
    history: [...v.versions]
      .sort((a, b) => b.versionNo - a.versionNo)
      .map((h) => ({ ...h, comment: null, fieldComments: null })),
    judge: {
      ...d.judge,
      numbers: v.numbers ?? {},
      facts: {
        ...d.judge.facts,
        previous: v.previous && v.previousAsOf ? { progressText: v.previous.progressText, asOf: v.previousAsOf } : null,
      },
    },
  };
}

type ProjectReport = ProjectDetail['rounds'][number]['reports'][number];

/** The project page with only approved content: each round's reports as their newest approved version, or left out. */
export function redactProjectDetail(
  d: ProjectDetail,
  visible: ReadonlyMap<string, Omit<ProjectReport, 'reportId' | 'unit' | 'unitId'>>,
): ProjectDetail {
  const none = Object.fromEntries(Object.keys(d.abilities).map((k) => [k, false])) as ProjectDetail['abilities'];
  return {
    ...d,
    abilities: none,
    rounds: d.rounds
      .map((round) => ({
        ...round,
        reports: round.reports.flatMap((r) => {
          const v = visible.get(r.reportId);
          return v ? [{ ...r, ...v }] : [];
        }),
      }))
      .filter((round) => round.reports.length > 0),
  };
}
