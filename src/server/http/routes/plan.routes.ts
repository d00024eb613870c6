import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { getGrid, saveGrid } from '../../services/plan/plan-grid';
import * as project from '../../services/plan/plan-project';
import * as tree from '../../services/plan/plan-tree';
import { createProgramme, updateProgramme } from '../../services/plan/programme-edit';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

/** 计划编制: programmes, the tree, projects, units, indicators, split targets, renumbering, the grid. */
export function planRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.createProgramme),
    handler: async (req, reply) => reply.status(201).send(await createProgramme(ctxOf(req, db), req.body)),
  });
  r.route({
    ...routeOf(API.updateProgramme),
    handler: async (req) => updateProgramme(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({ ...routeOf(API.planTree), handler: async (req) => tree.getPlanTree(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.createCategory),
    handler: async (req, reply) =>
      reply.status(201).send(await tree.createCategory(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({
    ...routeOf(API.updateCategory),
    handler: async (req) => tree.updateCategory(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.deleteCategory),
    handler: async (req) => tree.deleteCategory(ctxOf(req, db), req.params.id),
  });
  r.route({
    ...routeOf(API.createMatter),
    handler: async (req, reply) =>
      reply.status(201).send(await tree.createMatter(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({
    ...routeOf(API.updateMatter),
    handler: async (req) => tree.updateMatter(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({ ...routeOf(API.deleteMatter), handler: async (req) => tree.deleteMatter(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.movePlanNode),
    handler: async (req) => tree.moveNode(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({ ...routeOf(API.renumber), handler: async (req) => tree.renumber(ctxOf(req, db), req.params.id, req.body) });
  r.route({
    ...routeOf(API.createProject),
    handler: async (req, reply) =>
      reply.status(201).send(await project.createProject(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({
    ...routeOf(API.planProject),
    handler: async (req) => project.getPlanProject(ctxOf(req, db), req.params.id),
  });
  r.route({
    ...routeOf(API.updateProject),
    handler: async (req) => project.updateProject(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.deleteProject),
    handler: async (req) => project.deleteProject(ctxOf(req, db), req.params.id, req.query.version),
  });
  r.route({
    ...routeOf(API.projectUnits),
    handler: async (req) => project.setProjectUnits(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.projectIndicators),
    handler: async (req) => project.setProjectIndicators(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.splitIndicator),
    handler: async (req) => project.splitIndicator(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({ ...routeOf(API.planGrid), handler: async (req) => getGrid(ctxOf(req, db), req.params.id) });
  r.route({ ...routeOf(API.saveGrid), handler: async (req) => saveGrid(ctxOf(req, db), req.params.id, req.body) });
}
