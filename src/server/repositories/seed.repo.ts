/** SQL of the seeder: a whole dataset written table by table with multi-row inserts (parents before children). */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { Database } from '../db/database';
import { insertMany } from './batch';

/** Insert order: every table after the tables it references. */
const SEED_ORDER = [
  'organizations',
  'users',
  'userUnits',
  'programmes',
  'categories',
  'matters',
  'projects',
  'projectUnits',
  'indicators',
  'periodTargets',
  'targetVersions',
  'rounds',
  'reports',
  'reportVersions',
  'reportValues',
] as const;

export type SeedRows = { [T in (typeof SEED_ORDER)[number]]: Insertable<Database[T]>[] };

/** Write all rows of a dataset; the caller holds the transaction. Rows within a table must already be parents first. */
export async function insertSeedRows(db: DbOrTx, rows: SeedRows): Promise<void> {
  for (const table of SEED_ORDER) await insertMany(db, table, rows[table] as Insertable<Database[typeof table]>[]);
}

/** True when at least one programme exists (seeding writes only into a database without one). */
export async function hasProgrammes(db: DbOrTx): Promise<boolean> {
  return !!(await db.selectFrom('programmes').select('id').limit(1).executeTakeFirst());
}
