/**
 * 组织机构 (系统管理员): the tree within the administrator's scope (政府 → 街道 → 社区, 区直部门, 人大 and other bodies),
 * create, edit, merge two organisations (every reference moves to the target, the source's names become the
 * target's aliases, the source is deactivated), deactivate and reactivate, delete an unreferenced one. Each change is
 * one transaction with its audit entry.
 */
import { can, mayEver } from '../../../domain/policies/policies';
import type { AdminOrg, OrgInput } from '../../../shared/contract/admin';
import type { OrgKind } from '../../../shared/statuses';
import { AppError, conflict, forbidden, notFound } from '../../errors';
import * as repo from '../../repositories/admin.repo';
import { insertAudit } from '../../repositories/audit.repo';
import { newId, parseJson } from '../../util';
import { type Ctx, requireActor } from '../context';
import { recordedUserId } from '../local-operator';

type Refs = Partial<Record<repo.OrgReferenceKind, number>>;

function present(o: repo.OrgRow, refs: Refs | undefined): AdminOrg {
  const r = refs ?? {};
  return {
    id: o.id,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind as OrgKind,
    parentId: o.parentId,
    aliases: parseJson<string[]>(o.aliases, []),
    active: Boolean(o.active),
    seq: o.seq,
    users: r.userUnits ?? 0,
    references: Object.entries(r)
      .filter(([k]) => k !== 'userUnits' && k !== 'children')
      .reduce((s, [, n]) => s + (n ?? 0), 0),
  };
}

/** Refuse anyone who may never manage organisations. */
function requireManager(ctx: Ctx): asserts ctx is Ctx & { actor: NonNullable<Ctx['actor']> } {
  requireActor(ctx);
  if (!mayEver(ctx.actor, 'organisation:manage')) throw forbidden('仅系统管理员可管理组织机构');
}

/** The organisation, when the actor manages it (else 404: other districts' units are not revealed). */
async function managedOrg(ctx: Ctx, id: string, what = '单位') {
  requireManager(ctx);
  const o = await repo.findOrg(ctx.db, id);
  if (!o || !can(ctx.actor, 'organisation:manage', { orgId: o.id })) throw notFound(what);
  return o;
}

const auditOf = (ctx: Ctx, action: string, entityId: string, before: unknown, after: unknown) => ({
  at: ctx.now().toISOString(),
  actorId: recordedUserId(ctx.actor),
  actorName: ctx.actor?.displayName ?? null,
  action,
  entity: 'organization',
  entityId,
  before,
  after,
  ip: ctx.ip,
});

const snapshot = (o: repo.OrgRow) => ({
  name: o.name,
  shortName: o.shortName,
  kind: o.kind,
  parentId: o.parentId,
  aliases: parseJson<string[]>(o.aliases, []),
  active: Boolean(o.active),
});

async function presentOne(ctx: Ctx, id: string): Promise<AdminOrg> {
  const o = await repo.findOrg(ctx.db, id);
  if (!o) throw notFound('单位');
  return present(o, (await repo.orgReferenceCounts(ctx.db)).get(id));
}

/** Every organisation the administrator manages (active or not), flat with parent ids; the page draws the tree. */
export async function listOrgs(ctx: Ctx): Promise<AdminOrg[]> {
  requireManager(ctx);
  const [rows, refs] = await Promise.all([repo.listAllOrgs(ctx.db), repo.orgReferenceCounts(ctx.db)]);
  return rows
    .filter((o) => can(ctx.actor, 'organisation:manage', { orgId: o.id }))
    .map((o) => present(o, refs.get(o.id)));
}

const cleanAliases = (aliases: readonly string[] | undefined, name: string) =>
  [...new Set((aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== name))].slice(0, 50);

