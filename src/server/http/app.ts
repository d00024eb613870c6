/** buildApp: plugins in order, routes, error handler. Used by the CLI server and by tests. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { LIMITS } from '../../shared/limits';
import type { Db } from '../db/connect';
import { type Clock, systemClock } from '../services/context';
import { registerAuth } from './plugins/auth';
import { registerErrorHandler } from './plugins/error-handler';
import { authRoutes } from './routes/auth.routes';
import { importsRoutes } from './routes/imports.routes';
import { publicRoutes } from './routes/public.routes';
import { projectsRoutes, reportsRoutes } from './routes/reports.routes';
import { roundsRoutes } from './routes/rounds.routes';

export type AppOptions = {
  db: Db;
  /** Folder with the built web app (index.html); omitted in API-only tests. */
  webDir?: string;
  secureCookies?: boolean;
  logger?: boolean;
  loginRateMax?: number;
  /** The clock use cases read (default: the system clock). */
  clock?: Clock;
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: LIMITS.bodyBytes, trustProxy: false });
  app.decorate('clock', opts.clock ?? systemClock);
  registerErrorHandler(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerAuth(app, opts.db);
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.get('/api/health', async () => ({ ok: true }));
  authRoutes(app, opts.db, { secureCookies: opts.secureCookies ?? false, loginRateMax: opts.loginRateMax ?? 20 });
  roundsRoutes(app, opts.db);
  reportsRoutes(app, opts.db);
  projectsRoutes(app, opts.db);
  publicRoutes(app, opts.db);
  await importsRoutes(app, opts.db);
  const webDir = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? opts.webDir : null;
  if (webDir) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (webDir && !req.url.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD'))
      return reply.type('text/html').sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
  return app;
}
