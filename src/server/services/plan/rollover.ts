/**
 * 结转 (roll-over): next year's programme from last year's. Copied: the structure (categories, matters with their
 * goal text), the unfinished projects — marked 续建 — with their units in roles and indicators. Not copied: finished
 * projects, the ones the office excludes, rounds, reports and period targets (the new year's period targets are empty
 * until the office sets them). Rows are copied column by column as read, so columns added by later migrations travel
 * with them. One transaction, audited; refused when the owner already has a programme of that year.
 *
 * Finished means: in the last round in which the project has approved or published reports, every such report says
 * so — the unit ticked 完成年度目标, assessed itself 已完成, or the stored judgement of that version is 已完成.
 */
import type { Insertable } from 'kysely';
import type { RolloverInput, RolloverPreviewInput } from '../../../shared/contract/rollover';
import type { ProjectFlag } from '../../../shared/statuses';
import type {
  CategoriesTable,
  IndicatorsTable,
  MattersTable,
  ProgrammesTable,
  ProjectsTable,
  ProjectUnitsTable,
} from '../../db/database';
import { conflict, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { keySupervisionOf } from '../../repositories/project-flags';
import * as repo from '../../repositories/rollover.repo';
import { newId, parseJson } from '../../util';
import { authorize, authorizeRead, type Ctx } from '../context';

/** The flag a carried-over project gets. */
export const CONTINUED_FLAG: ProjectFlag = 'continued';

type Reviewed = Awaited<ReturnType<typeof repo.findReviewedReports>>[number];
type Structure = Awaited<ReturnType<typeof repo.loadProgrammeStructure>>;

/** A reviewed report says the project's annual target is done. */
export const reportsCompletion = (r: Pick<Reviewed, 'completedAnnualTarget' | 'selfAssessment' | 'computedStatus'>) =>
  Boolean(r.completedAnnualTarget) || r.selfAssessment === '已完成' || r.computedStatus === '已完成';

/**
 * Finished or not, and why (Chinese): decided from the project's reviewed reports of its last round that has any.
 * Pure; exported for tests.
 */
export function projectOutcome(reviewed: readonly Reviewed[]): { finished: boolean; reason: string } {
  if (!reviewed.length) return { finished: false, reason: '未完成（没有已审核的填报）' };
  const lastAsOf = reviewed
    .map((r) => r.asOf)
    .sort()
    .at(-1);
  const last = reviewed.filter((r) => r.asOf === lastAsOf);
  const round = last[0]!.roundName;
  if (last.every(reportsCompletion)) return { finished: true, reason: `已完成（${round}）` };
  const said = last.find((r) => !reportsCompletion(r));
  const status = said?.selfAssessment || said?.computedStatus || '未自评';
  return { finished: false, reason: `未完成（${round}：${status}）` };
}

/** Inactive rows (migration 0011's `status`) are not carried into the new year. */
const isActive = (row: object) => (row as { status?: string }).status !== 'inactive';

/** The suggested name of the new programme: the source's name with the year replaced. */
export const nextName = (name: string, from: number, to: number) =>
  name.includes(String(from)) ? name.replaceAll(String(from), String(to)) : `${to}年${name}`;

type Plan = Awaited<ReturnType<typeof planRollover>>;
type PlannedProject = {
  projectId: string;
  code: string;
  name: string;
  matter: string | null;
  units: string[];
  reason: string;
};

async function planRollover(ctx: Ctx, programmeId: string, year: number | undefined, exclude: readonly string[]) {
  const source = await repo.findProgrammeRow(ctx.db, programmeId);
  if (!source) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', source, '实事计划');
  authorize(ctx, 'programme:configure', source);
  const targetYear = year ?? source.year + 1;
  const [owner, existing, structure, reviewed] = await Promise.all([
    repo.findOrgName(ctx.db, source.ownerOrgId),
    repo.findProgrammeOfYear(ctx.db, source.ownerOrgId, targetYear),
    repo.loadProgrammeStructure(ctx.db, programmeId),
    repo.findReviewedReports(ctx.db, programmeId),
  ]);
  const reviewedOf = new Map<string, Reviewed[]>();
  for (const r of reviewed) reviewedOf.set(r.projectId, [...(reviewedOf.get(r.projectId) ?? []), r]);
  const matterTitle = new Map(structure.matters.map((m) => [m.id, m.title]));
  const unitNames = (projectId: string) =>
    structure.units.filter((u) => u.projectId === projectId).map((u) => u.orgName);
  const excluded = new Set(exclude);
  const copied: PlannedProject[] = [];
  const skipped: PlannedProject[] = [];
  for (const p of structure.projects) {
    const base = {
      projectId: p.id,
      code: p.code,
      name: p.name,
      matter: p.matterId ? (matterTitle.get(p.matterId) ?? null) : null,
      units: unitNames(p.id),
    };
    if (!isActive(p)) {
      skipped.push({ ...base, reason: '已停用' });
      continue;
    }
    const outcome = projectOutcome(reviewedOf.get(p.id) ?? []);
    if (outcome.finished) skipped.push({ ...base, reason: outcome.reason });
    else if (excluded.has(p.id)) skipped.push({ ...base, reason: `已选择不结转（${outcome.reason}）` });
    else copied.push({ ...base, reason: outcome.reason });
  }
  const copiedIds = new Set(copied.map((c) => c.projectId));
  const categories = structure.categories.filter(isActive);
  const matters = structure.matters.filter(isActive);
  const counts = {
    categories: categories.length,
    matters: matters.length,
    projects: copied.length,
    skipped: skipped.length,
    units: structure.units.filter((u) => copiedIds.has(u.projectId)).length,
    indicators: structure.indicators.filter((i) => copiedIds.has(i.projectId)).length,
  };
  return {
    source,
    owner,
    targetYear,
    existing,
    structure: { ...structure, categories, matters },
    copied,
    skipped,
    copiedIds,
    counts,
  };
}

const NOTES = [
  '填报批次、各单位的填报与审核记录不复制，仍保留在原计划中。',
  '期次目标（月度/季度目标）不复制：新年度的期次目标为空，请在新计划中逐项填写。',
  '已完成的项目不复制；未完成的项目复制到新计划并标记为“续建”，年度目标沿用原文，请按新年度计划调整。',
  '类别、民生事项（含目标表述）、项目的责任单位及分工、指标照原样复制。',
  '本计划的自定义版式不复制（内置版式在新计划中可直接使用）。',
];

/** What a roll-over would copy (nothing is written). */
export async function previewRollover(ctx: Ctx, programmeId: string, input: RolloverPreviewInput) {
  const plan = await planRollover(ctx, programmeId, input.year, input.exclude ?? []);
  return {
    source: { id: plan.source.id, name: plan.source.name, year: plan.source.year, owner: plan.owner },
    target: {
      year: plan.targetYear,
      name: nextName(plan.source.name, plan.source.year, plan.targetYear),
      exists: Boolean(plan.existing),
    },
    counts: plan.counts,
    copied: plan.copied,
    skipped: plan.skipped,
    notes: plan.existing
      ? [`${plan.targetYear}年已有实事计划“${plan.existing.name}”，不能再次结转到该年度。`, ...NOTES]
      : NOTES,
  };
}

/** Create next year's programme from the preview's plan, in one transaction, audited. */
export async function rollover(ctx: Ctx, programmeId: string, input: RolloverInput) {
  const plan = await planRollover(ctx, programmeId, input.year, input.exclude ?? []);
  if (plan.existing) throw conflict(`${input.year}年已有实事计划“${plan.existing.name}”，不能再次结转到该年度`);
  const now = ctx.now().toISOString();
  const id = newId();
  const rows = copyRows(plan, id, now);
  const programme: Insertable<ProgrammesTable> = {
    ...plan.source,
    id,
    year: input.year,
    name: input.name,
    status: 'active',
    createdAt: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    // The owner's programme of that year, checked again inside the transaction.
    if (await repo.findProgrammeOfYear(trx, plan.source.ownerOrgId, input.year))
      throw conflict(`${input.year}年已有实事计划，不能再次结转到该年度`);
    await repo.insertProgrammeRow(trx, programme);
    await repo.insertCopies(trx, rows);
    await insertAudit(trx, {
      at: now,
      actorId: ctx.actor!.id,
      actorName: ctx.actor!.displayName,
      action: 'programme.rollover',
      entity: 'programme',
      entityId: id,
      before: { programmeId: plan.source.id, name: plan.source.name, year: plan.source.year },
      after: {
        name: input.name,
        year: input.year,
        counts: plan.counts,
        continued: plan.copied.map((c) => c.code),
        notCopied: plan.skipped.map((s) => ({ code: s.code, reason: s.reason })),
      },
      ip: ctx.ip,
    });
  });
  return { programmeId: id, name: input.name, year: input.year, counts: plan.counts };
}

