/** Queries of 全市汇总 (issue 12 §4): the district programmes of a year, their rounds and one compact row per report. */
import type { OrgSet } from '../../domain/policies/actor';
import type { DbOrTx } from '../db/connect';
import { chunks, rowsPerStatement } from './batch';

/** Programmes owned by the given organisations ('all': every one), with the owner's name; all years. */
export async function findRollupProgrammes(db: DbOrTx, owners: OrgSet) {
  if (owners !== 'all' && !owners.length) return [];
  let q = db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .select([
      'programmes.id',
      'programmes.name',
      'programmes.year',
      'programmes.ownerOrgId',
      'organizations.name as owner',
      'organizations.parentId as ownerParentId',
      'organizations.seq as ownerSeq',
    ]);
  if (owners !== 'all') {
    const out = [];
    for (const part of chunks(owners, rowsPerStatement(1)))
      out.push(...(await q.where('programmes.ownerOrgId', 'in', part).execute()));
    return out;
  }
  q = q.orderBy('organizations.seq');
  return q.execute();
}

/** An organisation's name (the roll-up's heading). */
export async function findOrgNames(db: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('organizations').select(['id', 'name', 'parentId']).where('id', 'in', ids).execute();
}

/** The rounds of the programmes that have started (not drafts). */
export async function findRollupRounds(db: DbOrTx, programmeIds: string[]) {
  if (!programmeIds.length) return [];
  return db
    .selectFrom('rounds')
    .select(['id', 'programmeId', 'name', 'periodKey', 'asOf', 'status'])
    .where('programmeId', 'in', programmeIds)
    .where('status', '!=', 'draft')
    .execute();
}

/**
 * One compact row per report of the rounds: the project, the unit, the workflow state and the current assessment —
 * read from the report's own summary of it (reports.assessed_*, migration 0022): one index scan of the rounds'
 * reports instead of finding each report's current version and its current assessment.
 */
export async function findRollupRows(db: DbOrTx, roundIds: string[]) {
  if (!roundIds.length) return [];
  return db
    .selectFrom('reports')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .select([
      'reports.id as reportId',
      'reports.roundId',
      'reports.projectId',
      'reports.status',
      'reports.submittedLate',
      'projects.code',
      'projects.name',
      'projects.levels',
      'organizations.name as unit',
      'reports.assessedStatus as computedStatus',
      'reports.assessedLight as light',
      'reports.assessedRatio as completionRatio',
      'reports.assessedGap as gapPoints',
      'reports.assessedReason as reason',
    ])
    .where('reports.roundId', 'in', roundIds)
    .execute();
}
