/** `sessions.purge` (every 10 minutes): delete expired and idle-timed-out sessions. */
import { LIMITS } from '../../../shared/limits';
import { deleteExpiredSessions } from '../../repositories/sessions.repo';
import type { JobHandler } from '../types';

export const purgeExpiredSessions: JobHandler = async ({ db, now }) => {
  const t = now();
  const idleBefore = new Date(t.getTime() - LIMITS.sessionIdleMinutes * 60_000);
  await deleteExpiredSessions(db, t.toISOString(), idleBefore.toISOString());
};
