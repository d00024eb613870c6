/**
 * The 审计管理员's use cases (policy `audit:readLog`; everyone else 403): read the log with filters, export it, verify
 * its hash chain. Exporting and verifying are audited themselves. Nothing here edits or deletes an entry.
 */
import type { AuditPage, AuditVerification } from '../../../shared/contract/audit';
import { countAudit, insertAudit, listAuditPage } from '../../repositories/audit.repo';
import { parseJson } from '../../util';
import { authorize, type Ctx } from '../context';
import { checkAuditChain } from './audit-chain';
import {
  type AuditExportFormat,
  type AuditFilterInput,
  auditExportChunks,
  auditExportName,
  resolveAuditFilter,
} from './audit-export';

const LOG = {} as const;

/** Who did it, for the entries these use cases write. */
const by = (ctx: Ctx & { actor: { id: string; displayName: string } }) => ({
  at: ctx.now().toISOString(),
  actorId: ctx.actor.id,
  actorName: ctx.actor.displayName,
  entity: 'audit',
  entityId: null,
  ip: ctx.ip,
});

/** One page of entries, newest first. */
export async function listAuditLog(
  ctx: Ctx,
  q: AuditFilterInput & { page: number; pageSize: number },
): Promise<AuditPage> {
  authorize(ctx, 'audit:readLog', LOG);
  const { total, rows } = await listAuditPage(ctx.db, resolveAuditFilter(q), q.page, q.pageSize);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      ip: r.ip,
      before: parseJson<unknown>(r.before, r.before),
      after: parseJson<unknown>(r.after, r.after),
      hash: r.hash,
    })),
  };
}

/** Check the hash chain from the retention anchor to the head; the check is recorded with its outcome. */
export async function verifyAuditLog(ctx: Ctx): Promise<AuditVerification> {
  authorize(ctx, 'audit:readLog', LOG);
  const check = await checkAuditChain(ctx.db);
  await insertAudit(ctx.db, {
    ...by(ctx),
    action: 'audit.verify',
    after: {
      ok: check.ok,
      checked: check.checked,
      headSeq: check.head.seq,
      ...(check.broken ? { brokenSeq: check.broken.seq, kind: check.broken.kind } : {}),
    },
  });
  return {
    ok: check.ok,
    message: check.message,
    checked: check.checked,
    algorithm: check.algorithm,
    anchor: check.anchor,
    head: check.head,
    broken: check.broken,
    checkedAt: ctx.now().toISOString(),
  };
}

/**
 * The log as a file (CSV for Excel, or JSON Lines). The export is recorded (filter, format, number of entries) before
 * the first byte leaves, so an export cannot happen unrecorded.
 */
export async function exportAuditLog(ctx: Ctx, q: AuditFilterInput & { format: AuditExportFormat }) {
  authorize(ctx, 'audit:readLog', LOG);
  const filter = resolveAuditFilter(q);
  const rows = await countAudit(ctx.db, filter);
  const given = Object.fromEntries(
    Object.entries({ ...q, format: undefined }).filter(([, v]) => v !== undefined && v !== ''),
  );
  await insertAudit(ctx.db, { ...by(ctx), action: 'audit.export', after: { filter: given, format: q.format, rows } });
  return { name: auditExportName(q, q.format), chunks: auditExportChunks(ctx.db, filter, q.format) };
}
