/**
 * The public view of rounds is the 政务公开 snapshot (services/disclosure): what was published, in the layout chosen for
 * publication, never the live consolidated table (no judgement, comments, ids or unpublished content). Kept as the
 * entry point older callers import.
 */
import type { Db } from '../../db/connect';
import { publicRoundPublication, publicRounds } from '../disclosure/public-read';

/** The round's publication in force (404 when the round has none), as the public JSON gives it. */
export async function getPublicTable(db: Db, roundId: string) {
  // The comment window's state needs a date; callers of this entry point do not show it.
  const v = await publicRoundPublication(db, roundId, '0000-00-00');
  return { ...v, missing: [] as never[] };
}

export const listPublicRounds = publicRounds;
