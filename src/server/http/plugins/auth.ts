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
    req.session = await resolveSession(db, req.cookies[SESSION_COOKIE], app.clock());
    const path = req.url.split('?')[0]!;
    if (!SAFE.has(req.method) && !CSRF_EXEMPT.has(path) && req.session) {
      const token = req.headers['x-csrf-token'];
      if (typeof token !== 'string' || token !== req.session.csrfToken)
        throw new AppError('CSRF', 'CSRF 校验失败：缺少或错误的 x-csrf-token 请求头，请刷新页面后重试');
    }
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
