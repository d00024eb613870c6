/** Stored assessments of report versions, and the facts an assessment is computed from. */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { ReportAssessmentsTable } from '../db/database';
import { chunks, rowsPerStatement, yieldToEventLoop } from './batch';

const CHUNK = 400;

/**
 * The current assessment of a report's current version, as selected by the table and the project page (after
 * `leftJoin('reportAssessments', versionId = reportVersions.id and current = 1)`).
 */
export const CURRENT_ASSESSMENT_COLUMNS = [
  'reportVersions.id as versionId',
  'reportAssessments.id as assessmentId',
  'reportAssessments.computedStatus',
  'reportAssessments.light',
  'reportAssessments.completionRatio',
  'reportAssessments.publishedRatio',
  'reportAssessments.expectedRatio',
  'reportAssessments.gapPoints',
  'reportAssessments.reason',
  'reportAssessments.findings',
] as const;

async function chunked<T, R>(items: T[], size: number, run: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await run(items.slice(i, i + size))));
    // Other requests run between chunks of a large read (a 50,000-row import commit).
    if (i + size < items.length) await yieldToEventLoop();
  }
  return out;
}

/** Each version's text with its report, round, project and programme settings. */
export async function findVersionFacts(db: DbOrTx, versionIds: string[]) {
  return chunked(versionIds, CHUNK, (ids) =>
    db
      .selectFrom('reportVersions')
      .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .innerJoin('programmes', 'programmes.id', 'rounds.programmeId')
      .select([
        'reportVersions.id as versionId',
        'reportVersions.reportId',
        'reportVersions.progressText',
        'reportVersions.selfAssessment',
        'reports.orgId',
        'reports.projectId',
        'rounds.asOf',
        'rounds.periodKey',
        'rounds.programmeId',
        'projects.annualTargetText',
        'programmes.schedule',
      ])
      .where('reportVersions.id', 'in', ids)
      .execute(),
  );
}

/**
 * The numbers an import stored with these versions as data (migration 0020): the reported values on the indicators made
 * from numeric columns (完成数 on 'targetNumber', 完成投资 on 'investment', in the indicator's unit) and the published
 * ratio of a 完成率 column. Two set-based reads, chunked.
 */
export async function findVersionNumbers(db: DbOrTx, versionIds: string[]) {
  const [values, ratios] = await Promise.all([
    chunked(versionIds, CHUNK, (ids) =>
      db
        .selectFrom('reportValues')
        .innerJoin('indicators', 'indicators.id', 'reportValues.indicatorId')
        .select(['reportValues.versionId', 'reportValues.value', 'indicators.unit', 'indicators.sourceColumn'])
        .where('reportValues.versionId', 'in', ids)
        .where('indicators.sourceColumn', 'in', ['targetNumber', 'investment'])
        .where('reportValues.value', 'is not', null)
        .execute(),
    ),
    chunked(versionIds, CHUNK, (ids) =>
      db
        .selectFrom('reportVersionNumbers')
        .select(['versionId', 'publishedRatio'])
        .where('versionId', 'in', ids)
        .where('publishedRatio', 'is not', null)
        .execute(),
    ),
  ]);
  return { values, ratios };
}

/** Current filled texts of the given projects' reports in every round of their programmes (to find "last round"). */
export async function findFilledTexts(db: DbOrTx, projectIds: string[]) {
  return chunked(projectIds, CHUNK, (ids) =>
    db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .innerJoin('reportVersions', (j) =>
        j
          .onRef('reportVersions.reportId', '=', 'reports.id')
          .onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
      )
      .select([
        'reports.projectId',
        'reports.orgId',
        'rounds.programmeId',
        'rounds.asOf',
        'reportVersions.progressText',
      ])
      .where('reports.projectId', 'in', ids)
      .where('reports.versionNo', '>', 0)
      .execute(),
  );
}

/** Share notes of lead units (a split target's parts). */
export async function findLeadShares(db: DbOrTx, projectIds: string[]) {
  return chunked(projectIds, CHUNK, (ids) =>
    db
      .selectFrom('projectUnits')
      .select(['projectId', 'orgId', 'shareNote'])
      .where('projectId', 'in', ids)
      .where('role', '=', 'lead')
      .execute(),
  );
}

