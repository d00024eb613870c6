/** The labelled corpus: statements written for this project in the styles of the seeds and the survey. */
import type { CorpusCase } from './case';
import { culture } from './culture';
import { elderly } from './elderly';
import { employment } from './employment';
import { engineering } from './engineering';
import { facilities } from './facilities';
import { holdout } from './holdout';
import { mixed } from './mixed';
import { traps } from './traps';
import { traps2 } from './traps2';

/** Cases used while developing the engine. */
export const developmentCases: CorpusCase[] = [
  ...engineering,
  ...elderly,
  ...facilities,
  ...employment,
  ...culture,
  ...traps,
  ...traps2,
  ...mixed,
];

/** Cases written after the engine was frozen (never used for tuning). */
export const holdoutCases: CorpusCase[] = [...holdout];

/** All labelled cases. */
export const allCases: CorpusCase[] = [...developmentCases, ...holdoutCases];
