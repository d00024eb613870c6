/**
 * Commit an import preview: one transaction updates projects by code (by name where there is no code), adds units in
 * roles and period targets, and stores progress as a new version of the round's report. Unknown units are never
 * created silently: the caller maps each to an existing organisation or lists it under `createUnits`.
 * The programme is read once per table, every row is decided in memory, and the writes are set-based (multi-row
 * statements in repositories/imports.repo.ts) — no query per row inside the transaction.
 *
 * A large file and other users (issue 14 §5: no other user waits more than a second for a large commit).
 * 1. The rows — categories, matters, projects, units, targets, reports, versions, numeric columns, audit entries. A file
 *    of up to COMMIT_BATCH_ROWS (2,000) rows: one transaction, so it lands completely or not at all. A larger file is
 *    planned whole first with nothing written (every error on the file itself is raised then), and then written in
 *    batches of 2,000 rows, each its own transaction planned against the data as it then is (commitInBatches): on
 *    SQLite, whose one writer every other user's save waits for, a batch holds it for about 0.2 s instead of the
 *    whole commit holding it for seconds. Readers see the import land batch by batch over those seconds. A batch that
 *    fails on the database leaves the earlier ones in place, says so, and is audited (import.incomplete); importing
 *    the same file again completes it, since rows equal to the data write nothing. Inside a transaction, planning
 *    yields every 250 rows and every write statement takes at most 1000 rows with a yield after it
 *    (repositories/batch.ts), so the event loop is never held for long either.
 * 2. The assessment of the versions each batch wrote — derived data, recomputed at will — after it, 1000 versions per
 *    short transaction (assessVersionsInChunks). Until its chunk is written a version has no stored assessment, which
 *    readers handle (the table, dashboard and project page assess it on the spot; elsewhere it shows as not yet
 *    assessed). Then the `reassess.programme` job is queued: it re-assesses what the import's target changes affect
 *    and whatever a failed chunk left out (a crash before it: the server's start queues it, queueStaleAssessments).
 *    Queued after the chunks, not inside a transaction, so the job never races them.
 * The command line (import-bootstrap.ts) keeps both steps in its own single transaction (commitImportIn): it creates
 * the programme in the same transaction, and it is one operator's tool.
 *
 * A re-import never overwrites silently (issue 10). What the file would change in existing data — a unit's report,
 * an annual or period target, flags, units in roles — is a *difference* (domain/collect/import/differences.ts),
 * listed by the preview (`importDifferences`) and applied by the commit only when its id is in `accept`, each as its
 * own audited action:
 * - an annual target becomes a 年度目标调整 (project_target_versions: old, new, reason 导入调整 and the approving body
 *   the office typed; projects.original_annual_target_text keeps the first planned text);
 * - a unit's report (anything the unit saved or handed in, or any approved/published report) is never overwritten:
 *   an accepted difference adds the office's own version (action `office-import`, created by the office user) on top,
 *   with the file's fields and the unit's fields the file does not have, and the unit's indicator values. The unit's
 *   version stays in the history. The report's review state is kept as it was: a submitted report still awaits
 *   review (now of the office's version), an approved one stays approved — the office chose to replace what it
 *   approved — and a returned or draft one stays with the unit, who continues from the office's version.
 * - flags are added or removed only when accepted; a flag the file cannot express (续建, sub-items) is never removed;
 * - units in roles are added or removed only when accepted; a role whose column is missing or empty removes nothing,
 *   and a unit that has reports on the project is never removed.
 * Reports the office's own import wrote and nobody has touched since (a draft whose current version is an import)
 * take the file's content as a new version, as before. Rows equal to the data write nothing. New projects, and their
 * units, targets and reports, are created as before.
 */
import type { Insertable } from 'kysely';
import {
  describeReport,
  differenceId,
  flagChanges,
  IMPORT_DIFFERENCE_LABELS,
  type ImportDifference,
  mergeReportContent,
  type ReportContent,
  sameReportContent,
  suggestedByDefault,
  unitChanges,
} from '../../../domain/collect/import/differences';
import type { ImportItem, ImportPreview, OrgRef } from '../../../domain/collect/import/types';
import { DEFAULT_ROUND_COLUMNS } from '../../../domain/model/types';
import { parsePeriodKey, periodLabel } from '../../../domain/plan/periods';
import { type Actor, actsFor } from '../../../domain/policies/policies';
import { isLocked } from '../../../domain/review/review-workflow';
import type { ImportCommitSummary } from '../../../shared/api-types';
import {
  PROJECT_FLAG_LABELS,
  type ProjectFlag,
  type ReportStatus,
  UNIT_ROLE_LABELS,
  type UnitRole,
} from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import type {
  CategoriesTable,
  MattersTable,
  ProjectsTable,
  ProjectUnitsTable,
  ReportVersionsTable,
} from '../../db/database';
import { AppError, notFound } from '../../errors';
import { enqueueJob } from '../../jobs/enqueue';
import { type AuditEntry, insertAudit } from '../../repositories/audit.repo';
import { yieldToEventLoop } from '../../repositories/batch';
import * as repo from '../../repositories/imports.repo';
import { importedNumbersOf } from '../../repositories/numbers.repo';
import { insertOrganizations, listOrgNames } from '../../repositories/orgs.repo';
import { findProgramme, findRoundByPeriod } from '../../repositories/programmes.repo';
import { keySupervisionOf } from '../../repositories/project-flags';
import { newId, parseJson } from '../../util';
import { assessVersions, assessVersionsInChunks } from '../assess/assessments';
import { authorize, authorizeRead, type Ctx } from '../context';
import { recordedUserId } from '../local-operator';
import { itemNumbersKey, type NumericRow, numbersKey, storeNumericColumns } from './import-numbers';

export type CommitOptions = {
  programmeId: string;
  /** Period of the round to store progress in (e.g. 2023-Q3); defaults to the one read from the title. */
  periodKey?: string | null;
  asOf?: string | null;
  /** Unknown unit name → existing organisation id. */
  unitMapping?: Record<string, string>;
  /** Unknown unit names the user chose to create (as kind 'other' under the programme owner). */
  createUnits?: string[];
  /**
   * Store the imported progress as approved (or published) reports: the table is an issued document, not a unit's
   * draft (`shishi import --approved`). Without it, new reports are drafts and existing ones keep their state.
   */
  markAs?: 'approved' | 'published' | null;
  /** Ids of the previewed differences with existing data to apply ('all': every one — tests and scripts only). */
  accept?: readonly string[] | 'all';
  /** The approving body of accepted annual-target changes (required when one is accepted). */
  approvedBy?: string | null;
  /** The reason recorded with accepted target changes (default 导入调整). */
  adjustReason?: string | null;
  /** Rows per transaction of a large import (default COMMIT_BATCH_ROWS; tests use a small one). */
  batchRows?: number;
  /** Versions assessed per transaction after the commit (default REASSESS_CHUNK; tests use a small one). */
  assessChunk?: number;
};

/** The reason a target change accepted from an import is recorded with, unless the office gives one. */
export const IMPORT_ADJUST_REASON = '导入调整';
/** A report version written by an import (the office's content, not a unit's). */
const IMPORT_ACTION = 'import';
/** The office's version of a unit's report, from an accepted re-import difference. */
export const OFFICE_IMPORT_ACTION = 'office-import';

