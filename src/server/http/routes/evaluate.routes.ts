/** Thin routes over services/evaluate (one line per endpoint of contract/evaluate.ts). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import { XLSX_FILE_TYPE } from '../../../shared/contract/evaluate';
import type { Db } from '../../db/connect';
import { answerOpinion, createOpinion, createOversightGroup, getOversight } from '../../services/evaluate/oversight';
import { castBallot, createVote, getVote, listVotes } from '../../services/evaluate/votes';
import { confirmYearEnd, exportYearEndXlsx, getYearEnd } from '../../services/evaluate/year-end';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function evaluateRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.oversight), handler: async (req) => getOversight(ctxOf(req, db), req.query.programme) });
  r.route({
    ...routeOf(API.createOversightGroup),
    handler: async (req, reply) => reply.code(201).send(await createOversightGroup(ctxOf(req, db), req.body)),
  });
  r.route({
    ...routeOf(API.createOpinion),
    handler: async (req, reply) => reply.code(201).send(await createOpinion(ctxOf(req, db), req.body)),
  });
  r.route({
    ...routeOf(API.answerOpinion),
    handler: async (req, reply) => reply.code(201).send(await answerOpinion(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({ ...routeOf(API.yearEnd), handler: async (req) => getYearEnd(ctxOf(req, db), req.query.programme) });
  r.route({ ...routeOf(API.confirmYearEnd), handler: async (req) => confirmYearEnd(ctxOf(req, db), req.body) });
  r.route({
    ...routeOf(API.yearEndXlsx),
    handler: async (req, reply) => {
      const { buf, name } = await exportYearEndXlsx(ctxOf(req, db), req.query.programme);
      return reply
        .header('content-type', XLSX_FILE_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="year-end.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(buf);
    },
  });
  r.route({ ...routeOf(API.votes), handler: async (req) => listVotes(ctxOf(req, db)) });
  r.route({
    ...routeOf(API.createVote),
    handler: async (req, reply) => reply.code(201).send(await createVote(ctxOf(req, db), req.body)),
  });
  r.route({ ...routeOf(API.vote), handler: async (req) => getVote(ctxOf(req, db), req.params.id) });
  r.route({
    ...routeOf(API.castBallot),
    handler: async (req) => castBallot(ctxOf(req, db), req.params.id, req.body),
  });
}
