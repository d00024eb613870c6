/** Login, logout and session resolution. Sessions live in the database so several servers can share them. */
import { abilitiesFor, homeFor } from '../../domain/policies/abilities';
import type { Actor } from '../../domain/policies/policies';
import type { Me } from '../../shared/api-types';
import { LIMITS } from '../../shared/limits';
import type { Role } from '../../shared/statuses';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { SECURITY_LEVEL_DEFAULTS } from '../config';
import type { CryptoProvider } from '../crypto/provider';
import type { Db } from '../db/connect';
import { AppError } from '../errors';
import { setPasswordHash } from '../repositories/account-security.repo';
import { insertAudit } from '../repositories/audit.repo';
import * as throttle from '../repositories/login-throttle.repo';
import * as users from '../repositories/users.repo';
import { newId, newToken } from '../util';
import { loadActor } from './actor';
import { systemClock } from './context';

export type SessionInfo = { actor: Actor; me: Me; sessionId: string; csrfToken: string };

/** The session and password settings of the configuration (config.ts; 等保 level defaults). */
export type AuthSettings = {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Sessions per account (0 = no limit): a new login ends the oldest beyond it. */
  maxSessions: number;
  /** Days a password stays valid (0 = never expires). */
  passwordExpiryDays: number;
  /** Password hashing (CRYPTO_PROVIDER); hashes of the other format still verify and are re-hashed at login. */
  crypto: Pick<CryptoProvider, 'name' | 'dummyHash'>;
};

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  ...SECURITY_LEVEL_DEFAULTS[2],
  crypto: { name: 'standard', dummyHash: DUMMY_HASH },
};

const DAY = 86_400_000;
/** locked_until of an account locked until the 安全管理员 unlocks it. */
export const LOCKED_FOREVER = '9999-12-31T23:59:59.999Z';

/** When the password stops being valid (ISO), or null when passwords do not expire. */
export function passwordExpiresAt(
  user: { passwordChangedAt: string | null; createdAt: string },
  settings: AuthSettings,
): string | null {
  if (!settings.passwordExpiryDays) return null;
  const from = Date.parse(user.passwordChangedAt ?? user.createdAt);
  return new Date(from + settings.passwordExpiryDays * DAY).toISOString();
}

/** Why the user must change the password before anything else, or null. */
function changeRequired(
  user: { mustChangePassword: number; passwordChangedAt: string | null; createdAt: string },
  settings: AuthSettings,
  now: Date,
): Me['mustChangePassword'] {
  if (user.mustChangePassword) return user.passwordChangedAt ? 'reset' : 'first';
  const expires = passwordExpiresAt(user, settings);
  return expires && expires <= now.toISOString() ? 'expired' : null;
}

const BAD_LOGIN = '用户名或密码错误';
const MINUTE = 60_000;

/** The back-off an admitted attempt sets, by its count of failures from LIMITS.loginMaxFailures on (ISO times). */
function backoffUntil(now: Date): string[] {
  const out: string[] = [];
  for (let m = LIMITS.loginBackoffMinutes; out.length < 16; m *= 2) {
    const minutes = Math.min(m, LIMITS.loginLockMinutes);
    out.push(new Date(now.getTime() + minutes * MINUTE).toISOString());
    if (minutes >= LIMITS.loginLockMinutes) break;
  }
  return out;
}

/** The answer while an address is held back for a name: the same for known and unknown names. */
function heldBack(blockedUntil: string | null, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil(((blockedUntil ? Date.parse(blockedUntil) : 0) - now.getTime()) / MINUTE));
  return new AppError('RATE_LIMITED', `登录失败次数过多，请${minutes}分钟后再试`);
}

type LoginUser = NonNullable<Awaited<ReturnType<typeof users.findUserByUsername>>>;

/** Audit a failed password check; count it on the account and audit `login.attack` when the count reaches the mark. */
async function recordFailure(db: Db, username: string, user: LoginUser | null, ip: string | null, at: string) {
  const failures = await users.countLoginFailure(db, username);
  const who = { at, actorId: user?.id ?? null, actorName: user?.username ?? username, entity: 'user' };
  await insertAudit(db, { ...who, action: 'login.fail', entityId: user?.id ?? null, ip });
  if (failures === LIMITS.loginAttackFailures) {
    // Notifying the account's owner and the administrators hangs off this entry.
    await insertAudit(db, { ...who, action: 'login.attack', entityId: user?.id ?? null, after: { failures }, ip });
  }
}

