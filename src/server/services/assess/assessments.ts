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
  type NumbersAsData,
  numbersAsData,
} from '../../../domain/assess';
import type { ScheduleSettings } from '../../../domain/model/types';
import type { TableRow } from '../../../shared/api-types';
import type { Db, DbOrTx } from '../../db/connect';
import type { ReportAssessmentsTable } from '../../db/database';
import { enqueueJob } from '../../jobs/enqueue';
import * as repo from '../../repositories/assessments.repo';
import { chunks, yieldToEventLoop } from '../../repositories/batch';
import { newId, parseJson } from '../../util';

type Facts = { reportId: string; basis: AssessmentBasis; content: AssessmentContent };

const groupBy = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/**
 * The numbers an import stored with each version, as the engine takes them (issue 14 §2; the mapping is
 * domain/assess numbersAsData): the 完成数 and 完成投资 as reported values, the 完成率 as the published ratio. They are
 * data: the engine pairs a given value with its sub-target before the text's figures, and a published ratio given as
 * data is the published ratio (checked against the numbers: published-ratio-mismatch).
 */
function versionNumbers(n: Awaited<ReturnType<typeof repo.findVersionNumbers>>) {
  const values = groupBy(n.values, (v) => v.versionId);
  const ratios = new Map(n.ratios.map((r) => [r.versionId, r.publishedRatio]));
  return (versionId: string): NumbersAsData => numbersAsData(values.get(versionId) ?? [], ratios.get(versionId));
}

/**
 * The numbers these versions give the engine as data, as the stored assessment takes them (the report page sends
 * them with the version, so the browser panel judges with the same numbers).
 */
export async function loadVersionNumbers(
  db: DbOrTx,
  versionIds: string[],
): Promise<(versionId: string) => NumbersAsData> {
  return versionNumbers(await repo.findVersionNumbers(db, [...new Set(versionIds)]));
}

/** What each version is judged against, its text and its numbers, loaded in a few set-based queries. */
export async function loadAssessmentFacts(db: DbOrTx, versionIds: string[]): Promise<Map<string, Facts>> {
  const versions = await repo.findVersionFacts(db, [...new Set(versionIds)]);
  const projectIds = [...new Set(versions.map((v) => v.projectId))];
  const [texts, shares, targets, numbers] = await Promise.all([
    repo.findFilledTexts(db, projectIds),
    repo.findLeadShares(db, projectIds),
    repo.findProjectPeriodTargets(db, projectIds),
    repo.findVersionNumbers(
      db,
      versions.map((v) => v.versionId),
    ),
  ]);
  const numbersOf = versionNumbers(numbers);
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
      content: { progress: v.progressText, selfAssessment: v.selfAssessment, ...numbersOf(v.versionId) },
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

/** Versions judged and written per transaction by a re-assessment or after an import: each write is short (a 50,000-row programme too). */
export const REASSESS_CHUNK = 1000;

/**
 * Assess versions just committed by a large writer (an import) after its transaction, a chunk per short transaction,
 * yielding between chunks. Until a chunk is written its versions have no stored assessment, which readers already
 * handle (assessOnTheSpot: tables, dashboard, project page; elsewhere shown as not yet assessed); the writer's
 * `reassess.programme` job, or the server's start (queueStaleAssessments), assesses what a crash left out.
 */
export async function assessVersionsInChunks(
  db: Db,
  versionIds: string[],
  now: Date,
  chunk: number = REASSESS_CHUNK,
): Promise<number> {
  let n = 0;
  for (const ids of chunks(versionIds, chunk)) {
    n += await db.transaction().execute((trx) => assessVersions(trx, ids, now));
    await yieldToEventLoop();
  }
  return n;
}

/**
 * Re-assess a programme's current report versions whose stored assessment is missing, made by another engine version
 * or made against another basis (settings, targets, last round). Earlier assessments stay as history.
 * A chunk of versions at a time: their facts are loaded, judged (yielding to other requests every few hundred) and
 * written in one short transaction, so a large programme never holds the event loop or the database for long. Each
 * version's assessment changes atomically; a run cut short leaves the rest stale, and the next run picks them up.
 */
export async function reassessProgramme(
  db: Db,
  programmeId: string,
  now: Date,
  opts: { force?: boolean; chunk?: number } = {},
): Promise<{ checked: number; reassessed: number }> {
  const stamps = await repo.findProgrammeAssessmentStamps(db, programmeId);
  const at = now.toISOString();
  let reassessed = 0;
  for (const part of chunks(stamps, opts.chunk ?? REASSESS_CHUNK)) {
    const facts = await loadAssessmentFacts(
      db,
      part.map((s) => s.versionId),
    );
    const rows: ReportAssessmentsTable[] = [];
    let judged = 0;
    for (const s of part) {
      const f = facts.get(s.versionId);
      if (!f) continue;
      if (++judged % 250 === 0) await yieldToEventLoop();
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
    reassessed += rows.length;
    await yieldToEventLoop();
  }
  return { checked: stamps.length, reassessed };
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
