/** Wire type of the roll-up (from the contract). */
import type { z } from 'zod';
import type { RollupSchema } from '../../../shared/contract/rollup';

export type ApiRollup = z.infer<typeof RollupSchema>;
