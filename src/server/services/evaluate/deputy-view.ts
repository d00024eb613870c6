/**
 * The one place that turns a staff answer into what a reader without `report:readInternal` (a 人大 deputy) may see:
 * approved or published content only (domain/evaluate/redact.ts decides; this file loads the approved versions).
 * Every read a deputy can reach calls one of these: the report page, its diff and lag analysis, the project page, the
 * round's table (JSON, .xlsx, documents), the round's report list and page, the reporter's task list.
 */
import {
  isVisibleStatus,
  latestVisibleByReport,
  redactProjectDetail,
  redactReportDetail,
  redactTable,
  type VisibleRowContent,
} from '../../../domain/evaluate/redact';
import { periodLabel } from '../../../domain/plan/periods';
import { can } from '../../../domain/policies/policies';
import type { ConsolidatedTable, MyReportItem, ProjectDetail, ReportDetail } from '../../../shared/api-types';
import type { ReportStatus } from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import { notFound } from '../../errors';
import * as repo from '../../repositories/evaluate.repo';
import { listVersionRefs } from '../../repositories/review.repo';
import { parseJson } from '../../util';
import { assessmentFields, loadVersionNumbers } from '../assess/assessments';
import type { Ctx } from '../context';
import { numbersField, tableNumbers } from '../publish/table-numbers';

/** True when the actor reads unapproved content and internal notes of the programme's reports (staff, units). */
export const seesInternal = (ctx: Pick<Ctx, 'actor'>, ownerOrgId: string): boolean =>
  can(ctx.actor, 'report:readInternal', { ownerOrgId });

type Visible = Awaited<ReturnType<typeof repo.findVisibleVersions>>[number];

/** The newest approved or published version of each report, with its stored judgement. */
export async function visibleVersions(db: DbOrTx, reportIds: string[]): Promise<Map<string, Visible>> {
  return latestVisibleByReport(await repo.findVisibleVersions(db, reportIds));
}

const rowContent = (v: Visible): VisibleRowContent => ({
  status: v.status as ReportStatus,
  versionNo: v.versionNo,
  progress: v.progressText,
  selfAssessment: v.selfAssessment,
  problems: v.problems,
  nextSteps: v.nextSteps,
  completedAnnualTarget: Boolean(v.completedAnnualTarget),
  ...assessmentFields(v.assessmentId ? v : null),
});

/** A round's table for the reader: unchanged for staff, approved content only otherwise. */
export async function tableForReader<T extends Omit<ConsolidatedTable, 'abilities'>>(
  ctx: Ctx,
  owner: { ownerOrgId: string },
  table: T,
): Promise<T> {
  if (seesInternal(ctx, owner.ownerOrgId)) return table;
  const visible = await visibleVersions(
    ctx.db,
    table.rows.map((r) => r.reportId),
  );
  const flags = await repo.findProjectFlags(
    ctx.db,
    table.rows.map((r) => r.projectId),
  );
  // The numeric columns (issue 14) of the approved version, not of the current one.
  const projectOf = new Map(table.rows.map((r) => [r.reportId, r.projectId]));
  const numbersOf = await tableNumbers(
    ctx.db,
    [...visible].map(([id, v]) => ({ projectId: projectOf.get(id) ?? '', versionId: v.versionId })),
  );
  const contents = new Map(
    [...visible].map(([id, v]) => [
      id,
      { ...rowContent(v), ...numbersField(numbersOf(projectOf.get(id) ?? '', v.versionId)) },
    ]),
  );
  return redactTable(table, contents, new Map(flags.map((f) => [f.id, parseJson<string[]>(f.flags, [])])));
}

