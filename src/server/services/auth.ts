/** Login, logout and session resolution. Sessions live in the database so several servers can share them. */
import { abilitiesFor, homeFor } from '../../domain/policies/abilities';
import type { Actor } from '../../domain/policies/policies';
import type { Me } from '../../shared/api-types';
import { LIMITS } from '../../shared/limits';
import type { Role } from '../../shared/statuses';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords';
import type { Db } from '../db/connect';
import { AppError } from '../errors';
import { insertAudit } from '../repositories/audit.repo';
import * as users from '../repositories/users.repo';
import { newToken } from '../util';
import { loadActor } from './actor';
import { systemClock } from './context';

export type SessionInfo = { actor: Actor; me: Me; sessionId: string; csrfToken: string };

const BAD_LOGIN = '用户名或密码错误';

/**
 * Check credentials and open a session. Failures count per account; repeated failures lock it for a while.
 * `now` is the application clock's time (session expiry, lock, audit).
 */
export async function login(db: Db, username: string, password: string, ip: string | null, now: Date) {
  const user = await users.findUserByUsername(db, username);
  const at = now.toISOString();
  if (!user?.active) {
    await verifyPassword(password, DUMMY_HASH);
    await insertAudit(db, {
      at,
      actorId: null,
      actorName: username,
      action: 'login.fail',
      entity: 'user',
      entityId: null,
      ip,
    });
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
    throw new AppError('RATE_LIMITED', `登录失败次数过多，账号已临时锁定，请${LIMITS.loginLockMinutes}分钟后再试`);
  }
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok) {
    const failures = user.failedLogins + 1;
    const lock =
      failures >= LIMITS.loginMaxFailures
        ? new Date(now.getTime() + LIMITS.loginLockMinutes * 60_000).toISOString()
        : null;
    await users.recordLoginFailure(db, user.id, lock ? 0 : failures, lock);
    await insertAudit(db, {
      at,
      actorId: user.id,
      actorName: user.username,
      action: 'login.fail',
      entity: 'user',
      entityId: user.id,
      ip,
    });
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(now.getTime() + LIMITS.sessionAbsoluteHours * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await users.resetLoginFailures(trx, user.id);
    await users.insertSession(trx, { token, userId: user.id, csrfToken, now: now.toISOString(), expiresAt, ip });
    await insertAudit(trx, {
      at,
      actorId: user.id,
      actorName: user.username,
      action: 'login',
      entity: 'user',
      entityId: user.id,
      ip,
    });
  });
  return { token, session: (await resolveSession(db, token, now))! };
}

/** The session behind a cookie token, or null when missing, expired or idle too long. Slides the idle timer. */
export async function resolveSession(
  db: Db,
  token: string | undefined,
  now: Date = systemClock(),
): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const row = await users.findSessionWithUser(db, token);
  if (!row?.active) return null;
  const idleLimit = new Date(now.getTime() - LIMITS.sessionIdleMinutes * 60_000).toISOString();
  if (row.expiresAt <= now.toISOString() || row.lastSeenAt < idleLimit) {
    await users.deleteSession(db, row.sessionId);
    return null;
  }
  // Write the last-seen time at most once a minute.
  if (now.getTime() - Date.parse(row.lastSeenAt) > 60_000)
    await users.touchSession(db, row.sessionId, now.toISOString());
  const role = row.role as Role;
  const { actor, units } = await loadActor(db, { id: row.userId, role, displayName: row.displayName });
  const me: Me = {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    role,
    units,
    csrfToken: row.csrfToken,
    abilities: abilitiesFor(actor, 'me', null),
    home: homeFor(actor),
  };
  return { actor, me, sessionId: row.sessionId, csrfToken: row.csrfToken };
}

/** End a session server-side. */
export async function logout(db: Db, session: SessionInfo, ip: string | null, now: Date) {
  const at = now.toISOString();
  await users.deleteSession(db, session.sessionId);
  await insertAudit(db, {
    at,
    actorId: session.actor.id,
    actorName: session.me.username,
    action: 'logout',
    entity: 'user',
    entityId: session.actor.id,
    ip,
  });
  return { at };
}
