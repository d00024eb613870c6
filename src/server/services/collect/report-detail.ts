/** 填报页: everything the report page shows — project, indicators, current content, last round's report, history. */
import { assessmentBasisOf, DATA_COLUMNS, judgeTargets, pickPeriodTarget } from '../../../domain/assess';
import { effectiveDueDate, roundAllows, roundStateLabel } from '../../../domain/collect/round-rules';
import type { ScheduleSettings } from '../../../domain/model/types';
import { periodLabel } from '../../../domain/plan/periods';
import { abilitiesFor, allowedReviewActions } from '../../../domain/policies/abilities';
import { defaultDiffPair } from '../../../domain/review/report-diff';
import { isLocked } from '../../../domain/review/review-workflow';
import type { ReportDetail } from '../../../shared/api-types';
import type { ReportStatus, ReviewAction } from '../../../shared/statuses';
import { columnIndicators } from '../../repositories/numbers.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { findAnalysis, listVersionRefs } from '../../repositories/review.repo';
import { parseJson } from '../../util';
import { loadVersionNumbers } from '../assess/assessments';
import type { Ctx } from '../context';
import { reportForReader } from '../evaluate/deputy-view';
import { reportSubject } from '../subjects';
import { currentContent, loadReport, unitStateOf } from './report-access';

/** A stored JSON object of comments per field, without empty ones (null when none). */
export function fieldCommentsOf(text: string | null | undefined): Record<string, string> | null {
  const o = parseJson<Record<string, unknown>>(text, {});
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (typeof v === 'string' && v.trim()) out[k] = v;
  return Object.keys(out).length ? out : null;
}

/** Everything the report page shows: project, indicators, current content, last round's report, history. */
export async function getReportDetail(ctx: Ctx, id: string): Promise<ReportDetail> {
  const r = await loadReport(ctx, id);
  const db = ctx.db;
  const [units, targets, indicators, { content, version }, history, programme, unit, analysis, columns] =
    await Promise.all([
      repo.findProjectUnits(db, [r.projectId]),
      repo.findPeriodTargets(db, [r.projectId]),
      repo.findIndicators(db, r.projectId, r.orgId),
      currentContent(db, r),
      listVersionRefs(db, r.id),
      findProgramme(db, r.programmeId),
      unitStateOf(db, r),
      findAnalysis(db, r.id),
      columnIndicators(db, [r.projectId]),
    ]);
  // The numbers the stored assessment of the current version was made with, and the indicators a save gives as data.
  const numbers = version ? (await loadVersionNumbers(db, [version.id]))(version.id) : {};
  const shown = new Set(indicators.map((i) => i.id));
  const dataColumns = Object.fromEntries(
    columns
      .filter((c) => shown.has(c.id) && (DATA_COLUMNS as readonly string[]).includes(c.sourceColumn))
      .map((c) => [c.id, c.sourceColumn]),
  );
  const lastReturn = history.filter((h) => h.action === 'return').at(-1);
  const prev = await repo.findPreviousReport(db, {
    projectId: r.projectId,
    orgId: r.orgId,
    programmeId: r.programmeId,
    asOf: r.asOf,
  });
  const prevValues = prev ? await repo.findValues(db, prev.versionId) : [];
  const status = r.status as ReportStatus;
  // What the round allows now (draft, closed unless reopened for the unit, archived) narrows the abilities; a late
  // submission is still offered (the server answers the programme's rule when it is refused).
  const round = { status: r.roundStatus, dueDate: r.dueDate, ...unit };
  const abilities = Object.fromEntries(
    Object.entries(abilitiesFor(ctx.actor, 'report', { ...reportSubject(r), status })).map(([k, v]) => [
      k,
      v && roundAllows(k as ReviewAction, round, ctx.now()).ok,
    ]),
  ) as ReturnType<typeof abilitiesFor<'report'>>;
  const names = (role: string) => units.filter((u) => u.role === role).map((u) => u.name);
  const periodTarget = pickPeriodTarget(targets, r.periodKey);
  const shareNote = units.find((u) => u.role === 'lead' && u.orgId === r.orgId)?.shareNote ?? '';
  // Deputies: approved or published content only (services/evaluate/deputy-view.ts).
  return reportForReader(ctx, r, {
    report: {
      id: r.id,
      status,
      versionNo: r.versionNo,
      lastComment: r.lastComment,
      unit: { id: r.orgId, name: r.unitName },
      allowedActions: allowedReviewActions(abilities),
      abilities,
      locked: isLocked(status),
    },
    round: {
      id: r.roundId,
      name: r.roundName,
      periodKey: r.periodKey,
      periodLabel: periodLabel(r.periodKey),
      asOf: r.asOf,
      dueDate: r.dueDate,
      status: r.roundStatus,
      stateLabel: roundStateLabel(r.roundStatus),
      unitDueDate: effectiveDueDate({ dueDate: r.dueDate, unitDueDate: unit.unitDueDate }),
      reopenedForUnit: r.roundStatus === 'closed' && unit.reopenedForUnit,
    },
    review: {
      fieldComments: fieldCommentsOf(lastReturn?.fieldComments),
      returnedVersion: lastReturn?.versionNo ?? null,
      defaultDiff: defaultDiffPair(history, r.versionNo),
    },
    analysis: analysis ? { status: analysis.status, versionNo: analysis.versionNo } : null,
    project: {
      id: r.projectId,
      code: r.code,
      name: r.projectName,
      annualTarget: r.annualTargetText,
      periodTarget,
      levels: parseJson<string[]>(r.levels, []),
      flags: parseJson<string[]>(r.flags, []),
      type: r.type,
      matter: r.matterTitle,
      leadUnits: names('lead'),
      assistUnits: names('assist'),
      cohostUnits: names('cohost'),
      shareNote,
    },
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      unit: i.unit,
      targetText: i.targetText,
      targetValue: i.targetValue,
    })),
    content,
    previous: prev
      ? {
          roundName: prev.roundName,
          periodLabel: periodLabel(prev.periodKey),
          status: prev.status as ReportStatus,
          progressText: prev.progressText,
          selfAssessment: prev.selfAssessment,
          problems: prev.problems,
          nextSteps: prev.nextSteps,
          values: prevValues.map((v) => ({ indicatorId: v.indicatorId, value: v.value })),
        }
      : null,
    history: [...history].reverse().map((h) => ({
      versionNo: h.versionNo,
      status: h.status as ReportStatus,
      action: h.action,
      comment: h.comment,
      fieldComments: fieldCommentsOf(h.fieldComments),
      by: h.by,
      at: h.createdAt,
    })),
    statusVocabulary: parseJson<string[]>(programme?.statusVocabulary, ['按计划推进', '滞后', '已完成']),
    judge: {
      ...judgeTargets({ annualTarget: r.annualTargetText, periodTarget, shareNote }),
      facts: assessmentBasisOf({
        annualTarget: r.annualTargetText,
        periodTargets: targets,
        periodKey: r.periodKey,
        shareNote,
        asOf: r.asOf,
        schedule: parseJson<Partial<ScheduleSettings> | null>(programme?.schedule, null),
        previous: prev ? { progressText: prev.progressText, asOf: prev.asOf } : null,
      }),
      numbers,
      dataColumns,
    },
  });
}