async function checkName(ctx: Ctx, name: string, exceptId?: string) {
  const same = await repo.findOrgByName(ctx.db, name, exceptId);
  if (same)
    throw new AppError('VALIDATION', `已有名为“${name}”的单位${same.active ? '' : '（已停用）'}，名称不能重复`, {
      issues: [{ path: ['name'], message: `已有名为“${name}”的单位` }],
    });
}

/** The parent, when the actor manages it; null for a top-level organisation. */
async function checkParent(ctx: Ctx, parentId: string | null | undefined) {
  if (!parentId) return null;
  const parent = await repo.findOrg(ctx.db, parentId);
  if (!parent || !can(ctx.actor, 'organisation:manage', { orgId: parent.id }))
    throw new AppError('VALIDATION', '上级单位不存在或不在您管理的范围内', {
      issues: [{ path: ['parentId'], message: '上级单位不存在或不在您管理的范围内' }],
    });
  return parent;
}

export async function createOrg(ctx: Ctx, input: OrgInput): Promise<AdminOrg> {
  requireManager(ctx);
  const id = newId();
  const parent = await checkParent(ctx, input.parentId);
  if (!parent && !can(ctx.actor, 'organisation:manage', { orgId: id }))
    throw forbidden('只有全系统的系统管理员可以新建顶级单位（如另一个区政府），请选择上级单位');
  await checkName(ctx, input.name);
  const seq = (await repo.maxSiblingSeq(ctx.db, parent?.id ?? null)) + 1;
  const row = {
    id,
    name: input.name,
    shortName: input.shortName || null,
    kind: input.kind,
    parentId: parent?.id ?? null,
    aliases: JSON.stringify(cleanAliases(input.aliases, input.name)),
    seq,
    createdAt: ctx.now().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertOrg(trx, row);
    await insertAudit(trx, auditOf(ctx, 'org.create', id, null, { ...snapshot({ ...row, active: 1 }) }));
  });
  return presentOne(ctx, id);
}

/** True when `candidate` is `id` or lies below it (a parent there would make a loop). */
async function isSelfOrBelow(ctx: Ctx, id: string, candidate: string): Promise<boolean> {
  const all = await repo.listAllOrgs(ctx.db);
  const parent = new Map(all.map((o) => [o.id, o.parentId]));
  let cur: string | null | undefined = candidate;
  for (let guard = 0; cur && guard < 1000; guard++) {
    if (cur === id) return true;
    cur = parent.get(cur);
  }
  return false;
}

export async function updateOrg(ctx: Ctx, id: string, input: OrgInput): Promise<AdminOrg> {
  const before = await managedOrg(ctx, id);
  const parentId = input.parentId ?? null;
  if (parentId !== before.parentId) {
    // Moving a top-level organisation under another, or anything to the top, is the installation admin's.
    if (!before.parentId || !parentId) {
      if (!can(ctx.actor, 'organisation:manage', { orgId: newId() }))
        throw forbidden('只有全系统的系统管理员可以调整顶级单位');
    }
    if (parentId) {
      await checkParent(ctx, parentId);
      if (await isSelfOrBelow(ctx, id, parentId))
        throw new AppError('VALIDATION', '上级单位不能是本单位或其下级单位', {
          issues: [{ path: ['parentId'], message: '上级单位不能是本单位或其下级单位' }],
        });
    }
  }
  if (input.name !== before.name) await checkName(ctx, input.name, id);
  const patch = {
    name: input.name,
    shortName: input.shortName || null,
    kind: input.kind,
    parentId,
    aliases: JSON.stringify(cleanAliases(input.aliases, input.name)),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateOrg(trx, id, patch);
    await insertAudit(trx, auditOf(ctx, 'org.update', id, snapshot(before), snapshot({ ...before, ...patch })));
  });
  return presentOne(ctx, id);
}

/**
 * 合并: every reference of the source (accounts' units, projects' units, indicators, reports, programmes, child
 * organisations, round exceptions) moves to the target; the source's name, short name and aliases become aliases of
 * the target (so imports that name it find the target); the source is deactivated, never deleted. Refused when both
 * have a report for the same round and project (two reports cannot become one).
 */
