/** 填报批次: list and look at a programme's rounds, open one, read its consolidated table, publish it. */
import { everyone, office, ownsProgramme, type ProgrammeSubject, type Rules, seesProgramme } from './rules';

export type RoundAction =
  | 'round:read'
  | 'round:open'
  | 'round:readTable'
  | 'round:publish'
  | 'round:close'
  | 'round:manage'
  | 'round:archive'
  | 'round:chase';
/** A round is judged by its programme's owner. */
export type RoundSubject = ProgrammeSubject;

export const roundRules: Rules<RoundAction, RoundSubject> = {
  // Rounds and a round's report list (reporters see their own reports in it, see report.ts / scopes.ts).
  'round:read': everyone(seesProgramme),
  'round:open': office(ownsProgramme),
  // Deputies read the table too; their rows are the key-supervision projects only (scopes.ts).
  'round:readTable': { ...office(ownsProgramme), leader: ownsProgramme, deputy: ownsProgramme },
  'round:publish': office(ownsProgramme),
  /** Close a round (no more saves, submissions or returns) or reopen it: its office. */
  'round:close': office(ownsProgramme),
  /** Open a draft round, extend its due date (whole round or one unit), reopen it for one unit: its office. */
  'round:manage': office(ownsProgramme),
  /** Archive a closed round (read-only forever): its office. */
  'round:archive': office(ownsProgramme),
  /** The chase board of a round and one-click 催办 of its units: its office. */
  'round:chase': office(ownsProgramme),
};
