/** Thin routes over services (one line per endpoint of contract/disclosure.ts). */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/connect';

export function disclosureRoutes(_app: FastifyInstance, _db: Db): void {}
