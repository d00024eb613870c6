/** A round's consolidated table (汇总表): how it is built (rows in scope, stored assessments, who has not handed in, counts) and served. */
import { pickPeriodTarget } from '../../../domain/assess';
import { periodLabel, periodTargetLabel } from '../../../domain/plan/periods';
import { abilitiesFor } from '../../../domain/policies/abilities';
import { reportScope } from '../../../domain/policies/policies';
import { isEmptyQuery, queryRows, tableQueryString } from '../../../domain/publish/table-query';
import { isHandedIn } from '../../../domain/review/review-workflow';
import type { ConsolidatedTable, TableRow } from '../../../shared/api-types';
import { REPORT_STATUSES, type ReportStatus } from '../../../shared/statuses';
import type { TableQuery } from '../../../shared/table-query';
import type { Db } from '../../db/connect';
import { notFound } from '../../errors';
import { findProgramme, findRound } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { findUnclosedByProject } from '../../repositories/supervision.repo';
import { parseJson } from '../../util';
import { assessmentFields, assessOnTheSpot } from '../assess/assessments';
import { authorize, type Ctx } from '../context';
import { tableForReader } from '../evaluate/deputy-view';
import { visibleRound } from '../subjects';
import { type CachedJson, readCacheOf } from './read-cache';
import { numbersField, tableNumbers } from './table-numbers';

export async function buildTable(
  db: Db,
  roundId: string,
  scope: ReturnType<typeof reportScope>,
  publishedOnly: boolean,
): Promise<Omit<ConsolidatedTable, 'abilities'>> {
  const round = await findRound(db, roundId);
  if (!round) throw notFound('填报批次');
  const programme = await findProgramme(db, round.programmeId);
  if (!programme) throw notFound('实事计划');
  const raw = await repo.findRoundRows(db, roundId, scope, {
    publishedOnly,
    programme: { id: programme.id, ownerOrgId: programme.ownerOrgId },
  });
  const projectIds = [...new Set(raw.map((r) => r.projectId))];
  const pending = raw.filter((r) => r.versionId && !r.assessmentId).map((r) => r.versionId!);
  // Independent reads, issued together (PostgreSQL answers them on several connections; SQLite runs them in turn).
  // 督办 records not closed yet (staff tables): a 挂牌督办 record marks its project 挂牌督办 (flag listed_supervision)
  // on every row, whatever the plan's own flags say; the record itself is shown on its unit's row.
  const [units, targets, onTheSpot, numbersOf, open] = await Promise.all([
    repo.findProjectUnits(db, projectIds),
    repo.findPeriodTargets(db, projectIds),
    assessOnTheSpot(db, pending),
    tableNumbers(db, raw),
    publishedOnly ? [] : findUnclosedByProject(db, projectIds),
  ]);
  const unitsOf = groupBy(units, (u) => u.projectId);
  const targetsOf = groupBy(targets, (t) => t.projectId);
  const listed = new Set(open.filter((s) => s.level === 'listed').map((s) => s.projectId));
  const recordOf = new Map(open.map((s) => [`${s.projectId}|${s.orgId}`, s]));
  let seq = 0;
  let lastProject = '';
  const rows: TableRow[] = raw.map((r) => {
    if (r.projectId !== lastProject) seq++;
    lastProject = r.projectId;
    const pu = unitsOf.get(r.projectId) ?? [];
    const names = (role: string) => pu.filter((u) => u.role === role).map((u) => u.name);
    const stored = r.assessmentId ? r : r.versionId ? (onTheSpot.get(r.versionId) ?? null) : null;
    return {
      reportId: r.reportId,
      projectId: r.projectId,
      seq,
      code: r.code,
      category: r.category,
      matter: r.matter,
      matterNumber: r.matterNumber,
      matterId: r.matterId ?? null,
      name: r.name,
      levels: parseJson<string[]>(r.levels, []),
      flags: withListed(parseJson<string[]>(r.flags, []), listed.has(r.projectId)),
      annualTarget: r.annualTargetText,
      periodTarget: pickPeriodTarget(targetsOf.get(r.projectId) ?? [], round.periodKey),
      progress: r.progressText ?? '',
      selfAssessment: r.selfAssessment ?? null,
      problems: r.problems ?? '',
      nextSteps: r.nextSteps ?? '',
      leadUnits: names('lead'),
      assistUnits: names('assist'),
      cohostUnits: names('cohost'),
      unitId: r.orgId,
      unit: r.unit,
      status: r.status as ReportStatus,
      versionNo: r.versionNo,
      submittedAt: r.submittedAt,
      late: Boolean(r.submittedLate),
      lastComment: r.lastComment,
      completedAnnualTarget: Boolean(r.completedAnnualTarget),
      ...assessmentFields(stored),
      ...numbersField(numbersOf(r.projectId, r.versionId ?? null)),
      ...(publishedOnly ? {} : { supervision: supervisionOf(recordOf.get(`${r.projectId}|${r.orgId}`)) }),
    };
  });
  const counts = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  const byUnit = new Map<string, { unitId: string; unit: string; pending: number; total: number }>();
  for (const row of rows) {
    counts[row.status]++;
    const u = byUnit.get(row.unitId) ?? { unitId: row.unitId, unit: row.unit, pending: 0, total: 0 };
    u.total++;
    if (!isHandedIn(row.status)) u.pending++;
    byUnit.set(row.unitId, u);
  }
  return {
    programme: { id: programme.id, name: programme.name, year: programme.year, owner: programme.owner },
    round: {
      id: round.id,
      name: round.name,
      periodKey: round.periodKey,
      periodLabel: periodLabel(round.periodKey),
      asOf: round.asOf,
      dueDate: round.dueDate,
      status: round.status,
    },
    periodTargetLabel: periodTargetLabel(round.periodKey),
    rows,
    missing: [...byUnit.values()].filter((u) => u.pending > 0).sort((a, b) => b.pending - a.pending),
    counts,
  };
}

