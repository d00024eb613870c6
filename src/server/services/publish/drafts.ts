/**
 * The office's drafts as .docx: the 通报 of a round and the 督办单 of one lagging report (issue 9 §3). Composed in the
 * domain (domain/publish/bulletin.ts) from the round's consolidated table; audited.
 */
import { type BulletinRow, composeBulletin, composeSupervisionForm } from '../../../domain/publish/bulletin';
import { isHandedIn } from '../../../domain/review/review-workflow';
import type { TableRow } from '../../../shared/api-types';
import { AppError, notFound } from '../../errors';
import { renderDocx } from '../../files/export/docx-render';
import { countAuditActions, insertAudit } from '../../repositories/audit.repo';
import type { Ctx } from '../context';
import { seesInternal } from '../evaluate/deputy-view';
import { visibleRound } from '../subjects';
import { documentFileName, layoutDataOf } from './export-document';

const bulletinRow = (r: TableRow): BulletinRow => ({
  code: r.code,
  name: r.name,
  unit: r.unit,
  status: r.status,
  handedIn: isHandedIn(r.status),
  late: r.late,
  computedStatus: r.computedStatus ?? null,
  selfAssessment: r.selfAssessment,
  gapPoints: r.gapPoints ?? null,
  reason: r.reason ?? null,
  rules: (r.findings ?? []).map((f) => f.rule),
});

async function audit(ctx: Ctx, action: string, entity: string, entityId: string, after: unknown) {
  await insertAudit(ctx.db, {
    at: ctx.now().toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action,
    entity,
    entityId,
    after,
    ip: ctx.ip,
  });
}

/** The 通报 draft of a round (.docx). */
export async function bulletinDocx(ctx: Ctx, roundId: string) {
  const { data, table } = await layoutDataOf(ctx, roundId);
  const doc = composeBulletin({
    government: data.government,
    office: data.office,
    year: data.year,
    periodKey: data.periodKey,
    asOf: data.asOf,
    dueDate: table.round.dueDate,
    issuedOn: data.issuedOn,
    rows: table.rows.map(bulletinRow),
  });
  const buf = await renderDocx(doc);
  await audit(ctx, 'bulletin.export', 'round', roundId, { rows: table.rows.length, format: 'docx' });
  return { buf, name: documentFileName(doc, 'docx') };
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The 督办单 of one report of a round (a lagging project of a unit), numbered in the programme's year (.docx). */
export async function supervisionFormDocx(ctx: Ctx, roundId: string, reportId: string) {
  // A 督办单 is the office's internal supervision, not a deputy's reading (approved content only).
  const owner = await visibleRound(ctx, roundId);
  if (!seesInternal(ctx, owner.ownerOrgId)) throw new AppError('FORBIDDEN', '督办单仅限督查室和领导生成');
  const { data, table } = await layoutDataOf(ctx, roundId);
  const row = table.rows.find((r) => r.reportId === reportId);
  if (!row) throw notFound('填报');
  if (!row.computedStatus && !row.light) throw new AppError('CONFLICT', '该项目尚无研判结果，无法生成督办单');
  const issued = await countAuditActions(ctx.db, 'supervision.form', `${data.year}-01-01`);
  const serial = `督办〔${data.year}〕第${issued + 1}号`;
  const level = row.computedStatus === '严重滞后' || row.light === 'red' ? '红色督办单' : '黄色督办单';
  const doc = composeSupervisionForm({
    government: data.government,
    office: data.office,
    serial,
    level,
    code: row.code,
    name: row.name,
    unit: row.unit,
    asOf: data.asOf,
    computedStatus: row.computedStatus ?? null,
    gapPoints: row.gapPoints ?? null,
    reason: row.reason ?? null,
    deadline: addDays(data.issuedOn, 7),
    requirements: [
      '查明滞后原因（主观、客观两方面），制定有针对性的整改措施，明确完成时限和责任人。',
      '在办理时限内填写反馈栏并报送督查室，同时在系统中报送书面分析。',
      '分管领导亲自过问，确保按期追上序时进度。',
    ],
    issuedOn: data.issuedOn,
  });
  const buf = await renderDocx(doc);
  await audit(ctx, 'supervision.form', 'report', reportId, { serial, level, roundId });
  return { buf, name: documentFileName(doc, 'docx') };
}
