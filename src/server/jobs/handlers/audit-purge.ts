/**
 * `audit.purge` (daily): remove audit entries older than the retention and move the chain's anchor
 * (services/audit/audit-retention.ts). The retention comes from the schedule's payload (`{ retentionDays }`, wired
 * from AUDIT_RETENTION_DAYS); without it, and never below, 180 days.
 */
import { MIN_AUDIT_RETENTION_DAYS, purgeAuditLog } from '../../services/audit/audit-retention';
import type { JobHandler } from '../types';

export const purgeOldAuditEntries: JobHandler<{ retentionDays?: number } | null | undefined> = async ({
  payload,
  db,
  now,
}) => {
  await purgeAuditLog(db, now(), payload?.retentionDays ?? MIN_AUDIT_RETENTION_DAYS);
};
