/**
 * 计划编制, one project: create, edit (with its version: a stale one answers 409), units in roles, indicators with
 * period targets and 形象进度 milestones, a split of an indicator's target across units, delete (refused once anything
 * was reported — deactivate instead).
 */
import { splitProblem } from '../../../domain/plan/split-target';
import { formatTargetNumber } from '../../../domain/plan/target-adjustment';
import type {
  IndicatorsInput,
  PlanProject,
  ProjectCreateInput,
  ProjectUpdateInput,
  SplitInput,
  UnitsInput,
} from '../../../shared/contract/plan';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import * as plan from '../../repositories/plan-edit.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import { keySupervisionOf } from '../../repositories/project-flags';
import { findIndicator } from '../../repositories/projects.repo';
import { newId, parseJson } from '../../util';
import type { Ctx } from '../context';
import { auditPlan, checkVersion, type EditCtx, programmeForEdit, projectForEdit, staleVersion } from './plan-access';
import { refuseIfReported, resequence, unitsOf, withSubItems } from './plan-tree';

/** Once units report against an annual target, it changes only by a 年度目标调整 (old and new kept, with approval). */
export const ANNUAL_TARGET_LOCKED =
  '项目已有单位填报，年度目标不能直接修改；请在项目页对指标做“年度目标调整”（保留原目标、调整原因和批准机关）';

const invalid = (path: (string | number)[], message: string) =>
  new AppError('VALIDATION', message, { issues: [{ path, message }] });

/** The project as the editor shows it. */
export async function planProjectOf(db: DbOrTx, id: string): Promise<PlanProject> {
  const p = await plan.findProject(db, id);
  if (!p) throw notFound('项目');
  const [units, indicators, targets, reports, programme] = await Promise.all([
    plan.findUnitsOf(db, id),
    plan.findIndicatorsOf(db, id),
    plan.findPeriodTargetsOf(db, id),
    plan.countReportsByProject(db, [id]),
    findProgramme(db, p.programmeId),
  ]);
  return {
    id: p.id,
    programmeId: p.programmeId,
    matterId: p.matterId,
    parentId: p.parentId,
    code: p.code,
    name: p.name,
    levels: parseJson<string[]>(p.levels, []),
    flags: parseJson<string[]>(p.flags, []),
    type: p.type,
    annualTarget: p.annualTargetText,
    originalAnnualTarget: p.originalAnnualTargetText ?? null,
    seq: p.seq,
    status: p.status,
    version: p.version,
    hasReports: reports.size > 0,
    cadence: programme?.cadence === 'monthly' ? 'monthly' : 'quarterly',
    year: programme?.year ?? 0,
    units: units.map((u) => ({ orgId: u.orgId, name: u.name, role: u.role, shareNote: u.shareNote })),
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      targetText: i.targetText,
      targetValue: i.targetValue,
      deadline: i.deadline,
      orgId: i.orgId,
      splitOf: i.splitOf ?? null,
      periodTargets: targets
        .filter((t) => t.indicatorId === i.id)
        .map((t) => ({
          periodKey: t.periodKey,
          targetText: t.targetText,
          targetValue: t.targetValue,
          cumulative: Boolean(t.cumulative),
        })),
    })),
    milestones: targets
      .filter((t) => t.indicatorId === null)
      .map((t) => ({ periodKey: t.periodKey, targetText: t.targetText })),
  };
}

export async function getPlanProject(ctx: Ctx, id: string): Promise<PlanProject> {
  await projectForEdit(ctx, id);
  return planProjectOf(ctx.db, id);
}

async function checkParent(db: DbOrTx, programmeId: string, matterId: string | null, parentId: string | null) {
  if (matterId) {
    const m = await plan.findMatter(db, matterId);
    if (!m || m.programmeId !== programmeId) throw invalid(['matterId'], '所选民生事项不属于本实事计划');
  }
  if (parentId) {
    const parent = await plan.findProject(db, parentId);
    if (!parent || parent.programmeId !== programmeId) throw invalid(['parentId'], '上级项目不属于本实事计划');
    return parent;
  }
  return null;
}

