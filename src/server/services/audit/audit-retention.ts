/**
 * Retention of the audit log (网络安全法: network logs kept no less than six months): entries older than the retention
 * are removed from the oldest on, and the chain's anchor moves to the last one removed, so the rest still verifies.
 * The database refuses to delete anything younger than 180 days whatever the caller asks (migration 0008).
 */
import type { Db } from '../../db/connect';
import { insertAudit, purgeAuditBatch } from '../../repositories/audit.repo';

/** The legal minimum and the default, in days. */
export const MIN_AUDIT_RETENTION_DAYS = 180;

export type AuditPurgeResult = { purged: number; cutoff: string; anchorSeq: number };

/**
 * Remove entries written before now − retentionDays (never fewer than 180 days), in batches; records the purge in the
 * log itself when anything went.
 */
export async function purgeAuditLog(
  db: Db,
  now: Date,
  retentionDays: number = MIN_AUDIT_RETENTION_DAYS,
  opts: { batch?: number } = {},
): Promise<AuditPurgeResult> {
  const days = Math.max(MIN_AUDIT_RETENTION_DAYS, Number.isFinite(retentionDays) ? retentionDays : 0);
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  let purged = 0;
  let anchorSeq = 0;
  for (;;) {
    const step = await purgeAuditBatch(db, cutoff, opts.batch ?? 1000);
    purged += step.purged;
    anchorSeq = step.anchor.seq;
    if (!step.more) break;
  }
  if (purged > 0)
    await insertAudit(db, {
      at: now.toISOString(),
      actorId: null,
      actorName: '系统',
      action: 'audit.purge',
      entity: 'audit',
      entityId: null,
      after: { purged, retentionDays: days, before: cutoff, anchorSeq },
    });
  return { purged, cutoff, anchorSeq };
}
