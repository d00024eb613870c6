import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import { changeOwnPassword, ownLoginHistory } from '../../services/account-security';
import { login, logout, logoutEverywhere, resolveSession } from '../../services/auth';
import { clearSessionCookie, ctxOf, setSessionCookie } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function authRoutes(app: FastifyInstance, db: Db, opts: { secureCookies: boolean; loginRateMax: number }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.login),
    config: { rateLimit: { max: opts.loginRateMax, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      const { token, session } = await login(
        db,
        req.body.username,
        req.body.password,
        req.ip,
        app.clock(),
        app.security,
      );
      setSessionCookie(reply, token, opts.secureCookies);
      return session.me;
    },
  });
  r.route({
    ...routeOf(API.logout),
    handler: async (req, reply) => {
      if (req.session) await logout(db, req.session, req.ip, app.clock());
      clearSessionCookie(reply, opts.secureCookies);
      return { ok: true };
    },
  });
  r.route({
    ...routeOf(API.logoutEverywhere),
    handler: async (req, reply) => {
      if (!req.session) throw new AppError('UNAUTHENTICATED', '请先登录');
      const sessionsEnded = await logoutEverywhere(db, req.session, req.ip, app.clock());
      clearSessionCookie(reply, opts.secureCookies);
      return { ok: true, sessionsEnded };
    },
  });
  r.route({
    ...routeOf(API.changePassword),
    handler: async (req, reply) => {
      if (!req.session) throw new AppError('UNAUTHENTICATED', '请先登录');
      const out = await changeOwnPassword(ctxOf(req, db), req.session, req.body, app.security);
      setSessionCookie(reply, out.token, opts.secureCookies);
      const fresh = await resolveSession(db, out.token, app.clock(), app.security);
      if (!fresh) throw new AppError('UNAUTHENTICATED', '请重新登录');
      return { ok: true, sessionsEnded: out.sessionsEnded, me: fresh.me };
    },
  });
  r.route({ ...routeOf(API.loginHistory), handler: (req) => ownLoginHistory(ctxOf(req, db)) });
  r.route({
    ...routeOf(API.me),
    handler: async (req) => {
      if (!req.session) throw new AppError('UNAUTHENTICATED', '请先登录');
      return req.session.me;
    },
  });
}
