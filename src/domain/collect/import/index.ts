export { alignRaggedRows } from './align';
export {
  colourName,
  extractSelfAssessment,
  parseEvaluation,
  parseNameCell,
  parseSeqCell,
  SELF_ASSESSMENTS,
  splitProblemsAndNextSteps,
  splitUnits,
} from './cells';
export { HEADER_PATTERNS, HEADER_SYNONYMS, matchHeader } from './headers';
export { findHeaderRows, mapTable } from './map-table';
export { parseNarrative } from './narrative';
export { buildImportPreview, type PreviewOptions } from './preview';
export { parseRound } from './title';
export * from './types';
export { matchUnits } from './units';
