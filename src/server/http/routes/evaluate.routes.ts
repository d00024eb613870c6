/** Thin routes over services (one line per endpoint of contract/evaluate.ts). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect';

export function evaluateRoutes(_app: FastifyInstance, _db: Db): void {}
