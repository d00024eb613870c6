/** 账号: the office reads the accounts of its organisations; admins manage them. */
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
