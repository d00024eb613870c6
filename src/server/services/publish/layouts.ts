/**
 * The office's own layouts (版式, issue 9): the 督查室 copies a built-in layout (or one of its own) under a new name,
 * edits it in the browser and saves it for one programme. Every saved change is a new version (`layout_versions`,
 * never overwritten); a save names the version it was edited from (`baseVersion`) and is refused (409) when someone
 * saved in between; saving what is already stored creates no version. Archived layouts are no longer listed nor
 * usable. Creating, saving and archiving need `programme:configure` (the office); whoever reads the programme's round
 * tables may list the layouts, open them and export with them. Each change is audited.
 */
import { randomBytes } from 'node:crypto';
import { can } from '../../../domain/policies/policies';
import { BUILTIN_LAYOUTS, builtinLayout } from '../../../domain/publish/layouts/builtin';
import type { Layout } from '../../../domain/publish/layouts/schema';
import { checkLayout } from '../../../domain/publish/layouts/validate';
import type { DbOrTx } from '../../db/connect';
import { AppError, conflict, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/layouts.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import { authorize, authorizeRead, type Ctx, requireActor } from '../context';
import { recordedUserId } from '../local-operator';
import { visibleProgramme } from '../subjects';

export type LayoutListItem = {
  id: string;
  name: string;
  description: string;
  kind: Layout['kind'];
  builtin: boolean;
  basedOn: string | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type LayoutDetail = {
  id: string;
  builtin: boolean;
  programmeId: string | null;
  basedOn: string | null;
  version: number;
  shownVersion: number;
  archived: boolean;
  canEdit: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  layout: Layout;
  history: { version: number; savedAt: string; savedBy: string | null }[];
};

/** JSON with keys in a fixed order, so that equal layouts are equal texts (an unchanged save is recognised). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** A layout sent by the browser, checked against the schema: 400 with Chinese messages naming the place otherwise. */
export function parseLayoutInput(input: unknown): Layout {
  const check = checkLayout(input);
  if (check.ok) return check.layout;
  throw new AppError('VALIDATION', check.message, {
    issues: check.issues.map((i) => ({ path: ['layout', ...i.path], message: i.message })),
  });
}

/** A stored definition (checked again: it is used for exports). */
function storedLayout(rec: { name: string; definition: string }): Layout {
  let json: unknown;
  try {
    json = JSON.parse(rec.definition);
  } catch {
    json = null;
  }
  const check = checkLayout(json);
  if (!check.ok) throw new AppError('VALIDATION', `版式“${rec.name}”需在版式编辑器中修改后才能使用：${check.message}`);
  return check.layout;
}

/**
 * The programme's own layout with this id, not archived (null when there is none). For findLayout
 * (export-document.ts): the caller has already checked that the actor may export the programme's round.
 */
export async function programmeLayout(db: DbOrTx, programmeId: string, id: string): Promise<Layout | null> {
  if (builtinLayout(id)) return null;
  const rec = await repo.findLayoutRecord(db, id);
  if (!rec || rec.programmeId !== programmeId || rec.archived) return null;
  return storedLayout(rec);
}

/** The programme, for readers of its round tables (404 when invisible, 403 when visible but not a table reader). */
async function readableProgramme(ctx: Ctx, programmeId: string) {
  const p = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'round:readTable', p);
  return p;
}

/** The programme, for its office (programme:configure). */
async function configurableProgramme(ctx: Ctx, programmeId: string) {
  const p = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'programme:configure', p);
  return p;
}

/** An own layout the actor may read (404 otherwise, as if it did not exist). */
async function readableLayout(ctx: Ctx, id: string): Promise<repo.LayoutRecord> {
  const rec = await repo.findLayoutRecord(ctx.db, id);
  if (!rec) throw notFound('版式');
  authorizeRead(ctx, 'round:readTable', { ownerOrgId: rec.ownerOrgId }, '版式');
  return rec;
}

/** An own layout the actor may change (its programme's office), not archived. */
async function editableLayout(ctx: Ctx, id: string): Promise<repo.LayoutRecord> {
  const rec = await readableLayout(ctx, id);
  authorize(ctx, 'programme:configure', { ownerOrgId: rec.ownerOrgId });
  return rec;
}

