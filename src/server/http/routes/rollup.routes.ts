/** Thin routes over services (one line per endpoint of contract/rollup.ts). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect';

export function rollupRoutes(_app: FastifyInstance, _db: Db): void {}
