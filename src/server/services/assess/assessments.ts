/**
 * The assess stage on the server: every report version is assessed when it is written (inside the writer's
 * transaction), and a programme is re-assessed in the background when what its reports are judged against changes
 * (programme settings, targets, an engine upgrade). Reads use the stored rows and never wait for the engine.
 */
import {
  type Assessment,
  type AssessmentBasis,
  type AssessmentContent,
  assessmentBasisOf,
  assessReport,
  ENGINE_VERSION,
} from '../../../domain/assess';
import type { ScheduleSettings } from '../../../domain/model/types';
import type { TableRow } from '../../../shared/api-types';
import type { DbOrTx } from '../../db/connect';
import type { ReportAssessmentsTable } from '../../db/database';
import { enqueueJob } from '../../jobs/enqueue';
import * as repo from '../../repositories/assessments.repo';
import { yieldToEventLoop } from '../../repositories/batch';
import { newId, parseJson } from '../../util';

type Facts = { reportId: string; basis: AssessmentBasis; content: AssessmentContent };

const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/** What each version is judged against and its text, loaded in a few set-based queries. */
export async function loadAssessmentFacts(db: DbOrTx, versionIds: string[]): Promise<Map<string, Facts>> {
  const versions = await repo.findVersionFacts(db, [...new Set(versionIds)]);
  const projectIds = [...new Set(versions.map((v) => v.projectId))];
  const [texts, shares, targets] = await Promise.all([
    repo.findFilledTexts(db, projectIds),
    repo.findLeadShares(db, projectIds),
    repo.findProjectPeriodTargets(db, projectIds),
  ]);
  const textsOf = groupBy(texts, (t) => `${t.programmeId}|${t.projectId}|${t.orgId}`);
  const shareOf = new Map(shares.map((s) => [`${s.projectId}|${s.orgId}`, s.shareNote]));
  const targetsOf = groupBy(targets, (t) => t.projectId);
  const out = new Map<string, Facts>();
  for (const v of versions) {
    if (out.size % 500 === 499) await yieldToEventLoop();
    const earlier = (textsOf.get(`${v.programmeId}|${v.projectId}|${v.orgId}`) ?? []).filter((t) => t.asOf < v.asOf);
    const prev = earlier.sort((a, b) => b.asOf.localeCompare(a.asOf))[0];
    out.set(v.versionId, {
      reportId: v.reportId,
      content: { progress: v.progressText, selfAssessment: v.selfAssessment },
      basis: assessmentBasisOf({
        annualTarget: v.annualTargetText,
        periodTargets: targetsOf.get(v.projectId) ?? [],
        periodKey: v.periodKey,
        shareNote: shareOf.get(`${v.projectId}|${v.orgId}`) ?? '',
        asOf: v.asOf,
        schedule: parseJson<Partial<ScheduleSettings> | null>(v.schedule, null),
        previous: prev ? { progressText: prev.progressText, asOf: prev.asOf } : null,
      }),
    });
  }
  return out;
}

function toRow(versionId: string, reportId: string, a: Assessment, at: string): ReportAssessmentsTable {
  return {
    id: newId(),
    versionId,
    reportId,
    current: 1,
    computedStatus: a.computedStatus,
    light: a.light,
    completionRatio: a.completionRatio,
    publishedRatio: a.publishedRatio,
    computedRatio: a.computedRatio,
    expectedRatio: a.expectedRatio,
    gapPoints: a.gapPoints,
    reason: a.reason,
    lagAnalysisRequired: a.lagAnalysisRequired ? 1 : 0,
    findings: JSON.stringify(a.findings),
    engineVersion: a.engineVersion,
    basisKey: a.basisKey,
    assessedAt: at,
  };
}

