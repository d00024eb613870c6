/** 账号: the office reads the accounts of its organisations; admins manage them. */
import { ROLE_LABELS, type Role } from '../../shared/statuses';
import { type Actor, inSet } from './actor';
import { type Check, office, type Rules } from './rules';

/** `user:secure`: reset a password, lock/unlock, end sessions (安全管理员), never create accounts or change roles. */
export type UserAction = 'user:read' | 'user:manage' | 'user:secure';
/** An account: its units. An account without units (a system admin) belongs to the whole installation. */
export type UserSubject = { unitIds: readonly string[] };

const withinScope: Check<UserSubject> = (a: Actor, s) =>
  a.orgIds === 'all' || (s.unitIds.length > 0 && s.unitIds.every((u) => inSet(a.orgIds, u)));

export const userRules: Rules<UserAction, UserSubject> = {
  'user:read': office(withinScope),
  'user:manage': { admin: withinScope },
  'user:secure': { secadmin: () => true },
};

/**
 * 三员分立 and scope for an account's role and units (issue 10): what is wrong with giving an account this role and
 * these units, in Chinese, or null. The 安全管理员 and 审计管理员 act for the whole installation (no unit); reporters,
 * the office, leaders and deputies belong to at least one unit; an administrator cannot change its own role or
 * units (another administrator does).
 */
export function accountRoleProblem(
  actor: Actor,
  target: { id: string | null; role: Role | null; unitIds: readonly string[] },
  next: { role: Role; unitIds: readonly string[] },
): string | null {
  if (target.id === actor.id) {
    if (target.role !== next.role) return '不能修改自己的角色（三员分立：须由另一位系统管理员修改）';
    const same = target.unitIds.length === next.unitIds.length && target.unitIds.every((u) => next.unitIds.includes(u));
    if (!same) return '不能修改自己的所属单位（须由另一位系统管理员修改）';
  }
  const installationWide = next.role === 'secadmin' || next.role === 'auditor';
  if (installationWide && next.unitIds.length > 0) return `${ROLE_LABELS[next.role]}不属于任何单位，请不要选择单位`;
  if (!installationWide && next.role !== 'admin' && next.unitIds.length === 0)
    return `${ROLE_LABELS[next.role]}须至少选择一个所属单位`;
  const manage = userRules['user:manage'][actor.role];
  if (!manage?.(actor, { unitIds: next.unitIds }))
    return next.unitIds.length === 0
      ? '只有全系统的系统管理员（不属于任何单位）可以设立不属于任何单位的账号'
      : '所选单位不在您管理的范围内';
  return null;
}

/** 三员分立: the installation always keeps at least one active account of each of these roles. */
export const THREE_ADMINISTRATOR_ROLES: readonly Role[] = ['admin', 'secadmin', 'auditor'];
