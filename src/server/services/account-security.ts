/**
 * Passwords and account security (等保 身份鉴别): a user changes their own password (policy, no reuse of the last
 * five, every other session ended); the 安全管理员 resets a password (a temporary one, changed at next login), locks
 * and unlocks an account and ends its sessions. Every step is audited in the same transaction as the change.
 */
import { randomBytes } from 'node:crypto';
import { can } from '../../domain/policies/policies';
import { generatePassword, PASSWORD_HISTORY, passwordProblems } from '../../shared/password-policy';
import type { Role } from '../../shared/statuses';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { DbOrTx } from '../db/connect';
import { AppError, notFound } from '../errors';
import * as repo from '../repositories/account-security.repo';
import { insertAudit } from '../repositories/audit.repo';
import * as users from '../repositories/users.repo';
import { newToken } from '../util';
import { type AuthSettings, LOCKED_FOREVER, passwordExpiresAt, type SessionInfo } from './auth';
import { type Ctx, requireActor } from './context';

/** The policy's problems as one 400 answer with the list in details. */
function checkPolicy(password: string, who: { username: string; displayName: string }) {
  const problems = passwordProblems(password, who);
  if (problems.length)
    throw new AppError('VALIDATION', `新密码不符合要求：${problems.join('；')}`, {
      issues: problems.map((message) => ({ path: ['newPassword'], message })),
    });
}

/** Refuse a password equal to the current one or one of the last PASSWORD_HISTORY - 1 earlier ones. */
async function checkNotReused(db: DbOrTx, userId: string, currentHash: string, password: string) {
  const earlier = await repo.earlierPasswordHashes(db, userId, PASSWORD_HISTORY - 1);
  for (const hash of [currentHash, ...earlier])
    if (await verifyPassword(password, hash))
      throw new AppError('VALIDATION', `新密码不能与最近${PASSWORD_HISTORY}次使用过的密码相同`, {
        issues: [{ path: ['newPassword'], message: `不能与最近${PASSWORD_HISTORY}次使用过的密码相同` }],
      });
}

/**
 * Set a user's password: keep the old hash in the history (trimmed to the last PASSWORD_HISTORY - 1, which with the
 * current one makes five), end every session of the user. `mustChange` marks a temporary password.
 */
async function setPassword(
  trx: DbOrTx,
  user: { id: string; passwordHash: string },
  newHash: string,
  at: string,
  mustChange: boolean,
): Promise<number> {
  await repo.replacePassword(trx, {
    userId: user.id,
    oldHash: user.passwordHash,
    newHash,
    at,
    mustChange,
    keep: PASSWORD_HISTORY - 1,
  });
  return users.deleteUserSessions(trx, user.id);
}

/**
 * The user changes their own password (also the forced change after a reset or expiry). Every session of the user
 * ends; a fresh one is opened for this device, so the user stays logged in here. Answers the new session's token.
 */
export async function changeOwnPassword(
  ctx: Ctx,
  session: SessionInfo,
  input: { currentPassword: string; newPassword: string },
  settings: AuthSettings,
): Promise<{ token: string; csrfToken: string; sessionsEnded: number }> {
  requireActor(ctx);
  const user = await repo.findUserById(ctx.db, ctx.actor.id);
  if (!user?.active) throw new AppError('UNAUTHENTICATED', '请先登录');
  const at = ctx.now().toISOString();
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await insertAudit(ctx.db, {
      at,
      actorId: user.id,
      actorName: user.username,
      action: 'password.change.fail',
      entity: 'user',
      entityId: user.id,
      ip: ctx.ip,
    });
    throw new AppError('VALIDATION', '当前密码不正确', {
      issues: [{ path: ['currentPassword'], message: '当前密码不正确' }],
    });
  }
  checkPolicy(input.newPassword, user);
  await checkNotReused(ctx.db, user.id, user.passwordHash, input.newPassword);
  const newHash = await hashPassword(input.newPassword, settings.crypto);
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(ctx.now().getTime() + settings.sessionAbsoluteHours * 3_600_000).toISOString();
  const sessionsEnded = await ctx.db.transaction().execute(async (trx) => {
    const ended = await setPassword(trx, user, newHash, at, false);
    await users.insertSession(trx, {
      token,
      userId: user.id,
      csrfToken,
      now: at,
      expiresAt,
      ip: ctx.ip,
      prevLoginAt: session.me.lastLogin?.at ?? null,
      prevLoginIp: session.me.lastLogin?.ip ?? null,
      failedSincePrev: session.me.lastLogin?.failedSince ?? 0,
    });
    await insertAudit(trx, {
      at,
      actorId: user.id,
      actorName: user.username,
      action: 'password.change',
      entity: 'user',
      entityId: user.id,
      after: { sessionsEnded: ended - 1 },
      ip: ctx.ip,
    });
    return ended;
  });
  // The ended sessions include the one this request came with, which is replaced.
  return { token, csrfToken, sessionsEnded: Math.max(0, sessionsEnded - 1) };
}

