/** GET /api/supervisions/:id/form.docx — the 督办单 filled from a 督办 record (the existing layout and renderer); audited. */
import { LADDER_LABELS, type SupervisionLevel } from '../../../domain/chase/ladder';
import { defaultOfficeName, governmentShortName } from '../../../domain/model/org-names';
import { formatCnDate } from '../../../domain/plan/periods';
import { composeRecordForm } from '../../../domain/supervision/form';
import { notFound } from '../../errors';
import { renderDocx } from '../../files/export/docx-render';
import { countAuditActions, insertAudit } from '../../repositories/audit.repo';
import { findOfficeUnder, findProgrammeOwner } from '../../repositories/document-data.repo';
import * as repo from '../../repositories/supervision.repo';
import { authorizeRead, type Ctx, requireActor } from '../context';
import { recordedUserId } from '../local-operator';
import { documentFileName } from '../publish/export-document';

export async function supervisionRecordDocx(ctx: Ctx, id: string) {
  requireActor(ctx);
  const r = await repo.findSupervisionDetail(ctx.db, id);
  if (!r) throw notFound('督办记录');
  authorizeRead(ctx, 'supervision:read', { ownerOrgId: r.ownerOrgId, orgId: r.orgId }, '督办记录');
  const owner = await findProgrammeOwner(ctx.db, r.programmeId);
  if (!owner) throw notFound('实事计划');
  const government = governmentShortName(/人民政府$/.test(owner.name) ? owner.name : (owner.shortName ?? owner.name));
  const office = (await findOfficeUnder(ctx.db, owner.id))?.name ?? defaultOfficeName(government);
  const judged = r.reportId ? await repo.findCurrentComputedStatusOfReport(ctx.db, r.reportId) : undefined;
  const issuedOn = ctx.now().toISOString().slice(0, 10);
  // One numbering with the 督办单 drafted from a table row (drafts.ts): 督办〔year〕第N号.
  const issued = await countAuditActions(ctx.db, 'supervision.form', `${r.programmeYear}-01-01`);
  const serial = `督办〔${r.programmeYear}〕第${issued + 1}号`;
  const level = LADDER_LABELS[r.level as SupervisionLevel];
  const doc = composeRecordForm({
    government,
    office,
    serial,
    level,
    code: r.projectCode,
    name: r.projectName,
    unit: r.unit,
    asOf: r.roundAsOf ?? r.createdAt.slice(0, 10),
    computedStatus: judged?.computedStatus ?? null,
    gapPoints: judged?.gapPoints ?? null,
    reason: `督办事由：${r.reason}`,
    deadline: r.responseDueDate,
    issuedOn,
    // The 反馈栏 holds the response the office has (not one it sent back: then the record is open again).
    response:
      r.status !== 'open' && r.responseMeasures
        ? { measures: r.responseMeasures, completionDate: r.responseCompletionDate }
        : null,
    statusNote: r.status === 'closed' && r.closedAt ? `已于${formatCnDate(r.closedAt.slice(0, 10))}销号。` : null,
  });
  const buf = await renderDocx(doc);
  await insertAudit(ctx.db, {
    at: ctx.now().toISOString(),
    actorId: recordedUserId(ctx.actor),
    actorName: ctx.actor.displayName,
    action: 'supervision.form',
    entity: 'supervision',
    entityId: r.id,
    after: { serial, level, reportId: r.reportId },
    ip: ctx.ip,
  });
  return { buf, name: documentFileName(doc, 'docx') };
}
