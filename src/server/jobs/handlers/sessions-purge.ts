/**
 * `sessions.purge` (every 10 minutes): delete expired and idle-timed-out sessions. The idle timeout comes from the
 * schedule's payload (`{ idleMinutes }`, wired from SESSION_IDLE_MINUTES); without it, the 二级 default.
 */
import { LIMITS } from '../../../shared/limits';
import { deleteExpiredSessions } from '../../repositories/sessions.repo';
import type { JobHandler } from '../types';

export const purgeExpiredSessions: JobHandler<{ idleMinutes?: number } | null | undefined> = async ({
  db,
  now,
  payload,
}) => {
  const t = now();
  const idleBefore = new Date(t.getTime() - (payload?.idleMinutes ?? LIMITS.sessionIdleMinutes) * 60_000);
  await deleteExpiredSessions(db, t.toISOString(), idleBefore.toISOString());
};