/** Items by key, each list in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** The project's flags, with 挂牌督办 when an open 挂牌督办 record names it. */
const withListed = (flags: string[], listed: boolean) =>
  listed && !flags.includes('listed_supervision') ? [...flags, 'listed_supervision'] : flags;

const supervisionOf = (s: { id: string; level: string; status: string } | undefined): TableRow['supervision'] =>
  s ? { id: s.id, level: s.level as 'yellow' | 'red' | 'listed', status: s.status as 'open' | 'responded' } : null;

/** The consolidated table for staff, leaders and deputies (deputies see key-supervision projects only). */
export async function getConsolidatedTable(
  ctx: Ctx,
  roundId: string,
  purpose: 'round:readTable' | 'export:table' = 'round:readTable',
): Promise<ConsolidatedTable> {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, purpose, owner);
  // Deputies: approved or published content only (services/evaluate/deputy-view.ts).
  const t = await tableForReader(ctx, owner, await buildTable(ctx.db, roundId, reportScope(ctx.actor), false));
  return { ...t, abilities: abilitiesFor(ctx.actor, 'round', owner) };
}

/**
 * The table as JSON text, served from the read cache while nothing changed (the hot read of the office). A query
 * (filters, sort) is applied to the cached built table, and its answer cached under the query too: a change anywhere
 * rebuilds once, then every filter is a pass over rows in memory.
 */
export async function getConsolidatedTableJson(ctx: Ctx, roundId: string, query: TableQuery = {}): Promise<CachedJson> {
  const owner = await visibleRound(ctx, roundId);
  authorize(ctx, 'round:readTable', owner);
  const scope = reportScope(ctx.actor);
  const abilities = abilitiesFor(ctx.actor, 'round', owner);
  // Everyone with the same scope and abilities gets the same bytes.
  const key = `table|${roundId}|${scopeKey(scope)}|${JSON.stringify(abilities)}`;
  const cache = readCacheOf(ctx.db);
  const whole = () =>
    cache.value(ctx.db, key, async () => ({
      abilities,
      ...(await tableForReader(ctx, owner, await buildTable(ctx.db, roundId, scope, false))),
    }));
  if (isEmptyQuery(query)) return cache.get(ctx.db, key, whole);
  return cache.get(ctx.db, `${key}|${tableQueryString(query)}`, async () => {
    const t = await whole();
    return { ...t, rows: queryRows(t.rows, query), totalRows: t.rows.length };
  });
}

/** A stable cache key of a list scope. */
function scopeKey(scope: ReturnType<typeof reportScope>): string {
  const set = (x: 'all' | readonly string[]) => (x === 'all' ? 'all' : [...x].sort().join(','));
  if (scope.kind === 'none') return 'none';
  const owners = set(scope.ownerOrgIds);
  return scope.kind === 'units' ? `units:${set(scope.orgIds)}:${owners}` : `${scope.kind}:${owners}`;
}