/** New ids for every copied row, references remapped; copied projects get the 续建 flag. */
function copyRows(plan: Plan, programmeId: string, now: string) {
  const s: Structure = plan.structure;
  const ids = new Map<string, string>();
  const idOf = (old: string) => {
    const known = ids.get(old);
    if (known) return known;
    const n = newId();
    ids.set(old, n);
    return n;
  };
  const mapped = (old: string | null | undefined) => (old && ids.has(old) ? ids.get(old)! : null);
  const categories: Insertable<CategoriesTable>[] = s.categories.map((c) => ({ ...c, id: idOf(c.id), programmeId }));
  const matters: Insertable<MattersTable>[] = s.matters.map((m) => ({
    ...m,
    id: idOf(m.id),
    programmeId,
    categoryId: mapped(m.categoryId),
  }));
  const kept = s.projects.filter((p) => plan.copiedIds.has(p.id));
  for (const p of kept) idOf(p.id);
  // Parents before their sub-items (one statement may not hold both when chunked).
  const depth = (p: (typeof kept)[number]): number => {
    let d = 0;
    let cur = p.parentId;
    while (cur && d < 10) {
      d++;
      cur = kept.find((k) => k.id === cur)?.parentId ?? null;
    }
    return d;
  };
  const projects: Insertable<ProjectsTable>[] = [...kept]
    .sort((a, b) => depth(a) - depth(b))
    .map((p) => {
      const flags = parseJson<string[]>(p.flags, []);
      if (!flags.includes(CONTINUED_FLAG)) flags.push(CONTINUED_FLAG);
      const row: Record<string, unknown> = {
        ...p,
        id: ids.get(p.id)!,
        programmeId,
        matterId: mapped(p.matterId),
        parentId: mapped(p.parentId),
        flags: JSON.stringify(flags),
        keySupervision: keySupervisionOf(flags),
        createdAt: now,
        updatedAt: now,
      };
      // Optimistic-locking counters (0011) start again for the new row; the new year has had no 年度目标调整 yet.
      if ('version' in row) row.version = 1;
      if ('originalAnnualTargetText' in row) row.originalAnnualTargetText = null;
      return row as Insertable<ProjectsTable>;
    });
  const units: Insertable<ProjectUnitsTable>[] = s.units
    .filter((u) => plan.copiedIds.has(u.projectId))
    .map(({ orgName: _name, ...u }) => ({ ...u, id: newId(), projectId: ids.get(u.projectId)! }));
  const inds = s.indicators.filter((i) => plan.copiedIds.has(i.projectId));
  for (const i of inds) idOf(i.id);
  const splitOf = (i: object) => (i as { splitOf?: string | null }).splitOf ?? null;
  const indicators: Insertable<IndicatorsTable>[] = [...inds]
    // A unit's split part after the whole indicator it points at (0011's indicators.split_of).
    .sort((a, b) => Number(Boolean(splitOf(a))) - Number(Boolean(splitOf(b))))
    .map((i) => {
      const row: Record<string, unknown> = { ...i, id: ids.get(i.id)!, projectId: ids.get(i.projectId)! };
      if ('splitOf' in row) row.splitOf = mapped(splitOf(i));
      return row as Insertable<IndicatorsTable>;
    });
  return { categories, matters, projects, units, indicators };
}
