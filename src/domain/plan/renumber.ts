/**
 * Renumbering tools for a programme's verbatim codes. Two styles the offices use:
 * - 'dash': the matter's number, '-', the project's position under the matter ("19-2"); a sub-item adds its position
 *   to its parent's code ("19-2-1");
 * - 'item': the same numbers written as the documents print them ("第19-2项"; a sub-item "第19-2-1项").
 * Matters can be renumbered 1, 2, 3 … in their order. Pure: the service loads the tree, applies the changes.
 */

export type RenumberStyle = 'dash' | 'item';

export type NumberingMatter = { id: string; number: string; seq: number };
export type NumberingProject = {
  id: string;
  code: string;
  matterId: string | null;
  parentId: string | null;
  seq: number;
};

export type CodeChange = { id: string; oldCode: string; newCode: string };

const bySeq = <T extends { seq: number }>(a: T, b: T) => a.seq - b.seq;

/** The code of a project at `path` (matter number, then 1-based positions) in a style. */
export function formatCode(style: RenumberStyle, matterNumber: string | null, positions: readonly number[]): string {
  const core = [...(matterNumber ? [matterNumber] : []), ...positions.map(String)].join('-');
  return style === 'item' ? `第${core}项` : core;
}

/** The numbers inside a code of either style ("第29-12项" → ['29', '12']; "19-2" → ['19', '2']), or null. */
export function parseCode(code: string): string[] | null {
  const m = /^\s*(?:第)?\s*(\d+(?:\s*[-－—]\s*\d+)*)\s*(?:项)?\s*$/.exec(code);
  if (!m) return null;
  return m[1]!.split(/\s*[-－—]\s*/);
}

/** Matters numbered 1, 2, 3 … in their order; only the ones that change. */
export function renumberMatters(
  matters: readonly NumberingMatter[],
): { id: string; oldNumber: string; newNumber: string }[] {
  return [...matters]
    .sort(bySeq)
    .map((m, i) => ({ id: m.id, oldNumber: m.number, newNumber: String(i + 1) }))
    .filter((c) => c.oldNumber !== c.newNumber);
}

/**
 * New codes for every project from the matters' numbers and the order of the tree (projects under a matter by seq;
 * sub-items under their parent by seq); only the ones that change. Projects without a matter are numbered 1, 2 … .
 */
export function renumberProjects(
  style: RenumberStyle,
  matters: readonly NumberingMatter[],
  projects: readonly NumberingProject[],
): CodeChange[] {
  const numberOf = new Map(matters.map((m) => [m.id, m.number]));
  const childrenOf = new Map<string, NumberingProject[]>();
  const topOf = new Map<string, NumberingProject[]>();
  const ids = new Set(projects.map((p) => p.id));
  for (const p of projects) {
    if (p.parentId && ids.has(p.parentId)) childrenOf.set(p.parentId, [...(childrenOf.get(p.parentId) ?? []), p]);
    else {
      const key = p.matterId ?? '';
      topOf.set(key, [...(topOf.get(key) ?? []), p]);
    }
  }
  const out: CodeChange[] = [];
  const visit = (p: NumberingProject, matterNumber: string | null, positions: number[], depth: number) => {
    const newCode = formatCode(style, matterNumber, positions);
    if (newCode !== p.code) out.push({ id: p.id, oldCode: p.code, newCode });
    if (depth > 20) return;
    (childrenOf.get(p.id) ?? []).sort(bySeq).forEach((c, i) => {
      visit(c, matterNumber, [...positions, i + 1], depth + 1);
    });
  };
  for (const [matterId, list] of topOf) {
    const number = matterId ? (numberOf.get(matterId) ?? null) : null;
    list.sort(bySeq).forEach((p, i) => {
      visit(p, number, [i + 1], 0);
    });
  }
  return out;
}

/** Move `id` to `position` (0-based) among `ids`: the new order (the id appended when it was not among them). */
export function moveInOrder(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = Math.max(0, Math.min(position, rest.length));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}