/** The account the 安全管理员 acts on: any account but their own (their own password is changed like anyone's). */
async function targetAccount(ctx: Ctx, userId: string) {
  requireActor(ctx);
  if (!can(ctx.actor, 'user:secure', { unitIds: [] })) throw new AppError('FORBIDDEN', '仅安全管理员可执行此操作');
  if (userId === ctx.actor.id) throw new AppError('FORBIDDEN', '不能对自己的账号执行此操作，请在“修改密码”中修改');
  const user = await repo.findUserById(ctx.db, userId);
  if (!user) throw notFound('账号');
  return user;
}

const auditBy = (ctx: Ctx & { actor: { id: string; displayName: string } }, action: string, userId: string) => ({
  at: ctx.now().toISOString(),
  actorId: ctx.actor.id,
  actorName: ctx.actor.displayName,
  action,
  entity: 'user',
  entityId: userId,
  ip: ctx.ip,
});

/**
 * 重置密码: a random temporary password that satisfies the policy, shown once to the 安全管理员; the user must change
 * it at the next login; every session of the user ends.
 */
export async function resetPassword(ctx: Ctx, userId: string, settings: Pick<AuthSettings, 'crypto'>) {
  const user = await targetAccount(ctx, userId);
  requireActor(ctx);
  const temporary = generatePassword((n) => randomBytes(n));
  const newHash = await hashPassword(temporary, settings.crypto);
  const at = ctx.now().toISOString();
  const sessionsEnded = await ctx.db.transaction().execute(async (trx) => {
    const ended = await setPassword(trx, user, newHash, at, true);
    await insertAudit(trx, {
      ...auditBy(ctx, 'password.reset', user.id),
      after: { username: user.username, sessionsEnded: ended },
    });
    return ended;
  });
  return { username: user.username, temporaryPassword: temporary, sessionsEnded };
}

/** 锁定 / 解锁: a locked account cannot log in and its sessions end. */
export async function setAccountLocked(ctx: Ctx, userId: string, locked: boolean) {
  const user = await targetAccount(ctx, userId);
  requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await repo.setLockedUntil(trx, user.id, locked ? LOCKED_FOREVER : null);
    const sessionsEnded = locked ? await users.deleteUserSessions(trx, user.id) : 0;
    await insertAudit(trx, {
      ...auditBy(ctx, locked ? 'user.lock' : 'user.unlock', user.id),
      after: { username: user.username, sessionsEnded },
    });
    return { locked, sessionsEnded };
  });
}

/** 强制下线: end every session of the account. */
export async function endAccountSessions(ctx: Ctx, userId: string) {
  const user = await targetAccount(ctx, userId);
  requireActor(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const sessionsEnded = await users.deleteUserSessions(trx, user.id);
    await insertAudit(trx, {
      ...auditBy(ctx, 'session.end', user.id),
      after: { username: user.username, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

/** Every account with its security state, for the 安全管理员's page. */
export async function listAccountSecurity(ctx: Ctx, settings: AuthSettings) {
  requireActor(ctx);
  if (!can(ctx.actor, 'user:secure', { unitIds: [] }))
    throw new AppError('FORBIDDEN', '仅安全管理员可查看账号安全状态');
  const now = ctx.now().toISOString();
  const rows = await repo.listAccountsSecurity(ctx.db, now);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role as Role,
    active: Boolean(r.active),
    locked: Boolean(r.lockedUntil && r.lockedUntil > now),
    failedLogins: r.failedLogins,
    mustChangePassword: Boolean(r.mustChangePassword),
    passwordChangedAt: r.passwordChangedAt,
    passwordExpiresAt: passwordExpiresAt(r, settings),
    lastLoginAt: r.lastLoginAt,
    lastLoginIp: r.lastLoginIp,
    sessions: Number(r.sessions ?? 0),
    self: r.id === ctx.actor?.id,
  }));
}

/** The user's own recent logins and failed attempts (登录记录), newest first. */
export async function ownLoginHistory(ctx: Ctx, limit = 20) {
  requireActor(ctx);
  return repo.loginEvents(
    ctx.db,
    ctx.actor.id,
    ['login', 'login.fail', 'login.locked', 'logout', 'logout.all', 'password.change', 'password.reset'],
    limit,
  );
}