/**
 * Check credentials and open a session. Each address gets LIMITS.loginMaxFailures password checks per account name,
 * then a back-off that doubles with every further failure (capped); another address — the owner's — is not held
 * back. Known and unknown names get the same answers and the same work. `now` is the application clock's time.
 */
export async function login(
  db: Db,
  username: string,
  password: string,
  ip: string | null,
  now: Date,
  settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
) {
  const at = now.toISOString();
  const key = { username, ip: ip ?? '' };
  const forgetBefore = new Date(now.getTime() - LIMITS.loginForgetHours * 60 * MINUTE).toISOString();
  const attempt = await throttle.admitLoginAttempt(db, {
    ...key,
    attemptId: newId(),
    now: at,
    forgetBefore,
    backoff: { from: LIMITS.loginMaxFailures, until: backoffUntil(now) },
  });
  if (!attempt.admitted) throw heldBack(attempt.blockedUntil, now);
  const found = await users.findUserByUsername(db, username);
  const user = found?.active ? found : null;
  const ok = await verifyPassword(password, user?.passwordHash ?? settings.crypto.dummyHash);
  if (!(user && ok)) {
    await recordFailure(db, username, user, ip, at);
    throw new AppError('UNAUTHENTICATED', BAD_LOGIN);
  }
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.lockedUntil && user.lockedUntil > at) {
    await insertAudit(db, {
      at,
      actorId: user.id,
      actorName: user.username,
      action: 'login.locked',
      entity: 'user',
      entityId: user.id,
      ip,
    });
    throw new AppError('LOCKED', '账号已被安全管理员锁定，请联系安全管理员解锁');
  }
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000).toISOString();
  // A hash of the other provider's format (or weaker parameters) is replaced now that the password is known.
  const rehash = needsRehash(user.passwordHash, settings.crypto) ? await hashPassword(password, settings.crypto) : null;
  await db.transaction().execute(async (trx) => {
    await users.resetLoginFailures(trx, user.id);
    if (rehash) await setPasswordHash(trx, user.id, rehash);
    await throttle.clearLoginThrottle(trx, key);
    await throttle.purgeLoginThrottle(trx, forgetBefore);
    // The concurrent-session limit: the new session takes the place of the oldest.
    const evicted =
      settings.maxSessions > 0 ? await users.keepNewestSessions(trx, user.id, settings.maxSessions - 1) : 0;
    await users.insertSession(trx, {
      token,
      userId: user.id,
      csrfToken,
      now: at,
      expiresAt,
      ip,
      prevLoginAt: user.lastLoginAt,
      prevLoginIp: user.lastLoginIp,
      failedSincePrev: user.failedLogins,
    });
    await users.recordLogin(trx, user.id, at, ip);
    await insertAudit(trx, {
      at,
      actorId: user.id,
      actorName: user.username,
      action: 'login',
      entity: 'user',
      entityId: user.id,
      ...(evicted ? { after: { sessionsEnded: evicted } } : {}),
      ip,
    });
  });
  return { token, session: (await resolveSession(db, token, now, settings))! };
}

/** The session behind a cookie token, or null when missing, expired or idle too long. Slides the idle timer. */
export async function resolveSession(
  db: Db,
  token: string | undefined,
  now: Date = systemClock(),
  settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
): Promise<SessionInfo | null> {
  if (!token || token.length > 100) return null;
  const row = await users.findSessionWithUser(db, token);
  if (!row?.active) return null;
  const idleLimit = new Date(now.getTime() - settings.sessionIdleMinutes * 60_000).toISOString();
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
    mustChangePassword: changeRequired(row, settings, now),
    passwordExpiresAt: passwordExpiresAt(row, settings),
    lastLogin: row.prevLoginAt ? { at: row.prevLoginAt, ip: row.prevLoginIp, failedSince: row.failedSincePrev } : null,
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

/** End every session of the user (「在所有设备上退出」): one transaction with its audit entry; answers how many. */
export async function logoutEverywhere(db: Db, session: SessionInfo, ip: string | null, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await users.deleteUserSessions(trx, session.actor.id);
    await insertAudit(trx, {
      at: now.toISOString(),
      actorId: session.actor.id,
      actorName: session.me.username,
      action: 'logout.all',
      entity: 'user',
      entityId: session.actor.id,
      after: { sessionsEnded: ended },
      ip,
    });
    return ended;
  });
}
