/** Who a user acts for: their units and the organisation tree around them, resolved into an Actor. */
import { type Actor, makeActor } from '../../domain/policies/policies';
import type { Role } from '../../shared/statuses';
import { changeStamp } from '../db/change-stamp';
import type { DbOrTx } from '../db/connect';
import { findUserOrgTree } from '../repositories/users.repo';

type Loaded = { actor: Actor; units: { id: string; name: string }[] };

/**
 * Resolved actors by user, reused while the database is unchanged (db/change-stamp.ts: any write to users, units or
 * organisations changes the stamp). Every request resolves its actor; the organisation tree is the costly part.
 */
const actors = new WeakMap<object, Map<string, { stamp: string; loaded: Loaded }>>();
const MAX_ACTORS = 1000;

/** The actor for a user row (one query unless cached), plus the user's own units by name for display. */
export async function loadActor(
  db: DbOrTx,
  user: { id: string; role: Role | string; displayName: string },
): Promise<Loaded> {
  const stamp = await changeStamp(db);
  let cache = actors.get(db);
  if (!cache) {
    cache = new Map();
    actors.set(db, cache);
  }
  const key = `${user.id}|${user.role}|${user.displayName}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.loaded;
  const loaded = await resolveActor(db, user);
  if (cache.size >= MAX_ACTORS) cache.clear();
  cache.set(key, { stamp, loaded });
  return loaded;
}

async function resolveActor(
  db: DbOrTx,
  user: { id: string; role: Role | string; displayName: string },
): Promise<Loaded> {
  const tree = await findUserOrgTree(db, user.id);
  const own = tree.filter((o) => o.linked).sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name, 'zh'));
  const actor = makeActor(
    { id: user.id, role: user.role as Role, displayName: user.displayName },
    own.map((o) => o.id),
    tree,
  );
  return { actor, units: own.map((o) => ({ id: o.id, name: o.name })) };
}
