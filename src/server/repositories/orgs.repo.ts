/** Organisations: the unit tree programmes, projects and users hang from. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { OrganizationsTable } from '../db/database';
import { insertMany } from './batch';

/**
 * Every active organisation's id, name and aliases (JSON text) — what unit names in an import are matched against. A
 * deactivated one (merged into another, whose aliases now carry its names) is left out (migration 0010).
 */
export async function listOrgNames(db: DbOrTx) {
  return db.selectFrom('organizations').select(['id', 'name', 'aliases']).where('active', '=', 1).execute();
}

export async function insertOrganizations(db: DbOrTx, rows: Insertable<OrganizationsTable>[]) {
  await insertMany(db, 'organizations', rows);
}