const clean = (s: string | null | undefined) => (s ?? '').trim();

/** Organisations with their aliases parsed: what unit names in an import are matched against (preview and commit). */
export async function listOrgsForMatching(db: DbOrTx, actor?: Actor | null): Promise<OrgRef[]> {
  return (await listOrgNames(db))
    .filter((o) => actor === undefined || actsFor(actor, o.id))
    .map((o) => ({ id: o.id, name: o.name, aliases: JSON.parse(o.aliases) as string[] }));
}

/** Rows per transaction of a large import's commit (see the top of this file). */
export const COMMIT_BATCH_ROWS = 2000;

/**
 * Write a preview into a programme. A file of up to COMMIT_BATCH_ROWS rows: everything or nothing, in one
 * transaction. A larger one: checked whole first (nothing written), then committed in batches, each its own short
 * transaction (commitInBatches). The assessment of the versions written (derived data, recomputed at will) follows
 * each batch, a chunk per short transaction (see the top of this file).
 */
export async function commitImport(
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
): Promise<ImportCommitSummary> {
  const size = Math.max(1, opts.batchRows ?? COMMIT_BATCH_ROWS);
  if (preview.items.length > size) return commitInBatches(ctx, preview, opts, size);
  const state = newCommitState(preview);
  const programmeId = await ctx.db.transaction().execute((trx) => commitRows(trx, ctx, preview, opts, state, true));
  await assessLanded(ctx, state.versionIds, opts);
  // After the versions are assessed (not inside the commit, where it could race with the chunks above): the targets
  // this import changed re-assess the programme's other reports, and anything the chunks left out.
  await enqueueJob(ctx.db, 'reassess.programme', { programmeId }, { now: ctx.now() });
  return state.summary;
}

