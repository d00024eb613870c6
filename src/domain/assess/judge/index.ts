/** Public API of the judgement engine (pure TypeScript; shared by browser, server and CLI). */
export { judgeStatement } from './assess';
export { asOfDatesInText } from './findings';
export { checkLagAnalysis, type LagAnalysis, type LagContext, lagAnalysisRequired } from './lagging';
export { normalizeText, parseChineseNumeral } from './numerals';
export { extractQuantities } from './quantities';
export { completionPhrase, findPublishedRatio } from './ratios';
export { isRowCells, type RowCells, readRowCells } from './row-cells';
export { expectedProgress, parseDate, pct } from './schedule';
export { classifyStatusWord, DEFAULT_STATUS_WORDS, extractSelfAssessment, findSelfAssessment } from './status-words';
export { parseTarget } from './targets';
export type * from './types';
export { buildUnitTable, convertValue, DEFAULT_UNITS } from './units';
export { checkWriting, DEFAULT_EMPTY_PHRASES, type WritingInput, type WritingSettings } from './writing';
