/**
 * The actor and the organisations it acts for.
 *
 * Scope model (resolved once per session from the user's `user_units` rows and the organisation tree):
 * - an admin with no unit is the installation's system admin and acts for every organisation ('all');
 * - supervisors, leaders, deputies (and admins with a unit) act for the subtree of their unit — normally their
 *   government: 区政府 → its 街道 → 社区工作站, and the 区直部门 whose parent is the government;
 * - reporters act for their own units only, and see the programmes owned by their units or an organisation above them;
 * - deputies additionally see only key-supervision (人大重点监督) projects (the rules in report.ts / project.ts).
 */
import type { Role } from '../../shared/statuses';

/** A set of organisation ids, or every organisation of the installation. */
export type OrgSet = 'all' | readonly string[];

/** The authenticated person (null actor = anonymous public). */
export type Actor = {
  id: string;
  role: Role;
  displayName: string;
  /** The user's own units (user_units). */
  unitIds: string[];
  /** Organisations the actor acts for: programmes owned by one of these are theirs to read or run. */
  orgIds: OrgSet;
  /** Owners whose programmes the actor may see (reporters: their units and every organisation above them). */
  programmeOwnerIds: OrgSet;
};

/** One node of the organisation tree, as much as scope resolution needs. */
export type OrgNode = { id: string; parentId: string | null };

/** True when the set holds the organisation. */
export const inSet = (set: OrgSet, orgId: string | null | undefined): boolean =>
  orgId != null && (set === 'all' || set.includes(orgId));

/** True when the actor acts for at least one organisation. */
export const actsForAny = (set: OrgSet): boolean => set === 'all' || set.length > 0;

/** Every organisation at or below the roots, within the loaded tree. */
export function subtreeOf(roots: readonly string[], tree: readonly OrgNode[]): string[] {
  const children = new Map<string, string[]>();
  for (const o of tree) if (o.parentId !== null) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  const known = new Set(tree.map((o) => o.id));
  const out = new Set<string>();
  const todo = roots.filter((r) => known.has(r));
  while (todo.length) {
    const id = todo.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    todo.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/** Every organisation at or above the given ones, within the loaded tree. */
export function ancestorsOf(ids: readonly string[], tree: readonly OrgNode[]): string[] {
  const parent = new Map(tree.map((o) => [o.id, o.parentId]));
  const out = new Set<string>();
  for (let id of ids) {
    for (let guard = 0; guard < 100 && parent.has(id) && !out.has(id); guard++) {
      out.add(id);
      const p = parent.get(id);
      if (!p) break;
      id = p;
    }
  }
  return [...out];
}

/**
 * What an actor acts for, from its role, its units and the part of the organisation tree around them (the units'
 * subtrees and ancestors; more rows do no harm). Pure: the repository loads the tree, this decides.
 */
export function actorScope(
  role: Role,
  unitIds: readonly string[],
  tree: readonly OrgNode[],
): Pick<Actor, 'orgIds' | 'programmeOwnerIds'> {
  if (role === 'admin' && unitIds.length === 0) return { orgIds: 'all', programmeOwnerIds: 'all' };
  if (role === 'reporter') {
    const own = unitIds.filter((id) => tree.some((o) => o.id === id));
    return { orgIds: own, programmeOwnerIds: ancestorsOf(own, tree) };
  }
  const subtree = subtreeOf(unitIds, tree);
  return { orgIds: subtree, programmeOwnerIds: subtree };
}

/** Build an actor from a user row, its units and the loaded tree. */
export function makeActor(
  user: { id: string; role: Role; displayName: string },
  unitIds: string[],
  tree: readonly OrgNode[],
): Actor {
  return {
    id: user.id,
    role: user.role,
    displayName: user.displayName,
    unitIds,
    ...actorScope(user.role, unitIds, tree),
  };
}
