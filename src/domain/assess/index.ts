/** The assess stage: what a report is judged against and the assessment stored with it. */

export { pickPeriodTarget } from '../plan/period-target';
export {
  type Assessment,
  type AssessmentBasis,
  type AssessmentContent,
  assessmentBasisOf,
  assessReport,
  basisKeyOf,
  ENGINE_VERSION,
  engineInputOf,
  judgeReport,
} from './assess-report';
export {
  DATA_COLUMNS,
  type IndicatorNumber,
  type NumbersAsData,
  numbersAsData,
} from './numbers-as-data';
export { judgeSettingsOf, judgeTargets, schedulePlanOf } from './settings';
