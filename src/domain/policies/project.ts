/** 项目: the project page (targets, units in roles, every round's reports). */
import { inSet } from './actor';
import { type Check, officeAndLeaders, ownsProgramme, type ProgrammeSubject, type Rules } from './rules';

export type ProjectAction = 'project:read';

/** A project: its programme's owner, its units in roles and whether it is under 人大重点监督. */
export type ProjectSubject = ProgrammeSubject & { unitIds: readonly string[]; keySupervision: boolean };

const sharesProject: Check<ProjectSubject> = (a, s) => s.unitIds.some((u) => a.unitIds.includes(u));
const keyOfOwnProgramme: Check<ProjectSubject> = (a, s) => s.keySupervision && inSet(a.orgIds, s.ownerOrgId);

export const projectRules: Rules<ProjectAction, ProjectSubject> = {
  'project:read': { ...officeAndLeaders(ownsProgramme), deputy: keyOfOwnProgramme, reporter: sharesProject },
};