/** Assess the versions an import wrote, a chunk per transaction; a failure leaves them to the re-assessment job. */
async function assessLanded(ctx: Ctx, versionIds: string[], opts: CommitOptions) {
  try {
    await assessVersionsInChunks(ctx.db, versionIds, ctx.now(), opts.assessChunk);
  } catch (err) {
    // The import has landed; what is not assessed yet the job (or the server's next start) assesses.
    console.error(`导入已提交，进展研判稍后由后台任务补上：${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * A large file, so that other users are never held up for long (issue 14 §5: on SQLite a write waits for the one
 * writer). First the whole file is planned against the data as it is, nothing written, so every error the commit
 * raises on the file itself (unknown units, another year's period, a target change accepted without an approving
 * body) is raised before any batch lands. Then COMMIT_BATCH_ROWS rows per transaction, each batch planned inside its
 * own transaction against the data as it then is (earlier batches included), so a batch is as correct as a small
 * import; what one import does across its rows is carried from batch to batch (projects already matched or created
 * are never matched again, the file's row order numbers the projects, units are created once, one round).
 * Each batch's versions are assessed right after it. The import.commit audit entry lands with the last batch.
 * If a batch fails (the database, not the file), the batches before it stay: the error says so, an
 * import.incomplete entry is audited, and importing the same file again completes it, since rows equal to the data
 * write nothing.
 */
async function commitInBatches(
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
  size: number,
): Promise<ImportCommitSummary> {
  await checkWholeFile(ctx, preview, opts);
  const state = newCommitState(preview);
  const total = preview.items.length;
  let programmeId = opts.programmeId;
  for (let start = 0; start < total; start += size) {
    const end = Math.min(total, start + size);
    const part = { ...preview, items: preview.items.slice(start, end) };
    const written = state.versionIds.length;
    try {
      programmeId = await ctx.db.transaction().execute((trx) => commitRows(trx, ctx, part, opts, state, end === total));
    } catch (err) {
      if (start === 0) throw err;
      const message = err instanceof Error ? err.message : String(err);
      await insertAudit(ctx.db, {
        at: ctx.now().toISOString(),
        actorId: recordedUserId(ctx.actor!),
        actorName: ctx.actor!.displayName,
        action: 'import.incomplete',
        entity: 'programme',
        entityId: programmeId,
        after: { source: preview.source, rowsWritten: start, rows: total, failedAt: start + 1, error: message },
        ip: ctx.ip,
      });
      await enqueueJob(ctx.db, 'reassess.programme', { programmeId }, { now: ctx.now() });
      throw new AppError(
        'CONFLICT',
        `导入未全部完成：第${start + 1}–${end}行写入失败（${message}）。此前的${start}行已写入并保留；请处理后重新导入同一文件，已写入的行不会重复写入。`,
      );
    }
    await assessLanded(ctx, state.versionIds.slice(written), opts);
    await yieldToEventLoop();
  }
  await enqueueJob(ctx.db, 'reassess.programme', { programmeId }, { now: ctx.now() });
  return state.summary;
}

/**
 * Plan the whole file against the data as it is and write nothing: throws what committing it would throw on the file
 * itself, before a large import's first batch lands.
 */
async function checkWholeFile(ctx: Ctx, preview: ImportPreview, opts: CommitOptions) {
  const programme = await programmeFor(ctx.db, ctx, opts.programmeId);
  const { byName, toCreate } = resolveUnits(await listOrgsForMatching(ctx.db, ctx.actor), preview, opts, false);
  for (const name of toCreate) byName.set(name, `(new)${name}`);
  const periodKey = checkedPeriod(programme, opts, preview);
  const round = periodKey ? await findRoundByPeriod(ctx.db, programme.id, periodKey) : undefined;
  // A round the commit would open: the rows' reports are planned as new ones.
  const roundId = round?.id ?? (periodKey && preview.items.some(hasReportContent) ? NEW_ROUND : null);
  const accepted = opts.accept === 'all' ? 'all' : new Set(opts.accept ?? []);
  const plan = new ImportPlan(
    { programmeId: programme.id, periodKey, roundId, now: ctx.now().toISOString() },
    { by: null, markAs: opts.markAs ?? null, accept: (id) => accepted === 'all' || accepted.has(id) },
    ...(await loadForImport(ctx.db, programme.id, periodKey, round?.id ?? null, preview.items)),
  );
  await planItems(plan, preview, { periodKey, roundId, byName }, emptySummary());
  checkApprovedBy(plan, opts);
}

/** A round the commit would open (the whole-file check plans its reports as new ones). */
const NEW_ROUND = '(new)';

/** What one import carries from batch to batch (a small import: its only batch). */
type CommitState = {
  summary: ImportCommitSummary;
  /** Every report version written so far. */
  versionIds: string[];
  /** Projects matched or created by earlier rows: never matched again. */
  claimed: Set<string>;
  /** Rows planned so far (the next row's number in the file). */
  seq: number;
  /** Unit names → organisation ids, once the first batch created the new units. */
  byName: Map<string, string> | null;
  /** Whether any row of the whole file carries progress (then the round is opened, and every row gets a report). */
  needsRound: boolean;
  differences: number;
};

const newCommitState = (preview: ImportPreview): CommitState => ({
  summary: emptySummary(),
  versionIds: [],
  claimed: new Set(),
  seq: 0,
  byName: null,
  needsRound: preview.items.some(hasReportContent),
  differences: 0,
});

function checkedPeriod(
  programme: { year: number },
  opts: Pick<CommitOptions, 'periodKey'>,
  preview: ImportPreview,
): string | null {
  const periodKey = opts.periodKey ?? preview.round.periodKey;
  if (periodKey && !periodKey.startsWith(String(programme.year)))
    throw new AppError(
      'VALIDATION',
      `导入文件的期次（${periodLabel(periodKey)}）不属于计划年度${programme.year}年，请选择正确的计划或期次`,
    );
  return periodKey;
}

function checkApprovedBy(plan: ImportPlan, opts: Pick<CommitOptions, 'approvedBy'>) {
  if (plan.targetChanges.length && !clean(opts.approvedBy))
    throw new AppError('VALIDATION', '接受年度目标调整时，请填写批准机关或会议（如：区政府常务会议）', {
      issues: [{ path: ['options', 'approvedBy'], message: '请填写批准机关或会议' }],
    });
}

const emptySummary = (): ImportCommitSummary => ({
  projectsCreated: 0,
  projectsUpdated: 0,
  reportsVersioned: 0,
  unitsCreated: 0,
  roundId: null,
  skipped: [],
  notes: [],
  applied: [],
  notApplied: 0,
});

async function programmeFor(trx: DbOrTx, ctx: Ctx, programmeId: string) {
  const programme = await findProgramme(trx, programmeId);
  if (!programme) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', programme, '实事计划');
  authorize(ctx, 'import:commit', programme);
  return programme;
}

/**
 * What committing the preview into the programme would change in existing data (nothing is written): the
 * differences the office may accept. Unknown units count as the units they would be mapped to or created as.
 */
export async function importDifferences(
  ctx: Ctx,
  preview: ImportPreview,
  opts: Omit<CommitOptions, 'accept' | 'markAs'>,
): Promise<ImportDifference[]> {
  const programme = await programmeFor(ctx.db, ctx, opts.programmeId);
  const orgs = await listOrgsForMatching(ctx.db, ctx.actor);
  const { byName } = resolveUnits(orgs, preview, opts, true);
  const periodKey = opts.periodKey ?? preview.round.periodKey;
  const round = periodKey ? await findRoundByPeriod(ctx.db, programme.id, periodKey) : undefined;
  const plan = new ImportPlan(
    { programmeId: programme.id, periodKey, roundId: round?.id ?? null, now: ctx.now().toISOString() },
    { by: null, markAs: null, accept: () => false },
    ...(await loadForImport(ctx.db, programme.id, periodKey, round?.id ?? null, preview.items)),
  );
  await planItems(plan, preview, { periodKey, roundId: round?.id ?? null, byName }, emptySummary());
  return plan.differences;
}

/**
 * The commit inside the caller's transaction (the command line creates the programme first, in the same transaction:
 * import-bootstrap.ts). Reads, checks and writes all go through `trx`.
 */
export async function commitImportIn(
  trx: DbOrTx,
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
): Promise<ImportCommitSummary> {
  const state = newCommitState(preview);
  const programmeId = await commitRows(trx, ctx, preview, opts, state, true);
  // The imported versions carry their assessment; the targets this import changed re-assess the rest, in the background.
  await assessVersions(trx, state.versionIds, ctx.now());
  await enqueueJob(trx, 'reassess.programme', { programmeId }, { now: ctx.now() });
  return state.summary;
}

/**
 * The import's rows (all of them, or one batch of a large import), differences, numeric columns and audit entries,
 * inside `trx`; not the assessment. `state` carries what the import did in earlier batches and gathers the summary;
 * `last`: the import.commit audit entry is written with these rows. Returns the programme's id.
 */
async function commitRows(
  trx: DbOrTx,
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
  state: CommitState,
  last: boolean,
): Promise<string> {
  const programme = await programmeFor(trx, ctx, opts.programmeId);
  const actor = ctx.actor!;
  const userId = recordedUserId(actor);
  const summary = state.summary;
  const periodKey = checkedPeriod(programme, opts, preview);
  const now = ctx.now().toISOString();
  let byName = state.byName;
  if (!byName) {
    // Units are matched within the organisations the actor acts for, never another district's.
    const orgs = await listOrgsForMatching(trx, actor);
    const resolved = resolveUnits(orgs, preview, opts, false);
    byName = resolved.byName;
    summary.unitsCreated = await createUnits(trx, resolved.toCreate, programme.ownerOrgId, now, byName);
  }
  let roundId: string | null = null;
  if (periodKey && state.needsRound)
    roundId = await ensureRound(trx, programme.id, periodKey, opts.asOf ?? preview.round.asOf, userId, now);
  summary.roundId = roundId;

  const accepted = opts.accept === 'all' ? 'all' : new Set(opts.accept ?? []);
  // Read once, decide row by row in memory, write set-based.
  const plan = new ImportPlan(
    { programmeId: programme.id, periodKey, roundId, now },
    {
      by: userId,
      markAs: opts.markAs ?? null,
      accept: (id) => accepted === 'all' || accepted.has(id),
    },
    ...(await loadForImport(trx, programme.id, periodKey, roundId, preview.items)),
    state.claimed,
  );
  await planItems(plan, preview, { periodKey, roundId, byName }, summary, state.seq);
  checkApprovedBy(plan, opts);
  await plan.write(trx, summary, {
    approvedBy: clean(opts.approvedBy),
    reason: clean(opts.adjustReason) || IMPORT_ADJUST_REASON,
  });
  // numeric columns (年度目标数, 完成数, 完成率, 投资) as indicators, values and the published ratio
  summary.notes.push(
    ...(await storeNumericColumns(trx, plan.rowProjects, { roundId, versionIds: plan.versionIds, byName, now })),
  );
  // Each accepted difference is its own audited action, then the import as a whole.
  for (const a of plan.applied)
    await insertAudit(trx, { ...a.audit, at: now, actorId: userId, actorName: actor.displayName, ip: ctx.ip });
  // Carried to the next batch only once this one is written (a failed batch changes nothing).
  state.byName = byName;
  state.seq += preview.items.length;
  state.versionIds.push(...plan.versionIds);
  state.differences += plan.differences.length;
  summary.applied.push(...plan.applied.map((a) => ({ id: a.diff.id, kind: a.diff.kind, label: labelOf(a.diff) })));
  summary.notApplied = state.differences - summary.applied.length;
  if (last)
    await insertAudit(trx, {
      at: now,
      actorId: userId,
      actorName: actor.displayName,
      action: 'import.commit',
      entity: 'programme',
      entityId: programme.id,
      after: {
        source: preview.source,
        title: preview.round.title,
        periodKey,
        ...(opts.markAs ? { markAs: opts.markAs } : {}),
        ...summary,
        applied: summary.applied.map((a) => a.id),
      },
      ip: ctx.ip,
    });
  return programme.id;
}

/** A difference in one line of Chinese (the commit's summary). */
export const labelOf = (d: ImportDifference) =>
  `${d.code} ${d.projectName}：${IMPORT_DIFFERENCE_LABELS[d.kind]}${d.unit ? `（${d.unit}）` : ''}${d.detail ? `：${d.detail}` : ''}`;

async function ensureRound(
  trx: DbOrTx,
  programmeId: string,
  periodKey: string,
  asOf: string | null,
  by: string | null,
  now: string,
) {
  const existing = await findRoundByPeriod(trx, programmeId, periodKey);
  if (existing) return existing.id;
  const id = newId();
  const date = asOf ?? now.slice(0, 10);
  await repo.insertRoundRow(trx, {
    id,
    programmeId,
    name: `${periodLabel(periodKey)}进展情况（导入）`,
    periodType: parsePeriodKey(periodKey)?.type ?? 'year',
    periodKey,
    asOf: date,
    dueDate: date,
    columns: JSON.stringify(DEFAULT_ROUND_COLUMNS),
    status: 'open',
    createdBy: by,
    createdAt: now,
  });
  return id;
}

/** The row carries report content: progress, problems, next steps, a self-assessment, or 已完成 as its evaluation. */
const hasReportContent = (i: ImportItem) =>
  Boolean(
    clean(i.progress) ||
      clean(i.problems) ||
      clean(i.nextSteps) ||
      clean(i.selfAssessment) ||
      i.evaluation === '已完成',
  );

/** The report content a row carries. */
const importedContent = (item: ImportItem): ReportContent => ({
  progressText: clean(item.progress),
  selfAssessment: item.selfAssessment,
  problems: clean(item.problems),
  nextSteps: clean(item.nextSteps),
  completedAnnualTarget: item.evaluation === '已完成' || item.selfAssessment === '已完成' ? 1 : 0,
});

/** Names compared loosely: no spaces or punctuation. */
const sameName = (a: string, b: string) =>
  a.replace(/[\s，,。.、（）()“”"]/g, '') === b.replace(/[\s，,。.、（）()“”"]/g, '');

const flagLabel = (f: string) => PROJECT_FLAG_LABELS[f as ProjectFlag] ?? (f === 'sub_item' ? '子项' : f);
const roleLabel = (r: string) => UNIT_ROLE_LABELS[r as UnitRole] ?? r;

type Loaded = Awaited<ReturnType<typeof repo.loadProgrammeForImport>>;
type ProjectRow = Loaded['projects'][number];
type PeriodTargetRow = Loaded['periodTargets'][number];
type RoundReport = Awaited<ReturnType<typeof repo.findRoundReports>>[number] & { numbersKey: string };

/**
 * What the rows are matched against: the programme's projects with one of their codes or names, those projects' units,
 * targets and reports in the round (none when there is no round yet, or `roundId` is a round still to be opened).
 */
async function loadForImport(
  db: DbOrTx,
  programmeId: string,
  periodKey: string | null,
  roundId: string | null,
  items: readonly ImportItem[],
): Promise<[Loaded, RoundReport[]]> {
  const loaded = await repo.loadProgrammeForImport(db, programmeId, periodKey, {
    codes: items.map((i) => clean(i.code)),
    names: items.map((i) => clean(i.name) || clean(i.code)),
  });
  const reports =
    roundId && roundId !== NEW_ROUND
      ? await roundReports(
          db,
          roundId,
          loaded.projects.map((p) => p.id),
        )
      : [];
  return [loaded, reports];
}

/** The round's reports on these projects with their current version, and the numbers an import stored with it. */
async function roundReports(db: DbOrTx, roundId: string, projectIds: string[]): Promise<RoundReport[]> {
  const reports = await repo.findRoundReports(db, roundId, projectIds);
  const numbers = await importedNumbersOf(
    db,
    reports.flatMap((r) => (r.versionId && r.action === IMPORT_ACTION ? [r.versionId] : [])),
  );
  return reports.map((r) => {
    const n = r.versionId ? numbers.get(r.versionId) : undefined;
    return { ...r, numbersKey: n ? numbersKey(n) : '' };
  });
}
type CurrentVersion = ReportContent & {
  versionId: string;
  /** The numbers an import stored with it (numbersKey; '' when none). */
  numbersKey: string;
  action: string;
  targetAdjustmentNote: string;
  lagAnalysis: string | null;
};
type ReportState = {
  id: string;
  projectId: string;
  orgId: string;
  status: string;
  versionNo: number;
  /** Versions this import adds. */
  versions: number;
  created: boolean;
  /** The current version before this import (null: none yet). */
  current: CurrentVersion | null;
  /** This import added the office's version over a unit's report: its state is not changed. */
  office: boolean;
};
/** An existing project's row being changed by the import. */
type ProjectEdit = Record<string, unknown> & ProjectRow;
type UnitRow = { id: string | null; orgId: string; role: string; orgName: string };
/** An accepted difference and the audit entry of its action. */
type Applied = { diff: ImportDifference; audit: Omit<AuditEntry, 'at' | 'actorId' | 'actorName' | 'ip'> };

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};
const firstWins = <K, V>(m: Map<K, V>, k: K, v: V) => {
  if (!m.has(k)) m.set(k, v);
};

const currentOf = (r: RoundReport): CurrentVersion | null =>
  r.versionId
    ? {
        versionId: r.versionId,
        numbersKey: r.numbersKey,
        action: r.action ?? '',
        progressText: r.progressText ?? '',
        selfAssessment: r.selfAssessment ?? null,
        problems: r.problems ?? '',
        nextSteps: r.nextSteps ?? '',
        completedAnnualTarget: r.completedAnnualTarget ?? 0,
        targetAdjustmentNote: r.targetAdjustmentNote ?? '',
        lagAnalysis: r.lagAnalysis ?? null,
      }
    : null;

/**
 * The commit's decisions, made row by row against the programme as loaded plus what earlier rows of the same import
 * added (exactly what per-row queries inside the transaction would have seen), then written with a few set-based
 * statements per table. Differences with existing data are recorded always and applied when accepted.
 */
class ImportPlan {
  private readonly categoryByName = new Map<string, string>();
  private readonly matterByGoal = new Map<string, string>();
  private readonly matterByKey = new Map<string, string>();
  /** Projects of the programme by code, in load order, including the ones this import creates. */
  private readonly projectsByCode = new Map<string, { id: string; name: string }[]>();
  /** Projects as loaded, by name (rows this import creates or updates are claimed and never matched by name). */
  private readonly projectsByName = new Map<string, ProjectRow[]>();
  /** Projects this import creates (their units and targets are new, not differences). */
  private readonly createdIds = new Set<string>();
  private readonly unitsOf = new Map<string, UnitRow[]>();
  private readonly targetOf = new Map<string, PeriodTargetRow>();
  private readonly reports = new Map<string, ReportState>();

  private readonly newCategories: Insertable<CategoriesTable>[] = [];
  private readonly newMatters: Insertable<MattersTable>[] = [];
  private readonly newProjects: Insertable<ProjectsTable>[] = [];
  private readonly changedProjects = new Map<string, Insertable<ProjectsTable>>();
  private changedProjectColumns: (keyof ProjectsTable & string)[] = [];
  private readonly newUnits: Insertable<ProjectUnitsTable>[] = [];
  private readonly newTargets = new Set<PeriodTargetRow>();
  private readonly changedTargets = new Set<PeriodTargetRow>();
  private readonly newVersions: Insertable<ReportVersionsTable>[] = [];
  /** Office versions: copy the unit's indicator values from → to. */
  private readonly valueCopies: { from: string; to: string }[] = [];
  private readonly unitRemovals: { unit: UnitRow; projectId: string; applied: Applied }[] = [];

  /** Each row and the project it went to (numeric columns are stored from these: import-numbers.ts). */
  readonly rowProjects: NumericRow[] = [];
  /** Every difference with existing data found (accepted or not). */
  readonly differences: ImportDifference[] = [];
  /** The accepted ones, applied by write(). */
  readonly applied: Applied[] = [];
  /** Accepted annual-target changes (年度目标调整 records). */
  readonly targetChanges: { projectId: string; oldText: string; newText: string }[] = [];

  constructor(
    private readonly at: { programmeId: string; periodKey: string | null; roundId: string | null; now: string },
    private readonly how: {
      by: string | null;
      /** Store the imported progress as approved or published (the table was issued), instead of in the report's state. */
      markAs: 'approved' | 'published' | null;
      accept: (id: string) => boolean;
    },
    loaded: Loaded,
    reports: RoundReport[],
    /** Projects matched or created by earlier rows of the same import (earlier batches): never matched again. */
    private readonly claimed = new Set<string>(),
  ) {
    for (const c of loaded.categories) firstWins(this.categoryByName, c.name, c.id);
    for (const m of loaded.matters) firstWins(this.matterByGoal, m.goalText, m.id);
    for (const p of loaded.projects) {
      push(this.projectsByCode, p.code, p);
      push(this.projectsByName, p.name, p);
    }
    for (const u of loaded.units) push(this.unitsOf, u.projectId, { ...u });
    for (const t of loaded.periodTargets) firstWins(this.targetOf, t.projectId, t);
    for (const r of reports)
      this.reports.set(`${r.projectId}|${r.orgId}`, {
        id: r.id,
        projectId: r.projectId,
        orgId: r.orgId,
        status: r.status,
        versionNo: r.versionNo,
        versions: 0,
        created: false,
        current: currentOf(r),
        office: false,
      });
  }

  /** Record a difference; true when the office accepted it (then `audit` is logged once it is applied). */
  private difference(
    d: Omit<ImportDifference, 'suggested' | 'code' | 'projectName'> & { project: { code: string; name: string } },
    audit: Applied['audit'],
    deferred = false,
  ): Applied | null {
    const { project, ...rest } = d;
    const diff: ImportDifference = {
      ...rest,
      code: project.code,
      projectName: project.name,
      suggested: suggestedByDefault(d.kind),
    };
    this.differences.push(diff);
    if (!this.how.accept(diff.id)) return null;
    const applied = { diff, audit };
    if (!deferred) this.applied.push(applied);
    return applied;
  }

  /** The matter a row belongs to (created when new); its category is created when new. */
  matter(item: ImportItem, seq: number): string | null {
    const title = clean(item.matter);
    if (!title) return null;
    const key = `${item.matterNumber ?? ''}|${title}`;
    const cached = this.matterByKey.get(key);
    if (cached) return cached;
    let categoryId: string | null = null;
    const cat = clean(item.category);
    if (cat) {
      categoryId = this.categoryByName.get(cat) ?? null;
      if (!categoryId) {
        categoryId = newId();
        this.newCategories.push({ id: categoryId, programmeId: this.at.programmeId, seq: 0, name: cat });
        this.categoryByName.set(cat, categoryId);
      }
    }
    let id = this.matterByGoal.get(title);
    if (!id) {
      id = newId();
      const number = item.matterNumber ?? (item.code?.split('-')[0] || '');
      const shortTitle = title.split(/[：:\n]/)[0]!.slice(0, 60);
      this.newMatters.push({
        id,
        programmeId: this.at.programmeId,
        categoryId,
        number,
        title: shortTitle,
        goalText: title,
        // In the file's order, on the same scale as the projects' seq (1000 + row).
        seq: 1000 + seq,
      });
      this.matterByGoal.set(title, id);
    }
    this.matterByKey.set(key, id);
    return id;
  }

  /**
   * Find the project a row updates: by code, else by name. A row never merges into a project another row of the same
   * import already updated, and a bare row number ("2") only matches a project of the same name — so a different table
   * whose 序号 2 is another project cannot overwrite it.
   */
  private findExisting(code: string, name: string) {
    if (code) {
      const byCode = (this.projectsByCode.get(code) ?? []).filter((p) => !this.claimed.has(p.id));
      const hit = /^\d+$/.test(code)
        ? byCode.find((p) => sameName(p.name, name))
        : (byCode.find((p) => sameName(p.name, name)) ?? byCode[0]);
      if (hit) return hit as ProjectRow;
    }
    return (this.projectsByName.get(name) ?? []).find((p) => !this.claimed.has(p.id));
  }

  /** Update the row's project or create it; returns its id and whether this import creates it. */
  project(item: ImportItem, matterId: string | null, seq: number, summary: ImportCommitSummary) {
    const code = clean(item.code);
    const name = clean(item.name) || code;
    const existing = this.findExisting(code, name);
    if (!existing && code) {
      const other = this.projectsByCode.get(code)?.[0];
      if (other) summary.notes.push(`编号“${code}”已有项目“${other.name}”，与本行“${name}”不同，已作为新项目导入`);
    }
    if (existing) {
      this.updateExisting(existing, item, name, matterId);
      summary.projectsUpdated++;
      this.claimed.add(existing.id);
      return existing.id;
    }
    const id = newId();
    const row = {
      id,
      programmeId: this.at.programmeId,
      matterId,
      parentId: null,
      code: code || `导入-${seq}`,
      type: '其他',
      seq: 1000 + seq,
      createdAt: this.at.now,
      name,
      annualTargetText: clean(item.annualTarget),
      levels: JSON.stringify(item.levels),
      flags: JSON.stringify(item.flags),
      keySupervision: keySupervisionOf(item.flags),
      updatedAt: this.at.now,
    };
    this.newProjects.push(row);
    push(this.projectsByCode, row.code, { id, name });
    summary.projectsCreated++;
    this.createdIds.add(id);
    this.claimed.add(id);
    return id;
  }

  /**
   * An existing project: the name, matter and levels (added to, never removed) follow the file; the annual target and
   * the flags change only through accepted differences. Nothing is written when nothing changes.
   */
  private updateExisting(existing: ProjectRow, item: ImportItem, name: string, matterId: string | null) {
    const row: ProjectEdit = { ...existing, name, ...(matterId ? { matterId } : {}) };
    const levels = parseJson<string[]>(existing.levels, []);
    for (const l of item.levels) if (!levels.includes(l)) levels.push(l);
    row.levels = JSON.stringify(levels);
    this.annualTarget(existing, row, clean(item.annualTarget));
    this.flags(existing, row, item.flags);
    const changed = (['name', 'matterId', 'levels', 'flags', 'annualTargetText'] as const).some(
      (k) => row[k] !== existing[k],
    );
    if (changed) this.changeProject(existing, row);
    existing.name = name;
  }

  /** A different annual target in the file: a difference; accepted, a 年度目标调整 (see writeTargetChanges). */
  private annualTarget(existing: ProjectRow, row: ProjectEdit, newTarget: string) {
    const oldTarget = existing.annualTargetText;
    if (!newTarget || newTarget === oldTarget) return;
    const ok = this.difference(
      {
        id: differenceId('annualTarget', existing.id, [oldTarget, newTarget]),
        kind: 'annualTarget',
        projectId: existing.id,
        project: existing,
        unit: null,
        detail: null,
        before: oldTarget,
        after: newTarget,
        reportStatus: null,
      },
      {
        action: 'import.target',
        entity: 'project',
        entityId: existing.id,
        before: { annualTargetText: oldTarget },
        after: { annualTargetText: newTarget },
      },
    );
    if (!ok) return;
    row.annualTargetText = newTarget;
    // The first adjustment keeps the annual target as first planned (migration 0011).
    if ('originalAnnualTargetText' in row && row.originalAnnualTargetText == null)
      row.originalAnnualTargetText = oldTarget;
    this.targetChanges.push({ projectId: existing.id, oldText: oldTarget, newText: newTarget });
  }

  /** Flags the file adds or lacks: differences; only accepted ones change the project's flags. */
  private flags(existing: ProjectRow, row: ProjectEdit, imported: readonly string[]) {
    const flags = parseJson<string[]>(existing.flags, []);
    const before = [...flags];
    const { added, removed } = flagChanges(flags, imported);
    const diff = (kind: 'flagAdded' | 'flagRemoved', f: string) =>
      this.difference(
        {
          id: differenceId(kind, `${existing.id}:${f}`),
          kind,
          projectId: existing.id,
          project: existing,
          unit: null,
          detail: flagLabel(f),
          before: kind === 'flagAdded' ? null : flagLabel(f),
          after: kind === 'flagAdded' ? flagLabel(f) : null,
          reportStatus: null,
        },
        {
          action: kind === 'flagAdded' ? 'import.flag-add' : 'import.flag-remove',
          entity: 'project',
          entityId: existing.id,
          before: { flags: before },
          after: kind === 'flagAdded' ? { added: f } : { removed: f },
        },
      );
    for (const f of added) if (diff('flagAdded', f)) flags.push(f);
    for (const f of removed) if (diff('flagRemoved', f)) flags.splice(flags.indexOf(f), 1);
    row.flags = JSON.stringify(flags);
    row.keySupervision = keySupervisionOf(flags);
  }

  /** Write the changed project (its version moves on: an open edit in the plan editor is then stale, 0011). */
  private changeProject(existing: ProjectRow, row: ProjectEdit) {
    row.updatedAt = this.at.now;
    const cols = this.changedProjectColumns;
    if (typeof existing.version === 'number') {
      row.version = existing.version + 1;
      if (!cols.includes('version')) cols.push('version');
    }
    if ('originalAnnualTargetText' in row && !cols.includes('originalAnnualTargetText'))
      cols.push('originalAnnualTargetText');
    this.changedProjects.set(existing.id, row as Insertable<ProjectsTable>);
  }

  /**
   * Units in roles: a project this import creates gets the file's units; an existing one gets the differences
   * (additions and, for roles the file lists completely, removals) that the office accepted.
   */
  units(projectId: string, item: ImportItem, byName: Map<string, string>, listedRoles: ReadonlySet<string>) {
    const roles: [string, string[]][] = [
      ['lead', item.leadUnits],
      ['assist', item.assistUnits],
      ['cohost', item.cohostUnits],
    ];
    const existing = this.unitsOf.get(projectId) ?? [];
    this.unitsOf.set(projectId, existing);
    let seq = existing.length;
    const imported = roles.flatMap(([role, list]) =>
      list.flatMap((name) => {
        const orgId = byName.get(name);
        return orgId ? [{ orgId, role, name }] : [];
      }),
    );
    const add = (orgId: string, role: string, orgName: string) => {
      const id = newId();
      this.newUnits.push({ id, projectId, orgId, role, shareNote: '', seq: ++seq });
      existing.push({ id, orgId, role, orgName });
    };
    const { added, removed } = unitChanges(existing, imported, listedRoles);
    if (this.createdIds.has(projectId)) {
      for (const u of added) add(u.orgId, u.role, u.name);
      return;
    }
    const project = this.projectRef(projectId);
    for (const u of added) {
      const ok = this.difference(
        {
          id: differenceId('unitAdded', `${projectId}:${u.role}:${u.name}`),
          kind: 'unitAdded',
          projectId,
          project,
          unit: u.name,
          detail: roleLabel(u.role),
          before: null,
          after: `${u.name}（${roleLabel(u.role)}）`,
          reportStatus: null,
        },
        {
          action: 'import.unit-add',
          entity: 'project',
          entityId: projectId,
          after: { orgId: u.orgId, unit: u.name, role: u.role },
        },
      );
      if (ok) add(u.orgId, u.role, u.name);
    }
    for (const u of removed) {
      const ok = this.difference(
        {
          id: differenceId('unitRemoved', `${projectId}:${u.role}:${u.orgId}`),
          kind: 'unitRemoved',
          projectId,
          project,
          unit: u.orgName,
          detail: roleLabel(u.role),
          before: `${u.orgName}（${roleLabel(u.role)}）`,
          after: null,
          reportStatus: null,
        },
        {
          action: 'import.unit-remove',
          entity: 'project',
          entityId: projectId,
          before: { orgId: u.orgId, unit: u.orgName, role: u.role },
        },
        true,
      );
      if (ok && u.id) this.unitRemovals.push({ unit: u, projectId, applied: ok });
    }
  }

  /** The unit is on the project (as loaded, created or accepted by this import). */
  hasUnit(projectId: string, orgId: string): boolean {
    return (this.unitsOf.get(projectId) ?? []).some((u) => u.orgId === orgId);
  }

  /** Code and name of a project of the programme (for the preview's lists). */
  private projectRef(projectId: string) {
    for (const list of this.projectsByCode.values()) {
      const p = list.find((x) => x.id === projectId);
      if (p) return { code: (p as ProjectRow).code ?? '', name: p.name };
    }
    return { code: '', name: '' };
  }

  /** Set the project's whole-project target for the import's period (an existing different one: a difference). */
  periodTarget(projectId: string, text: string) {
    const found = this.targetOf.get(projectId);
    if (found) {
      if (this.newTargets.has(found)) {
        found.targetText = text;
        return;
      }
      if (found.targetText === text) return;
      const before = found.targetText;
      const ok = this.difference(
        {
          id: differenceId('periodTarget', `${projectId}:${found.periodKey}`, [before, text]),
          kind: 'periodTarget',
          projectId,
          project: this.projectRef(projectId),
          unit: null,
          detail: periodLabel(found.periodKey),
          before,
          after: text,
          reportStatus: null,
        },
        {
          action: 'import.period-target',
          entity: 'project',
          entityId: projectId,
          before: { periodKey: found.periodKey, targetText: before },
          after: { periodKey: found.periodKey, targetText: text },
        },
      );
      if (ok) {
        found.targetText = text;
        this.changedTargets.add(found);
      }
      return;
    }
    const row: PeriodTargetRow = {
      id: newId(),
      projectId,
      indicatorId: null,
      periodKey: this.at.periodKey!,
      targetText: text,
      targetValue: null,
      cumulative: 1,
    };
    this.targetOf.set(projectId, row);
    this.newTargets.add(row);
  }

  /** The unit's report on the project in the round, created (draft, no version yet) when it has none. */
  ensureReport(projectId: string, orgId: string): ReportState {
    const key = `${projectId}|${orgId}`;
    let report = this.reports.get(key);
    if (!report) {
      report = {
        id: newId(),
        projectId,
        orgId,
        status: 'draft',
        versionNo: 0,
        versions: 0,
        created: true,
        current: null,
        office: false,
      };
      this.reports.set(key, report);
    }
    return report;
  }

  /**
   * Store the row's progress in the unit's report of the round: as its next version when the report has none yet or
   * only the office's own unreviewed import; otherwise (the unit's content, or a locked report) only as the office's
   * version of an accepted difference.
   */
  version(
    projectId: string,
    orgId: string,
    unitName: string,
    item: ImportItem,
  ): 'locked' | 'versioned' | 'unchanged' | 'differs' {
    const report = this.ensureReport(projectId, orgId);
    // The office's version of a unit's report is written once per import (a second row never goes over it).
    if (report.office) return 'unchanged';
    const imported = importedContent(item);
    const cur = report.versions === 0 ? report.current : null;
    if (cur) {
      // Only the office's own import that nobody has handed in or reviewed since is replaced by the file.
      const officeDraft = cur.action === IMPORT_ACTION && report.status === 'draft';
      if (officeDraft) {
        // the same text and the same numbers (完成数, 完成投资, 完成率): nothing to write
        if (!this.how.markAs && sameReportContent(cur, imported) && cur.numbersKey === itemNumbersKey(item))
          return 'unchanged';
      } else return this.officeVersion(report, cur, unitName, imported);
    }
    // Locked before this import (approved or published); the import's own marking does not lock its later rows out.
    if (report.versions === 0 && isLocked(report.status as ReportStatus)) return 'locked';
    if (this.how.markAs) report.status = this.how.markAs;
    report.versions++;
    this.newVersions.push({
      id: newId(),
      reportId: report.id,
      versionNo: report.versionNo + report.versions,
      status: report.status,
      action: IMPORT_ACTION,
      ...imported,
      targetAdjustmentNote: '',
      lagAnalysis: null,
      comment: null,
      createdBy: this.how.by,
      createdAt: this.at.now,
    });
    return 'versioned';
  }

  /** A unit's (or a locked) report whose content the file would change: a difference; accepted, the office's version. */
  private officeVersion(report: ReportState, cur: CurrentVersion, unitName: string, imported: ReportContent) {
    const { content, changed } = mergeReportContent(cur, imported);
    if (!changed.length) return 'unchanged';
    const all = ['进展情况', '进度自评', '存在问题', '下一步工作', '完成年度目标'];
    const versionNo = report.versionNo + 1;
    const ok = this.difference(
      {
        id: differenceId('report', report.id, [cur.versionId, describeReport(content, all)]),
        kind: 'report',
        projectId: report.projectId,
        project: this.projectRef(report.projectId),
        unit: unitName,
        detail: changed.join('、'),
        before: describeReport(cur, changed),
        after: describeReport(content, changed),
        reportStatus: report.status,
      },
      {
        action: 'import.office-version',
        entity: 'report',
        entityId: report.id,
        before: { versionNo: report.versionNo, action: cur.action, status: report.status },
        after: { versionNo, action: OFFICE_IMPORT_ACTION, status: report.status, changed, ...content },
      },
    );
    if (!ok) return isLocked(report.status as ReportStatus) ? 'locked' : 'differs';
    const id = newId();
    report.versions = 1;
    report.office = true;
    this.newVersions.push({
      id,
      reportId: report.id,
      versionNo,
      status: report.status,
      action: OFFICE_IMPORT_ACTION,
      ...content,
      targetAdjustmentNote: cur.targetAdjustmentNote,
      lagAnalysis: cur.lagAnalysis,
      comment: null,
      createdBy: this.how.by,
      createdAt: this.at.now,
    });
    this.valueCopies.push({ from: cur.versionId, to: id });
    return 'versioned';
  }

  /** Ids of the report versions this import writes. */
  get versionIds(): string[] {
    return this.newVersions.map((v) => v.id as string);
  }

  /** Parents before children: categories → matters → projects → units, targets → reports → versions. */
  async write(trx: DbOrTx, summary: ImportCommitSummary, adjust: { approvedBy: string; reason: string }) {
    await repo.insertCategories(trx, this.newCategories);
    await repo.insertMatters(trx, this.newMatters);
    await repo.insertProjects(trx, this.newProjects);
    await repo.updateImportedProjects(trx, [...this.changedProjects.values()], this.changedProjectColumns);
    await this.writeTargetChanges(trx, adjust);
    await repo.insertProjectUnits(trx, this.newUnits);
    await this.removeUnits(trx, summary);
    await repo.insertPeriodTargets(trx, [...this.newTargets]);
    await repo.updatePeriodTargetTexts(trx, [...this.changedTargets]);
    const reports = [...this.reports.values()].filter((r) => r.versions > 0 || r.created);
    await repo.insertReportRows(
      trx,
      reports
        .filter((r) => r.created)
        .map((r) => ({
          id: r.id,
          roundId: this.at.roundId!,
          projectId: r.projectId,
          orgId: r.orgId,
          status: r.status,
          versionNo: r.versions,
          approvedAt: this.how.markAs && r.versions > 0 ? this.at.now : null,
          updatedAt: this.at.now,
        })),
    );
    const advanced = new Map<string, string[]>();
    for (const r of reports)
      if (!r.created && r.versions > 0) push(advanced, `${r.versions}|${r.office ? 'office' : 'import'}`, r.id);
    const marked = this.how.markAs ? { status: this.how.markAs, approvedAt: this.at.now } : undefined;
    for (const [key, ids] of advanced) {
      const [by, kind] = key.split('|');
      await repo.advanceReportVersions(trx, ids, Number(by), this.at.now, kind === 'office' ? undefined : marked);
    }
    await repo.insertReportVersions(trx, this.newVersions);
    await repo.copyReportValues(trx, this.valueCopies, newId);
  }

  /** Accepted annual-target changes as 年度目标调整 records (reason, approving body, who, when). */
  private async writeTargetChanges(trx: DbOrTx, adjust: { approvedBy: string; reason: string }) {
    if (!this.targetChanges.length) return;
    const last = await repo.lastProjectTargetVersions(
      trx,
      this.targetChanges.map((t) => t.projectId),
    );
    const rows = this.targetChanges.map((t) => ({
      id: newId(),
      projectId: t.projectId,
      version: (last.get(t.projectId) ?? 0) + 1,
      oldText: t.oldText,
      newText: t.newText,
      reason: adjust.reason,
      approvedBy: adjust.approvedBy,
      approvedAt: this.at.now.slice(0, 10),
      source: 'import',
      createdBy: this.how.by,
      createdAt: this.at.now,
    }));
    await repo.insertProjectTargetVersions(trx, rows);
    for (const a of this.applied)
      if (a.diff.kind === 'annualTarget') {
        const row = rows.find((r) => r.projectId === a.diff.projectId)!;
        a.audit.after = {
          ...(a.audit.after as object),
          version: row.version,
          reason: row.reason,
          approvedBy: row.approvedBy,
        };
      }
  }

  /** Accepted removals of units in roles; a unit that has reports on the project stays (history is never lost). */
  private async removeUnits(trx: DbOrTx, summary: ImportCommitSummary) {
    if (!this.unitRemovals.length) return;
    const reported = await repo.unitsWithReports(
      trx,
      this.unitRemovals.map((r) => ({ projectId: r.projectId, orgId: r.unit.orgId })),
    );
    const ids: string[] = [];
    for (const r of this.unitRemovals) {
      if (reported.has(`${r.projectId}|${r.unit.orgId}`)) {
        summary.notes.push(
          `“${r.unit.orgName}”在项目“${r.applied.diff.projectName}”已有填报，不能移除${roleLabel(r.unit.role)}（历史填报需保留）`,
        );
        continue;
      }
      ids.push(r.unit.id!);
      this.applied.push(r.applied);
    }
    await repo.deleteProjectUnits(trx, ids);
  }
}

/**
 * Unit names of the file → organisation ids (names, aliases, the preview's matches, the user's mapping); what to
 * create. `lenient` (the preview of differences): names not resolved yet stand for the unit they will become.
 */
function resolveUnits(
  orgs: OrgRef[],
  preview: ImportPreview,
  opts: Pick<CommitOptions, 'unitMapping' | 'createUnits'>,
  lenient: boolean,
): { byName: Map<string, string>; toCreate: string[] } {
  const byName = new Map<string, string>();
  for (const o of orgs) {
    byName.set(o.name, o.id);
    for (const a of o.aliases ?? []) if (!byName.has(a)) byName.set(a, o.id);
  }
  for (const m of preview.units.matched) byName.set(m.name, m.orgId);
  for (const [name, id] of Object.entries(opts.unitMapping ?? {})) {
    if (!orgs.some((o) => o.id === id)) throw new AppError('VALIDATION', `单位映射“${name}”指向的单位不存在`);
    byName.set(name, id);
  }
  const toCreate = (opts.createUnits ?? []).filter((n) => !byName.has(n));
  const collective = new Set(preview.units.collective);
  const names = preview.items.flatMap((i) => [...i.leadUnits, ...i.assistUnits, ...i.cohostUnits]);
  const unresolved = [...new Set(names.filter((n) => !byName.has(n) && !toCreate.includes(n) && !collective.has(n)))];
  if (lenient) {
    for (const n of [...toCreate, ...unresolved]) byName.set(n, `new:${n}`);
    return { byName, toCreate: [] };
  }
  if (unresolved.length)
    throw new AppError('VALIDATION', `以下单位不在组织机构中，请先映射到已有单位或选择新建：${unresolved.join('、')}`, {
      unresolved,
    });
  return { byName, toCreate };
}

/** The units the user chose to create, under the programme's owner; their ids join `byName`. */
async function createUnits(
  trx: DbOrTx,
  toCreate: string[],
  parentId: string,
  now: string,
  byName: Map<string, string>,
): Promise<number> {
  const units = toCreate.map((name) => ({
    id: newId(),
    name,
    shortName: null,
    kind: 'other',
    parentId,
    aliases: '[]',
    seq: 9999,
    createdAt: now,
  }));
  await insertOrganizations(trx, units);
  for (const u of units) byName.set(u.name, u.id);
  return units.length;
}

const ROLE_COLUMNS: [string, 'leadUnits' | 'assistUnits' | 'cohostUnits'][] = [
  ['lead', 'leadUnits'],
  ['assist', 'assistUnits'],
  ['cohost', 'cohostUnits'],
];

/**
 * Roles whose list in this row is complete: the table has the role's column, the cell names at least one unit, and
 * every name is a known unit (a 各街道 or an empty cell says nothing about who was removed).
 */
function listedRolesOf(item: ImportItem, fields: ReadonlySet<string>, byName: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [role, field] of ROLE_COLUMNS) {
    const list = item[field];
    if (fields.has(field) && list.length && list.every((n) => byName.has(n))) out.add(role);
  }
  return out;
}

/** Decide every row in memory: project, units in roles, period target, the round's report version. */
async function planItems(
  plan: ImportPlan,
  preview: Pick<ImportPreview, 'items' | 'columns'>,
  ctx: { periodKey: string | null; roundId: string | null; byName: Map<string, string> },
  summary: ImportCommitSummary,
  /** Rows before these in the file (a batch of a large import). */
  firstSeq = 0,
) {
  const { periodKey, roundId, byName } = ctx;
  const fieldsOf = new Map(
    preview.columns.map((t) => [t.table, new Set(t.columns.map((c) => c.field).filter(Boolean) as string[])]),
  );
  let seq = firstSeq;
  for (const item of preview.items) {
    seq++;
    // A 50,000-row file: let other requests run every 250 rows (1000 rows took up to half a second on a busy machine).
    if (seq % 250 === 0) await yieldToEventLoop();
    // A 合计/全市 row totals the projects above it: it is checked in the preview, never a project.
    if (item.isTotal) continue;
    if (!clean(item.name) && !clean(item.code)) {
      summary.skipped.push({ code: item.code, name: item.name, reason: '缺少项目名称和编号' });
      continue;
    }
    const matterId = plan.matter(item, seq);
    const projectId = plan.project(item, matterId, seq, summary);
    plan.rowProjects.push({ item, projectId });
    plan.units(projectId, item, byName, listedRolesOf(item, fieldsOf.get(item.row.table) ?? new Set(), byName));
    if (periodKey && clean(item.periodTarget)) plan.periodTarget(projectId, clean(item.periodTarget));
    if (roundId) planReport(plan, projectId, item, byName, summary);
  }
}

/**
 * The row's report in the round: its content as a new version; a row without content still gets its lead unit's
 * (empty, draft) report, as opening a round does, so the project is in the round's table and documents.
 */
function planReport(
  plan: ImportPlan,
  projectId: string,
  item: ImportItem,
  byName: Map<string, string>,
  summary: ImportCommitSummary,
) {
  const leadName = item.leadUnits.find((n) => byName.has(n));
  const lead = leadName ? byName.get(leadName) : undefined;
  // A unit whose role on an existing project was not accepted gets no report on it.
  if (lead && !plan.hasUnit(projectId, lead)) {
    if (hasReportContent(item))
      summary.skipped.push({
        code: item.code,
        name: item.name,
        reason: `${leadName}不是该项目的责任单位（新增未采用），进展未导入`,
      });
    return;
  }
  if (!hasReportContent(item)) {
    if (lead) plan.ensureReport(projectId, lead);
    return;
  }
  if (!lead || !leadName) {
    summary.skipped.push({ code: item.code, name: item.name, reason: '没有可识别的牵头单位，进展未导入' });
    return;
  }
  const res = plan.version(projectId, lead, leadName, item);
  if (res === 'locked')
    summary.skipped.push({ code: item.code, name: item.name, reason: '该期填报已审核锁定，进展未覆盖' });
  else if (res === 'differs')
    summary.skipped.push({
      code: item.code,
      name: item.name,
      reason: `${leadName}已填报，导入内容与之不同，未覆盖（可在预览中勾选，作为督查室版本保存）`,
    });
  else if (res === 'versioned') summary.reportsVersioned++;
}
