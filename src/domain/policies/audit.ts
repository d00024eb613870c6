/** 审计日志: the office reads its programmes' entries; the installation-wide log is the system admin's. */
import { inSet } from './actor';
import { office, type Rules } from './rules';

/** `audit:read`: a programme's records' history; `audit:readLog`: the whole log, its export and verification (审计管理员). */
export type AuditAction = 'audit:read' | 'audit:readLog';
/** The programme the entries belong to; none = the installation-wide log (logins, accounts). */
export type AuditSubject = { ownerOrgId?: string | undefined };

export const auditRules: Rules<AuditAction, AuditSubject> = {
  'audit:read': office((a, s) => s.ownerOrgId !== undefined && inSet(a.orgIds, s.ownerOrgId)),
  'audit:readLog': { auditor: () => true },
};
