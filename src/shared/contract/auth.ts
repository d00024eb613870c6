/** Login, logout, the current user. */
import { z } from 'zod';
import { HomeSchema, MeAbilitiesSchema } from '../abilities';
import { ChangePasswordSchema, LoginSchema } from '../schemas';
import { ROLES } from '../statuses';
import { EmptyBodySchema, OkSchema } from './common';
import { endpoint } from './endpoint';

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  csrfToken: z.string(),
  /** What the user may do somewhere in their scope (menus). */
  abilities: MeAbilitiesSchema,
  /** The page to land on after login. */
  home: HomeSchema,
  /**
   * Why the password must be changed before anything else (every other request answers 403
   * PASSWORD_CHANGE_REQUIRED): first login of an account an administrator created, after a reset, or expired.
   */
  mustChangePassword: z.enum(['first', 'reset', 'expired']).nullable(),
  /** When the password expires (ISO), or null when passwords do not expire. */
  passwordExpiresAt: z.string().nullable(),
  /**
   * The login before this session's (time and address) and the wrong passwords tried on the account between it and
   * this one, shown after login so the owner notices an attack; null for a first login.
   */
  lastLogin: z.object({ at: z.string(), ip: z.string().nullable(), failedSince: z.number() }).nullable(),
});

export const AUTH_ENDPOINTS = {
  login: endpoint({
    method: 'POST',
    path: '/api/auth/login',
    summary: '登录（设置会话 Cookie，返回当前用户与 CSRF 令牌）',
    tag: 'auth',
    anonymous: true,
    body: LoginSchema,
    response: MeSchema,
  }),
  logout: endpoint({
    method: 'POST',
    path: '/api/auth/logout',
    summary: '退出登录',
    tag: 'auth',
    anonymous: true,
    body: EmptyBodySchema,
    response: OkSchema,
  }),
  logoutEverywhere: endpoint({
    method: 'POST',
    path: '/api/auth/logout-all',
    summary: '在所有设备上退出登录（结束本账号的全部会话）',
    tag: 'auth',
    body: EmptyBodySchema,
    response: z.object({ ok: z.boolean(), sessionsEnded: z.number() }),
  }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', summary: '当前用户', tag: 'auth', response: MeSchema }),
  changePassword: endpoint({
    method: 'POST',
    path: '/api/auth/password',
    summary: '修改本人密码（结束本账号其他全部会话，本设备换发新会话）',
    tag: 'auth',
    body: ChangePasswordSchema,
    response: z.object({ ok: z.boolean(), sessionsEnded: z.number(), me: MeSchema }),
  }),
  loginHistory: endpoint({
    method: 'GET',
    path: '/api/auth/logins',
    summary: '本人最近的登录记录（含失败的登录尝试）',
    tag: 'auth',
    response: z.array(z.object({ at: z.string(), action: z.string(), ip: z.string().nullable() })),
  }),
};
