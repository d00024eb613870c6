/** Who a user acts for: their units and the organisation tree around them, resolved into an Actor. */
import { type Actor, makeActor } from '../../domain/policies/policies';
import type { Role } from '../../shared/statuses';
import type { DbOrTx } from '../db/connect';
import { findUserOrgTree } from '../repositories/users.repo';

/** The actor for a user row (one query), plus the user's own units by name for display. */
export async function loadActor(
  db: DbOrTx,
  user: { id: string; role: Role | string; displayName: string },
): Promise<{ actor: Actor; units: { id: string; name: string }[] }> {
  const tree = await findUserOrgTree(db, user.id);
  const own = tree.filter((o) => o.linked).sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name, 'zh'));
  const actor = makeActor(
    { id: user.id, role: user.role as Role, displayName: user.displayName },
    own.map((o) => o.id),
    tree,
  );
  return { actor, units: own.map((o) => ({ id: o.id, name: o.name })) };
}
