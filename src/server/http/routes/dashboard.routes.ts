/** Thin routes over services (one line per endpoint of contract/dashboard.ts). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect';

export function dashboardRoutes(_app: FastifyInstance, _db: Db): void {}
