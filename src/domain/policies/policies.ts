/**
 * Who may do what — the only place that decides access. One entry point, `can(actor, action, subject)`; the rules
 * live per resource (programme.ts, round.ts, report.ts, project.ts, indicator.ts, import.ts, export.ts, user.ts,
 * organisation.ts, audit.ts, system.ts) and the scope model in actor.ts. Subjects carry the organisation facts a rule needs.
 */
import type { ReviewAction, Role } from '../../shared/statuses';
import { type Actor, actsForAny, inSet, type OrgSet } from './actor';
import { type AuditAction, type AuditSubject, auditRules } from './audit';
import { type EvaluationAction, evaluationRules } from './evaluation';
import { type ExportAction, type ExportSubject, exportRules } from './export';
import { type ImportAction, type ImportSubject, importRules } from './import';
import { type IndicatorAction, type IndicatorSubject, indicatorRules } from './indicator';
import { type OrganisationAction, type OrganisationSubject, organisationRules } from './organisation';
import { type OversightAction, type OversightSubject, oversightRules } from './oversight';
import { type ProgrammeAction, programmeRules } from './programme';
import { type ProjectAction, type ProjectSubject, projectRules } from './project';
import { type ReportAction, type ReportSubject, reportRules } from './report';
import { type RollupAction, rollupRules } from './rollup';
import { type RoundAction, type RoundSubject, roundRules } from './round';
import type { ProgrammeSubject, Rule } from './rules';
import { type SupervisionAction, type SupervisionSubject, supervisionRules } from './supervision';
import { type SystemAction, type SystemSubject, systemRules } from './system';
import { type UserAction, type UserSubject, userRules } from './user';

export type { Actor, OrgNode, OrgSet } from './actor';
export { actorScope, makeActor } from './actor';
export type {
  AuditSubject,
  ExportSubject,
  ImportSubject,
  IndicatorSubject,
  OrganisationSubject,
  ProgrammeSubject,
  ProjectSubject,
  ReportSubject,
  RoundSubject,
  SupervisionSubject,
  UserSubject,
};

type For<A extends string, S> = { [K in A]: S };
/** The subject each action is judged on. */
export type SubjectOf = For<ProgrammeAction, ProgrammeSubject> &
  For<RoundAction, RoundSubject> &
  For<ReportAction, ReportSubject> &
  For<ProjectAction, ProjectSubject> &
  For<IndicatorAction, IndicatorSubject> &
  For<ImportAction, ImportSubject> &
  For<ExportAction, ExportSubject> &
  For<UserAction, UserSubject> &
  For<OrganisationAction, OrganisationSubject> &
  For<AuditAction, AuditSubject> &
  For<EvaluationAction, ProgrammeSubject> &
  For<SystemAction, SystemSubject> &
  For<SupervisionAction, SupervisionSubject> &
  For<OversightAction, OversightSubject> &
  For<RollupAction, ProgrammeSubject>;

export type Action = keyof SubjectOf;

const RULES: { [A in Action]: Rule<SubjectOf[A]> } = {
  ...programmeRules,
  ...roundRules,
  ...reportRules,
  ...projectRules,
  ...indicatorRules,
  ...importRules,
  ...exportRules,
  ...userRules,
  ...organisationRules,
  ...auditRules,
  ...evaluationRules,
  ...systemRules,
  ...supervisionRules,
  ...oversightRules,
  ...rollupRules,
};

/** Every action, for tables and tests. */
export const ACTIONS = Object.keys(RULES) as Action[];

/** True when the actor may perform the action on the subject. */
export function can<A extends Action>(actor: Actor | null, action: A, subject: SubjectOf[A]): boolean {
  if (!actor) return false;
  const check = (RULES[action] as Rule<SubjectOf[A]>)[actor.role];
  return check ? check(actor, subject) : false;
}

/** True when the actor acts for the organisation (e.g. units an import may match). */
export const actsFor = (actor: Actor | null, orgId: string): boolean => actor !== null && inSet(actor.orgIds, orgId);

/** True when the role may do the action on some record and the actor acts for someone (menus, the home page). */
/** Actions on the installation itself (the administrators of 三员分立), whatever organisations the actor acts for. */
const INSTALLATION_ACTIONS: ReadonlySet<Action> = new Set<Action>(['user:secure', 'audit:readLog']);

export function mayEver(actor: Actor | null, action: Action): boolean {
  if (!actor || !RULES[action][actor.role]) return false;
  if (INSTALLATION_ACTIONS.has(action)) return true;
  return actor.role === 'reporter' ? actor.unitIds.length > 0 : actsForAny(actor.orgIds);
}

/** The roles a rule admits at all (documentation and tests). */
export const rolesFor = (action: Action): Role[] => Object.keys(RULES[action]) as Role[];

/**
 * Row scope for list queries: which reports (and their projects) an actor may list. `ownerOrgIds` limits the rows to
 * programmes owned by those organisations; repositories turn the whole scope into a WHERE.
 */
export type ReportScope =
  | { kind: 'all'; ownerOrgIds: OrgSet }
  | { kind: 'units'; orgIds: string[]; ownerOrgIds: OrgSet }
  | { kind: 'key'; ownerOrgIds: OrgSet }
  | { kind: 'none' };

/** Published data for the public page: every programme, filtered to published rows by the caller. */
export const PUBLIC_SCOPE: ReportScope = { kind: 'all', ownerOrgIds: 'all' };

/** The list scope for reports and projects. */
export function reportScope(actor: Actor | null): ReportScope {
  if (!actor) return { kind: 'none' };
  if (actor.role === 'reporter')
    return actor.unitIds.length
      ? { kind: 'units', orgIds: actor.unitIds, ownerOrgIds: actor.programmeOwnerIds }
      : { kind: 'none' };
  if (!actsForAny(actor.orgIds)) return { kind: 'none' };
  if (actor.role === 'deputy') return { kind: 'key', ownerOrgIds: actor.orgIds };
  return { kind: 'all', ownerOrgIds: actor.orgIds };
}

/** The owners whose programmes an actor may list ('all' = no filter; [] = none). */
export function programmeScope(actor: Actor | null): OrgSet {
  return actor ? actor.programmeOwnerIds : [];
}

/** The permission each review action needs: units write their own reports, the office reviews and publishes. */
export const REVIEW_ACTION_PERMISSION: Record<ReviewAction, ReportAction> = {
  save: 'report:save',
  submit: 'report:submit',
  return: 'report:return',
  approve: 'report:approve',
  publish: 'report:publish',
  revoke: 'report:revoke',
};
