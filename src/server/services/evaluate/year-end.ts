/**
 * 年终总结 (issue 12 §3): per project 是否完成年度目标 — computed from the newest approved or published reports of the
 * year (domain/evaluate/year-end.ts) and confirmed or corrected by the office (numbered rows, the newest in force,
 * audited) — projects finished after the year ended, the year-end round's lag analyses (all, and those missing) and
 * the year's target adjustments; exportable as .xlsx.
 */
import type { z } from 'zod';
import { confirmationProblem, judgeYearEnd, type YearEndReport, yearEnd } from '../../../domain/evaluate/year-end';
import { can } from '../../../domain/policies/policies';
import type { ConfirmYearEndSchema, YearEndSchema } from '../../../shared/contract/evaluate';
import { AppError, conflict, notFound } from '../../errors';
import { buildYearEndXlsx } from '../../files/export/year-end-xlsx';
import * as repo from '../../repositories/evaluate.repo';
import { newId } from '../../util';
import { authorize, type Ctx, requireActor } from '../context';
import { listMissingAnalyses } from '../review/missing-analyses';
import { audit, isUniqueViolation, pickProgramme, programmeFor } from './common';

type YearEnd = z.infer<typeof YearEndSchema>;

const empty = (programmes: YearEnd['programmes']): YearEnd => ({
  programmes,
  programme: null,
  yearEndRound: null,
  abilities: { confirm: false },
  projects: [],
  counts: { total: 0, completed: 0, notCompleted: 0, unknown: 0, confirmed: 0, finishedAfterYearEnd: 0 },
  analyses: { all: [], missing: [] },
  targetChanges: [],
});

/** The year-end list of a programme (default: the newest the actor may read). */
export async function getYearEnd(ctx: Ctx, programmeId?: string): Promise<YearEnd> {
  requireActor(ctx);
  const { programmes, programme } = await pickProgramme(ctx, 'yearEnd:read', programmeId);
  const list = programmes.map((p) => ({ id: p.id, name: p.name }));
  if (!programme) return empty(list);
  const db = ctx.db;
  const [projects, reports, confirmations, rounds, changes] = await Promise.all([
    repo.findProgrammeProjects(db, programme.id),
    repo.findProgrammeVisibleReports(db, programme.id),
    repo.findConfirmations(db, programme.id),
    repo.findProgrammeRounds(db, programme.id),
    repo.findProgrammeTargetChanges(db, programme.id),
  ]);
  const reportsOf = new Map<string, YearEndReport[]>();
  for (const r of reports) {
    const row: YearEndReport = { ...r, completedAnnualTarget: Boolean(r.completedAnnualTarget) };
    reportsOf.set(r.projectId, [...(reportsOf.get(r.projectId) ?? []), row]);
  }
  const confirmationOf = (c: (typeof confirmations)[number]) => ({
    seq: c.seq,
    completed: c.completed === 1,
    computed: c.computed === null ? null : c.computed === 1,
    reason: c.reason,
    by: c.createdByName ?? '',
    at: c.createdAt,
  });
  const sorted = [...projects].sort(
    (a, b) => (a.matterSeq ?? a.seq) - (b.matterSeq ?? b.seq) || a.seq - b.seq || a.code.localeCompare(b.code, 'zh'),
  );
  const rows: YearEnd['projects'] = sorted.map((p) => {
    const v = judgeYearEnd(programme.year, reportsOf.get(p.id) ?? []);
    const history = confirmations.filter((c) => c.projectId === p.id).map(confirmationOf);
    const confirmation = history.at(-1) ?? null;
    return {
      projectId: p.id,
      code: p.code,
      name: p.name,
      matter: p.matter ?? null,
      annualTarget: p.annualTargetText,
      keySupervision: p.keySupervision === 1,
      computed: v.computed,
      basis: v.basis,
      confirmation,
      history,
      completed: confirmation ? confirmation.completed : v.computed,
      finishedAfterYearEnd: v.finishedAfterYearEnd,
    };
  });
  const end = yearEnd(programme.year);
  const last = rounds.filter((r) => r.asOf <= end && r.status !== 'draft').at(-1) ?? null;
  const analyses = last ? await analysesOf(ctx, last.id) : { all: [], missing: [] };
  return {
    programmes: list,
    programme: { id: programme.id, name: programme.name, year: programme.year },
    yearEndRound: last ? { id: last.id, name: last.name, asOf: last.asOf } : null,
    abilities: { confirm: can(ctx.actor, 'yearEnd:confirm', { ownerOrgId: programme.ownerOrgId }) },
    projects: rows,
    counts: {
      total: rows.length,
      completed: rows.filter((r) => r.completed === true).length,
      notCompleted: rows.filter((r) => r.completed === false).length,
      unknown: rows.filter((r) => r.completed === null).length,
      confirmed: rows.filter((r) => r.confirmation !== null).length,
      finishedAfterYearEnd: rows.filter((r) => r.finishedAfterYearEnd !== null).length,
    },
    analyses,
    targetChanges: changes
      .map((c) => ({ ...c, indicator: String(c.indicator) }))
      .sort(
        (a, b) => a.code.localeCompare(b.code, 'zh', { numeric: true }) || a.approvedAt.localeCompare(b.approvedAt),
      ),
  };
}