const builtinItem = (l: Layout): LayoutListItem => ({
  id: l.id,
  name: l.name,
  description: l.description ?? '',
  kind: l.kind,
  builtin: true,
  basedOn: null,
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

function ownItem(rec: repo.LayoutRecord): LayoutListItem {
  let def: Partial<Layout> = {};
  try {
    def = JSON.parse(rec.definition) as Partial<Layout>;
  } catch {
    // listed all the same; opening it says what is wrong
  }
  return {
    id: rec.id,
    name: rec.name,
    description: typeof def.description === 'string' ? def.description : '',
    kind: def.kind === 'narrative' ? 'narrative' : 'table',
    builtin: false,
    basedOn: rec.basedOn,
    version: rec.version,
    updatedAt: rec.updatedAt,
    updatedBy: rec.updatedByName,
  };
}

/** The layouts a programme's documents can be made in: the built-in ones, then the office's own (not archived). */
export async function listProgrammeLayouts(ctx: Ctx, programmeId: string) {
  const owner = await readableProgramme(ctx, programmeId);
  const p = await findProgramme(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  const own = await repo.listLayoutRecords(ctx.db, programmeId);
  return {
    programme: { id: p.id, name: p.name, year: p.year },
    canEdit: can(ctx.actor, 'programme:configure', owner),
    layouts: [...BUILTIN_LAYOUTS.map(builtinItem), ...own.map(ownItem)],
  };
}

function builtinDetail(l: Layout): LayoutDetail {
  return {
    id: l.id,
    builtin: true,
    programmeId: null,
    basedOn: null,
    version: 0,
    shownVersion: 0,
    archived: false,
    canEdit: false,
    updatedAt: null,
    updatedBy: null,
    layout: l,
    history: [],
  };
}

/** A layout with its definition (the current one, or an older `version`) and its history. */
export async function getLayout(ctx: Ctx, id: string, version?: number): Promise<LayoutDetail> {
  requireActor(ctx);
  const builtin = builtinLayout(id);
  if (builtin) {
    if (version !== undefined) throw notFound('版式版本');
    return builtinDetail(builtin);
  }
  const rec = await readableLayout(ctx, id);
  const history = await repo.listLayoutVersions(ctx.db, id);
  let shown = { version: rec.version, definition: rec.definition };
  if (version !== undefined && version !== rec.version) {
    const old = await repo.findLayoutVersion(ctx.db, id, version);
    if (!old) throw notFound('版式版本');
    shown = { version, definition: old.definition };
  }
  return {
    id: rec.id,
    builtin: false,
    programmeId: rec.programmeId,
    basedOn: rec.basedOn,
    version: rec.version,
    shownVersion: shown.version,
    archived: rec.archived === 1,
    canEdit: rec.archived === 0 && can(ctx.actor, 'programme:configure', { ownerOrgId: rec.ownerOrgId }),
    updatedAt: rec.updatedAt,
    updatedBy: rec.updatedByName,
    layout: storedLayout({ name: rec.name, definition: shown.definition }),
    history: history.map((h) => ({ version: h.version, savedAt: h.savedAt, savedBy: h.savedByName })),
  };
}

/** What a new layout is copied from: a built-in layout, or a live own layout of the same programme. */
async function sourceLayout(ctx: Ctx, programmeId: string, id: string): Promise<{ layout: Layout; builtinId: string }> {
  const builtin = builtinLayout(id);
  if (builtin) return { layout: builtin, builtinId: builtin.id };
  const rec = await repo.findLayoutRecord(ctx.db, id);
  if (!rec || rec.programmeId !== programmeId || rec.archived) throw notFound('要复制的版式');
  return { layout: storedLayout(rec), builtinId: rec.basedOn };
}

async function refuseTakenName(ctx: Ctx, programmeId: string, name: string, exceptId: string | null) {
  if (await repo.layoutNameTaken(ctx.db, programmeId, name, exceptId))
    throw conflict(`本实事计划已有名为“${name}”的版式，请换一个名称`);
}

/** Copy a built-in layout (or an own one) as the programme's own layout under a new name; version 1. */
export async function createLayout(
  ctx: Ctx,
  programmeId: string,
  input: { basedOn: string; name: string },
): Promise<LayoutDetail> {
  await configurableProgramme(ctx, programmeId);
  const actor = ctx.actor!;
  const source = await sourceLayout(ctx, programmeId, input.basedOn);
  const name = input.name.trim();
  await refuseTakenName(ctx, programmeId, name, null);
  const id = `own-${randomBytes(6).toString('hex')}`;
  const layout = parseLayoutInput({ ...source.layout, id, name });
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertLayout(trx, {
      id,
      programmeId,
      basedOn: source.builtinId,
      name,
      definition: canonicalJson(layout),
      by: recordedUserId(actor),
      at,
    });
    await insertAudit(trx, {
      at,
      actorId: recordedUserId(actor),
      actorName: actor.displayName,
      action: 'layout.create',
      entity: 'layout',
      entityId: id,
      after: { programmeId, copiedFrom: input.basedOn, basedOn: source.builtinId, name, version: 1 },
      ip: ctx.ip,
    });
  });
  return getLayout(ctx, id);
}

/** The top-level settings that differ between two layouts (for the audit entry). */
function changedKeys(before: Layout, after: Layout): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Layout>;
  return [...keys].filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k])).sort();
}

