/**
 * 系统管理: the first-run check, the organisation tree with its reference counts, merging two organisations, and the
 * accounts with their units and duties. Access is decided by the services (domain/policies); these only read and write.
 */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { OrganizationsTable, UsersTable } from '../db/database';

/** How many accounts the installation has (0 = first run). */
export async function countUsers(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- Organisations ------------------------------------------------------------------------------------------------

export type OrgRow = {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  aliases: string;
  seq: number;
  active: number;
};

const ORG_COLUMNS = ['id', 'name', 'shortName', 'kind', 'parentId', 'aliases', 'seq', 'active'] as const;

/** Every organisation (active or not), in tree order of `seq` then name; the caller filters by scope. */
export async function listAllOrgs(db: DbOrTx): Promise<OrgRow[]> {
  return db.selectFrom('organizations').select(ORG_COLUMNS).orderBy('seq').orderBy('name').execute();
}

export async function findOrg(db: DbOrTx, id: string): Promise<OrgRow | undefined> {
  return db.selectFrom('organizations').select(ORG_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** An organisation with this exact name (names are unique), other than `exceptId`. */
export async function findOrgByName(db: DbOrTx, name: string, exceptId?: string): Promise<OrgRow | undefined> {
  let q = db.selectFrom('organizations').select(ORG_COLUMNS).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertOrg(db: DbOrTx, row: Insertable<OrganizationsTable>): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export async function updateOrg(
  db: DbOrTx,
  id: string,
  patch: Partial<Pick<OrgRow, 'name' | 'shortName' | 'kind' | 'parentId' | 'aliases' | 'active'>>,
): Promise<void> {
  await db.updateTable('organizations').set(patch).where('id', '=', id).execute();
}

export async function deleteOrg(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('organizations').where('id', '=', id).execute();
}

/** The largest `seq` among an organisation's siblings (new ones go last). */
export async function maxSiblingSeq(db: DbOrTx, parentId: string | null): Promise<number> {
  const r = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.max<number | null>('seq').as('m'))
    .where('parentId', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** The kinds of rows that name an organisation, in Chinese (what a merge moves and a delete refuses). */
export const ORG_REFERENCE_LABELS = {
  userUnits: '账号所属单位',
  projectUnits: '项目责任单位',
  indicators: '指标责任单位',
  reports: '填报',
  programmes: '实事计划',
  children: '下级单位',
  roundExceptions: '批次延期/重开记录',
} as const;
export type OrgReferenceKind = keyof typeof ORG_REFERENCE_LABELS;

/** How many rows of each kind name each organisation (only kinds with rows appear). */
export async function orgReferenceCounts(db: DbOrTx): Promise<Map<string, Partial<Record<OrgReferenceKind, number>>>> {
  const [userUnits, projectUnits, indicators, reports, programmes, children, roundExceptions] = await Promise.all([
    db
      .selectFrom('userUnits')
      .select(['orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('orgId')
      .execute(),
    db
      .selectFrom('projectUnits')
      .select(['orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('orgId')
      .execute(),
    db
      .selectFrom('indicators')
      .select(['orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('orgId', 'is not', null)
      .groupBy('orgId')
      .execute(),
    db
      .selectFrom('reports')
      .select(['orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('orgId')
      .execute(),
    db
      .selectFrom('programmes')
      .select(['ownerOrgId as orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('ownerOrgId')
      .execute(),
    db
      .selectFrom('organizations')
      .select(['parentId as orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('parentId', 'is not', null)
      .groupBy('parentId')
      .execute(),
    db
      .selectFrom('roundExceptions')
      .select(['orgId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('orgId', 'is not', null)
      .groupBy('orgId')
      .execute(),
  ]);
  const out = new Map<string, Partial<Record<OrgReferenceKind, number>>>();
  const add = (kind: OrgReferenceKind, rows: { orgId: string | null; n: number }[]) => {
    for (const r of rows) {
      if (!r.orgId) continue;
      const m = out.get(r.orgId) ?? {};
      m[kind] = Number(r.n);
      out.set(r.orgId, m);
    }
  };
  add('userUnits', userUnits);
  add('projectUnits', projectUnits);
  add('indicators', indicators);
  add('reports', reports);
  add('programmes', programmes);
  add('children', children);
  add('roundExceptions', roundExceptions);
  return out;
}

/** Pairs (round, project) for which both organisations have a report: a merge would join two reports into one. */
export async function conflictingReports(db: DbOrTx, sourceId: string, targetId: string) {
  return db
    .selectFrom('reports as s')
    .innerJoin('reports as t', (j) =>
      j.onRef('t.roundId', '=', 's.roundId').onRef('t.projectId', '=', 's.projectId').on('t.orgId', '=', targetId),
    )
    .innerJoin('rounds', 'rounds.id', 's.roundId')
    .innerJoin('projects', 'projects.id', 's.projectId')
    .select(['rounds.name as round', 'projects.code', 'projects.name as project'])
    .where('s.orgId', '=', sourceId)
    .limit(5)
    .execute();
}

/**
 * Move every reference from `sourceId` to `targetId` (the caller checked `conflictingReports` first). Rows that would
 * duplicate one the target already has (the same user's unit, the same project role) are dropped instead of moved.
 * Answers the rows moved per kind.
 */
export async function moveOrgReferences(
  trx: DbOrTx,
  sourceId: string,
  targetId: string,
): Promise<Record<OrgReferenceKind, number>> {
  const n = (r: { numUpdatedRows?: bigint }) => Number(r.numUpdatedRows ?? 0);
  await trx
    .deleteFrom('userUnits')
    .where('orgId', '=', sourceId)
    .where('userId', 'in', (qb) => qb.selectFrom('userUnits as t').select('t.userId').where('t.orgId', '=', targetId))
    .execute();
  const userUnits = n(
    await trx.updateTable('userUnits').set({ orgId: targetId }).where('orgId', '=', sourceId).executeTakeFirst(),
  );
  const dup = await trx
    .selectFrom('projectUnits as s')
    .innerJoin('projectUnits as t', (j) =>
      j.onRef('t.projectId', '=', 's.projectId').onRef('t.role', '=', 's.role').on('t.orgId', '=', targetId),
    )
    .select('s.id')
    .where('s.orgId', '=', sourceId)
    .execute();
  if (dup.length)
    await trx
      .deleteFrom('projectUnits')
      .where(
        'id',
        'in',
        dup.map((d) => d.id),
      )
      .execute();
  const projectUnits = n(
    await trx.updateTable('projectUnits').set({ orgId: targetId }).where('orgId', '=', sourceId).executeTakeFirst(),
  );
  const indicators = n(
    await trx.updateTable('indicators').set({ orgId: targetId }).where('orgId', '=', sourceId).executeTakeFirst(),
  );
  const reports = n(
    await trx.updateTable('reports').set({ orgId: targetId }).where('orgId', '=', sourceId).executeTakeFirst(),
  );
  const programmes = n(
    await trx
      .updateTable('programmes')
      .set({ ownerOrgId: targetId })
      .where('ownerOrgId', '=', sourceId)
      .executeTakeFirst(),
  );
  const children = n(
    await trx
      .updateTable('organizations')
      .set({ parentId: targetId })
      .where('parentId', '=', sourceId)
      .where('id', '!=', targetId)
      .executeTakeFirst(),
  );
  const roundExceptions = n(
    await trx.updateTable('roundExceptions').set({ orgId: targetId }).where('orgId', '=', sourceId).executeTakeFirst(),
  );
  return { userUnits, projectUnits, indicators, reports, programmes, children, roundExceptions };
}

// ---- Accounts -----------------------------------------------------------------------------------------------------

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  active: number;
  phone: string | null;
  email: string | null;
  mustChangePassword: number;
  lastLoginAt: string | null;
  createdAt: string;
};

const USER_COLUMNS = [
  'id',
  'username',
  'displayName',
  'role',
  'active',
  'phone',
  'email',
  'mustChangePassword',
  'lastLoginAt',
  'createdAt',
] as const;

/** Accounts matching the filters (all when none), by username; the name search is done by the caller. */
export async function listUsers(
  db: DbOrTx,
  f: { role?: string | undefined; orgId?: string | undefined; active?: boolean | undefined },
): Promise<UserRow[]> {
  let q = db.selectFrom('users').select(USER_COLUMNS);
  if (f.role) q = q.where('role', '=', f.role);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.orgId) {
    const orgId = f.orgId;
    q = q.where('id', 'in', (qb) => qb.selectFrom('userUnits').select('userId').where('orgId', '=', orgId));
  }
  return q.orderBy('username').execute();
}

export async function findUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Which of these usernames are taken (case as stored). */
export async function takenUsernames(db: DbOrTx, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('username', 'in', [...names])
    .execute();
  return new Set(rows.map((r) => r.username));
}

/** Usernames starting with a prefix (to number generated ones). */
export async function usernamesLike(db: DbOrTx, prefix: string): Promise<string[]> {
  const like = `${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db.selectFrom('users').select('username').where('username', 'like', like).execute();
  return rows.map((r) => r.username);
}

/** The units (with names and duties) of these accounts. */
export async function unitsOfUsers(db: DbOrTx, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('userUnits')
    .innerJoin('organizations', 'organizations.id', 'userUnits.orgId')
    .select(['userUnits.userId', 'userUnits.orgId', 'userUnits.duty', 'organizations.name'])
    .where('userUnits.userId', 'in', [...userIds])
    .orderBy('organizations.seq')
    .orderBy('organizations.name')
    .execute();
}

export async function insertUser(db: DbOrTx, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  patch: Partial<Pick<UserRow, 'displayName' | 'role' | 'phone' | 'email' | 'active'>>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Replace an account's units (and duties). */
export async function replaceUserUnits(
  db: DbOrTx,
  userId: string,
  units: readonly { orgId: string; duty: string | null }[],
): Promise<void> {
  await db.deleteFrom('userUnits').where('userId', '=', userId).execute();
  if (units.length)
    await db
      .insertInto('userUnits')
      .values(units.map((u) => ({ userId, orgId: u.orgId, duty: u.duty })))
      .execute();
}
