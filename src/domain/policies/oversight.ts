/**
 * 人大监督 and closing the year (issue 12 §2–§3): what deputies may read and write, the office's year-end work and
 * the 满意度测评.
 *
 * `report:readInternal` is the line deputies never cross: unapproved versions (drafts, submitted, returned), review
 * comments and returned reasons, chase and 督办 notes. Whoever lacks it reads the approved or published versions only
 * (services/evaluate/deputy-view.ts applies it to every read a deputy can reach).
 */
import {
  type Check,
  office,
  officeAndLeaders,
  ownsProgramme,
  type ProgrammeSubject,
  type Rules,
  seesProgramme,
} from './rules';

export type OversightAction =
  /** Unapproved content and internal notes of a programme's reports (those the actor may read at all). */
  | 'report:readInternal'
  /** The oversight page: groups, their projects' approved progress, opinions and answers. */
  | 'oversight:read'
  /** Leave a 督办建议 on a key-supervision project (deputies of the programme's government). */
  | 'oversight:opine'
  /** Set up oversight groups and answer opinions: the office. */
  | 'oversight:manage'
  /** The year-end list (是否完成年度目标, finished after year end, analyses, target adjustments). */
  | 'yearEnd:read'
  /** Confirm or override 是否完成年度目标: the office. */
  | 'yearEnd:confirm'
  /** Set up a 满意度测评 and read its results after it closes: the office. */
  | 'vote:manage'
  /** Rate projects in a vote one is eligible for (deputies and resident representatives' accounts). */
  | 'vote:cast';

export type OversightSubject = ProgrammeSubject;

const ownGovernment: Check<OversightSubject> = ownsProgramme;

export const oversightRules: Rules<OversightAction, OversightSubject> = {
  'report:readInternal': { ...officeAndLeaders(ownsProgramme), reporter: seesProgramme },
  'oversight:read': { ...officeAndLeaders(ownsProgramme), deputy: ownGovernment },
  'oversight:opine': { deputy: ownGovernment },
  'oversight:manage': office(ownsProgramme),
  'yearEnd:read': officeAndLeaders(ownsProgramme),
  'yearEnd:confirm': office(ownsProgramme),
  'vote:manage': office(ownsProgramme),
  'vote:cast': { deputy: ownGovernment },
};
