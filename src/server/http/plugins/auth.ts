/** Session cookie → actor on every request; CSRF token check on every state-changing request. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/policies/policies';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import { resolveSession, type SessionInfo } from '../../services/auth';
import type { Clock, Ctx } from '../../services/context';

export const SESSION_COOKIE = 'shishi_sid';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes that change state without a session (CSRF has nothing to bind to yet). */
const CSRF_EXEMPT = new Set(['/api/auth/login']);
/** What a user who must change the password may still do (every other /api/ request answers 403). */
const WHILE_PASSWORD_CHANGE_REQUIRED = new Set([
  '/api/auth/me',
  '/api/auth/password',
  '/api/auth/logout',
  '/api/auth/logout-all',
  '/api/auth/logins',
]);

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
  interface FastifyInstance {
    /** The application clock (AppOptions.clock); tests move it. */
    clock: Clock;
  }
}

export function registerAuth(app: FastifyInstance, db: Db) {
  app.decorateRequest('session', null);
  app.addHook('preValidation', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    req.session = await resolveSession(db, req.cookies[SESSION_COOKIE], app.clock(), app.security);
    const path = req.url.split('?')[0]!;
    if (!SAFE.has(req.method) && !CSRF_EXEMPT.has(path) && req.session) {
      const token = req.headers['x-csrf-token'];
      if (typeof token !== 'string' || token !== req.session.csrfToken)
        throw new AppError('CSRF', 'CSRF 校验失败：缺少或错误的 x-csrf-token 请求头，请刷新页面后重试');
    }
    const reason = req.session?.me.mustChangePassword;
    if (reason && !WHILE_PASSWORD_CHANGE_REQUIRED.has(path))
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        reason === 'expired' ? '密码已过期，请先修改密码' : '请先修改密码（首次登录或密码被重置后须修改）',
      );
  });
}

/** The use-case context of a request. */
export function ctxOf(req: FastifyRequest, db: Db): Ctx {
  return { db, actor: (req.session?.actor ?? null) as Actor | null, ip: req.ip, now: req.server.clock };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}
