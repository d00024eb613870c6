/** Passwords, locks and the security state of accounts (services/account-security.ts decides, this reads and writes). */
import type { DbOrTx } from '../db/connect';
import { newId } from '../util';

export async function findUserById(db: DbOrTx, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The hashes of the user's earlier passwords, newest first. */
export async function earlierPasswordHashes(db: DbOrTx, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('passwordHistory')
    .select('passwordHash')
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.passwordHash);
}

/** Keep `oldHash` in the history, trim it to the newest `keep`, and set the new hash. */
export async function replacePassword(
  db: DbOrTx,
  u: { userId: string; oldHash: string; newHash: string; at: string; mustChange: boolean; keep: number },
) {
  await db
    .insertInto('passwordHistory')
    .values({ id: newId(), userId: u.userId, passwordHash: u.oldHash, createdAt: u.at })
    .execute();
  const kept = await db
    .selectFrom('passwordHistory')
    .select('id')
    .where('userId', '=', u.userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(u.keep)
    .execute();
  await db
    .deleteFrom('passwordHistory')
    .where('userId', '=', u.userId)
    .where(
      'id',
      'not in',
      kept.map((k) => k.id),
    )
    .execute();
  await db
    .updateTable('users')
    .set({
      passwordHash: u.newHash,
      passwordChangedAt: u.at,
      mustChangePassword: u.mustChange ? 1 : 0,
      failedLogins: 0,
    })
    .where('id', '=', u.userId)
    .execute();
}

/** Re-hash in the configured format (at login, when the stored hash is of the other provider). */
export async function setPasswordHash(db: DbOrTx, userId: string, hash: string) {
  await db.updateTable('users').set({ passwordHash: hash }).where('id', '=', userId).execute();
}

export async function setLockedUntil(db: DbOrTx, userId: string, lockedUntil: string | null) {
  await db.updateTable('users').set({ lockedUntil, failedLogins: 0 }).where('id', '=', userId).execute();
}

/** Every account with its security state and the number of sessions open at `now`. */
export async function listAccountsSecurity(db: DbOrTx, now: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'displayName',
      'role',
      'active',
      'lockedUntil',
      'failedLogins',
      'mustChangePassword',
      'passwordChangedAt',
      'createdAt',
      'lastLoginAt',
      'lastLoginIp',
      (eb) =>
        eb
          .selectFrom('sessions')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('sessions.userId', '=', 'users.id')
          .where('sessions.expiresAt', '>', now)
          .as('sessions'),
    ])
    .orderBy('username')
    .execute();
}

/** The user's own sign-in events from the audit log, newest first. */
export async function loginEvents(db: DbOrTx, userId: string, actions: string[], limit: number) {
  return db
    .selectFrom('auditLog')
    .select(['at', 'action', 'ip'])
    .where('entity', '=', 'user')
    .where('entityId', '=', userId)
    .where('action', 'in', actions)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}
