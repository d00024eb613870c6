import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect';
import { getPublicTable, listPublicRounds } from '../../services/table';
import { parseId } from '../validate';

/** Published data only; no login. */
export function publicRoutes(app: FastifyInstance, db: Db) {
  app.get('/api/public/rounds', async () => listPublicRounds(db));
  app.get<{ Params: { id: string } }>('/api/public/rounds/:id/table', async (req) =>
    getPublicTable(db, parseId(req.params.id, '填报批次')),
  );
}