/** Save an edited layout as a new version (409 unless `baseVersion` is the current one; unchanged = no version). */
export async function updateLayout(
  ctx: Ctx,
  id: string,
  input: { baseVersion: number; layout: unknown },
): Promise<LayoutDetail & { changed: boolean }> {
  if (builtinLayout(id)) throw new AppError('FORBIDDEN', '内置版式不能修改，请先“复制为我的版式”');
  const rec = await editableLayout(ctx, id);
  const actor = ctx.actor!;
  if (rec.archived) throw conflict('该版式已停用，不能再修改');
  if (input.baseVersion !== rec.version)
    throw conflict(
      `版式已被${rec.updatedByName ?? '他人'}修改并保存为第${rec.version}版（您编辑的是第${input.baseVersion}版）。请重新加载最新版本，再做修改。`,
    );
  const raw = input.layout && typeof input.layout === 'object' ? input.layout : {};
  const layout = parseLayoutInput({ ...raw, id });
  const definition = canonicalJson(layout);
  if (definition === rec.definition) return { ...(await getLayout(ctx, id)), changed: false };
  if (layout.name !== rec.name) await refuseTakenName(ctx, rec.programmeId, layout.name, id);
  const before = storedLayout(rec);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await repo.updateLayoutDefinition(trx, {
      id,
      baseVersion: rec.version,
      name: layout.name,
      definition,
      by: recordedUserId(actor),
      at,
    });
    if (!saved) throw conflict('版式刚刚被他人修改并保存。请重新加载最新版本，再做修改。');
    await insertAudit(trx, {
      at,
      actorId: recordedUserId(actor),
      actorName: actor.displayName,
      action: 'layout.update',
      entity: 'layout',
      entityId: id,
      before: { version: rec.version, name: rec.name },
      after: { version: rec.version + 1, name: layout.name, changed: changedKeys(before, layout) },
      ip: ctx.ip,
    });
  });
  return { ...(await getLayout(ctx, id)), changed: true };
}

/** Archive an own layout: no longer listed nor usable; its versions stay. */
export async function archiveLayout(ctx: Ctx, id: string): Promise<{ ok: true }> {
  if (builtinLayout(id)) throw new AppError('FORBIDDEN', '内置版式不能停用');
  const rec = await editableLayout(ctx, id);
  const actor = ctx.actor!;
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.archiveLayoutRecord(trx, id, recordedUserId(actor), at))) return; // already archived
    await insertAudit(trx, {
      at,
      actorId: recordedUserId(actor),
      actorName: actor.displayName,
      action: 'layout.archive',
      entity: 'layout',
      entityId: id,
      before: { archived: false, version: rec.version, name: rec.name },
      after: { archived: true },
      ip: ctx.ip,
    });
  });
  return { ok: true };
}
