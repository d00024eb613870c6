/** 系统管理: first run, organisations and accounts (系统管理员). Thin: one line per endpoint. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { commitBulkUsers, previewBulkUsers } from '../../services/admin/bulk-users';
import { createOrg, deleteOrg, listOrgs, mergeOrg, setOrgActive, updateOrg } from '../../services/admin/orgs';
import { runSetup, setupState } from '../../services/admin/setup';
import { createUser, listUsers, setUserActive, updateUser } from '../../services/admin/users';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function adminRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const crypto = () => app.security.crypto;
  r.route({ ...routeOf(API.setupState), handler: () => setupState(db) });
  r.route({
    ...routeOf(API.setup),
    handler: async (req, reply) => reply.status(201).send(await runSetup(ctxOf(req, db), req.body, crypto())),
  });
  r.route({ ...routeOf(API.adminOrgs), handler: (req) => listOrgs(ctxOf(req, db)) });
  r.route({
    ...routeOf(API.createOrg),
    handler: async (req, reply) => reply.status(201).send(await createOrg(ctxOf(req, db), req.body)),
  });
  r.route({ ...routeOf(API.updateOrg), handler: (req) => updateOrg(ctxOf(req, db), req.params.id, req.body) });
  r.route({
    ...routeOf(API.mergeOrg),
    handler: (req) => mergeOrg(ctxOf(req, db), req.params.id, req.body.targetId),
  });
  r.route({
    ...routeOf(API.setOrgActive),
    handler: (req) => setOrgActive(ctxOf(req, db), req.params.id, req.body.active),
  });
  r.route({ ...routeOf(API.deleteOrg), handler: (req) => deleteOrg(ctxOf(req, db), req.params.id) });
  r.route({ ...routeOf(API.adminUsers), handler: (req) => listUsers(ctxOf(req, db), req.query, { crypto: crypto() }) });
  r.route({
    ...routeOf(API.createUser),
    handler: async (req, reply) =>
      reply.status(201).send(await createUser(ctxOf(req, db), req.body, { crypto: crypto() })),
  });
  r.route({
    ...routeOf(API.updateUser),
    handler: (req) => updateUser(ctxOf(req, db), req.params.id, req.body, { crypto: crypto() }),
  });
  r.route({
    ...routeOf(API.setUserActive),
    handler: (req) => setUserActive(ctxOf(req, db), req.params.id, req.body.active, { crypto: crypto() }),
  });
  r.route({ ...routeOf(API.bulkUsersPreview), handler: (req) => previewBulkUsers(ctxOf(req, db), req.body) });
  r.route({
    ...routeOf(API.bulkUsersCommit),
    handler: async (req, reply) => reply.status(201).send(await commitBulkUsers(ctxOf(req, db), req.body, crypto())),
  });
}
