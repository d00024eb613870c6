/**
 * The order of a programme's tree as stored: categories 1, 2 …; matters and projects numbered on one running scale in
 * the order the tree is read (category → its matters → each matter's projects → their sub-items; then matters without
 * a category; then projects without a matter), so the consolidated table (which sorts by matter seq, else project seq)
 * lists projects in the editor's order. Pure.
 */

export type OrderNode = { id: string; seq: number };
export type OrderMatter = OrderNode & { categoryId: string | null };
export type OrderProject = OrderNode & { matterId: string | null; parentId: string | null };

export type TreeSeqs = { categories: Map<string, number>; matters: Map<string, number>; projects: Map<string, number> };

const bySeq = <T extends OrderNode>(a: T, b: T) => a.seq - b.seq || a.id.localeCompare(b.id);

export function sequenceTree(
  categories: readonly OrderNode[],
  matters: readonly OrderMatter[],
  projects: readonly OrderProject[],
): TreeSeqs {
  const out: TreeSeqs = { categories: new Map(), matters: new Map(), projects: new Map() };
  const catIds = new Set(categories.map((c) => c.id));
  const matterIds = new Set(matters.map((m) => m.id));
  const projectIds = new Set(projects.map((p) => p.id));
  const children = new Map<string, OrderProject[]>();
  const topOfMatter = new Map<string, OrderProject[]>();
  const loose: OrderProject[] = [];
  for (const p of projects) {
    if (p.parentId && projectIds.has(p.parentId) && p.parentId !== p.id)
      children.set(p.parentId, [...(children.get(p.parentId) ?? []), p]);
    else if (p.matterId && matterIds.has(p.matterId))
      topOfMatter.set(p.matterId, [...(topOfMatter.get(p.matterId) ?? []), p]);
    else loose.push(p);
  }
  let n = 0;
  const visit = (p: OrderProject, depth: number) => {
    if (out.projects.has(p.id) || depth > 20) return;
    out.projects.set(p.id, ++n);
    for (const c of (children.get(p.id) ?? []).sort(bySeq)) visit(c, depth + 1);
  };
  const matter = (m: OrderMatter) => {
    out.matters.set(m.id, ++n);
    for (const p of (topOfMatter.get(m.id) ?? []).sort(bySeq)) visit(p, 0);
  };
  [...categories].sort(bySeq).forEach((c, i) => {
    out.categories.set(c.id, i + 1);
    for (const m of matters.filter((x) => x.categoryId === c.id).sort(bySeq)) matter(m);
  });
  for (const m of matters.filter((x) => !x.categoryId || !catIds.has(x.categoryId)).sort(bySeq)) matter(m);
  for (const p of loose.sort(bySeq)) visit(p, 0);
  // Anything left (a cycle of parents) keeps a place at the end.
  for (const p of [...projects].sort(bySeq)) visit(p, 0);
  return out;
}

/** True when `candidate` is `id` or one of its descendants (a project cannot move under itself). */
export function isSelfOrDescendant(projects: readonly OrderProject[], id: string, candidate: string): boolean {
  const parent = new Map(projects.map((p) => [p.id, p.parentId]));
  let cur: string | null | undefined = candidate;
  for (let guard = 0; cur && guard < 100; guard++) {
    if (cur === id) return true;
    cur = parent.get(cur);
  }
  return false;
}

/** Every descendant of the given projects (sub-items, their sub-items …), the projects included. */
export function withDescendants(projects: readonly OrderProject[], ids: readonly string[]): string[] {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of projects)
      if (p.parentId && out.has(p.parentId) && !out.has(p.id)) {
        out.add(p.id);
        grew = true;
      }
  }
  return [...out];
}
