/** The shape of a rule and the checks rules are made of. */
import type { Role } from '../../shared/statuses';
import { type Actor, inSet } from './actor';

/** How an actor in one role may do an action on a subject. */
export type Check<S> = (actor: Actor, subject: S) => boolean;
/** Per role, the check; a role that is missing may never do the action. */
export type Rule<S> = Partial<Record<Role, Check<S>>>;
/** The rules of one resource: one per action. */
export type Rules<A extends string, S> = Record<A, Rule<S>>;

/** The facts about the programme a record belongs to. */
export type ProgrammeSubject = { ownerOrgId: string };

/** The programme is owned by an organisation the actor acts for (office work, reading its tables). */
export const ownsProgramme: Check<ProgrammeSubject> = (a, s) => inSet(a.orgIds, s.ownerOrgId);
/** The actor may see the programme (reporters: one owned by their unit or an organisation above it). */
export const seesProgramme: Check<ProgrammeSubject> = (a, s) => inSet(a.programmeOwnerIds, s.ownerOrgId);
/** The organisation is one of the user's own units. */
export const ownUnit = (a: Actor, orgId: string) => a.unitIds.includes(orgId);

/** The office that runs a programme: system admins and the 督查室. */
export const office = <S>(check: Check<S>): Rule<S> => ({ admin: check, supervisor: check });
/** The office and the read-only leaders. */
export const officeAndLeaders = <S>(check: Check<S>): Rule<S> => ({ ...office(check), leader: check });
/** Every role, with the same check. */
export const everyone = <S>(check: Check<S>): Rule<S> => ({
  admin: check,
  supervisor: check,
  leader: check,
  deputy: check,
  reporter: check,
});
