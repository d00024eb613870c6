/** 账号安全 (安全管理员): list accounts' security state, reset passwords, lock/unlock, end sessions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import {
  endAccountSessions,
  listAccountSecurity,
  resetPassword,
  setAccountLocked,
} from '../../services/account-security';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function securityRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.securityAccounts), handler: (req) => listAccountSecurity(ctxOf(req, db), app.security) });
  r.route({
    ...routeOf(API.resetPassword),
    handler: (req) => resetPassword(ctxOf(req, db), req.params.id, app.security),
  });
  r.route({
    ...routeOf(API.lockAccount),
    handler: (req) => setAccountLocked(ctxOf(req, db), req.params.id, req.body.locked),
  });
  r.route({ ...routeOf(API.endAccountSessions), handler: (req) => endAccountSessions(ctxOf(req, db), req.params.id) });
}
