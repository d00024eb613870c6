/**
 * 计划编制: the programme's tree — categories, matters (民生事项), projects and sub-items — read, created, edited,
 * reordered (one move: new parent and position), renumbered; deleting what has reports is refused (deactivate instead).
 */
import type { z } from 'zod';
import { moveInOrder, renumberMatters, renumberProjects } from '../../../domain/plan/renumber';
import { isSelfOrDescendant, sequenceTree } from '../../../domain/plan/tree-order';
import { subtreeOf } from '../../../domain/policies/actor';
import type {
  CategoryInputSchema,
  MatterInput,
  MoveInput,
  PlanCategorySchema,
  PlanMatterSchema,
  PlanTreeSchema,
  RenumberInputSchema,
  RenumberResultSchema,
} from '../../../shared/contract/plan';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import * as plan from '../../repositories/plan-edit.repo';
import { newId, parseJson } from '../../util';
import type { Ctx } from '../context';
import { auditPlan, checkVersion, type EditCtx, programmeForEdit, staleVersion, toPlanProgramme } from './plan-access';

type Tree = z.infer<typeof PlanTreeSchema>;

/** Organisations a programme's projects may name: the owner's subtree. */
export async function unitsOf(db: DbOrTx, ownerOrgId: string) {
  const tree = await plan.listOrgTree(db);
  const ids = new Set(subtreeOf([ownerOrgId], tree));
  return tree.filter((o) => ids.has(o.id));
}

export async function getPlanTree(ctx: Ctx, programmeId: string): Promise<Tree> {
  const p = await programmeForEdit(ctx, programmeId);
  const [categories, matters, projects, units, orgs] = await Promise.all([
    plan.listCategories(ctx.db, programmeId),
    plan.listMatters(ctx.db, programmeId),
    plan.listProjects(ctx.db, programmeId),
    plan.listProgrammeUnits(ctx.db, programmeId),
    unitsOf(ctx.db, p.ownerOrgId),
  ]);
  return {
    programme: toPlanProgramme(ctx, p),
    categories: categories.map(toCategory),
    matters: matters.map(toMatter),
    projects: projects.map((x) => ({
      id: x.id,
      matterId: x.matterId,
      parentId: x.parentId,
      code: x.code,
      name: x.name,
      seq: x.seq,
      status: x.status,
      version: x.version,
      levels: parseJson<string[]>(x.levels, []),
      flags: parseJson<string[]>(x.flags, []),
      type: x.type,
      annualTarget: x.annualTargetText,
      leadUnits: units.filter((u) => u.projectId === x.id && u.role === 'lead').map((u) => u.name),
    })),
    units: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      shortName: o.shortName,
      aliases: parseJson<string[]>(o.aliases, []),
    })),
  };
}

const toCategory = (c: {
  id: string;
  name: string;
  seq: number;
  status: string;
}): z.infer<typeof PlanCategorySchema> => ({
  id: c.id,
  name: c.name,
  seq: c.seq,
  status: c.status,
});
const toMatter = (m: {
  id: string;
  categoryId: string | null;
  number: string;
  title: string;
  goalText: string;
  seq: number;
  status: string;
}): z.infer<typeof PlanMatterSchema> => ({
  id: m.id,
  categoryId: m.categoryId,
  number: m.number,
  title: m.title,
  goalText: m.goalText,
  seq: m.seq,
  status: m.status,
});

/** Re-number the stored order of the whole tree after a change (only rows whose seq changes are written). */
export async function resequence(trx: DbOrTx, programmeId: string) {
  const [categories, matters, projects] = await Promise.all([
    plan.listCategories(trx, programmeId),
    plan.listMatters(trx, programmeId),
    plan.listProjects(trx, programmeId),
  ]);
  const s = sequenceTree(categories, matters, projects);
  for (const c of categories)
    if (s.categories.get(c.id) !== c.seq) await plan.setSeq(trx, 'categories', c.id, s.categories.get(c.id)!);
  for (const m of matters)
    if (s.matters.get(m.id) !== m.seq) await plan.setSeq(trx, 'matters', m.id, s.matters.get(m.id)!);
  for (const p of projects)
    if (s.projects.get(p.id) !== p.seq) await plan.setSeq(trx, 'projects', p.id, s.projects.get(p.id)!);
}