/** The report page for the reader: 404 for a deputy when the report has no approved version yet. */
export async function reportForReader(
  ctx: Ctx,
  r: { id: string; ownerOrgId: string; projectId: string; orgId: string; programmeId: string; asOf: string },
  detail: ReportDetail,
): Promise<ReportDetail> {
  if (seesInternal(ctx, r.ownerOrgId)) return detail;
  const versions = await repo.findVisibleVersions(ctx.db, [r.id]);
  const v = latestVisibleByReport(versions).get(r.id);
  if (!v) throw notFound('填报记录（尚无审核通过的内容）');
  const values = await repo.findValuesOf(ctx.db, [v.versionId]);
  const earlier = await repo.findEarlierReports(ctx.db, r);
  const earlierVisible = await visibleVersions(
    ctx.db,
    earlier.map((e) => e.id),
  );
  const prevReport = earlier.find((e) => earlierVisible.has(e.id));
  const prev = prevReport ? earlierVisible.get(prevReport.id) : undefined;
  const prevValues = prev ? await repo.findValuesOf(ctx.db, [prev.versionId]) : [];
  const refs = await listVersionRefs(ctx.db, r.id);
  const byOf = new Map(refs.map((x) => [x.versionNo, x.by]));
  const numbers = (await loadVersionNumbers(ctx.db, [v.versionId]))(v.versionId);
  return redactReportDetail(detail, {
    versionNo: v.versionNo,
    status: v.status as ReportStatus,
    content: {
      progressText: v.progressText,
      selfAssessment: v.selfAssessment,
      problems: v.problems,
      nextSteps: v.nextSteps,
      targetAdjustmentNote: v.targetAdjustmentNote,
      completedAnnualTarget: Boolean(v.completedAnnualTarget),
      values: values.map((x) => ({ indicatorId: x.indicatorId, value: x.value, note: x.note || undefined })),
      lagAnalysis: parseJson<ReportDetail['content']['lagAnalysis']>(v.lagAnalysis, null),
    },
    previous:
      prevReport && prev
        ? {
            roundName: prevReport.roundName,
            periodLabel: periodLabel(prevReport.periodKey),
            status: prev.status as ReportStatus,
            progressText: prev.progressText,
            selfAssessment: prev.selfAssessment,
            problems: prev.problems,
            nextSteps: prev.nextSteps,
            values: prevValues.map((x) => ({ indicatorId: x.indicatorId, value: x.value })),
          }
        : null,
    previousAsOf: prevReport && prev ? prevReport.asOf : null,
    versions: versions
      .filter((x) => isVisibleStatus(x.status))
      .map((x) => ({
        versionNo: x.versionNo,
        status: x.status as ReportStatus,
        action: x.action,
        by: byOf.get(x.versionNo) ?? null,
        at: x.createdAt,
      })),
    numbers,
  });
}

/** The project page for the reader. */
export async function projectForReader(ctx: Ctx, ownerOrgId: string, detail: ProjectDetail): Promise<ProjectDetail> {
  if (seesInternal(ctx, ownerOrgId)) return detail;
  const ids = detail.rounds.flatMap((r) => r.reports.map((x) => x.reportId));
  const visible = await visibleVersions(ctx.db, ids);
  const contents = new Map(
    [...visible].map(([id, v]) => {
      const { versionNo: _n, completedAnnualTarget: _c, ...rest } = rowContent(v);
      return [id, rest];
    }),
  );
  return redactProjectDetail(detail, contents);
}

/** A round's report list for the reader: approved versions only, no comments. */
export async function reportListForReader(
  ctx: Ctx,
  ownerOrgId: string,
  items: MyReportItem[],
): Promise<MyReportItem[]> {
  if (seesInternal(ctx, ownerOrgId)) return items;
  const visible = await visibleVersions(
    ctx.db,
    items.map((i) => i.reportId),
  );
  return items.flatMap((i) => {
    const v = visible.get(i.reportId);
    return v ? [{ ...i, status: v.status as ReportStatus, versionNo: v.versionNo, lastComment: null }] : [];
  });
}

/** A diff between two versions for the reader: both must be approved or published; no comments. */
export function diffForReader<
  D extends {
    from: { status: string; comment: string | null };
    to: { status: string; comment: string | null };
    fieldComments: Record<string, string> | null;
  },
>(ctx: Ctx, ownerOrgId: string, d: D): D {
  if (seesInternal(ctx, ownerOrgId)) return d;
  if (!isVisibleStatus(d.from.status) || !isVisibleStatus(d.to.status))
    throw notFound('版本（只能比较审核通过或已发布的版本）');
  return { ...d, from: { ...d.from, comment: null }, to: { ...d.to, comment: null }, fieldComments: null };
}

type Analysis = {
  reportId: string;
  reasons: string[];
  analysis: {
    id: string;
    status: ReportStatus;
    versionNo: number;
    lastComment: string | null;
    content: {
      problems: string;
      subjective: string;
      objective: string;
      plan: string;
      expectedCompletion: string | null;
    };
    history: {
      versionNo: number;
      status: string;
      action: string;
      comment: string | null;
      by: string | null;
      at: string;
    }[];
  } | null;
  abilities: { save: boolean; submit: boolean; return: boolean; approve: boolean };
};

/** The lag analysis for the reader: its newest approved version, history without comments. */
export async function analysisForReader<A extends Analysis>(ctx: Ctx, ownerOrgId: string, a: A): Promise<A> {
  if (seesInternal(ctx, ownerOrgId)) return a;
  const none = { save: false, submit: false, return: false, approve: false };
  const approved = (await repo.findApprovedAnalyses(ctx.db, [a.reportId])).sort((x, y) => y.versionNo - x.versionNo)[0];
  if (!a.analysis || !approved) return { ...a, analysis: null, abilities: none };
  return {
    ...a,
    abilities: none,
    analysis: {
      ...a.analysis,
      status: approved.status as ReportStatus,
      versionNo: approved.versionNo,
      lastComment: null,
      content: {
        problems: approved.problems,
        subjective: approved.subjective,
        objective: approved.objective,
        plan: approved.plan,
        expectedCompletion: approved.expectedCompletion,
      },
      history: a.analysis.history.filter((h) => isVisibleStatus(h.status)).map((h) => ({ ...h, comment: null })),
    },
  };
}
