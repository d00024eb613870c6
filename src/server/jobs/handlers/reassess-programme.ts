/** Re-assess a programme's reports after what they are judged against changed (settings, targets, engine upgrade). */
import { reassessProgramme } from '../../services/assess/assessments';
import type { JobHandler } from '../types';

export const reassessProgrammeJob: JobHandler<{ programmeId: string; force?: boolean }> = async ({
  payload,
  db,
  now,
}) => {
  await reassessProgramme(db, payload.programmeId, now(), { force: payload.force === true });
};
