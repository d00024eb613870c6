/**
 * The office's side of 政务公开 (#/disclosure): the programme's publications, publishing a round as a snapshot (its
 * approved reports are published in the same transaction), a 勘误 with its reason, the attachment files, the
 * moderation of 公示期 comments. Everything needs round:publish on the programme (its office); every change is audited.
 */
import { createHash } from 'node:crypto';
import { periodLabel } from '../../../domain/plan/periods';
import type { DocModel } from '../../../domain/publish/document/model';
import type { DbOrTx } from '../../db/connect';
import { AppError, conflict, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/disclosure.repo';
import { newId, parseJson } from '../../util';
import type { Ctx } from '../context';
import { recordedUserId } from '../local-operator';
import {
  CONTENT_TYPES,
  documentFileName,
  EXPORT_FORMATS,
  type ExportFormat,
  loadRenderers,
} from '../publish/export-document';
import { publishRoundWith } from '../publish/publish-round';
import type { PublicDocument } from './public-document';
import { type DisclosureMetadata, effectiveSettings, publishingProgramme } from './settings';
import { type PublishChoice, snapshotIn } from './snapshot';

/** Render and store a publication's attachment files (.docx, .xlsx, PDF) from its stored document; idempotent. */
export async function renderPublicationFiles(db: DbOrTx, publicationId: string, at: string): Promise<void> {
  const pub = await repo.findPublication(db, publicationId);
  if (!pub) throw notFound('公开信息');
  const have = new Set((await repo.listFiles(db, publicationId)).map((f) => f.format));
  const missing = EXPORT_FORMATS.filter((f) => !have.has(f));
  if (!missing.length) return;
  const doc = parseJson<PublicDocument | null>(pub.document, null)?.doc as DocModel | undefined;
  if (!doc) throw new AppError('INTERNAL', '公开信息的文档已损坏');
  const renderers = await loadRenderers();
  for (const format of missing) {
    const buf = await renderers[format](doc);
    await repo.insertFile(db, {
      id: newId(),
      publicationId,
      format,
      name: documentFileName(doc, format),
      contentType: CONTENT_TYPES[format],
      size: buf.length,
      sha256: createHash('sha256').update(buf).digest('hex'),
      data: buf.toString('base64'),
      createdAt: at,
    });
  }
}

/** A stored attachment (rendered from the snapshot on first request when it was not yet). */
export async function publicationFile(db: DbOrTx, publicationId: string, format: ExportFormat, at: string) {
  let f = await repo.findFile(db, publicationId, format);
  if (!f) {
    await renderPublicationFiles(db, publicationId, at);
    f = await repo.findFile(db, publicationId, format);
  }
  if (!f) throw notFound('附件');
  return { name: f.name, contentType: f.contentType, buf: Buffer.from(f.data, 'base64'), sha256: f.sha256 };
}

export type PublicationSummary = {
  id: string;
  slug: string;
  title: string;
  periodLabel: string;
  asOf: string;
  kind: 'first' | 'update' | 'correction';
  layoutName: string;
  rowCount: number;
  reason: string | null;
  replacesSlug: string | null;
  replacedBySlug: string | null;
  commentUntil: string | null;
  publishedAt: string;
  metadata: DisclosureMetadata;
  comments: { pending: number; approved: number; rejected: number };
};

/** The office's page: settings, rounds to publish, publications, comments waiting for a decision. */
export async function disclosureOverview(ctx: Ctx, programmeId: string) {
  await publishingProgramme(ctx, programmeId);
  const { stored: _s, ...settings } = await effectiveSettings(ctx.db, programmeId);
  const [pubs, counts, pending, rounds] = await Promise.all([
    repo.listPublicationsOfProgramme(ctx.db, programmeId),
    repo.countCommentsOfProgramme(ctx.db, programmeId),
    repo.listPendingOfProgramme(ctx.db, programmeId),
    repo.listRoundsForPublishing(ctx.db, programmeId),
  ]);
  const slugOf = new Map(pubs.map((p) => [p.id, p.slug]));
  const count = (id: string, status: string) =>
    Number(counts.find((c) => c.publicationId === id && c.status === status)?.n ?? 0);
  const publications: PublicationSummary[] = pubs.map((p) => ({
    id: p.id,
    slug: p.slug,
    title: p.title,
    periodLabel: p.periodLabel,
    asOf: p.asOf,
    kind: p.kind as PublicationSummary['kind'],
    layoutName: p.layoutName,
    rowCount: p.rowCount,
    reason: p.reason,
    replacesSlug: p.replacesId ? (slugOf.get(p.replacesId) ?? null) : null,
    replacedBySlug: p.replacedById ? (slugOf.get(p.replacedById) ?? null) : null,
    commentUntil: p.commentUntil,
    publishedAt: p.publishedAt,
    metadata: parseJson<DisclosureMetadata>(p.metadata, {} as DisclosureMetadata),
    comments: { pending: count(p.id, 'pending'), approved: count(p.id, 'approved'), rejected: count(p.id, 'rejected') },
  }));
  return {
    settings,
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      periodLabel: periodLabel(r.periodKey),
      asOf: r.asOf,
      approved: r.approved,
      published: r.published,
      live: pubs.find((p) => p.roundId === r.id && !p.replacedById)?.slug ?? null,
    })),
    publications,
    pending: pending.map((c) => ({
      id: c.id,
      publicationSlug: c.publicationSlug,
      publicationTitle: c.publicationTitle,
      name: c.name,
      contact: c.contact,
      text: c.text,
      createdAt: c.createdAt,
    })),
  };
}

