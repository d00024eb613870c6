/**
 * A per-address request limit for anonymous callers (`AppOptions.security.publicRateMax` per minute, default 300) on
 * what anyone can fetch without logging in: every anonymous GET endpoint of the contract (/api/health, /api/ready,
 * /api/public/…) and everything outside /api (the web app's pages, the /gk/ public pages) except the build's hashed
 * assets under /assets/. One counter per address covers all of
 * them. Past the limit the answer is 429 RATE_LIMITED with a Chinese message and Retry-After.
 *
 * Logged-in users are never limited by it, and do not use up the address's budget on API routes: a request carrying
 * a session cookie is counted only after the session is resolved (preHandler) and only if it turns out anonymous. A
 * request without a cookie is counted at onRequest, before any other work, so a flood costs almost nothing. Pages
 * carry the cookie but sessions are not resolved outside /api: they are counted, and a session is checked only once
 * the address is over the limit. Behind a reverse proxy the address is the client's only with TRUST_PROXY set.
 * Counters are kept in memory, per server process (several servers behind a load balancer each count on their own).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API, type Endpoint } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import { resolveSession } from '../../services/auth';
import { SESSION_COOKIE } from './auth';

/** Paths of the contract's anonymous GET endpoints. */
export const ANONYMOUS_READS = new Set(
  (Object.values(API) as Endpoint[]).filter((e) => e.anonymous && e.method === 'GET').map((e) => e.path),
);

type Outcome = Awaited<ReturnType<ReturnType<FastifyInstance['createRateLimit']>>>;

function tooMany(reply: FastifyReply, o: Outcome & { isAllowed: false }) {
  reply.header('retry-after', String(o.ttlInSeconds));
  return new AppError('RATE_LIMITED', `请求过于频繁，请 ${o.ttlInSeconds} 秒后再试`);
}

function setHeaders(reply: FastifyReply, o: Outcome & { isAllowed: false }) {
  reply.header('x-ratelimit-limit', String(o.max));
  reply.header('x-ratelimit-remaining', String(o.remaining));
  reply.header('x-ratelimit-reset', String(o.ttlInSeconds));
}

/** Register after @fastify/rate-limit and @fastify/cookie, before the routes. */
export function registerPublicRateLimit(app: FastifyInstance, db: Db, opts: { max: number; timeWindowMs?: number }) {
  const limiter = app.createRateLimit({ max: opts.max, timeWindow: opts.timeWindowMs ?? 60_000 });
  /** Requests with a session cookie on an API route: decided once the session is known. */
  const deferred = new WeakSet<FastifyRequest>();
  const isApi = (req: FastifyRequest) => req.url.startsWith('/api/');
  // The build's hashed files (/assets/…) are not counted: immutable, cached by browsers for a year, served precompressed,
  // and a first page load fetches dozens of them — counting them would lock out a whole office behind one NAT address.
  const isAsset = (req: FastifyRequest) => req.url.startsWith('/assets/');
  const covered = (req: FastifyRequest) =>
    (!isApi(req) && !isAsset(req)) || ANONYMOUS_READS.has(req.routeOptions.url ?? '');

  /** Count the request (rate-limit headers set); the outcome when the address is over the limit, else null. */
  const count = async (req: FastifyRequest, reply: FastifyReply) => {
    const o = await limiter(req);
    if (o.isAllowed) return null;
    setHeaders(reply, o);
    return o.isExceeded ? o : null;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (!covered(req)) return;
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie && isApi(req)) {
      deferred.add(req);
      return;
    }
    const over = await count(req, reply);
    if (!over) return;
    if (cookie && (await resolveSession(db, cookie, app.clock(), app.security))) return;
    throw tooMany(reply, over);
  });

  app.addHook('preHandler', async (req, reply) => {
    if (!deferred.has(req) || req.session) return;
    const over = await count(req, reply);
    if (over) throw tooMany(reply, over);
  });
}
