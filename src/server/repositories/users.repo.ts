/** Users, their units and sessions. */
import { createHash } from 'node:crypto';
import type { Role } from '../../shared/statuses';
import type { DbOrTx } from '../db/connect';

/** Sessions are stored by the SHA-256 of the cookie token, never the token itself. */
export const sessionKey = (token: string) => createHash('sha256').update(token).digest('hex');

export async function findUserByUsername(db: DbOrTx, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserUnits(db: DbOrTx, userId: string) {
  return db
    .selectFrom('userUnits')
    .innerJoin('organizations', 'organizations.id', 'userUnits.orgId')
    .select(['organizations.id', 'organizations.name'])
    .where('userUnits.userId', '=', userId)
    .orderBy('organizations.seq')
    .execute();
}

/**
 * The part of the organisation tree a user's access depends on, in one query: the user's units, everything below
 * them (a government's streets, communities and bureaus) and everything above them (where their programmes come
 * from). `linked` marks the user's own units. The scope itself is decided in domain/policies (actorScope).
 */
export async function findUserOrgTree(db: DbOrTx, userId: string) {
  const own = db.selectFrom('userUnits').select('userUnits.orgId').where('userUnits.userId', '=', userId);
  const rows = await db
    .withRecursive('down(id, parentId)', (qb) =>
      qb
        .selectFrom('organizations')
        .select(['organizations.id', 'organizations.parentId'])
        .where('organizations.id', 'in', own)
        .union(
          qb
            .selectFrom('organizations')
            .innerJoin('down', 'down.id', 'organizations.parentId')
            .select(['organizations.id', 'organizations.parentId']),
        ),
    )
    .withRecursive('up(id, parentId)', (qb) =>
      qb
        .selectFrom('organizations')
        .select(['organizations.id', 'organizations.parentId'])
        .where('organizations.id', 'in', own)
        .union(
          qb
            .selectFrom('organizations')
            .innerJoin('up', 'up.parentId', 'organizations.id')
            .select(['organizations.id', 'organizations.parentId']),
        ),
    )
    .selectFrom((qb) =>
      qb
        .selectFrom('down')
        .select(['down.id', 'down.parentId'])
        .union(qb.selectFrom('up').select(['up.id', 'up.parentId']))
        .as('t'),
    )
    .innerJoin('organizations', 'organizations.id', 't.id')
    .select([
      't.id',
      't.parentId',
      'organizations.name',
      'organizations.seq',
      (eb) =>
        eb
          .exists(own.where('userUnits.orgId', '=', eb.ref('t.id')))
          .$castTo<boolean | number>()
          .as('linked'),
    ])
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parentId, name: r.name, seq: r.seq, linked: Boolean(r.linked) }));
}

/**
 * Count one failed login on the account of this name, atomically (one UPDATE … RETURNING, never read-modify-write):
 * the account's failures since its last login, from all addresses, or null when no account has this name.
 */
export async function countLoginFailure(db: DbOrTx, username: string): Promise<number | null> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
    .where('username', '=', username)
    .returning('failedLogins')
    .executeTakeFirst();
  return row?.failedLogins ?? null;
}

export async function resetLoginFailures(db: DbOrTx, userId: string) {
  await db.updateTable('users').set({ failedLogins: 0 }).where('id', '=', userId).execute();
}

/** Remember this login as the account's last (the next session shows it as 上次登录). */
export async function recordLogin(db: DbOrTx, userId: string, at: string, ip: string | null) {
  await db.updateTable('users').set({ lastLoginAt: at, lastLoginIp: ip }).where('id', '=', userId).execute();
}

/** End all but the `keep` newest sessions of a user; answers how many were ended. */
export async function keepNewestSessions(db: DbOrTx, userId: string, keep: number): Promise<number> {
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
  const ended = rows.slice(keep).map((r) => r.id);
  if (ended.length) await db.deleteFrom('sessions').where('id', 'in', ended).execute();
  return ended.length;
}

export async function insertSession(
  db: DbOrTx,
  s: {
    token: string;
    userId: string;
    csrfToken: string;
    now: string;
    expiresAt: string;
    ip: string | null;
    prevLoginAt?: string | null;
    prevLoginIp?: string | null;
    failedSincePrev?: number;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: sessionKey(s.token),
      userId: s.userId,
      csrfToken: s.csrfToken,
      createdAt: s.now,
      lastSeenAt: s.now,
      expiresAt: s.expiresAt,
      ip: s.ip,
      prevLoginAt: s.prevLoginAt ?? null,
      prevLoginIp: s.prevLoginIp ?? null,
      failedSincePrev: s.failedSincePrev ?? 0,
    })
    .execute();
}

export async function findSessionWithUser(db: DbOrTx, token: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id as sessionId',
      'sessions.csrfToken',
      'sessions.createdAt',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'sessions.prevLoginAt',
      'sessions.prevLoginIp',
      'sessions.failedSincePrev',
      'users.id as userId',
      'users.mustChangePassword',
      'users.passwordChangedAt',
      'users.createdAt',
      'users.username',
      'users.displayName',
      'users.role',
      'users.active',
    ])
    .where('sessions.id', '=', sessionKey(token))
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, sessionId: string, now: string) {
  await db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DbOrTx, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** End every session of a user; answers how many there were. */
export async function deleteUserSessions(db: DbOrTx, userId: string): Promise<number> {
  const res = await db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export type UserRole = Role;
