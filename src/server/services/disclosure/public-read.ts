/**
 * What the public reads (no login): the programmes and years with publications, a year's list, one publication
 * (metadata, the stored document, attachments, correction notices, approved comments), and the 公示期 comment form.
 * Everything comes from stored snapshots: no report, assessment, comment of the office or id of a record is read here.
 */
import { createHash } from 'node:crypto';
import type { Cell, DocModel } from '../../../domain/publish/document/model';
import { cellText, paraText } from '../../../domain/publish/document/model';
import { MARK_COLOURS } from '../../../domain/publish/layouts/compose';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import * as repo from '../../repositories/disclosure.repo';
import { newId, parseJson } from '../../util';
import type { PublicDocument, PublicRow } from './public-document';
import type { DisclosureMetadata } from './settings';

export const COMMENT_LIMITS = { name: 20, contact: 50, textMin: 5, textMax: 500, perTenMinutes: 3, perDay: 20 };

export type PublicCell = { text: string; colSpan?: number; rowSpan?: number; mark?: 'green' | 'yellow' | 'red' };
export type PublicBlock =
  | { kind: 'paragraph'; style: string; text: string }
  | { kind: 'table'; header: PublicCell[][]; body: PublicCell[][] };

export type PublicLink = {
  slug: string;
  title: string;
  kind: 'first' | 'update' | 'correction';
  publishedAt: string;
  reason: string | null;
};

export type PublicPublication = {
  slug: string;
  url: string;
  listUrl: string;
  title: string;
  programme: string;
  year: number;
  periodLabel: string;
  asOf: string;
  kind: 'first' | 'update' | 'correction';
  layoutName: string;
  publishedAt: string;
  metadata: DisclosureMetadata;
  /** The publication this one corrects or updates (with the reason), if any. */
  replaces: PublicLink | null;
  /** The newer publication that replaced this one (with its reason), if any. */
  replacedBy: PublicLink | null;
  blocks: PublicBlock[];
  headers: string[];
  rows: PublicRow[];
  attachments: { format: 'docx' | 'xlsx' | 'pdf'; name: string; size: number; url: string }[];
  comments: { open: boolean; until: string | null; items: { name: string; text: string; at: string }[] };
};

const COLOUR_NAMES = Object.fromEntries(Object.entries(MARK_COLOURS).map(([k, v]) => [v, k])) as Record<
  string,
  'green' | 'yellow' | 'red'
>;

