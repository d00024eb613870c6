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

export async function recordLoginFailure(db: DbOrTx, userId: string, failures: number, lockedUntil: string | null) {
  await db.updateTable('users').set({ failedLogins: failures, lockedUntil }).where('id', '=', userId).execute();
}

export async function resetLoginFailures(db: DbOrTx, userId: string) {
  await db.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: DbOrTx,
  s: { token: string; userId: string; csrfToken: string; now: string; expiresAt: string; ip: string | null },
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
      'users.id as userId',
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

export async function deleteUserSessions(db: DbOrTx, userId: string) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export type UserRole = Role;
