/** buildApp: plugins in order, routes, error handler. Used by the CLI server and by tests. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { LIMITS } from '../../shared/limits';
import { CONFIG_DEFAULTS, SECURITY_LEVEL_DEFAULTS } from '../config';
import { type CryptoProvider, createCryptoProvider } from '../crypto/provider';
import type { Db } from '../db/connect';
import { type Clock, systemClock } from '../services/context';
import { type ApiDocsMode, registerApiDocs, registerOpenApi } from './plugins/api-docs';
import { registerAuth } from './plugins/auth';
import { allowedMethods, registerContract } from './plugins/contract';
import { registerErrorHandler } from './plugins/error-handler';
import { registerPublicRateLimit } from './plugins/public-rate-limit';
import { genReqId, registerRequestId } from './plugins/request-id';
import { type LoggerOption, loggerOptions, RequestLogController } from './plugins/request-log';
import { registerStatic } from './plugins/static';
import { adminRoutes } from './routes/admin.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { chaseRoutes } from './routes/chase.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import { disclosureRoutes } from './routes/disclosure.routes';
import { documentsRoutes } from './routes/documents.routes';
import { evaluateRoutes } from './routes/evaluate.routes';
import { importsRoutes } from './routes/imports.routes';
import { layoutsRoutes } from './routes/layouts.routes';
import { notifyRoutes } from './routes/notify.routes';
import { planRoutes } from './routes/plan.routes';
import { publicRoutes } from './routes/public.routes';
import { projectsRoutes, reportsRoutes } from './routes/reports.routes';
import { reviewRoutes } from './routes/review.routes';
import { rolloverRoutes } from './routes/rollover.routes';
import { rollupRoutes } from './routes/rollup.routes';
import { roundsRoutes } from './routes/rounds.routes';
import { securityRoutes } from './routes/security.routes';
import { supervisionRoutes } from './routes/supervision.routes';
import { systemRoutes } from './routes/system.routes';

declare module 'fastify' {
  interface FastifyInstance {
    /** Largest import file accepted, bytes (AppOptions.uploadLimit). */
    uploadLimit: number;
    /** Session, password and public-route settings in force (AppOptions.security over DEFAULT_SECURITY). */
    security: SecurityOptions;
  }
}

export type AppOptions = {
  db: Db;
  /** Folder with the built web app (index.html); omitted in API-only tests. */
  webDir?: string;
  secureCookies?: boolean;
  /**
   * false (default), true, or a pino level (`{ level: 'warn' }`), optionally with a destination stream (tests). Every
   * 500 is logged at `error` with its stack and the request id; every request is one line at `info`
   * (plugins/request-log.ts); cookie, authorization and CSRF headers are redacted.
   */
  logger?: LoggerOption;
  loginRateMax?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (client IP for rate limits and audit): false, true or addresses/CIDRs. */
  trustProxy?: boolean | string[];
  /** Largest JSON request body, bytes (default LIMITS.bodyBytes). */
  bodyLimit?: number;
  /** Largest import file, bytes (default and maximum LIMITS.importMaxBytes, what the web form allows). */
  uploadLimit?: number;
  /** The clock use cases read (default: the system clock). */
  clock?: Clock;
  /** Who may read /api/openapi.json and /api/docs: staff (admin, supervisor; default), nobody, or everyone. */
  apiDocs?: ApiDocsMode;
  /** Fail (500) when a response carries a field its schema does not declare, instead of dropping it (tests). */
  strictResponses?: boolean;
  /** Session, password and public-route settings (config.ts; defaults: 等保二级). */
  security?: Partial<SecurityOptions>;
};

/** The settings of config.ts that the HTTP layer and the auth service read. */
export type SecurityOptions = {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Sessions per account (0 = no limit). */
  maxSessions: number;
  /** Days a password stays valid (0 = never expires). */
  passwordExpiryDays: number;
  /** Anonymous requests per minute per address on the public routes. */
  publicRateMax: number;
  /** The site is served over https: send CSP `upgrade-insecure-requests` and HSTS (never on plain http). */
  upgradeInsecureRequests: boolean;
  /** Password hashing and field encryption (CRYPTO_PROVIDER: standard or sm). */
  crypto: CryptoProvider;
};