// ---- Categories ---------------------------------------------------------------------------------------------------

type CategoryInput = z.infer<typeof CategoryInputSchema>;

export async function createCategory(ctx: Ctx, programmeId: string, input: CategoryInput) {
  await programmeForEdit(ctx, programmeId);
  const e = ctx as EditCtx;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const seq = (await plan.listCategories(trx, programmeId)).length + 1;
    await plan.insertCategory(trx, { id, programmeId, seq, name: input.name, status: input.status ?? 'active' });
    await auditPlan(trx, e, 'category.create', 'category', id, null, input);
  });
  return toCategory((await plan.findCategory(ctx.db, id))!);
}

async function categoryForEdit(ctx: Ctx, id: string) {
  const c = await plan.findCategory(ctx.db, id);
  if (!c) throw notFound('类别');
  await programmeForEdit(ctx, c.programmeId).catch(asNotFound('类别'));
  return c;
}

export async function updateCategory(ctx: Ctx, id: string, input: Partial<CategoryInput>) {
  const c = await categoryForEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await plan.updateCategory(trx, id, input);
    await auditPlan(trx, ctx as EditCtx, 'category.update', 'category', id, { name: c.name, status: c.status }, input);
  });
  return toCategory((await plan.findCategory(ctx.db, id))!);
}

export async function deleteCategory(ctx: Ctx, id: string) {
  const c = await categoryForEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const matters = (await plan.listMatters(trx, c.programmeId)).filter((m) => m.categoryId === id);
    const projects = (await plan.listProjects(trx, c.programmeId)).filter(
      (p) => p.matterId && matters.some((m) => m.id === p.matterId),
    );
    const ids = withSubItems(
      await plan.listProjects(trx, c.programmeId),
      projects.map((p) => p.id),
    );
    await refuseIfReported(trx, ids, `类别“${c.name}”下已有项目填报过进展或调整过目标，不能删除；可将该类别停用`);
    await plan.deleteProjects(trx, ids);
    for (const m of matters) await plan.deleteMatter(trx, m.id);
    await plan.deleteCategory(trx, id);
    await auditPlan(
      trx,
      ctx as EditCtx,
      'category.delete',
      'category',
      id,
      { name: c.name, matters: matters.length, projects: ids.length },
      null,
    );
    await resequence(trx, c.programmeId);
  });
  return { ok: true };
}

// ---- Matters ------------------------------------------------------------------------------------------------------

async function checkCategoryOf(db: DbOrTx, programmeId: string, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const c = await plan.findCategory(db, categoryId);
  if (!c || c.programmeId !== programmeId)
    throw new AppError('VALIDATION', '所选类别不属于本实事计划', {
      issues: [{ path: ['categoryId'], message: '所选类别不属于本实事计划' }],
    });
}

export async function createMatter(ctx: Ctx, programmeId: string, input: MatterInput) {
  await programmeForEdit(ctx, programmeId);
  await checkCategoryOf(ctx.db, programmeId, input.categoryId);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const seq = (await plan.maxSeq(trx, 'matters', programmeId)) + 1;
    await plan.insertMatter(trx, {
      id,
      programmeId,
      categoryId: input.categoryId,
      number: input.number,
      title: input.title,
      goalText: input.goalText,
      seq,
      status: input.status ?? 'active',
    });
    await auditPlan(trx, ctx as EditCtx, 'matter.create', 'matter', id, null, input);
    await resequence(trx, programmeId);
  });
  return toMatter((await plan.findMatter(ctx.db, id))!);
}

async function matterForEdit(ctx: Ctx, id: string) {
  const m = await plan.findMatter(ctx.db, id);
  if (!m) throw notFound('民生事项');
  await programmeForEdit(ctx, m.programmeId).catch(asNotFound('民生事项'));
  return m;
}

export async function updateMatter(ctx: Ctx, id: string, input: Partial<MatterInput>) {
  const m = await matterForEdit(ctx, id);
  if (input.categoryId !== undefined) await checkCategoryOf(ctx.db, m.programmeId, input.categoryId);
  await ctx.db.transaction().execute(async (trx) => {
    await plan.updateMatter(trx, id, input);
    await auditPlan(trx, ctx as EditCtx, 'matter.update', 'matter', id, toMatter(m), input);
    if (input.categoryId !== undefined && input.categoryId !== m.categoryId) await resequence(trx, m.programmeId);
  });
  return toMatter((await plan.findMatter(ctx.db, id))!);
}

