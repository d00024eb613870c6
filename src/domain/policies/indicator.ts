/** 指标: a 年度目标调整 (adjusting an indicator's target) is the programme office's decision. */
import { office, ownsProgramme, type ProgrammeSubject, type Rules } from './rules';

export type IndicatorAction = 'indicator:adjust';
export type IndicatorSubject = ProgrammeSubject;

export const indicatorRules: Rules<IndicatorAction, IndicatorSubject> = {
  'indicator:adjust': office(ownsProgramme),
};
