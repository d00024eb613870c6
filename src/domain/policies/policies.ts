/** Who may do what. Every endpoint asks here; nothing else decides access. */
import type { ReviewAction, Role } from '../../shared/statuses';

/** The authenticated person (null actor = anonymous public). */
export type Actor = { id: string; role: Role; unitIds: string[]; displayName: string };

export type Action =
  | 'programme:read'
  | 'round:open'
  | 'round:read'
  | 'table:read'
  | 'report:read'
  | 'report:write'
  | 'report:review'
  | 'report:publish'
  | 'project:read'
  | 'audit:read'
  | 'org:read';

/** What a report or project looks like to the policy. */
export type Subject = { orgId?: string; projectOrgIds?: string[]; keySupervision?: boolean };

const STAFF: Role[] = ['admin', 'supervisor'];
const READERS: Role[] = ['admin', 'supervisor', 'leader', 'deputy'];

/** True when the actor may perform the action on the subject. */
export function can(actor: Actor | null, action: Action, subject: Subject = {}): boolean {
  if (!actor) return false;
  const { role } = actor;
  const mine = (orgId?: string) => orgId !== undefined && actor.unitIds.includes(orgId);
  switch (action) {
    case 'programme:read':
    case 'round:read':
    case 'org:read':
      return true;
    case 'round:open':
    case 'report:review':
    case 'report:publish':
    case 'audit:read':
      return STAFF.includes(role);
    case 'table:read':
      return READERS.includes(role);
    case 'report:read':
      if (role === 'reporter') return mine(subject.orgId);
      if (role === 'deputy') return subject.keySupervision === true;
      return READERS.includes(role);
    case 'report:write':
      return role === 'reporter' && mine(subject.orgId);
    case 'project:read':
      if (role === 'reporter') return (subject.projectOrgIds ?? []).some((o) => mine(o));
      if (role === 'deputy') return subject.keySupervision === true;
      return READERS.includes(role);
  }
}

/** Row scope for list queries: which reports an actor may list. */
export type ReportScope = { kind: 'all' } | { kind: 'units'; orgIds: string[] } | { kind: 'key' } | { kind: 'none' };

/** The list scope for reports and projects, turned into a WHERE by repositories. */
export function reportScope(actor: Actor | null): ReportScope {
  if (!actor) return { kind: 'none' };
  if (actor.role === 'reporter') return { kind: 'units', orgIds: actor.unitIds };
  if (actor.role === 'deputy') return { kind: 'key' };
  return { kind: 'all' };
}

/** The permission each review action needs: units write their own reports, the office reviews and publishes. */
export const REVIEW_ACTION_PERMISSION: Record<ReviewAction, Action> = {
  save: 'report:write',
  submit: 'report:write',
  return: 'report:review',
  approve: 'report:review',
  publish: 'report:publish',
};
