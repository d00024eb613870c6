/** SQL of the command line's fresh-file import: the government, its 督查室 and the programme a table goes into. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { ProgrammesTable } from '../db/database';

/** Organisations whose name or short name is one of `names` (the government a title names, in its spellings). */
export async function findOrgsNamed(db: DbOrTx, names: string[]) {
  if (names.length === 0) return [];
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'shortName', 'kind', 'parentId'])
    .where((eb) => eb.or([eb('name', 'in', names), eb('shortName', 'in', names)]))
    .orderBy('seq')
    .orderBy('name')
    .execute();
}

/** Organisations of a kind (the governments of the installation, when a title names none). */
export async function findOrgsOfKind(db: DbOrTx, kind: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'shortName', 'kind', 'parentId'])
    .where('kind', '=', kind)
    .orderBy('seq')
    .orderBy('name')
    .execute();
}

/** The children of an organisation (to find its 督查室). */
export async function findChildOrgs(db: DbOrTx, parentId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'shortName', 'kind'])
    .where('parentId', '=', parentId)
    .orderBy('seq')
    .execute();
}

/** Programmes of a year with their owner's names, oldest first. */
export async function findProgrammesOfYear(db: DbOrTx, year: number) {
  return db
    .selectFrom('programmes')
    .innerJoin('organizations', 'organizations.id', 'programmes.ownerOrgId')
    .select([
      'programmes.id',
      'programmes.name',
      'programmes.ownerOrgId',
      'organizations.name as owner',
      'organizations.shortName as ownerShortName',
    ])
    .where('programmes.year', '=', year)
    .orderBy('programmes.createdAt')
    .orderBy('programmes.id')
    .execute();
}

export async function insertProgramme(db: DbOrTx, row: Insertable<ProgrammesTable>) {
  await db.insertInto('programmes').values(row).execute();
}