function publicCell(c: Cell): PublicCell {
  const mark = c.paras.flatMap((p) => p.runs).find((r) => r.text === '▋' && r.color && COLOUR_NAMES[r.color]);
  return {
    text: cellText(c),
    ...(c.colSpan && c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
    ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    ...(mark ? { mark: COLOUR_NAMES[mark.color!] } : {}),
  };
}

function publicBlocks(doc: DocModel): PublicBlock[] {
  const out: PublicBlock[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') out.push({ kind: 'paragraph', style: b.style, text: paraText(b.para) });
    else if (b.kind === 'table')
      out.push({
        kind: 'table',
        header: b.header.map((r) => r.map(publicCell)),
        body: b.body.map((r) => r.map(publicCell)),
      });
  }
  return out;
}

const link = (p: repo.PublicationRecord | undefined, reason: string | null): PublicLink | null =>
  p ? { slug: p.slug, title: p.title, kind: p.kind as PublicLink['kind'], publishedAt: p.publishedAt, reason } : null;

/** One publication as the public sees it; `today` decides whether the comment window is open. */
export async function publicPublication(db: DbOrTx, slug: string, today: string): Promise<PublicPublication> {
  const p = await repo.findPublicationBySlug(db, slug);
  if (!p) throw notFound('公开信息');
  return viewOf(db, p, today);
}

async function viewOf(db: DbOrTx, p: repo.PublicationRecord, today: string): Promise<PublicPublication> {
  const [settings, files, comments, before, after, programme] = await Promise.all([
    repo.findSettings(db, p.programmeId),
    repo.listFiles(db, p.id),
    repo.listComments(db, p.id, 'approved'),
    p.replacesId ? repo.findPublication(db, p.replacesId) : Promise.resolve(undefined),
    p.replacedById ? repo.findPublication(db, p.replacedById) : Promise.resolve(undefined),
    repo.findProgrammeName(db, p.programmeId),
  ]);
  const doc = parseJson<PublicDocument | null>(p.document, null);
  const formats = ['docx', 'xlsx', 'pdf'] as const;
  const sizes = new Map(files.map((f) => [f.format, f.size]));
  const stem = doc?.doc.meta.title.replace(/[\\/:*?"<>|\s]+/g, '') || '民生实事';
  return {
    slug: p.slug,
    url: `/gk/p/${p.slug}`,
    listUrl: `/gk/${settings?.slug ?? ''}/${p.year}/`,
    title: p.title,
    programme: programme ?? '',
    year: p.year,
    periodLabel: p.periodLabel,
    asOf: p.asOf,
    kind: p.kind as PublicPublication['kind'],
    layoutName: p.layoutName,
    publishedAt: p.publishedAt,
    metadata: parseJson<DisclosureMetadata>(p.metadata, {} as DisclosureMetadata),
    replaces: link(before, p.reason),
    replacedBy: link(after, after?.reason ?? null),
    blocks: doc ? publicBlocks(doc.doc) : [],
    headers: doc?.headers ?? [],
    rows: doc?.rows ?? [],
    // Files not rendered yet are rendered on the first download (from this same stored document).
    attachments: formats.map((format) => ({
      format,
      name: `${stem}.${format}`,
      size: sizes.get(format) ?? 0,
      url: `/gk/p/${p.slug}/${format}`,
    })),
    comments: {
      open: Boolean(p.commentUntil && today <= p.commentUntil && !p.replacedById),
      until: p.commentUntil,
      items: comments.map((c) => ({ name: c.name?.trim() || '网友', text: c.text, at: c.createdAt.slice(0, 10) })),
    },
  };
}

/** The publication's internal id for a slug (file downloads), 404 when there is none. */
export async function publicationIdOf(db: DbOrTx, slug: string): Promise<string> {
  const p = await repo.findPublicationBySlug(db, slug);
  if (!p) throw notFound('公开信息');
  return p.id;
}

/** /gk/: the programmes and years with publications. */
export async function publicIndex(db: DbOrTx) {
  const rows = await repo.listPublishedProgrammeYears(db);
  return rows.map((r) => ({
    programme: r.name,
    year: Number(r.year),
    count: Number(r.count),
    latest: String(r.latest ?? ''),
    url: `/gk/${r.slug}/${r.year}/`,
  }));
}

/** /gk/<programme>/<year>/: the year's publications, newest first, replaced ones marked. */
export async function publicYear(db: DbOrTx, programmeSlug: string, year: number) {
  const s = await repo.findSettingsBySlug(db, programmeSlug);
  if (!s) throw notFound('公开栏目');
  const [name, pubs] = await Promise.all([
    repo.findProgrammeName(db, s.programmeId),
    repo.listPublicationsOfYear(db, s.programmeId, year),
  ]);
  if (!pubs.length) throw notFound('公开栏目');
  const slugOf = new Map(pubs.map((p) => [p.id, p.slug]));
  return {
    programme: name ?? '',
    year,
    items: pubs.map((p) => ({
      slug: p.slug,
      url: `/gk/p/${p.slug}`,
      title: p.title,
      periodLabel: p.periodLabel,
      kind: p.kind as PublicPublication['kind'],
      publishedOn: parseJson<Partial<DisclosureMetadata>>(p.metadata, {}).publishedOn ?? p.publishedAt.slice(0, 10),
      replaced: p.replacedById !== null,
      replacedByUrl: p.replacedById && slugOf.get(p.replacedById) ? `/gk/p/${slugOf.get(p.replacedById)}` : null,
      reason: p.reason,
    })),
  };
}

/** Legacy /api/public/rounds: rounds with a publication in force. */
export async function publicRounds(db: DbOrTx) {
  const rows = await repo.listLivePublications(db);
  return rows.map((r) => ({
    id: r.roundId,
    slug: r.slug,
    name: r.title,
    programme: r.programme,
    periodLabel: r.periodLabel,
    asOf: r.asOf,
  }));
}

/** Legacy /api/public/rounds/:id/table: the round's publication in force. */
export async function publicRoundPublication(db: DbOrTx, roundId: string, today: string) {
  const p = await repo.findLivePublicationOfRound(db, roundId);
  if (!p) throw notFound('公开数据');
  return viewOf(db, p, today);
}

export type CommentInput = { name: string; contact: string; text: string; website: string };

/** Control characters out (newlines kept in the text), trimmed. */
const clean = (s: string, keepNewlines = false) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  s.replace(keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g, '').trim();

/**
 * A 公示期 comment from the public, held for moderation. Refused (400, Chinese) when the window is closed, a field is
 * too long or the text too short, or the address sent too many lately (429). The honeypot field `website` (hidden
 * from people) filled in: answered as accepted, nothing stored.
 */
export async function submitComment(
  db: DbOrTx,
  slug: string,
  input: CommentInput,
  ip: string,
  now: Date,
): Promise<{ stored: boolean }> {
  const p = await repo.findPublicationBySlug(db, slug);
  if (!p) throw notFound('公开信息');
  const at = now.toISOString();
  const today = at.slice(0, 10);
  if (!p.commentUntil || today > p.commentUntil || p.replacedById)
    throw new AppError('VALIDATION', '本信息的公示期已结束（或未设意见征集），不再接收意见');
  if (input.website.trim()) return { stored: false };
  const name = clean(input.name);
  const contact = clean(input.contact);
  const text = clean(input.text, true).replace(/\r\n?/g, '\n');
  if (name.length > COMMENT_LIMITS.name) throw new AppError('VALIDATION', `姓名不能超过${COMMENT_LIMITS.name}个字`);
  if (contact.length > COMMENT_LIMITS.contact)
    throw new AppError('VALIDATION', `联系方式不能超过${COMMENT_LIMITS.contact}个字`);
  if ([...text].length < COMMENT_LIMITS.textMin)
    throw new AppError('VALIDATION', `意见内容至少${COMMENT_LIMITS.textMin}个字`);
  if ([...text].length > COMMENT_LIMITS.textMax)
    throw new AppError('VALIDATION', `意见内容不能超过${COMMENT_LIMITS.textMax}个字`);
  const clientHash = createHash('sha256').update(`disclosure-comment|${ip}`).digest('hex');
  const tenMinutes = new Date(now.getTime() - 10 * 60_000).toISOString();
  const day = new Date(now.getTime() - 24 * 3600_000).toISOString();
  if (
    (await repo.countCommentsSince(db, clientHash, tenMinutes)) >= COMMENT_LIMITS.perTenMinutes ||
    (await repo.countCommentsSince(db, clientHash, day)) >= COMMENT_LIMITS.perDay
  )
    throw new AppError('RATE_LIMITED', '提交过于频繁，请稍后再试');
  await repo.insertComment(db, {
    id: newId(),
    publicationId: p.id,
    name: name || null,
    contact: contact || null,
    text,
    status: 'pending',
    createdAt: at,
    clientHash,
    moderatedAt: null,
    moderatedBy: null,
  });
  return { stored: true };
}
