/**
 * Official documents of a round (issue 9): the round's data as layout rows, a layout (built-in or the office's own),
 * composed into the document model and drawn as .docx, .xlsx or PDF. Audited: who, which round, layout, format, rows.
 */
import { defaultOfficeName, governmentShortName } from '../../../domain/model/org-names';
import type { DocModel } from '../../../domain/publish/document/model';
import { BUILTIN_LAYOUTS, builtinLayout } from '../../../domain/publish/layouts/builtin';
import { compose } from '../../../domain/publish/layouts/compose';
import type { LayoutData, LayoutRow } from '../../../domain/publish/layouts/data';
import type { Layout } from '../../../domain/publish/layouts/schema';
import type { ConsolidatedTable, TableRow } from '../../../shared/api-types';
import { PROJECT_FLAG_LABELS } from '../../../shared/statuses';
import type { Db } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import {
  findMatterGoals,
  findOfficeUnder,
  findProgrammeOwner,
  findTargetAdjustments,
} from '../../repositories/document-data.repo';
import type { Ctx } from '../context';
import { recordedUserId } from '../local-operator';
import { getConsolidatedTable } from './consolidated-table';
import { programmeLayout } from './layouts';

export const EXPORT_FORMATS = ['docx', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** The layouts an office can choose from (built-in for now; the office's own ones join them). */
export function listLayouts(): Layout[] {
  return [...BUILTIN_LAYOUTS];
}

/** A built-in layout or the programme's own (not archived); 404 otherwise. */
export async function findLayout(db: Db, programmeId: string, id: string): Promise<Layout> {
  const l = builtinLayout(id) ?? (await programmeLayout(db, programmeId, id));
  if (!l) throw new AppError('NOT_FOUND', `版式不存在：${id}（可用：${BUILTIN_LAYOUTS.map((x) => x.id).join('、')}）`);
  return l;
}

/** Target adjustments per project, in words, oldest first. */
async function adjustmentsOf(db: Db, projectIds: string[]): Promise<Map<string, { lines: string[]; first: string }>> {
  const out = new Map<string, { lines: string[]; first: string }>();
  if (projectIds.length === 0) return out;
  const rows = await findTargetAdjustments(db, projectIds);
  for (const r of rows) {
    const entry = out.get(r.projectId) ?? { lines: [], first: r.originalAnnualTarget ?? r.oldText };
    const by = r.approvedBy ? `（${r.approvedBy}批准）` : '';
    entry.lines.push(`年度目标由“${r.oldText}”调整为“${r.newText}”，原因：${r.reason}${by}。`);
    out.set(r.projectId, entry);
  }
  return out;
}

function layoutRow(r: TableRow, adj: { lines: string[]; first: string } | undefined): LayoutRow {
  const reported = r.status !== 'draft' || r.versionNo > 0;
  return {
    projectId: r.projectId,
    code: r.code,
    name: r.name,
    category: r.category,
    matter: r.matter,
    matterNumber: r.matterNumber,
    levels: r.levels,
    annualTarget: r.annualTarget,
    originalAnnualTarget: adj ? adj.first : null,
    adjustments: adj?.lines ?? [],
    periodTarget: r.periodTarget,
    leadUnits: r.leadUnits,
    assistUnits: r.assistUnits,
    cohostUnits: r.cohostUnits,
    unit: r.unit,
    report: reported
      ? {
          status: r.status as NonNullable<LayoutRow['report']>['status'],
          progress: r.progress,
          selfAssessment: r.selfAssessment,
          problems: r.problems,
          nextSteps: r.nextSteps,
          completedAnnualTarget: r.completedAnnualTarget,
        }
      : null,
    computedStatus: r.computedStatus ?? null,
    light: r.light ?? null,
    completionRatio: r.completionRatio ?? null,
    gapPoints: r.gapPoints ?? null,
    numbers: r.numbers ?? null,
  };
}

/** The government as titles name it: the owner's short name, or its name without 人民政府. */
async function governmentOf(db: Db, programmeId: string): Promise<{ government: string; office: string }> {
  const owner = await findProgrammeOwner(db, programmeId);
  if (!owner) throw notFound('实事计划');
  // "龙华区人民政府" → 龙华区; else the short name ("龙华区政府" → 龙华区).
  const government = governmentShortName(/人民政府$/.test(owner.name) ? owner.name : (owner.shortName ?? owner.name));
  const office = await findOfficeUnder(db, owner.id);
  return { government, office: office?.name ?? defaultOfficeName(government) };
}

/** A round's layout data (what the actor may export), from the consolidated table. */
export async function layoutDataOf(
  ctx: Ctx,
  roundId: string,
  issuedOn?: string,
): Promise<{ data: LayoutData; table: ConsolidatedTable }> {
  const table = await getConsolidatedTable(ctx, roundId, 'export:table');
  const projectIds = [...new Set(table.rows.map((r) => r.projectId))];
  const adj = await adjustmentsOf(ctx.db, projectIds);
  const goals = await findMatterGoals(ctx.db, projectIds);
  const { government, office } = await governmentOf(ctx.db, table.programme.id);
  // A project under an open 挂牌督办 record (issue 11) is printed with the mark after its name, as offices do.
  const listed = new Set(table.rows.filter((r) => r.supervision?.level === 'listed').map((r) => r.projectId));
  const data: LayoutData = {
    government,
    office,
    year: table.programme.year,
    periodKey: table.round.periodKey,
    asOf: table.round.asOf,
    issuedOn: issuedOn ?? ctx.now().toISOString().slice(0, 10),
    // Documents print the matter's goal text (the layouts' 民生事项), the table its short title.
    rows: table.rows.map((r) => ({
      ...layoutRow(r, adj.get(r.projectId)),
      name: listed.has(r.projectId) ? `${r.name}（${PROJECT_FLAG_LABELS.listed_supervision}）` : r.name,
      matter: goals.get(r.projectId) ?? r.matter,
    })),
  };
  return { data, table };
}

export type Renderers = Record<ExportFormat, (doc: DocModel) => Promise<Buffer>>;

/** The renderers, loaded on first use (PDF pulls in fonts; nobody pays for what they do not export). */
export async function loadRenderers(): Promise<Renderers> {
  const [{ renderDocx }, { renderXlsx }, { renderPdf }] = await Promise.all([
    import('../../files/export/docx-render'),
    import('../../files/export/xlsx-render'),
    import('../../files/export/pdf-render'),
  ]);
  return { docx: renderDocx, xlsx: renderXlsx, pdf: renderPdf };
}

/** A file name: the document's title and the format, no characters a file system refuses. */
export const documentFileName = (doc: DocModel, format: ExportFormat) =>
  `${doc.meta.title.replace(/[\\/:*?"<>|\s]+/g, '') || '民生实事'}.${format}`;

/** Compose and render one round in one layout and format; audited. */
export async function exportRoundDocument(
  ctx: Ctx,
  input: { roundId: string; layoutId: string; format: ExportFormat },
): Promise<{ buf: Buffer; name: string; contentType: string; rows: number }> {
  const { data, table } = await layoutDataOf(ctx, input.roundId);
  const layout = await findLayout(ctx.db, table.programme.id, input.layoutId);
  const doc = compose(layout, data);
  const renderers = await loadRenderers();
  const buf = await renderers[input.format](doc);
  await insertAudit(ctx.db, {
    at: ctx.now().toISOString(),
    actorId: recordedUserId(ctx.actor),
    actorName: ctx.actor?.displayName ?? null,
    action: 'document.export',
    entity: 'round',
    entityId: table.round.id,
    after: { layout: layout.id, format: input.format, rows: data.rows.length, bytes: buf.length },
    ip: ctx.ip,
  });
  return {
    buf,
    name: documentFileName(doc, input.format),
    contentType: CONTENT_TYPES[input.format],
    rows: data.rows.length,
  };
}

/** The document's first rows for the browser's preview (each table cut to `maxRows` body rows). */
export async function previewRoundDocument(ctx: Ctx, roundId: string, layoutId: string | Layout, maxRows = 12) {
  const { data, table } = await layoutDataOf(ctx, roundId);
  // A layout id, or a layout being edited and not saved yet (checked by the caller).
  const layout = typeof layoutId === 'string' ? await findLayout(ctx.db, table.programme.id, layoutId) : layoutId;
  const doc = compose(layout, data);
  let omittedRows = 0;
  const blocks = doc.blocks.map((b) => {
    if (b.kind !== 'table' || b.body.length <= maxRows) return b;
    omittedRows += b.body.length - maxRows;
    // Cut rowSpans that would reach past the cut.
    const body = b.body
      .slice(0, maxRows)
      .map((row, r) => row.map((c) => (c.rowSpan && r + c.rowSpan > maxRows ? { ...c, rowSpan: maxRows - r } : c)));
    return { ...b, body };
  });
  return { ...doc, blocks, omittedRows };
}
