/**
 * 计划编制, the bulk-edit grid: one row per project (code, name, lead and assisting units, annual target, the period
 * targets of the programme's cadence, flags). Saving sends only the changed rows, each with the version it read; all
 * rows are written in one transaction — any stale version (409) or unknown unit (400, per cell) saves nothing.
 */
import type { z } from 'zod';
import type { GridRowSchema, GridSaveInput, GridSchema } from '../../../shared/contract/plan';
import type { DbOrTx } from '../../db/connect';
import { AppError } from '../../errors';
import * as plan from '../../repositories/plan-edit.repo';
import { keySupervisionOf } from '../../repositories/project-flags';
import { newId, parseJson } from '../../util';
import type { Ctx } from '../context';
import { auditPlan, type EditCtx, programmeForEdit, toPlanProgramme } from './plan-access';
import { ANNUAL_TARGET_LOCKED } from './plan-project';
import { unitsOf } from './plan-tree';

type GridRow = z.infer<typeof GridRowSchema>;

/** The period keys of a year in a cadence: 2026-M01 … 2026-M12 or 2026-Q1 … 2026-Q4. */
export const periodKeysOf = (year: number, cadence: string): string[] =>
  cadence === 'monthly'
    ? Array.from({ length: 12 }, (_, i) => `${year}-M${String(i + 1).padStart(2, '0')}`)
    : Array.from({ length: 4 }, (_, i) => `${year}-Q${i + 1}`);

async function gridRows(ctx: Ctx, programmeId: string, keys: string[], only?: Set<string>): Promise<GridRow[]> {
  const [projects, units, targets] = await Promise.all([
    plan.listProjects(ctx.db, programmeId),
    plan.listProgrammeUnits(ctx.db, programmeId),
    plan.listProgrammePeriodTargets(ctx.db, programmeId),
  ]);
  return projects
    .filter((p) => !only || only.has(p.id))
    .map((p) => {
      const mine = targets.filter((t) => t.projectId === p.id);
      return {
        projectId: p.id,
        version: p.version,
        code: p.code,
        name: p.name,
        leadUnits: units.filter((u) => u.projectId === p.id && u.role === 'lead').map((u) => u.name),
        assistUnits: units.filter((u) => u.projectId === p.id && u.role === 'assist').map((u) => u.name),
        annualTarget: p.annualTargetText,
        periodTargets: Object.fromEntries(
          keys.map((k) => [
            k,
            mine
              .filter((t) => t.periodKey === k)
              .map((t) => t.targetText)
              .filter(Boolean)
              .join('；'),
          ]),
        ),
        flags: parseJson<string[]>(p.flags, []),
        status: p.status,
      };
    });
}

export async function getGrid(ctx: Ctx, programmeId: string): Promise<z.infer<typeof GridSchema>> {
  const p = await programmeForEdit(ctx, programmeId);
  const keys = periodKeysOf(p.year, p.cadence);
  const orgs = await unitsOf(ctx.db, p.ownerOrgId);
  return {
    programme: toPlanProgramme(ctx, p),
    periodKeys: keys,
    rows: await gridRows(ctx, programmeId, keys),
    units: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      aliases: parseJson<string[]>(o.aliases, []),
    })),
  };
}

const firstNumber = (text: string): number | null => {
  const m = /(\d+(?:\.\d+)?)/.exec(text.replace(/,/g, ''));
  return m ? Number(m[1]) : null;
};

type Issue = { path: (string | number)[]; message: string };
type Row = GridSaveInput['rows'][number];
type ProjectRow = Awaited<ReturnType<typeof plan.listProjects>>[number];

/** Per-cell problems of one row: unknown project or unit, no lead unit, a period outside the cadence. */
function rowIssues(row: Row, i: number, project: ProjectRow | undefined, byName: Map<string, string>, keys: string[]) {
  const issues: Issue[] = [];
  const where = `第${i + 1}行（${project?.name ?? row.projectId}）`;
  if (!project) issues.push({ path: ['rows', i, 'projectId'], message: `第${i + 1}行：项目不属于本实事计划` });
  for (const field of ['leadUnits', 'assistUnits'] as const)
    for (const n of (row[field] ?? []).filter((x) => !byName.has(x)))
      issues.push({ path: ['rows', i, field], message: `${where}：找不到单位“${n}”` });
  if (row.leadUnits?.length === 0)
    issues.push({ path: ['rows', i, 'leadUnits'], message: `${where}：须至少有一个牵头单位` });
  for (const k of Object.keys(row.periodTargets ?? {}).filter((x) => !keys.includes(x)))
    issues.push({ path: ['rows', i, 'periodTargets', k], message: `${where}：期次 ${k} 不在本计划的报送周期内` });
  return issues;
}

const staleError = (names: string[]) =>
  new AppError(
    'CONFLICT',
    `以下项目已被他人修改：${names.slice(0, 5).join('、')}${names.length > 5 ? `等${names.length}个` : ''}。为免覆盖，本次全部未保存，请刷新页面后重新修改`,
  );

