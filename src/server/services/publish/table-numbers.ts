/** The numeric columns of a round's rows (issue 14): what import-numbers.ts stored, as the table row's `numbers`. */
import type { TableRow } from '../../../shared/api-types';
import type { DbOrTx } from '../../db/connect';
import { numbersForTable } from '../../repositories/numbers.repo';

type Numbers = NonNullable<TableRow['numbers']>;

/** Numbers per (project, version) for the rows; rows without any number get none. */
export async function tableNumbers(
  db: DbOrTx,
  raw: readonly { projectId: string; versionId: string | null }[],
): Promise<(projectId: string, versionId: string | null) => Numbers | null> {
  const projectIds = [...new Set(raw.map((r) => r.projectId))];
  const versionIds = raw.map((r) => r.versionId).filter((v): v is string => Boolean(v));
  if (!projectIds.length) return () => null;
  const { indicators, values, ratios } = await numbersForTable(db, projectIds, versionIds);
  if (!indicators.length && !ratios.length) return () => null;
  const byProject = new Map<
    string,
    { target?: (typeof indicators)[number]; investment?: (typeof indicators)[number] }
  >();
  for (const i of indicators) {
    const p = byProject.get(i.projectId) ?? {};
    if (i.sourceColumn === 'investment') p.investment = i;
    else p.target = i;
    byProject.set(i.projectId, p);
  }
  const value = new Map(values.map((v) => [`${v.versionId}|${v.indicatorId}`, v.value]));
  const ratio = new Map(ratios.map((r) => [r.versionId, r]));
  return (projectId, versionId) => {
    const p = byProject.get(projectId);
    const r = versionId ? ratio.get(versionId) : undefined;
    if (!p && !r) return null;
    const reported = (id: string | undefined) => (id && versionId ? (value.get(`${versionId}|${id}`) ?? null) : null);
    return {
      unit: p?.target?.unit || null,
      target: p?.target?.targetValue ?? null,
      actual: reported(p?.target?.id),
      publishedRatio: r?.publishedRatio ?? null,
      computedRatio: r?.computedRatio ?? null,
      ratioCheck: (r?.ratioCheck as Numbers['ratioCheck'] | undefined) ?? 'none',
      investmentPlanned: p?.investment?.targetValue ?? null,
      investmentDone: reported(p?.investment?.id),
    };
  };
}

/** The row's `numbers` field, only when it has some (rows of tables without numeric columns are unchanged). */
export const numbersField = (n: Numbers | null): { numbers?: Numbers } => (n ? { numbers: n } : {});
