/** 审计日志: the office reads its programmes' entries; the installation-wide log is the system admin's. */
import { inSet } from './actor';
import { office, type Rules } from './rules';

export type AuditAction = 'audit:read';
/** The programme the entries belong to; none = the installation-wide log (logins, accounts). */
export type AuditSubject = { ownerOrgId?: string | undefined };

export const auditRules: Rules<AuditAction, AuditSubject> = {
  'audit:read': office((a, s) => (s.ownerOrgId === undefined ? a.orgIds === 'all' : inSet(a.orgIds, s.ownerOrgId))),
};
