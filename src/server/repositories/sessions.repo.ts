/** Session housekeeping (the session rows themselves are read and written in users.repo.ts). */
import type { DbOrTx } from '../db/connect';

/**
 * Delete every session past its absolute expiry (`expires_at < now`) or idle since before `idleBefore` (such a
 * session is already refused on use); returns how many went.
 */
export async function deleteExpiredSessions(db: DbOrTx, now: string, idleBefore: string): Promise<number> {
  const r = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<', now), eb('lastSeenAt', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
