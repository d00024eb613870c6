/**
 * The snapshot of a publication (政务公开, issue 13 §1): built from the round's published report versions only (the
 * plan's public facts around them), in a layout made fit for the public (public-document.ts), stored whole — the
 * composed document, its rows as text, the metadata, the layout's name — and never changed afterwards. A later
 * publication of the same round (a 勘误 with its reason, or an update when more reports were published) is a new
 * snapshot naming the one it replaces; the replaced one stays readable and points to its successor.
 */
import { randomBytes } from 'node:crypto';
import { pickPeriodTarget } from '../../../domain/assess';
import { periodLabel } from '../../../domain/plan/periods';
import { builtinLayout } from '../../../domain/publish/layouts/builtin';
import type { LayoutData, LayoutRow } from '../../../domain/publish/layouts/data';
import type { DbOrTx } from '../../db/connect';
import { AppError, conflict, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/disclosure.repo';
import { findMatterGoals, findTargetAdjustments } from '../../repositories/document-data.repo';
import { findProgramme, findRound } from '../../repositories/programmes.repo';
import { findPeriodTargets, findProjectUnits } from '../../repositories/reports.repo';
import { newId, parseJson } from '../../util';
import type { Ctx } from '../context';
import { recordedUserId } from '../local-operator';
import {
  applyEdits,
  type CellEdit,
  composePublic,
  documentHash,
  type PublicDocument,
  type SplitMode,
} from './public-document';
import { DEFAULT_LAYOUT_ID, type DisclosureMetadata, ensureSettings, governmentOf, layoutFor } from './settings';

/** What the office chooses when it publishes (everything optional: the programme's settings fill the rest). */
export type PublishChoice = {
  layoutId?: string | undefined;
  splitMode?: SplitMode | undefined;
  metadata?: Partial<DisclosureMetadata> | undefined;
  /** Last day of the 公示期 (YYYY-MM-DD), or null for no comment window. */
  commentUntil?: string | null | undefined;
  /** Required when the round already has a publication in force (the new one is a 勘误). */
  reason?: string | undefined;
  /** Cells corrected by the 勘误 (the row by project code and unit, the column by its header). */
  edits?: CellEdit[] | undefined;
};

/** The round's published content as layout rows (no assessment, no comment, no unpublished version). */
export async function publishedLayoutData(db: DbOrTx, roundId: string, issuedOn: string) {
  const round = await findRound(db, roundId);
  if (!round) throw notFound('填报批次');
  const programme = await findProgramme(db, round.programmeId);
  if (!programme) throw notFound('实事计划');
  const content = await repo.findPublishedContent(db, roundId);
  const projectIds = [...new Set(content.map((c) => c.projectId))];
  const [units, targets, goals, adjustments] = await Promise.all([
    findProjectUnits(db, projectIds),
    findPeriodTargets(db, projectIds),
    findMatterGoals(db, projectIds),
    projectIds.length ? findTargetAdjustments(db, projectIds) : Promise.resolve([]),
  ]);
  const adj = new Map<string, { lines: string[]; first: string }>();
  for (const r of adjustments) {
    const e = adj.get(r.projectId) ?? { lines: [], first: r.originalAnnualTarget ?? r.oldText };
    e.lines.push(
      `年度目标由“${r.oldText}”调整为“${r.newText}”，原因：${r.reason}${r.approvedBy ? `（${r.approvedBy}批准）` : ''}。`,
    );
    adj.set(r.projectId, e);
  }
  const names = (projectId: string, role: string) =>
    units.filter((u) => u.projectId === projectId && u.role === role).map((u) => u.name);
  const rows: LayoutRow[] = content.map((c) => ({
    projectId: c.projectId,
    code: c.code,
    name: c.name,
    category: c.category,
    matter: goals.get(c.projectId) ?? c.matter,
    matterNumber: c.matterNumber,
    levels: parseJson<string[]>(c.levels, []),
    annualTarget: c.annualTargetText,
    originalAnnualTarget: adj.get(c.projectId)?.first ?? null,
    adjustments: adj.get(c.projectId)?.lines ?? [],
    periodTarget: pickPeriodTarget(
      targets.filter((t) => t.projectId === c.projectId),
      round.periodKey,
    ),
    leadUnits: names(c.projectId, 'lead'),
    assistUnits: names(c.projectId, 'assist'),
    cohostUnits: names(c.projectId, 'cohost'),
    unit: c.unit,
    report: {
      status: 'published',
      progress: c.progressText,
      selfAssessment: c.selfAssessment,
      problems: c.problems,
      nextSteps: c.nextSteps,
      completedAnnualTarget: Boolean(c.completedAnnualTarget),
    },
    computedStatus: null,
    light: null,
    completionRatio: null,
    gapPoints: null,
  }));
  const { government, office } = await governmentOf(db, programme.id);
  const data: LayoutData = {
    government,
    office,
    year: programme.year,
    periodKey: round.periodKey,
    asOf: round.asOf,
    issuedOn,
    rows,
  };
  return { round, programme, data, sources: content.map((c) => c.versionId) };
}

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** A publication's slug: the period and six random hex digits ("2026-q3-4fa2c1"), stable forever. */
const newSlug = (periodKey: string) => `${periodKey.toLowerCase()}-${randomBytes(3).toString('hex')}`;

/**
 * Store a snapshot of the round in the caller's transaction. `choice` null: after a round's publication (publish-
 * round.ts) — a first publication with the programme's defaults, or an update of the one in force when its content
 * changed (nothing when unchanged). With a choice: the office publishes deliberately; over a publication in force it is
 * a 勘误 and needs a reason. Returns the new publication's id, or null when nothing was stored.
 */
type Live = repo.PublicationRecord | undefined;
type Settings = Awaited<ReturnType<typeof ensureSettings>>;

/** Layout, split mode, metadata and comment window: the office's choice, else the publication in force (automatic
 *  updates keep it), else the programme's settings. An archived layout in the settings falls back to the default. */
async function resolveChoice(
  trx: DbOrTx,
  programmeId: string,
  settings: Settings,
  live: Live,
  choice: PublishChoice | null,
  today: string,
) {
  const keep = live && !choice ? live : null;
  const layoutId = choice?.layoutId ?? keep?.layoutId ?? settings.layoutId;
  const layout = await layoutFor(trx, programmeId, layoutId).catch((e: unknown) => {
    if (choice) throw e;
    return builtinLayout(DEFAULT_LAYOUT_ID)!;
  });
  const split: SplitMode =
    choice?.splitMode ?? (keep?.splitMode as SplitMode | undefined) ?? settings.splitMode ?? layout.splitProjects;
  const liveMeta = keep ? parseJson<DisclosureMetadata | null>(keep.metadata, null) : null;
  const base: DisclosureMetadata = liveMeta
    ? { ...liveMeta, publishedOn: today }
    : { ...settings.defaults, publishedOn: today, issuedOn: today };
  const metadata: DisclosureMetadata = { ...base, ...stripUndefined(choice?.metadata ?? {}) };
  const fallbackWindow = settings.commentDays > 0 ? addDays(today, settings.commentDays) : null;
  const commentUntil =
    choice?.commentUntil !== undefined ? choice.commentUntil : live ? live.commentUntil : fallbackWindow;
  if (choice && commentUntil && commentUntil < today) throw new AppError('VALIDATION', '公示期截止日期不能早于今天');
  return { layout, split, metadata, commentUntil };
}

/** First publication, automatic update (null when nothing changed) or 勘误 (which needs a reason). */
function kindOf(live: Live, choice: PublishChoice | null, hash: string) {
  if (!live) return { kind: 'first', reason: null };
  if (!choice)
    return live.contentHash === hash ? null : { kind: 'update', reason: '补充发布本期新审核通过的项目进展。' };
  const reason = choice.reason?.trim() || null;
  if (!reason) throw new AppError('VALIDATION', '该批次已发布到政务公开，再次发布即为勘误：请填写勘误原因');
  return { kind: 'correction', reason };
}

/**
 * Store a snapshot of the round in the caller's transaction. `choice` null: after a round's publication (publish-
 * round.ts) — a first publication with the programme's defaults, or an update of the one in force when its content
 * changed (nothing when unchanged). With a choice: the office publishes deliberately; over a publication in force it is
 * a 勘误 and needs a reason. Returns the new publication's id, or null when nothing was stored.
 */
export async function snapshotIn(
  trx: DbOrTx,
  ctx: Ctx,
  roundId: string,
  choice: PublishChoice | null,
): Promise<string | null> {
  const at = ctx.now().toISOString();
  const today = at.slice(0, 10);
  const by = recordedUserId(ctx.actor);
  const round = await findRound(trx, roundId);
  if (!round) throw notFound('填报批次');
  const settings = await ensureSettings(trx, round.programmeId, at, by);
  const live = await repo.findLivePublicationOfRound(trx, roundId);
  const { layout, split, metadata, commentUntil } = await resolveChoice(
    trx,
    round.programmeId,
    settings,
    live,
    choice,
    today,
  );
  const { programme, data, sources } = await publishedLayoutData(trx, roundId, metadata.issuedOn);
  if (data.rows.length === 0) {
    if (!choice) return null;
    throw new AppError('VALIDATION', '该批次还没有已发布的填报内容：请先审核通过，再发布到政务公开');
  }
  // Cells corrected by earlier 勘误 stay corrected (a later edit of the same cell wins).
  const fresh = choice?.edits ?? [];
  const same = (a: CellEdit, b: CellEdit) => a.code === b.code && a.unit === b.unit && a.column === b.column;
  const carried = (live ? (parseJson<{ edits?: CellEdit[] }>(live.sources, {}).edits ?? []) : []).filter(
    (e) => !fresh.some((f) => same(e, f)),
  );
  const doc: PublicDocument = withEdits(applyEdits(composePublic(layout, data, split), carried, false), fresh);
  const hash = documentHash(doc);
  const k = kindOf(live, choice, hash);
  if (!k) return null;
  const { kind, reason } = k;
  const id = newId();
  await repo.insertPublication(trx, {
    id,
    slug: newSlug(round.periodKey),
    programmeId: programme.id,
    roundId,
    year: programme.year,
    kind,
    title: doc.doc.meta.title,
    periodLabel: periodLabel(round.periodKey),
    asOf: round.asOf,
    layoutId: layout.id,
    layoutName: layout.name,
    splitMode: split,
    metadata: JSON.stringify(metadata),
    document: JSON.stringify(doc),
    rowCount: doc.rows.length,
    contentHash: hash,
    sources: JSON.stringify({ versions: sources, edits: [...carried, ...fresh] }),
    reason,
    replacesId: live?.id ?? null,
    replacedById: null,
    commentUntil,
    publishedAt: at,
    publishedBy: by,
  });
  if (live && !(await repo.markReplaced(trx, live.id, id))) throw conflict('该信息刚刚已被他人更正，请刷新后再试');
  await insertAudit(trx, {
    at,
    actorId: by,
    actorName: ctx.actor?.displayName ?? null,
    action: kind === 'correction' ? 'disclosure.correct' : 'disclosure.publish',
    entity: 'round',
    entityId: roundId,
    after: {
      publication: id,
      kind,
      layout: layout.id,
      split,
      rows: doc.rows.length,
      reason,
      replaces: live?.id ?? null,
    },
    ip: ctx.ip,
  });
  return id;
}

function withEdits(d: PublicDocument, edits: CellEdit[]): PublicDocument {
  try {
    return applyEdits(d, edits);
  } catch (e) {
    throw new AppError('VALIDATION', (e as Error).message);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
