/** 督办: the office raises, 销号 or rejects the response; the unit writes its response; leaders read. */
import {
  type Check,
  office,
  officeAndLeaders,
  ownsProgramme,
  ownUnit,
  type ProgrammeSubject,
  type Rules,
} from './rules';

export type SupervisionAction = 'supervision:read' | 'supervision:raise' | 'supervision:respond' | 'supervision:close';

/** A 督办 record: its programme's owner and the unit it is addressed to. */
export type SupervisionSubject = ProgrammeSubject & { orgId: string };

const ownRecord: Check<SupervisionSubject> = (a, s) => ownUnit(a, s.orgId);

export const supervisionRules: Rules<SupervisionAction, SupervisionSubject> = {
  'supervision:read': { ...officeAndLeaders(ownsProgramme), reporter: ownRecord },
  /** Raise a record by hand (the escalation rules raise them without an actor). */
  'supervision:raise': office(ownsProgramme),
  /** The unit's written response (整改措施, 完成时限): the unit's reporters only. */
  'supervision:respond': { reporter: ownRecord },
  /** 销号, or sending the response back: the office. */
  'supervision:close': office(ownsProgramme),
};