export async function deleteMatter(ctx: Ctx, id: string) {
  const m = await matterForEdit(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const all = await plan.listProjects(trx, m.programmeId);
    const ids = withSubItems(
      all,
      all.filter((p) => p.matterId === id).map((p) => p.id),
    );
    await refuseIfReported(trx, ids, `民生事项“${m.title}”下已有项目填报过进展或调整过目标，不能删除；可将该事项停用`);
    await plan.deleteProjects(trx, ids);
    await plan.deleteMatter(trx, id);
    await auditPlan(trx, ctx as EditCtx, 'matter.delete', 'matter', id, { ...toMatter(m), projects: ids.length }, null);
    await resequence(trx, m.programmeId);
  });
  return { ok: true };
}

// ---- Shared checks ------------------------------------------------------------------------------------------------

/** The projects and every sub-item below them. */
export function withSubItems(
  all: readonly { id: string; parentId: string | null }[],
  ids: readonly string[],
): string[] {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all)
      if (p.parentId && out.has(p.parentId) && !out.has(p.id)) {
        out.add(p.id);
        grew = true;
      }
  }
  return [...out];
}

/** 409 when any of the projects has reports or target adjustments (history is never deleted). */
export async function refuseIfReported(db: DbOrTx, projectIds: readonly string[], message: string) {
  const reported = await plan.countReportsByProject(db, projectIds);
  if (reported.size > 0 || (await plan.countTargetVersions(db, projectIds)) > 0)
    throw new AppError('CONFLICT', message);
}

/** A programme-level NOT_FOUND becomes the record's own 404 (its existence is not revealed). */
export const asNotFound = (what: string) => (e: unknown) => {
  throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound(what) : e;
};

// ---- Move ---------------------------------------------------------------------------------------------------------

const badMove = (message: string) => new AppError('VALIDATION', message, { issues: [{ path: ['parentId'], message }] });

type Lists = {
  categories: Awaited<ReturnType<typeof plan.listCategories>>;
  matters: Awaited<ReturnType<typeof plan.listMatters>>;
  projects: Awaited<ReturnType<typeof plan.listProjects>>;
};
const idsOf = (xs: { id: string }[]) => xs.map((x) => x.id);

function moveCategory(l: Lists, input: MoveInput) {
  if (!l.categories.some((c) => c.id === input.id)) throw notFound('类别');
  if (input.parentId) throw badMove('类别只能在顶层调整顺序');
  const order = moveInOrder(idsOf(l.categories), input.id, input.position);
  for (const [i, cid] of order.entries()) l.categories.find((c) => c.id === cid)!.seq = i;
}

async function moveMatter(trx: DbOrTx, l: Lists, input: MoveInput) {
  const m = l.matters.find((x) => x.id === input.id);
  if (!m) throw notFound('民生事项');
  if (input.parentId && !l.categories.some((c) => c.id === input.parentId)) throw badMove('民生事项只能放在类别之下');
  const categoryId = input.parentId ?? null;
  const siblings = l.matters.filter((x) => x.categoryId === categoryId && x.id !== m.id).sort((a, b) => a.seq - b.seq);
  const order = moveInOrder(idsOf(siblings), m.id, input.position);
  if (categoryId !== m.categoryId) await plan.updateMatter(trx, m.id, { categoryId });
  m.categoryId = categoryId;
  for (const [i, mid] of order.entries()) l.matters.find((x) => x.id === mid)!.seq = i;
}

/** The matter and parent project a project moves under. */
function newPlaceOf(l: Lists, id: string, input: MoveInput): { matterId: string | null; parentId: string | null } {
  const kind = input.parentKind ?? (input.parentId ? 'matter' : null);
  if (!input.parentId) return { matterId: null, parentId: null };
  if (kind === 'project') {
    const parent = l.projects.find((x) => x.id === input.parentId);
    if (!parent) throw badMove('上级项目不存在');
    if (isSelfOrDescendant(l.projects, id, parent.id)) throw badMove('不能把项目移到它自己或它的子项之下');
    return { matterId: parent.matterId, parentId: parent.id };
  }
  if (!l.matters.some((x) => x.id === input.parentId)) throw badMove('项目只能放在民生事项或上级项目之下');
  return { matterId: input.parentId, parentId: null };
}

