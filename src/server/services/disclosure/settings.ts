/**
 * 政务公开 settings of a programme: its public address (/gk/<slug>/<year>/), the layout and split mode a publication
 * uses unless the office chooses otherwise, the disclosure metadata printed with every publication (seed 003's block:
 * 信息来源, 所属类目, 主题分类, 体裁, 发文字号, 公开类别, 机构名称; the dates are the publication's own) and the default
 * length of the 公示期 comment window. Read and changed by the programme's office (round:publish); audited.
 */
import { randomBytes } from 'node:crypto';
import { defaultOfficeName, governmentShortName } from '../../../domain/model/org-names';
import { builtinLayout } from '../../../domain/publish/layouts/builtin';
import type { Layout } from '../../../domain/publish/layouts/schema';
import type { DbOrTx } from '../../db/connect';
import { AppError, conflict, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/disclosure.repo';
import { findOfficeUnder, findProgrammeOwner } from '../../repositories/document-data.repo';
import { authorize, type Ctx } from '../context';
import { recordedUserId } from '../local-operator';
import { programmeLayout } from '../publish/layouts';
import { visibleProgramme } from '../subjects';
import type { SplitMode } from './public-document';

/** The metadata block of a publication (seed 003). Dates YYYY-MM-DD. */
export type DisclosureMetadata = {
  source: string;
  publishedOn: string;
  category: string;
  topic: string;
  genre: string;
  docNumber: string;
  issuedOn: string;
  openness: string;
  agency: string;
};
export type MetadataDefaults = Omit<DisclosureMetadata, 'publishedOn' | 'issuedOn'>;

export type DisclosureSettings = {
  slug: string;
  layoutId: string;
  splitMode: SplitMode | null;
  defaults: MetadataDefaults;
  commentDays: number;
  updatedAt: string | null;
};

export const DEFAULT_LAYOUT_ID = 'monthly-progress';

/** The government's short name and its 督查室, as documents print them. */
export async function governmentOf(db: DbOrTx, programmeId: string): Promise<{ government: string; office: string }> {
  const owner = await findProgrammeOwner(db, programmeId);
  if (!owner) throw notFound('实事计划');
  const government = governmentShortName(/人民政府$/.test(owner.name) ? owner.name : (owner.shortName ?? owner.name));
  const office = await findOfficeUnder(db, owner.id);
  return { government, office: office?.name ?? defaultOfficeName(government) };
}

const parseDefaults = (text: string, fallback: MetadataDefaults): MetadataDefaults => {
  try {
    return { ...fallback, ...(JSON.parse(text) as Partial<MetadataDefaults>) };
  } catch {
    return fallback;
  }
};

/** The settings in force (the stored ones, or the defaults); `stored` says whether a row exists. */
export async function effectiveSettings(
  db: DbOrTx,
  programmeId: string,
): Promise<DisclosureSettings & { stored: boolean }> {
  const { office } = await governmentOf(db, programmeId);
  const fallback: MetadataDefaults = {
    source: office,
    category: '政府实事项目进展',
    topic: '综合政务',
    genre: '报告',
    docNumber: '',
    openness: '主动公开',
    agency: office,
  };
  const rec = await repo.findSettings(db, programmeId);
  if (!rec)
    return {
      stored: false,
      slug: '',
      layoutId: DEFAULT_LAYOUT_ID,
      splitMode: null,
      defaults: fallback,
      commentDays: 0,
      updatedAt: null,
    };
  return {
    stored: true,
    slug: rec.slug,
    layoutId: rec.layoutId,
    splitMode: (rec.splitMode as SplitMode | null) ?? null,
    defaults: parseDefaults(rec.metadata, fallback),
    commentDays: rec.commentDays,
    updatedAt: rec.updatedAt,
  };
}

/** The settings, stored (with a new public slug) if they were not yet: a publication needs its programme's address. */
export async function ensureSettings(
  db: DbOrTx,
  programmeId: string,
  at: string,
  by: string | null,
): Promise<DisclosureSettings> {
  const s = await effectiveSettings(db, programmeId);
  if (s.stored) return s;
  const slug = randomBytes(4).toString('hex');
  await repo.upsertSettings(db, {
    programmeId,
    slug,
    layoutId: s.layoutId,
    splitMode: s.splitMode,
    metadata: JSON.stringify(s.defaults),
    commentDays: s.commentDays,
    updatedAt: at,
    updatedBy: by,
  });
  return { ...s, slug, updatedAt: at };
}

/** A layout a programme may publish with: built-in or its own (not archived). */
export async function layoutFor(db: DbOrTx, programmeId: string, id: string): Promise<Layout> {
  const l = builtinLayout(id) ?? (await programmeLayout(db, programmeId, id));
  if (!l) throw new AppError('VALIDATION', `版式不存在或已停用：${id}`);
  return l;
}

/** The programme, for its office (who publishes). */
export async function publishingProgramme(ctx: Ctx, programmeId: string) {
  const p = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'round:publish', p);
  return p;
}

export async function getSettings(ctx: Ctx, programmeId: string) {
  await publishingProgramme(ctx, programmeId);
  const { stored: _stored, ...s } = await effectiveSettings(ctx.db, programmeId);
  return s;
}

export type SettingsInput = {
  slug?: string | undefined;
  layoutId: string;
  splitMode: SplitMode | null;
  defaults: MetadataDefaults;
  commentDays: number;
};

export async function saveSettings(ctx: Ctx, programmeId: string, input: SettingsInput) {
  await publishingProgramme(ctx, programmeId);
  const actor = ctx.actor!;
  await layoutFor(ctx.db, programmeId, input.layoutId);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await ensureSettings(trx, programmeId, at, recordedUserId(actor));
    const slug = input.slug?.trim() || before.slug;
    if (slug !== before.slug && (await repo.slugTaken(trx, slug, programmeId)))
      throw conflict(`公开网址“${slug}”已被其他实事计划使用，请换一个`);
    await repo.upsertSettings(trx, {
      programmeId,
      slug,
      layoutId: input.layoutId,
      splitMode: input.splitMode,
      metadata: JSON.stringify(input.defaults),
      commentDays: input.commentDays,
      updatedAt: at,
      updatedBy: recordedUserId(actor),
    });
    await insertAudit(trx, {
      at,
      actorId: recordedUserId(actor),
      actorName: actor.displayName,
      action: 'disclosure.settings',
      entity: 'programme',
      entityId: programmeId,
      before: { slug: before.slug, layoutId: before.layoutId, defaults: before.defaults },
      after: { slug, layoutId: input.layoutId, splitMode: input.splitMode, defaults: input.defaults },
      ip: ctx.ip,
    });
  });
  return getSettings(ctx, programmeId);
}
