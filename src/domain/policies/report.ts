/** 填报: units write their own reports; the programme's office reviews and publishes; readers read. */
import { inSet } from './actor';
import {
  type Check,
  office,
  officeAndLeaders,
  ownsProgramme,
  ownUnit,
  type ProgrammeSubject,
  type Rules,
} from './rules';

export type ReportAction =
  | 'report:read'
  | 'report:save'
  | 'report:submit'
  | 'report:return'
  | 'report:approve'
  | 'report:publish'
  /** Withdraw an approval before publication (with a reason). */
  | 'report:revoke';

/** A report: its programme's owner, the unit it belongs to and whether its project is under 人大重点监督. */
export type ReportSubject = ProgrammeSubject & { orgId: string; keySupervision: boolean };

const ownReport: Check<ReportSubject> = (a, s) => ownUnit(a, s.orgId);
/** Deputies follow their congress's oversight list: key-supervision projects of their government's programmes. */
const keyOfOwnProgramme: Check<ReportSubject> = (a, s) => s.keySupervision && inSet(a.orgIds, s.ownerOrgId);

export const reportRules: Rules<ReportAction, ReportSubject> = {
  'report:read': { ...officeAndLeaders(ownsProgramme), deputy: keyOfOwnProgramme, reporter: ownReport },
  'report:save': { reporter: ownReport },
  'report:submit': { reporter: ownReport },
  'report:return': office(ownsProgramme),
  'report:approve': office(ownsProgramme),
  'report:publish': office(ownsProgramme),
  'report:revoke': office(ownsProgramme),
};