async function moveProject(ctx: Ctx, trx: DbOrTx, l: Lists, input: MoveInput) {
  const p = l.projects.find((x) => x.id === input.id);
  if (!p) throw notFound('项目');
  checkVersion(p, input.version);
  const { matterId, parentId } = newPlaceOf(l, p.id, input);
  const siblings = l.projects
    .filter((x) => x.id !== p.id && x.parentId === parentId && (parentId !== null || x.matterId === matterId))
    .sort((a, b) => a.seq - b.seq);
  const order = moveInOrder(idsOf(siblings), p.id, input.position);
  if (
    !(await plan.updateProjectGuarded(trx, p.id, p.version, { matterId, parentId, updatedAt: ctx.now().toISOString() }))
  )
    throw staleVersion(p.name);
  // Sub-items follow their parent into its matter.
  for (const sub of withSubItems(l.projects, [p.id]).filter((x) => x !== p.id))
    await plan.updateProjectBump(trx, sub, { matterId });
  p.matterId = matterId;
  p.parentId = parentId;
  for (const [i, pid] of order.entries()) l.projects.find((x) => x.id === pid)!.seq = i;
}

export async function moveNode(ctx: Ctx, programmeId: string, input: MoveInput): Promise<Tree> {
  await programmeForEdit(ctx, programmeId);
  await ctx.db.transaction().execute(async (trx) => {
    const [categories, matters, projects] = await Promise.all([
      plan.listCategories(trx, programmeId),
      plan.listMatters(trx, programmeId),
      plan.listProjects(trx, programmeId),
    ]);
    const l: Lists = { categories, matters, projects };
    const was = new Map([...categories, ...matters, ...projects].map((x) => [x.id, x.seq]));
    if (input.kind === 'category') moveCategory(l, input);
    else if (input.kind === 'matter') await moveMatter(trx, l, input);
    else await moveProject(ctx, trx, l, input);
    const s = sequenceTree(categories, matters, projects);
    for (const [table, seqs] of [
      ['categories', s.categories],
      ['matters', s.matters],
      ['projects', s.projects],
    ] as const)
      for (const [id, seq] of seqs) if (was.get(id) !== seq) await plan.setSeq(trx, table, id, seq);
    await auditPlan(trx, ctx as EditCtx, `${input.kind}.move`, input.kind, input.id, null, input);
  });
  return getPlanTree(ctx, programmeId);
}

// ---- Renumber -----------------------------------------------------------------------------------------------------

export async function renumber(
  ctx: Ctx,
  programmeId: string,
  input: z.infer<typeof RenumberInputSchema>,
): Promise<z.infer<typeof RenumberResultSchema>> {
  await programmeForEdit(ctx, programmeId);
  return ctx.db.transaction().execute(async (trx) => {
    const [matters, projects] = await Promise.all([
      plan.listMatters(trx, programmeId),
      plan.listProjects(trx, programmeId),
    ]);
    const matterChanges = input.matters ? renumberMatters(matters) : [];
    const numbered = matters.map((m) => ({
      ...m,
      number: matterChanges.find((c) => c.id === m.id)?.newNumber ?? m.number,
    }));
    const changes = renumberProjects(input.style, numbered, projects);
    const nameOf = new Map(projects.map((p) => [p.id, p.name]));
    if (input.apply && (changes.length || matterChanges.length)) {
      for (const c of matterChanges) await plan.updateMatter(trx, c.id, { number: c.newNumber });
      const now = ctx.now().toISOString();
      for (const c of changes) await plan.updateProjectBump(trx, c.id, { code: c.newCode, updatedAt: now });
      await auditPlan(trx, ctx as EditCtx, 'programme.renumber', 'programme', programmeId, null, {
        style: input.style,
        matters: matterChanges,
        projects: changes,
      });
    }
    return {
      applied: input.apply,
      matters: matterChanges,
      projects: changes.map((c) => ({ ...c, name: nameOf.get(c.id) ?? '' })),
    };
  });
}