export async function mergeOrg(ctx: Ctx, sourceId: string, targetId: string) {
  const source = await managedOrg(ctx, sourceId);
  const target = await managedOrg(ctx, targetId, '并入的单位');
  if (source.id === target.id) throw new AppError('VALIDATION', '不能把单位并入它自己');
  if (!target.active) throw new AppError('VALIDATION', `“${target.name}”已停用，不能并入已停用的单位`);
  if ((await isSelfOrBelow(ctx, source.id, target.id)) && target.parentId !== source.id)
    throw new AppError('VALIDATION', `“${target.name}”是“${source.name}”的下级单位的下级，请先调整上级单位后再合并`);
  const clash = await repo.conflictingReports(ctx.db, source.id, target.id);
  if (clash.length)
    throw conflict(
      `不能合并：“${source.name}”和“${target.name}”在同一批次对同一项目都有填报（${clash
        .map((c) => `${c.round} ${c.code} ${c.project}`)
        .join('；')}），合并会把两份填报合成一份。请先处理这些填报（或改为停用）`,
    );
  const aliases = cleanAliases(
    [
      ...parseJson<string[]>(target.aliases, []),
      source.name,
      ...(source.shortName ? [source.shortName] : []),
      ...parseJson<string[]>(source.aliases, []),
    ],
    target.name,
  );
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const again = await repo.conflictingReports(trx, source.id, target.id);
    if (again.length) throw conflict(`不能合并：“${source.name}”和“${target.name}”在同一批次对同一项目都有填报`);
    // A target below the source takes the source's place in the tree.
    const targetParent = target.parentId === source.id ? source.parentId : target.parentId;
    await repo.updateOrg(trx, target.id, { aliases: JSON.stringify(aliases), parentId: targetParent });
    const counts = await repo.moveOrgReferences(trx, source.id, target.id);
    await repo.updateOrg(trx, source.id, { active: 0 });
    const movedLabelled = Object.fromEntries(
      Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => [repo.ORG_REFERENCE_LABELS[k as repo.OrgReferenceKind], n]),
    );
    await insertAudit(
      trx,
      auditOf(
        ctx,
        'org.merge',
        source.id,
        { source: snapshot(source), target: snapshot(target) },
        { mergedInto: target.name, targetId: target.id, targetAliases: aliases, moved: movedLabelled },
      ),
    );
    return movedLabelled;
  });
  return { target: await presentOne(ctx, target.id), moved };
}

export async function setOrgActive(ctx: Ctx, id: string, active: boolean): Promise<AdminOrg> {
  const before = await managedOrg(ctx, id);
  if (Boolean(before.active) !== active)
    await ctx.db.transaction().execute(async (trx) => {
      await repo.updateOrg(trx, id, { active: active ? 1 : 0 });
      await insertAudit(
        trx,
        auditOf(
          ctx,
          active ? 'org.activate' : 'org.deactivate',
          id,
          { active: !active },
          { name: before.name, active },
        ),
      );
    });
  return presentOne(ctx, id);
}

/** Delete an organisation nothing refers to; anything referenced is refused (deactivate or merge instead). */
export async function deleteOrg(ctx: Ctx, id: string) {
  const before = await managedOrg(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    const refs = (await repo.orgReferenceCounts(trx)).get(id) ?? {};
    const used = Object.entries(refs).filter(([, n]) => (n ?? 0) > 0);
    if (used.length)
      throw conflict(
        `“${before.name}”已被引用（${used
          .map(([k, n]) => `${repo.ORG_REFERENCE_LABELS[k as repo.OrgReferenceKind]}${n}条`)
          .join('、')}），不能删除；请改为停用，或合并到另一个单位`,
      );
    await repo.deleteOrg(trx, id);
    await insertAudit(trx, auditOf(ctx, 'org.delete', id, snapshot(before), null));
  });
  return { ok: true };
}
