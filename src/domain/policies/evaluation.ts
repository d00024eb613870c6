/** 领导总览, 排名, 考核 (issue 12 §1, §3): the office and the leaders of the programme's government read; the office sets the rules. */
import { office, officeAndLeaders, ownsProgramme, type ProgrammeSubject, type Rules } from './rules';

export type EvaluationAction = 'dashboard:read' | 'evaluation:configure';

export const evaluationRules: Rules<EvaluationAction, ProgrammeSubject> = {
  /** The dashboard, the ranking and the 考核 scores (and their export). Deputies and units have their own views. */
  'dashboard:read': officeAndLeaders(ownsProgramme),
  /** The ranking formula and the 考核 components of a programme. */
  'evaluation:configure': office(ownsProgramme),
};
