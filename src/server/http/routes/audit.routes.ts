/** The audit log for the 审计管理员: list, export (CSV / JSON Lines, streamed), verify. No route edits or deletes. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import { AUDIT_CSV_TYPE, AUDIT_JSONL_TYPE } from '../../../shared/contract/audit';
import type { Db } from '../../db/connect';
import { exportAuditLog, listAuditLog, verifyAuditLog } from '../../services/audit/audit-log';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';

export function auditRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({ ...routeOf(API.auditLog), handler: async (req) => listAuditLog(ctxOf(req, db), req.query) });
  r.route({ ...routeOf(API.auditVerify), handler: async (req) => verifyAuditLog(ctxOf(req, db)) });
  r.route({
    ...routeOf(API.auditExport),
    handler: async (req, reply) => {
      const { name, chunks } = await exportAuditLog(ctxOf(req, db), req.query);
      return reply
        .header('content-type', req.query.format === 'jsonl' ? AUDIT_JSONL_TYPE : AUDIT_CSV_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="audit.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(Readable.from(chunks));
    },
  });
}
