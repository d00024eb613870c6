/** The organisation facts access rules need (domain/policies): who owns the programme a record belongs to. */
import type { DbOrTx } from '../db/connect';

export async function findProgrammeOwner(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('programmes')
    .select(['programmes.id as programmeId', 'programmes.ownerOrgId'])
    .where('programmes.id', '=', programmeId)
    .executeTakeFirst();
}

export async function findRoundOwner(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('rounds')
    .innerJoin('programmes', 'programmes.id', 'rounds.programmeId')
    .select(['rounds.id as roundId', 'rounds.programmeId', 'programmes.ownerOrgId'])
    .where('rounds.id', '=', roundId)
    .executeTakeFirst();
}

/** An indicator with its project's programme owner, flags and units in roles (for the project read rule). */
export async function findIndicatorOwner(db: DbOrTx, indicatorId: string) {
  const row = await db
    .selectFrom('indicators')
    .innerJoin('projects', 'projects.id', 'indicators.projectId')
    .innerJoin('programmes', 'programmes.id', 'projects.programmeId')
    .select(['indicators.id as indicatorId', 'indicators.projectId', 'projects.flags', 'programmes.ownerOrgId'])
    .where('indicators.id', '=', indicatorId)
    .executeTakeFirst();
  if (!row) return undefined;
  const units = await db.selectFrom('projectUnits').select('orgId').where('projectId', '=', row.projectId).execute();
  return { ...row, unitIds: units.map((u) => u.orgId) };
}
