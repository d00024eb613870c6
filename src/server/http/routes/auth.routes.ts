import type { FastifyInstance } from 'fastify';
import { LoginSchema } from '../../../shared/schemas';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import { login, logout } from '../../services/auth';
import { clearSessionCookie, setSessionCookie } from '../plugins/auth';
import { parseInput } from '../validate';

export function authRoutes(app: FastifyInstance, db: Db, opts: { secureCookies: boolean; loginRateMax: number }) {
  app.post(
    '/api/auth/login',
    { config: { rateLimit: { max: opts.loginRateMax, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const input = parseInput(LoginSchema, req.body);
      const { token, session } = await login(db, input.username, input.password, req.ip);
      setSessionCookie(reply, token, opts.secureCookies);
      return session.me;
    },
  );
  app.post('/api/auth/logout', async (req, reply) => {
    if (req.session) await logout(db, req.session, req.ip);
    clearSessionCookie(reply, opts.secureCookies);
    return { ok: true };
  });
  app.get('/api/auth/me', async (req) => {
    if (!req.session) throw new AppError('UNAUTHENTICATED', '请先登录');
    return req.session.me;
  });
}
