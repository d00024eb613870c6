/** The office's own layouts (migration 0009): the current definition per layout and every saved version. */
import type { DbOrTx } from '../db/connect';

export type LayoutRecord = {
  id: string;
  programmeId: string;
  basedOn: string;
  name: string;
  definition: string;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  archived: number;
  ownerOrgId: string;
  updatedByName: string | null;
};

const base = (db: DbOrTx) =>
  db
    .selectFrom('layouts')
    .innerJoin('programmes', 'programmes.id', 'layouts.programmeId')
    .leftJoin('users', 'users.id', 'layouts.updatedBy')
    .selectAll('layouts')
    .select(['programmes.ownerOrgId', 'users.displayName as updatedByName']);

/** One own layout with its programme's owner (archived ones too). */
export async function findLayoutRecord(db: DbOrTx, id: string): Promise<LayoutRecord | undefined> {
  return base(db).where('layouts.id', '=', id).executeTakeFirst();
}

/** A programme's own layouts that are not archived, by name. */
export async function listLayoutRecords(db: DbOrTx, programmeId: string): Promise<LayoutRecord[]> {
  return base(db)
    .where('layouts.programmeId', '=', programmeId)
    .where('layouts.archived', '=', 0)
    .orderBy('layouts.createdAt')
    .orderBy('layouts.id')
    .execute();
}

/** True when another live layout of the programme has this name. */
export async function layoutNameTaken(db: DbOrTx, programmeId: string, name: string, exceptId: string | null) {
  const row = await db
    .selectFrom('layouts')
    .select('id')
    .where('programmeId', '=', programmeId)
    .where('archived', '=', 0)
    .where('name', '=', name)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertLayout(
  db: DbOrTx,
  r: {
    id: string;
    programmeId: string;
    basedOn: string;
    name: string;
    definition: string;
    by: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('layouts')
    .values({
      id: r.id,
      programmeId: r.programmeId,
      basedOn: r.basedOn,
      name: r.name,
      definition: r.definition,
      version: 1,
      createdBy: r.by,
      createdAt: r.at,
      updatedBy: r.by,
      updatedAt: r.at,
      archived: 0,
    })
    .execute();
  await insertLayoutVersion(db, { layoutId: r.id, version: 1, definition: r.definition, by: r.by, at: r.at });
}

/**
 * Save a new definition if the layout is still at `baseVersion` (optimistic locking): true when saved, false when
 * someone saved in between (or the layout is archived).
 */
export async function updateLayoutDefinition(
  db: DbOrTx,
  r: { id: string; baseVersion: number; name: string; definition: string; by: string | null; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('layouts')
    .set({ name: r.name, definition: r.definition, version: r.baseVersion + 1, updatedBy: r.by, updatedAt: r.at })
    .where('id', '=', r.id)
    .where('version', '=', r.baseVersion)
    .where('archived', '=', 0)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await insertLayoutVersion(db, {
    layoutId: r.id,
    version: r.baseVersion + 1,
    definition: r.definition,
    by: r.by,
    at: r.at,
  });
  return true;
}

async function insertLayoutVersion(
  db: DbOrTx,
  v: { layoutId: string; version: number; definition: string; by: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('layoutVersions')
    .values({ layoutId: v.layoutId, version: v.version, definition: v.definition, savedBy: v.by, savedAt: v.at })
    .execute();
}

export async function archiveLayoutRecord(db: DbOrTx, id: string, by: string | null, at: string): Promise<boolean> {
  const res = await db
    .updateTable('layouts')
    .set({ archived: 1, updatedBy: by, updatedAt: at })
    .where('id', '=', id)
    .where('archived', '=', 0)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The saved versions of a layout, newest first (without their definitions). */
export async function listLayoutVersions(db: DbOrTx, layoutId: string) {
  return db
    .selectFrom('layoutVersions')
    .leftJoin('users', 'users.id', 'layoutVersions.savedBy')
    .select(['layoutVersions.version', 'layoutVersions.savedAt', 'users.displayName as savedByName'])
    .where('layoutVersions.layoutId', '=', layoutId)
    .orderBy('layoutVersions.version', 'desc')
    .execute();
}

/** One saved version's definition. */
export async function findLayoutVersion(db: DbOrTx, layoutId: string, version: number) {
  return db
    .selectFrom('layoutVersions')
    .select(['definition', 'savedAt', 'savedBy'])
    .where('layoutId', '=', layoutId)
    .where('version', '=', version)
    .executeTakeFirst();
}
