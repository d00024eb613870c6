/**
 * 全市汇总 (issue 12 §4): the roll-up of the districts' programmes. The office and the leaders read the programmes of
 * the governments they act for — a city's accounts every district below the city, a district's only its own.
 */
import { officeAndLeaders, ownsProgramme, type ProgrammeSubject, type Rules } from './rules';

export type RollupAction = 'rollup:read';

export const rollupRules: Rules<RollupAction, ProgrammeSubject> = {
  /** One district programme's line in the roll-up (counts, laggards, ranking, 市级 items). */
  'rollup:read': officeAndLeaders(ownsProgramme),
};