/** The year-end round's lag analyses: every document written (its current version), and those still missing. */
async function analysesOf(ctx: Ctx, roundId: string): Promise<YearEnd['analyses']> {
  const written = await repo.findRoundAnalyses(ctx.db, roundId);
  const missing = await listMissingAnalyses(ctx, roundId);
  return {
    all: written
      .map((a) => ({ ...a, reasons: [] as string[] }))
      .sort((a, b) => a.code.localeCompare(b.code, 'zh', { numeric: true })),
    missing: missing.map((m) => ({
      reportId: m.reportId,
      projectId: m.projectId,
      code: m.code,
      name: m.name,
      unit: m.unit,
      status: m.analysisStatus,
      problems: '',
      subjective: '',
      objective: '',
      plan: '',
      expectedCompletion: null,
      reasons: m.reasons,
    })),
  };
}

/** The office confirms (or corrects, with a reason) whether a project reached its annual target. */
export async function confirmYearEnd(ctx: Ctx, input: z.infer<typeof ConfirmYearEndSchema>): Promise<YearEnd> {
  const programme = await programmeFor(ctx, 'yearEnd:read', input.programmeId);
  authorize(ctx, 'yearEnd:confirm', { ownerOrgId: programme.ownerOrgId });
  const project = await repo.findProjectOwner(ctx.db, input.projectId);
  if (!project || project.programmeId !== programme.id) throw notFound('项目');
  const reports = (await repo.findProgrammeVisibleReports(ctx.db, programme.id))
    .filter((r) => r.projectId === project.id)
    .map((r) => ({ ...r, completedAnnualTarget: Boolean(r.completedAnnualTarget) }));
  const { computed } = judgeYearEnd(programme.year, reports);
  const problem = confirmationProblem(computed, input.completed, input.reason);
  if (problem) throw new AppError('VALIDATION', problem);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const seq = await repo.nextConfirmationSeq(trx, project.id);
      await repo.insertConfirmation(trx, {
        id: newId(),
        programmeId: programme.id,
        projectId: project.id,
        seq,
        computed: computed === null ? null : computed ? 1 : 0,
        completed: input.completed ? 1 : 0,
        reason: input.reason,
        createdBy: ctx.actor!.id,
        createdByName: ctx.actor!.displayName,
        createdAt: ctx.now().toISOString(),
      });
      await audit(trx, ctx, 'yearEnd.confirm', 'project', project.id, {
        seq,
        computed,
        completed: input.completed,
        reason: input.reason,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('该项目刚有人确认，请刷新后再试');
    throw e;
  }
  return getYearEnd(ctx, programme.id);
}

/** The year-end list as .xlsx (audited). */
export async function exportYearEndXlsx(ctx: Ctx, programmeId?: string): Promise<{ buf: Buffer; name: string }> {
  const y = await getYearEnd(ctx, programmeId);
  if (!y.programme) throw notFound('实事计划');
  const buf = await buildYearEndXlsx(y);
  await audit(ctx.db, ctx, 'yearEnd.export', 'programme', y.programme.id, { rows: y.projects.length, format: 'xlsx' });
  return { buf, name: `${y.programme.name}年终总结清单.xlsx` };
}