/** Assess versions and store the result as their current assessment (call inside the writer's transaction). */
export async function assessVersions(trx: DbOrTx, versionIds: string[], now: Date): Promise<number> {
  if (!versionIds.length) return 0;
  const facts = await loadAssessmentFacts(trx, versionIds);
  const at = now.toISOString();
  // Versions of one report often repeat the same content against the same basis (save → submit → approve): judge
  // each distinct pair once (the engine is pure).
  const memo = new Map<string, Assessment>();
  const judged = (f: Facts) => {
    const key = JSON.stringify([f.basis, f.content]);
    const found = memo.get(key);
    if (found) return found;
    const a = assessReport(f.basis, f.content);
    memo.set(key, a);
    return a;
  };
  const rows: ReturnType<typeof toRow>[] = [];
  for (const [versionId, f] of facts) {
    rows.push(toRow(versionId, f.reportId, judged(f), at));
    // A large import judges thousands of versions: let other requests run every few hundred.
    if (rows.length % 500 === 0) await yieldToEventLoop();
  }
  await repo.retireAssessments(
    trx,
    rows.map((r) => r.versionId),
  );
  await repo.insertAssessments(trx, rows);
  return rows.length;
}

/**
 * Re-assess a programme's current report versions whose stored assessment is missing, made by another engine version
 * or made against another basis (settings, targets, last round). Earlier assessments stay as history.
 */
export async function reassessProgramme(
  db: DbOrTx,
  programmeId: string,
  now: Date,
  opts: { force?: boolean } = {},
): Promise<{ checked: number; reassessed: number }> {
  const stamps = await repo.findProgrammeAssessmentStamps(db, programmeId);
  const facts = await loadAssessmentFacts(
    db,
    stamps.map((s) => s.versionId),
  );
  const at = now.toISOString();
  const rows: ReportAssessmentsTable[] = [];
  for (const s of stamps) {
    const f = facts.get(s.versionId);
    if (!f) continue;
    const a = assessReport(f.basis, f.content);
    if (!opts.force && s.engineVersion === ENGINE_VERSION && s.basisKey === a.basisKey) continue;
    rows.push(toRow(s.versionId, f.reportId, a, at));
  }
  if (rows.length)
    await db.transaction().execute(async (trx) => {
      await repo.retireAssessments(
        trx,
        rows.map((r) => r.versionId),
      );
      await repo.insertAssessments(trx, rows);
    });
  return { checked: stamps.length, reassessed: rows.length };
}

/** Programmes with filled reports not yet assessed by this engine version (checked when the server starts). */
export function programmesNeedingAssessment(db: DbOrTx): Promise<string[]> {
  return repo.findProgrammesNeedingAssessment(db, ENGINE_VERSION);
}

/**
 * After an engine upgrade (or a database filled by an older version): queue one background re-assessment per programme
 * that has reports not assessed by this engine. Called when the server starts; returns the programmes queued.
 */
export async function queueStaleAssessments(db: DbOrTx, now: Date): Promise<string[]> {
  const stale = await programmesNeedingAssessment(db);
  for (const programmeId of stale)
    await enqueueJob(db, 'reassess.programme', { programmeId }, { idempotencyKey: `reassess:${programmeId}`, now });
  return stale;
}

/** The judgement columns of a table row from a stored assessment (or from an assessment computed on the spot). */
export type StoredAssessmentCols = {
  computedStatus: string | null;
  light: string | null;
  completionRatio: number | null;
  publishedRatio: number | null;
  expectedRatio: number | null;
  gapPoints: number | null;
  reason: string | null;
  findings: string | null;
};

export function assessmentFields(
  a: StoredAssessmentCols | null,
): Pick<TableRow, 'computedStatus' | 'light' | 'completionRatio' | 'gapPoints' | 'reason' | 'findings'> {
  if (!a)
    return { computedStatus: null, light: null, completionRatio: null, gapPoints: null, reason: null, findings: [] };
  return {
    computedStatus: a.computedStatus,
    light: (a.light as TableRow['light']) ?? null,
    completionRatio: a.completionRatio,
    gapPoints: a.gapPoints,
    reason: a.reason,
    findings: parseJson<NonNullable<TableRow['findings']>>(a.findings, []),
  };
}

/** Assess versions that have no stored assessment yet without storing (a read never writes; the job will). */
export async function assessOnTheSpot(db: DbOrTx, versionIds: string[]): Promise<Map<string, StoredAssessmentCols>> {
  const out = new Map<string, StoredAssessmentCols>();
  if (!versionIds.length) return out;
  for (const [versionId, f] of await loadAssessmentFacts(db, versionIds)) {
    const a = assessReport(f.basis, f.content);
    out.set(versionId, { ...a, findings: JSON.stringify(a.findings) });
  }
  return out;
}
