/**
 * 年终总结: whether each project reached its annual target, from the newest approved or published reports of the year
 * (as of on or before 31 December), and whether a later report says it was completed after the year ended. Pure.
 */

/** One approved or published report version of a project, with the facts the year-end judgement reads. */
export type YearEndReport = {
  reportId: string;
  projectId: string;
  orgId: string;
  unit: string;
  roundId: string;
  roundName: string;
  asOf: string;
  versionNo: number;
  status: string;
  completedAnnualTarget: boolean;
  computedStatus: string | null;
  completionRatio: number | null;
};

export type YearEndBasis = {
  roundName: string;
  asOf: string;
  reports: {
    unit: string;
    status: string;
    completed: boolean;
    computedStatus: string | null;
    completionRatio: number | null;
  }[];
};

export type YearEndVerdict = {
  /** true: every unit's report of the latest round of the year says completed; false: one does not; null: none. */
  computed: boolean | null;
  basis: YearEndBasis | null;
  finishedAfterYearEnd: { asOf: string; roundName: string } | null;
};

/** The last day of the programme's year. */
export const yearEnd = (year: number): string => `${year}-12-31`;

/** A report says the annual target is done: the unit says so, or the engine computed 已完成. */
export const saysCompleted = (r: Pick<YearEndReport, 'completedAnnualTarget' | 'computedStatus'>): boolean =>
  r.completedAnnualTarget || r.computedStatus === '已完成';

/** The newest version of each report (the input may hold several approved versions of one report). */
function newestPerReport(reports: readonly YearEndReport[]): YearEndReport[] {
  const best = new Map<string, YearEndReport>();
  for (const r of reports) {
    const b = best.get(r.reportId);
    if (!b || r.versionNo > b.versionNo) best.set(r.reportId, r);
  }
  return [...best.values()];
}

/** The year-end verdict of one project from its approved or published reports (any rounds). */
export function judgeYearEnd(year: number, reports: readonly YearEndReport[]): YearEndVerdict {
  const end = yearEnd(year);
  const newest = newestPerReport(reports);
  const inYear = newest.filter((r) => r.asOf <= end);
  const lastAsOf = inYear.reduce<string | null>((m, r) => (m === null || r.asOf > m ? r.asOf : m), null);
  const last = lastAsOf === null ? [] : inYear.filter((r) => r.asOf === lastAsOf);
  const computed = last.length ? last.every(saysCompleted) : null;
  const later = newest.filter((r) => r.asOf > end && saysCompleted(r)).sort((a, b) => a.asOf.localeCompare(b.asOf))[0];
  return {
    computed,
    basis: last.length
      ? {
          roundName: last[0]!.roundName,
          asOf: last[0]!.asOf,
          reports: last.map((r) => ({
            unit: r.unit,
            status: r.status,
            completed: saysCompleted(r),
            computedStatus: r.computedStatus,
            completionRatio: r.completionRatio,
          })),
        }
      : null,
    finishedAfterYearEnd: computed === true || !later ? null : { asOf: later.asOf, roundName: later.roundName },
  };
}

/** The office must give a reason when its answer differs from the computed one. */
export function confirmationProblem(computed: boolean | null, completed: boolean, reason: string): string | null {
  if (computed !== null && computed !== completed && !reason.trim())
    return `与计算结果（${computed ? '已完成' : '未完成'}）不同，请填写更正原因`;
  return null;
}