export async function createProject(ctx: Ctx, programmeId: string, input: ProjectCreateInput): Promise<PlanProject> {
  await programmeForEdit(ctx, programmeId);
  const parent = await checkParent(ctx.db, programmeId, input.matterId, input.parentId);
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const seq = (await plan.maxSeq(trx, 'projects', programmeId)) + 1;
    await plan.insertProject(trx, {
      id,
      programmeId,
      matterId: parent ? parent.matterId : input.matterId,
      parentId: input.parentId,
      code: input.code,
      name: input.name,
      levels: JSON.stringify(input.levels),
      flags: JSON.stringify(input.flags),
      keySupervision: keySupervisionOf(input.flags),
      type: input.type,
      annualTargetText: input.annualTarget,
      seq,
      createdAt: now,
      updatedAt: now,
    });
    await auditPlan(trx, ctx as EditCtx, 'project.create', 'project', id, null, input);
    await resequence(trx, programmeId);
  });
  return planProjectOf(ctx.db, id);
}

export async function updateProject(ctx: Ctx, id: string, input: ProjectUpdateInput): Promise<PlanProject> {
  const { project: p } = await projectForEdit(ctx, id);
  checkVersion(p, input.version);
  if (input.matterId !== undefined) await checkParent(ctx.db, p.programmeId, input.matterId, null);
  if (
    input.annualTarget !== undefined &&
    input.annualTarget !== p.annualTargetText &&
    (await plan.countReportsByProject(ctx.db, [id])).size > 0
  )
    throw invalid(['annualTarget'], ANNUAL_TARGET_LOCKED);
  const patch = {
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.levels !== undefined ? { levels: JSON.stringify(input.levels) } : {}),
    ...(input.flags !== undefined
      ? { flags: JSON.stringify(input.flags), keySupervision: keySupervisionOf(input.flags) }
      : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.annualTarget !== undefined ? { annualTargetText: input.annualTarget } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.matterId !== undefined && !p.parentId ? { matterId: input.matterId } : {}),
    updatedAt: ctx.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await plan.updateProjectGuarded(trx, id, input.version, patch))) throw staleVersion(p.name);
    const { version: _v, ...after } = input;
    await auditPlan(
      trx,
      ctx as EditCtx,
      input.status === 'inactive' && p.status !== 'inactive' ? 'project.deactivate' : 'project.update',
      'project',
      id,
      {
        code: p.code,
        name: p.name,
        levels: parseJson<string[]>(p.levels, []),
        flags: parseJson<string[]>(p.flags, []),
        type: p.type,
        annualTarget: p.annualTargetText,
        status: p.status,
        matterId: p.matterId,
      },
      after,
    );
    if (patch.matterId !== undefined && patch.matterId !== p.matterId) {
      const all = await plan.listProjects(trx, p.programmeId);
      for (const sub of withSubItems(all, [id]).filter((x) => x !== id))
        await plan.updateProjectBump(trx, sub, { matterId: patch.matterId });
      await resequence(trx, p.programmeId);
    }
  });
  return planProjectOf(ctx.db, id);
}

export async function deleteProject(ctx: Ctx, id: string, version: number) {
  const { project: p } = await projectForEdit(ctx, id);
  checkVersion(p, version);
  await ctx.db.transaction().execute(async (trx) => {
    const all = await plan.listProjects(trx, p.programmeId);
    const ids = withSubItems(all, [id]);
    await refuseIfReported(
      trx,
      ids,
      ids.length > 1
        ? `项目“${p.name}”或其子项已有单位填报过进展或调整过目标，不能删除；可将该项目停用`
        : `项目“${p.name}”已有单位填报过进展或调整过目标，不能删除；可将该项目停用`,
    );
    await plan.deleteProjects(trx, ids);
    await auditPlan(
      trx,
      ctx as EditCtx,
      'project.delete',
      'project',
      id,
      { code: p.code, name: p.name, subItems: ids.length - 1 },
      null,
    );
  });
  return { ok: true };
}

// ---- Units in roles -----------------------------------------------------------------------------------------------

