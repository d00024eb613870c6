/** Login, logout, the current user. */
import { z } from 'zod';
import { HomeSchema, MeAbilitiesSchema } from '../abilities';
import { LoginSchema } from '../schemas';
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
};