/** Period targets of projects (every period). */
export async function findProjectPeriodTargets(db: DbOrTx, projectIds: string[]) {
  return chunked(projectIds, CHUNK, (ids) =>
    db
      .selectFrom('periodTargets')
      .select(['projectId', 'periodKey', 'targetText'])
      .where('projectId', 'in', ids)
      .execute(),
  );
}

/** Mark the current assessments of these versions as superseded (they stay as history). */
export async function retireAssessments(db: DbOrTx, versionIds: string[]) {
  await chunked(versionIds, CHUNK, async (ids) => {
    await db
      .updateTable('reportAssessments')
      .set({ current: 0 })
      .where('versionId', 'in', ids)
      .where('current', '=', 1)
      .execute();
    return [];
  });
}

/** Insert assessments in batches (17 columns a row, well under both engines' parameter limits). */
export async function insertAssessments(db: DbOrTx, rows: ReportAssessmentsTable[]) {
  await chunked(rows, 500, async (part) => {
    await db.insertInto('reportAssessments').values(part).execute();
    return [];
  });
  await refreshReportSummaries(db, [...new Set(rows.map((r) => r.reportId))]);
}

/**
 * Copy the current assessment of each report's current version onto the report (reports.assessed_*, migration 0022),
 * or clear it when that version has none yet. Called by every writer of assessments and of reports.version_no, in
 * their transaction, so the summary never disagrees with report_assessments.
 */
export async function refreshReportSummaries(db: DbOrTx, reportIds: string[]) {
  const parts = chunks(reportIds, Math.min(2000, rowsPerStatement(1)));
  for (const [i, ids] of parts.entries()) {
    await sql`
      UPDATE reports SET (assessed_status, assessed_light, assessed_ratio, assessed_gap, assessed_reason) = (
        SELECT ra.computed_status, ra.light, ra.completion_ratio, ra.gap_points, ra.reason
        FROM report_versions rv JOIN report_assessments ra ON ra.version_id = rv.id AND ra.current = 1
        WHERE rv.report_id = reports.id AND rv.version_no = reports.version_no
      )
      WHERE id IN (${sql.join(ids)})`.execute(db);
    if (i + 1 < parts.length) await yieldToEventLoop();
  }
}

/** Every filled report of a programme: its current version and the stamp of that version's current assessment. */
export async function findProgrammeAssessmentStamps(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select(['reportVersions.id as versionId', 'reportAssessments.engineVersion', 'reportAssessments.basisKey'])
    .where('rounds.programmeId', '=', programmeId)
    .where('reports.versionNo', '>', 0)
    .execute();
}

/** Programmes that have a filled report whose current assessment is missing or made by another engine version. */
export async function findProgrammesNeedingAssessment(db: DbOrTx, engineVersion: string) {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select('rounds.programmeId')
    .distinct()
    .where('reports.versionNo', '>', 0)
    .where((eb) =>
      eb.or([eb('reportAssessments.id', 'is', null), eb('reportAssessments.engineVersion', '!=', engineVersion)]),
    )
    .execute();
  return rows.map((r) => r.programmeId);
}

/** The current assessment of each version (history rows excluded). */
export async function findCurrentAssessments(db: DbOrTx, versionIds: string[]) {
  return chunked(versionIds, CHUNK, (ids) =>
    db.selectFrom('reportAssessments').selectAll().where('versionId', 'in', ids).where('current', '=', 1).execute(),
  );
}

/** Each report's summary beside the current assessment of its current version (a consistency check; tests). */
export async function summariesBesideAssessments(db: DbOrTx) {
  return db
    .selectFrom('reports')
    .leftJoin('reportVersions', (j) =>
      j.onRef('reportVersions.reportId', '=', 'reports.id').onRef('reportVersions.versionNo', '=', 'reports.versionNo'),
    )
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select([
      'reports.id',
      'reports.versionNo',
      'reports.assessedStatus',
      'reports.assessedLight',
      'reports.assessedRatio',
      'reports.assessedGap',
      'reports.assessedReason',
      'reportAssessments.computedStatus',
      'reportAssessments.light',
      'reportAssessments.completionRatio',
      'reportAssessments.gapPoints',
      'reportAssessments.reason',
    ])
    .execute();
}