export const DEFAULT_SECURITY: SecurityOptions = {
  ...SECURITY_LEVEL_DEFAULTS[2],
  publicRateMax: CONFIG_DEFAULTS.publicRateMax,
  upgradeInsecureRequests: false,
  crypto: createCryptoProvider('standard', null),
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    logController: new RequestLogController(),
    bodyLimit: opts.bodyLimit ?? LIMITS.bodyBytes,
    trustProxy: opts.trustProxy ?? false,
    requestIdHeader: false,
    genReqId,
  });
  registerRequestId(app);
  app.decorate('clock', opts.clock ?? systemClock);
  app.decorate('uploadLimit', Math.min(opts.uploadLimit ?? LIMITS.importMaxBytes, LIMITS.importMaxBytes));
  registerErrorHandler(app);
  registerContract(app, { strictResponses: opts.strictResponses ?? false });
  await registerOpenApi(app, opts.apiDocs ?? 'staff');
  const overHttps = opts.security?.upgradeInsecureRequests ?? DEFAULT_SECURITY.upgradeInsecureRequests;
  await app.register(helmet, {
    // HSTS only over https: sent on a plain-http intranet it is ignored at best, and it would pin the host to https
    // for a year if the same name is ever served over https.
    strictTransportSecurity: overHttps ? { maxAge: 31536000, includeSubDomains: false } : false,
    // Browsers ignore COOP on an untrustworthy (plain-http, non-localhost) origin and log an error for it.
    crossOriginOpenerPolicy: overHttps ? { policy: 'same-origin' } : false,
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
        // Only over https: on a plain-http intranet it makes browsers fetch every asset over https, blanking the page.
        upgradeInsecureRequests: overHttps ? [] : null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.decorate('security', { ...DEFAULT_SECURITY, ...opts.security });
  registerPublicRateLimit(app, opts.db, { max: app.security.publicRateMax });
  registerAuth(app, opts.db);
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  systemRoutes(app, opts.db);
  securityRoutes(app, opts.db);
  adminRoutes(app, opts.db);
  authRoutes(app, opts.db, { secureCookies: opts.secureCookies ?? false, loginRateMax: opts.loginRateMax ?? 20 });
  roundsRoutes(app, opts.db);
  documentsRoutes(app, opts.db);
  layoutsRoutes(app, opts.db);
  planRoutes(app, opts.db);
  rolloverRoutes(app, opts.db);
  reportsRoutes(app, opts.db);
  reviewRoutes(app, opts.db);
  projectsRoutes(app, opts.db);
  publicRoutes(app, opts.db);
  auditRoutes(app, opts.db);
  chaseRoutes(app, opts.db);
  notifyRoutes(app, opts.db);
  supervisionRoutes(app, opts.db);
  dashboardRoutes(app, opts.db);
  evaluateRoutes(app, opts.db);
  rollupRoutes(app, opts.db);
  disclosureRoutes(app, opts.db);
  await importsRoutes(app, opts.db);
  await registerApiDocs(app, opts.apiDocs ?? 'staff');
  const webDir = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? opts.webDir : null;
  if (webDir) await registerStatic(app, webDir);
  app.setNotFoundHandler((req, reply) => {
    if (webDir && !req.url.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD'))
      return reply.type('text/html').sendFile('index.html');
    const path = req.url.split('?')[0]!;
    const allowed = path.startsWith('/api/') ? allowedMethods(app, path) : [];
    if (allowed.length)
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({
          error: {
            code: 'METHOD_NOT_ALLOWED',
            message: `接口不支持 ${req.method} 方法（可用：${allowed.join('、')}）`,
          },
        });
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
  return app;
}
