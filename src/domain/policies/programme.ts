/** 实事计划: who sees a programme. Running it (rounds, imports, targets) is in round.ts, import.ts, indicator.ts. */
import { everyone, office, ownsProgramme, type ProgrammeSubject, type Rules, seesProgramme } from './rules';

export type ProgrammeAction = 'programme:read' | 'programme:configure' | 'programme:create';

export const programmeRules: Rules<ProgrammeAction, ProgrammeSubject> = {
  'programme:read': everyone(seesProgramme),
  /** Change the programme's settings (序时进度 plan, traffic-light bands): its office. */
  'programme:configure': office(ownsProgramme),
  /** Create a programme owned by an organisation the actor acts for (its office: supervisors, admins). */
  'programme:create': office(ownsProgramme),
};