/** The lead and assisting units of a row as pasted; other roles and known share notes are kept. */
async function saveRowUnits(trx: DbOrTx, row: Row, byName: Map<string, string>) {
  const current = await plan.findUnitsOf(trx, row.projectId);
  const want = (role: string, names: string[] | undefined) =>
    names
      ? names.map((n) => {
          const orgId = byName.get(n)!;
          const known = current.find((u) => u.orgId === orgId && u.role === role);
          return { orgId, role, shareNote: known?.shareNote ?? '' };
        })
      : current.filter((u) => u.role === role).map((u) => ({ orgId: u.orgId, role, shareNote: u.shareNote }));
  const next = [
    ...want('lead', row.leadUnits),
    ...want('assist', row.assistUnits),
    ...current.filter((u) => u.role !== 'lead' && u.role !== 'assist'),
  ].filter((e, i, all) => all.findIndex((u) => u.orgId === e.orgId && u.role === e.role) === i);
  await plan.replaceUnits(
    trx,
    row.projectId,
    next.map((u, i) => ({ id: newId(), projectId: row.projectId, ...u, seq: i + 1 })),
  );
}

/**
 * A row's period targets: each pasted period replaces the project's whole-project targets of that period (the one
 * indicator's when the project has exactly one, else a 形象进度 line); units' parts of a split are left alone.
 */
async function saveRowPeriodTargets(trx: DbOrTx, projectId: string, targets: Record<string, string>) {
  const indicators = (await plan.findIndicatorsOf(trx, projectId)).filter((x) => !x.splitOf && !x.orgId);
  const only = indicators.length === 1 ? indicators[0]! : null;
  const numeric = only !== null && ['quantity', 'money', 'percent'].includes(only.kind);
  const existing = await plan.findPeriodTargetsOf(trx, projectId);
  for (const [key, text] of Object.entries(targets)) {
    const replaced = existing.filter(
      (t) => t.periodKey === key && (t.indicatorId === null || indicators.some((x) => x.id === t.indicatorId)),
    );
    await plan.deletePeriodTargetsById(
      trx,
      replaced.map((t) => t.id),
    );
    if (!text.trim()) continue;
    await plan.insertPeriodTargets(trx, [
      {
        id: newId(),
        projectId,
        indicatorId: only?.id ?? null,
        periodKey: key,
        targetText: text.trim(),
        targetValue: numeric ? firstNumber(text) : null,
        cumulative: replaced[0]?.cumulative ?? 1,
      },
    ]);
  }
}

async function saveRow(trx: DbOrTx, ctx: EditCtx, row: Row, project: ProjectRow, byName: Map<string, string>) {
  const patch = {
    ...(row.code !== undefined ? { code: row.code } : {}),
    ...(row.name !== undefined ? { name: row.name } : {}),
    ...(row.annualTarget !== undefined ? { annualTargetText: row.annualTarget } : {}),
    ...(row.flags !== undefined
      ? { flags: JSON.stringify(row.flags), keySupervision: keySupervisionOf(row.flags) }
      : {}),
    updatedAt: ctx.now().toISOString(),
  };
  if (!(await plan.updateProjectGuarded(trx, row.projectId, row.version, patch))) throw staleError([project.name]);
  if (row.leadUnits || row.assistUnits) await saveRowUnits(trx, row, byName);
  if (row.periodTargets) await saveRowPeriodTargets(trx, row.projectId, row.periodTargets);
  const { version: _v, projectId: _p, ...after } = row;
  const before = {
    code: project.code,
    name: project.name,
    annualTarget: project.annualTargetText,
    flags: parseJson<string[]>(project.flags, []),
  };
  await auditPlan(trx, ctx, 'project.grid', 'project', row.projectId, before, after);
}

export async function saveGrid(ctx: Ctx, programmeId: string, input: GridSaveInput) {
  const p = await programmeForEdit(ctx, programmeId);
  const keys = periodKeysOf(p.year, p.cadence);
  const orgs = await unitsOf(ctx.db, p.ownerOrgId);
  // A unit as pasted: its name, short name or an alias.
  const byName = new Map<string, string>();
  for (const o of orgs)
    for (const n of [o.name, o.shortName, ...parseJson<string[]>(o.aliases, [])]) if (n) byName.set(n.trim(), o.id);
  const projects = await plan.listProjects(ctx.db, programmeId);
  const byId = new Map(projects.map((x) => [x.id, x]));
  const issues = input.rows.flatMap((row, i) => rowIssues(row, i, byId.get(row.projectId), byName, keys));
  const reported = await plan.countReportsByProject(
    ctx.db,
    input.rows.filter((r) => r.annualTarget !== undefined).map((r) => r.projectId),
  );
  input.rows.forEach((row, i) => {
    const project = byId.get(row.projectId);
    if (
      project &&
      row.annualTarget !== undefined &&
      row.annualTarget !== project.annualTargetText &&
      reported.has(row.projectId)
    )
      issues.push({
        path: ['rows', i, 'annualTarget'],
        message: `第${i + 1}行（${project.name}）：${ANNUAL_TARGET_LOCKED}`,
      });
  });
  if (issues.length) {
    const head = issues.slice(0, 5).map((x) => x.message);
    throw new AppError('VALIDATION', `${head.join('；')}${issues.length > 5 ? `……共${issues.length}处` : ''}`, {
      issues,
    });
  }
  const stale = input.rows.filter((r) => byId.get(r.projectId)!.version !== r.version);
  if (stale.length) throw staleError(stale.map((r) => byId.get(r.projectId)!.name));
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of input.rows) await saveRow(trx, ctx as EditCtx, row, byId.get(row.projectId)!, byName);
  });
  return {
    saved: input.rows.length,
    rows: await gridRows(ctx, programmeId, keys, new Set(input.rows.map((r) => r.projectId))),
  };
}