const summaryOf = async (ctx: Ctx, programmeId: string, id: string) => {
  const o = await disclosureOverview(ctx, programmeId);
  const s = o.publications.find((p) => p.id === id);
  if (!s) throw notFound('公开信息');
  return s;
};

/** 发布到政务公开: publish the round's approved reports and store the snapshot as chosen; files rendered before answering. */
export async function publishToDisclosure(ctx: Ctx, roundId: string, choice: PublishChoice) {
  const { publicationId } = await publishRoundWith(ctx, roundId, choice);
  if (!publicationId) throw new AppError('VALIDATION', '没有可发布的内容');
  const pub = await repo.findPublication(ctx.db, publicationId);
  await renderPublicationFiles(ctx.db, publicationId, ctx.now().toISOString());
  return summaryOf(ctx, pub!.programmeId, publicationId);
}

/** 勘误: a new snapshot of the publication's round replacing it, with the reason; the old one stays readable. */
export async function correctPublication(ctx: Ctx, publicationId: string, choice: PublishChoice & { reason: string }) {
  const pub = await repo.findPublication(ctx.db, publicationId);
  if (!pub) throw notFound('公开信息');
  await publishingProgramme(ctx, pub.programmeId);
  if (pub.replacedById) throw conflict('该信息已有更正后的版本，请对最新版本勘误');
  const today = ctx.now().toISOString().slice(0, 10);
  const meta = parseJson<Partial<DisclosureMetadata>>(pub.metadata, {});
  const carriedWindow = pub.commentUntil && pub.commentUntil >= today ? pub.commentUntil : null;
  const id = await ctx.db.transaction().execute((trx) =>
    snapshotIn(trx, ctx, pub.roundId, {
      layoutId: choice.layoutId ?? pub.layoutId,
      splitMode: choice.splitMode ?? (pub.splitMode as PublishChoice['splitMode']),
      metadata: { ...meta, publishedOn: today, ...(choice.metadata ?? {}) },
      commentUntil: choice.commentUntil !== undefined ? choice.commentUntil : carriedWindow,
      reason: choice.reason,
      edits: choice.edits,
    }),
  );
  if (!id) throw new AppError('VALIDATION', '没有可发布的内容');
  await renderPublicationFiles(ctx.db, id, ctx.now().toISOString());
  return summaryOf(ctx, pub.programmeId, id);
}

/** Approve or reject a pending comment (approved ones show under the publication). */
export async function moderateComment(ctx: Ctx, commentId: string, decision: 'approved' | 'rejected') {
  const c = await repo.findComment(ctx.db, commentId);
  if (!c) throw notFound('意见');
  await publishingProgramme(ctx, c.programmeId);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.moderateComment(trx, commentId, decision, recordedUserId(ctx.actor), at)))
      throw conflict('该意见已处理过');
    await insertAudit(trx, {
      at,
      actorId: recordedUserId(ctx.actor),
      actorName: ctx.actor?.displayName ?? null,
      action: decision === 'approved' ? 'disclosure.comment.approve' : 'disclosure.comment.reject',
      entity: 'disclosureComment',
      entityId: commentId,
      after: { publication: c.publicationId, status: decision },
      ip: ctx.ip,
    });
  });
  return { id: commentId, status: decision };
}

/** An office user's download of any publication's file (the same bytes as the public gets). */
export async function officeFile(ctx: Ctx, publicationId: string, format: ExportFormat) {
  const pub = await repo.findPublication(ctx.db, publicationId);
  if (!pub) throw notFound('公开信息');
  await publishingProgramme(ctx, pub.programmeId);
  return publicationFile(ctx.db, publicationId, format, ctx.now().toISOString());
}
