/** 账号安全 (安全管理员): every account's security state; reset a password, lock/unlock, end sessions. */
import { z } from 'zod';
import { ROLES } from '../statuses';
import { EmptyBodySchema, idParams } from './common';
import { endpoint } from './endpoint';

export const AccountSecuritySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  locked: z.boolean(),
  /** Failed password checks since the last successful login. */
  failedLogins: z.number(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  passwordExpiresAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  lastLoginIp: z.string().nullable(),
  /** Sessions open now. */
  sessions: z.number(),
  /** The 安全管理员's own account (no actions on it here). */
  self: z.boolean(),
});

const account = idParams('账号');

export const SECURITY_ENDPOINTS = {
  securityAccounts: endpoint({
    method: 'GET',
    path: '/api/security/accounts',
    summary: '全部账号的安全状态（安全管理员）',
    tag: 'security',
    response: z.array(AccountSecuritySchema),
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/security/accounts/:id/reset-password',
    summary: '重置密码：生成临时密码（仅显示一次），用户下次登录须修改；结束该账号全部会话',
    tag: 'security',
    params: account,
    body: EmptyBodySchema,
    response: z.object({ username: z.string(), temporaryPassword: z.string(), sessionsEnded: z.number() }),
  }),
  lockAccount: endpoint({
    method: 'POST',
    path: '/api/security/accounts/:id/lock',
    summary: '锁定或解锁账号（锁定时结束该账号全部会话）',
    tag: 'security',
    params: account,
    body: z.strictObject({ locked: z.boolean() }),
    response: z.object({ locked: z.boolean(), sessionsEnded: z.number() }),
  }),
  endAccountSessions: endpoint({
    method: 'POST',
    path: '/api/security/accounts/:id/end-sessions',
    summary: '强制下线：结束该账号全部会话',
    tag: 'security',
    params: account,
    body: EmptyBodySchema,
    response: z.object({ sessionsEnded: z.number() }),
  }),
};
