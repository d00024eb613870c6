/** Programmes, rounds and the project structure. */
import type { OrgSet } from '../../domain/policies/policies';
import type { DbOrTx } from '../db/connect';

/** Programmes owned by one of `owners` ('all' = every programme). */
export async function listProgrammes(db: DbOrTx, owners: OrgSet) {
  if (owners !== 'all' && owners.length === 0) return [];
  return db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .$if(owners !== 'all', (q) => q.where('programmes.ownerOrgId', 'in', owners as readonly string[]))
    .select([
      'programmes.ownerOrgId',
      'programmes.id',
      'programmes.name',
      'programmes.year',
      'programmes.level',
      'programmes.statusVocabulary',
      'programmes.schedule',
      'organizations.name as owner',
    ])
    .orderBy('programmes.year', 'desc')
    .orderBy('programmes.name')
    .execute();
}

export async function findProgramme(db: DbOrTx, id: string) {
  return db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .selectAll('programmes')
    .select('organizations.name as owner')
    .where('programmes.id', '=', id)
    .executeTakeFirst();
}

export async function findRound(db: DbOrTx, id: string) {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRoundByPeriod(db: DbOrTx, programmeId: string, periodKey: string) {
  return db
    .selectFrom('rounds')
    .selectAll()
    .where('programmeId', '=', programmeId)
    .where('periodKey', '=', periodKey)
    .executeTakeFirst();
}

/** Rounds of a programme with report counts (total and handed in), newest as-of first. */
export async function listRoundsWithCounts(db: DbOrTx, programmeId: string) {
  const rounds = await db
    .selectFrom('rounds')
    .selectAll()
    .where('programmeId', '=', programmeId)
    .orderBy('asOf', 'desc')
    .execute();
  const counts = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .select(['reports.roundId', 'reports.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('rounds.programmeId', '=', programmeId)
    .groupBy(['reports.roundId', 'reports.status'])
    .execute();
  return rounds.map((r) => {
    const mine = counts.filter((c) => c.roundId === r.id);
    const total = mine.reduce((s, c) => s + Number(c.n), 0);
    const handedIn = mine
      .filter((c) => ['submitted', 'approved', 'published'].includes(c.status))
      .reduce((s, c) => s + Number(c.n), 0);
    return { ...r, total, handedIn };
  });
}

export async function insertRound(
  db: DbOrTx,
  r: {
    id: string;
    programmeId: string;
    name: string;
    periodType: string;
    periodKey: string;
    asOf: string;
    dueDate: string;
    columns: string;
    createdBy: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('rounds')
    .values({ ...r, status: 'open' })
    .execute();
}

/** Every (project, lead unit) pair of a programme's active projects (0011: not deactivated): who must report in each round. */
export async function findLeadAssignments(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('projectUnits')
    .innerJoin('projects', 'projects.id', 'projectUnits.projectId')
    .select(['projectUnits.projectId', 'projectUnits.orgId'])
    .where('projects.programmeId', '=', programmeId)
    .where('projectUnits.role', '=', 'lead')
    .where('projects.status', '=', 'active')
    .execute();
}

/** Replace a programme's schedule settings (JSON text). */
export async function updateProgrammeSchedule(db: DbOrTx, id: string, schedule: string) {
  await db.updateTable('programmes').set({ schedule }).where('id', '=', id).execute();
}

/** The newest programme (of `year` when given): what `shishi import` writes into without --programme. */
export async function findLatestProgramme(db: DbOrTx, year: number | null) {
  return db
    .selectFrom('programmes')
    .select('id')
    .$if(year !== null, (q) => q.where('year', '=', year!))
    .orderBy('year', 'desc')
    .executeTakeFirst();
}

/** Set a round's status ('open' | 'closed'). */
export async function updateRoundStatus(db: DbOrTx, id: string, status: 'open' | 'closed') {
  await db.updateTable('rounds').set({ status }).where('id', '=', id).execute();
}