export async function setProjectUnits(ctx: Ctx, id: string, input: UnitsInput): Promise<PlanProject> {
  const { project: p, programme } = await projectForEdit(ctx, id);
  checkVersion(p, input.version);
  const allowed = new Set((await unitsOf(ctx.db, programme.ownerOrgId)).map((o) => o.id));
  input.units.forEach((u, i) => {
    if (!allowed.has(u.orgId)) throw invalid(['units', i, 'orgId'], '所选单位不在本实事计划所属政府之下');
  });
  const before = await plan.findUnitsOf(ctx.db, id);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await plan.updateProjectGuarded(trx, id, input.version, { updatedAt: ctx.now().toISOString() })))
      throw staleVersion(p.name);
    await plan.replaceUnits(
      trx,
      id,
      input.units.map((u, i) => ({
        id: newId(),
        projectId: id,
        orgId: u.orgId,
        role: u.role,
        shareNote: u.shareNote,
        seq: i + 1,
      })),
    );
    await auditPlan(
      trx,
      ctx as EditCtx,
      'project.units',
      'project',
      id,
      before.map((u) => ({ unit: u.name, role: u.role, shareNote: u.shareNote })),
      input.units,
    );
  });
  return planProjectOf(ctx.db, id);
}

// ---- Indicators, period targets, milestones -----------------------------------------------------------------------

export async function setProjectIndicators(ctx: Ctx, id: string, input: IndicatorsInput): Promise<PlanProject> {
  const { project: p } = await projectForEdit(ctx, id);
  checkVersion(p, input.version);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await plan.findIndicatorsOf(trx, id);
    const editable = existing.filter((i) => !i.splitOf);
    const byId = new Map(editable.map((i) => [i.id, i]));
    input.indicators.forEach((ind, i) => {
      if (ind.id && !byId.has(ind.id))
        throw invalid(['indicators', i, 'id'], `指标“${ind.name}”不属于本项目，请刷新页面`);
    });
    const kept = new Set(input.indicators.map((i) => i.id).filter(Boolean));
    const removed = editable.filter((i) => !kept.has(i.id));
    const history = await plan.indicatorsWithHistory(trx, [...editable.map((i) => i.id)]);
    for (const r of removed)
      if (history.has(r.id)) throw new AppError('CONFLICT', `指标“${r.name}”已有填报数值或目标调整记录，不能删除`);
    input.indicators.forEach((ind, i) => {
      const old = ind.id ? byId.get(ind.id) : undefined;
      if (old && history.has(old.id) && (old.targetText !== ind.targetText || old.targetValue !== ind.targetValue))
        throw invalid(
          ['indicators', i, 'targetText'],
          `指标“${old.name}”已有填报，修改年度目标请使用“年度目标调整”（保留原目标、原因和批准机关）`,
        );
    });
    if (!(await plan.updateProjectGuarded(trx, id, input.version, { updatedAt: ctx.now().toISOString() })))
      throw staleVersion(p.name);
    // Parts of a split follow their whole: removed with it.
    const removedIds = removed.map((r) => r.id);
    const parts = existing.filter((i) => i.splitOf && removedIds.includes(i.splitOf)).map((i) => i.id);
    const keptTargets = (await plan.findPeriodTargetsOf(trx, id)).filter(
      (t) => t.indicatorId && existing.some((i) => i.id === t.indicatorId && i.splitOf && !parts.includes(i.id)),
    );
    await plan.replacePeriodTargets(trx, id, []);
    await plan.deleteIndicators(trx, [...parts, ...removedIds]);
    const rows = [];
    for (const [seq, ind] of input.indicators.entries()) {
      const indicatorId = ind.id ?? newId();
      const fields = {
        seq: seq + 1,
        name: ind.name,
        kind: ind.kind,
        unit: ind.unit,
        targetText: ind.targetText,
        targetValue: ind.targetValue,
        deadline: ind.deadline,
      };
      if (ind.id) await plan.updateIndicator(trx, ind.id, fields);
      else await plan.insertIndicator(trx, { id: indicatorId, projectId: id, orgId: null, ...fields });
      for (const t of ind.periodTargets)
        rows.push({
          id: newId(),
          projectId: id,
          indicatorId,
          periodKey: t.periodKey,
          targetText: t.targetText,
          targetValue: t.targetValue,
          cumulative: t.cumulative ? 1 : 0,
        });
    }
    for (const m of input.milestones)
      rows.push({
        id: newId(),
        projectId: id,
        indicatorId: null,
        periodKey: m.periodKey,
        targetText: m.targetText,
        targetValue: null,
        cumulative: 1,
      });
    await plan.replacePeriodTargets(trx, id, [...rows, ...keptTargets]);
    await auditPlan(
      trx,
      ctx as EditCtx,
      'project.indicators',
      'project',
      id,
      editable.map((i) => ({ name: i.name, kind: i.kind, targetText: i.targetText, targetValue: i.targetValue })),
      { indicators: input.indicators, milestones: input.milestones },
    );
  });
  return planProjectOf(ctx.db, id);
}

