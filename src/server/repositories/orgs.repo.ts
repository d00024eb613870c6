/** Organisations: the unit tree programmes, projects and users hang from. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { OrganizationsTable } from '../db/database';
import { insertMany } from './batch';

/** Every organisation's id, name and aliases (JSON text) — what unit names in an import are matched against. */
export async function listOrgNames(db: DbOrTx) {
  return db.selectFrom('organizations').select(['id', 'name', 'aliases']).execute();
}

export async function insertOrganizations(db: DbOrTx, rows: Insertable<OrganizationsTable>[]) {
  await insertMany(db, 'organizations', rows);
}