// ---- Split ----------------------------------------------------------------------------------------------------

export async function splitIndicator(ctx: Ctx, indicatorId: string, input: SplitInput): Promise<PlanProject> {
  const ind = await findIndicator(ctx.db, indicatorId);
  if (!ind) throw notFound('指标');
  const { project: p } = await projectForEdit(ctx, ind.projectId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === 'NOT_FOUND' ? notFound('指标') : e;
  });
  checkVersion(p, input.version);
  if (ind.splitOf || ind.orgId) throw invalid(['parts'], `指标“${ind.name}”已是某单位的分解目标，请分解项目的总指标`);
  const units = await plan.findUnitsOf(ctx.db, p.id);
  const nameOf = new Map(units.map((u) => [u.orgId, u.name]));
  input.parts.forEach((part, i) => {
    if (!nameOf.has(part.orgId))
      throw invalid(['parts', i, 'orgId'], '所选单位不是本项目的责任单位，请先在“责任单位”中添加');
  });
  const seen = new Set<string>();
  input.parts.forEach((part, i) => {
    if (seen.has(part.orgId)) throw invalid(['parts', i, 'orgId'], `${nameOf.get(part.orgId)}重复填写`);
    seen.add(part.orgId);
  });
  const problem = splitProblem(
    ind.name,
    ind.targetValue,
    ind.unit,
    input.parts.map((x) => ({ unitName: nameOf.get(x.orgId)!, value: x.targetValue })),
  );
  if (problem) throw invalid(['parts'], problem);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await plan.updateProjectGuarded(trx, p.id, input.version, { updatedAt: ctx.now().toISOString() })))
      throw staleVersion(p.name);
    const all = await plan.findIndicatorsOf(trx, p.id);
    const before = all.filter((i) => i.splitOf === indicatorId);
    const history = await plan.indicatorsWithHistory(
      trx,
      before.map((i) => i.id),
    );
    const gone = before.filter((b) => !input.parts.some((x) => x.orgId === b.orgId));
    for (const g of gone)
      if (history.has(g.id))
        throw new AppError(
          'CONFLICT',
          `${g.orgId ? (nameOf.get(g.orgId) ?? '该单位') : '该单位'}的分解目标已有填报数值，不能取消`,
        );
    await plan.deleteIndicators(
      trx,
      gone.map((g) => g.id),
    );
    let seq = Math.max(0, ...all.map((i) => i.seq));
    for (const part of input.parts) {
      const unitName = nameOf.get(part.orgId)!;
      const text = part.targetText?.trim() || `${ind.name}${formatTargetNumber(part.targetValue)}${ind.unit}`;
      const fields = { targetText: text, targetValue: part.targetValue };
      const existing = before.find((b) => b.orgId === part.orgId);
      if (existing) await plan.updateIndicator(trx, existing.id, fields);
      else
        await plan.insertIndicator(trx, {
          id: newId(),
          projectId: p.id,
          seq: ++seq,
          name: `${ind.name}（${unitName}）`,
          kind: ind.kind,
          unit: ind.unit,
          deadline: ind.deadline,
          orgId: part.orgId,
          splitOf: indicatorId,
          ...fields,
        });
      // The unit's share is what its reports are judged against (domain/assess: shareNote).
      await plan.setShareNote(trx, p.id, part.orgId, text);
    }
    await auditPlan(
      trx,
      ctx as EditCtx,
      'indicator.split',
      'indicator',
      indicatorId,
      before.map((b) => ({ orgId: b.orgId, targetText: b.targetText, targetValue: b.targetValue })),
      input.parts,
    );
  });
  return planProjectOf(ctx.db, p.id);
}
