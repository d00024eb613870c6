/** 政务公开 (issue 13 §1): settings, immutable publications, their files and 公示期 comments. Every query here. */
import type { DbOrTx } from '../db/connect';
import type {
  DisclosureCommentsTable,
  DisclosureFilesTable,
  DisclosurePublicationsTable,
  DisclosureSettingsTable,
} from '../db/database';

export type SettingsRecord = DisclosureSettingsTable;
export type PublicationRecord = DisclosurePublicationsTable;
export type CommentRecord = DisclosureCommentsTable;

// ── settings ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findSettings(db: DbOrTx, programmeId: string): Promise<SettingsRecord | undefined> {
  return db.selectFrom('disclosureSettings').selectAll().where('programmeId', '=', programmeId).executeTakeFirst();
}

export async function findSettingsBySlug(db: DbOrTx, slug: string): Promise<SettingsRecord | undefined> {
  return db.selectFrom('disclosureSettings').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: DbOrTx, slug: string, exceptProgrammeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('disclosureSettings')
    .select('programmeId')
    .where('slug', '=', slug)
    .where('programmeId', '<>', exceptProgrammeId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function upsertSettings(db: DbOrTx, rec: SettingsRecord): Promise<void> {
  const { programmeId, ...rest } = rec;
  const updated = await db
    .updateTable('disclosureSettings')
    .set(rest)
    .where('programmeId', '=', programmeId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('disclosureSettings').values(rec).execute();
}

// ── what may be published: the published versions of a round ──────────────────────────────────────────────────────

/**
 * Per report of the round, its latest version whose status is 'published' (reports never published are absent),
 * with the project's plan facts and the unit's name. Nothing else of the report (comments, assessments) is read.
 */
export async function findPublishedContent(db: DbOrTx, roundId: string) {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('reportVersions as v', 'v.reportId', 'reports.id')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .leftJoin('categories', 'categories.id', 'matters.categoryId')
    .select([
      'v.id as versionId',
      'reports.projectId',
      'projects.code',
      'projects.name',
      'projects.levels',
      'projects.annualTargetText',
      'projects.seq as projectSeq',
      'matters.title as matter',
      'matters.number as matterNumber',
      'matters.seq as matterSeq',
      'categories.name as category',
      'organizations.name as unit',
      'organizations.seq as unitSeq',
      'v.progressText',
      'v.selfAssessment',
      'v.problems',
      'v.nextSteps',
      'v.completedAnnualTarget',
    ])
    .where('reports.roundId', '=', roundId)
    .where('v.status', '=', 'published')
    .where((eb) =>
      eb(
        'v.versionNo',
        '=',
        eb
          .selectFrom('reportVersions as x')
          .select((e) => e.fn.max('x.versionNo').as('m'))
          .whereRef('x.reportId', '=', 'reports.id')
          .where('x.status', '=', 'published'),
      ),
    )
    .execute();
  return rows.sort(
    (a, b) =>
      (a.matterSeq ?? a.projectSeq) - (b.matterSeq ?? b.projectSeq) ||
      a.projectSeq - b.projectSeq ||
      a.code.localeCompare(b.code, 'zh') ||
      a.unitSeq - b.unitSeq,
  );
}

// ── publications ──────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertPublication(db: DbOrTx, rec: PublicationRecord): Promise<void> {
  await db.insertInto('disclosurePublications').values(rec).execute();
}

/** Mark a publication replaced by a newer one; false when it already was (someone else corrected it first). */
export async function markReplaced(db: DbOrTx, id: string, byId: string): Promise<boolean> {
  const r = await db
    .updateTable('disclosurePublications')
    .set({ replacedById: byId })
    .where('id', '=', id)
    .where('replacedById', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findPublicationBySlug(db: DbOrTx, slug: string): Promise<PublicationRecord | undefined> {
  return db.selectFrom('disclosurePublications').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findPublication(db: DbOrTx, id: string): Promise<PublicationRecord | undefined> {
  return db.selectFrom('disclosurePublications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The publication of a round in force (not replaced), if any. */
export async function findLivePublicationOfRound(db: DbOrTx, roundId: string): Promise<PublicationRecord | undefined> {
  return db
    .selectFrom('disclosurePublications')
    .selectAll()
    .where('roundId', '=', roundId)
    .where('replacedById', 'is', null)
    .orderBy('publishedAt', 'desc')
    .executeTakeFirst();
}

const SUMMARY = [
  'id',
  'slug',
  'programmeId',
  'roundId',
  'year',
  'kind',
  'title',
  'periodLabel',
  'asOf',
  'layoutName',
  'rowCount',
  'reason',
  'replacesId',
  'replacedById',
  'commentUntil',
  'publishedAt',
  'metadata',
] as const;

/** Every publication of a programme, newest first (the office's list). */
export async function listPublicationsOfProgramme(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('disclosurePublications')
    .select([...SUMMARY])
    .where('programmeId', '=', programmeId)
    .orderBy('publishedAt', 'desc')
    .orderBy('id')
    .execute();
}

/** Publications of a programme and year, newest first (the public list page; replaced ones included). */
export async function listPublicationsOfYear(db: DbOrTx, programmeId: string, year: number) {
  return db
    .selectFrom('disclosurePublications')
    .select([...SUMMARY])
    .where('programmeId', '=', programmeId)
    .where('year', '=', year)
    .orderBy('publishedAt', 'desc')
    .orderBy('id')
    .execute();
}

/** Publications in force of every programme (legacy /api/public/rounds), newest first. */
export async function listLivePublications(db: DbOrTx) {
  return db
    .selectFrom('disclosurePublications')
    .innerJoin('programmes', 'programmes.id', 'disclosurePublications.programmeId')
    .select([
      'disclosurePublications.slug',
      'disclosurePublications.roundId',
      'disclosurePublications.title',
      'disclosurePublications.periodLabel',
      'disclosurePublications.asOf',
      'disclosurePublications.publishedAt',
      'programmes.name as programme',
    ])
    .where('disclosurePublications.replacedById', 'is', null)
    .orderBy('disclosurePublications.asOf', 'desc')
    .orderBy('disclosurePublications.publishedAt', 'desc')
    .execute();
}

/** Programmes and years that have publications (the /gk/ index). */
export async function listPublishedProgrammeYears(db: DbOrTx) {
  return db
    .selectFrom('disclosurePublications')
    .innerJoin('programmes', 'programmes.id', 'disclosurePublications.programmeId')
    .innerJoin('disclosureSettings', 'disclosureSettings.programmeId', 'disclosurePublications.programmeId')
    .select([
      'disclosureSettings.slug',
      'programmes.name',
      'disclosurePublications.year',
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.max('disclosurePublications.publishedAt').as('latest'),
    ])
    .groupBy(['disclosureSettings.slug', 'programmes.name', 'disclosurePublications.year'])
    .orderBy('disclosurePublications.year', 'desc')
    .orderBy('programmes.name')
    .execute();
}

// ── files ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertFile(db: DbOrTx, rec: DisclosureFilesTable): Promise<void> {
  await db
    .insertInto('disclosureFiles')
    .values(rec)
    .onConflict((oc) => oc.columns(['publicationId', 'format']).doNothing())
    .execute();
}

export async function listFiles(db: DbOrTx, publicationId: string) {
  return db
    .selectFrom('disclosureFiles')
    .select(['format', 'name', 'contentType', 'size', 'sha256'])
    .where('publicationId', '=', publicationId)
    .execute();
}

export async function findFile(db: DbOrTx, publicationId: string, format: string) {
  return db
    .selectFrom('disclosureFiles')
    .selectAll()
    .where('publicationId', '=', publicationId)
    .where('format', '=', format)
    .executeTakeFirst();
}

// ── comments ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function insertComment(db: DbOrTx, rec: CommentRecord): Promise<void> {
  await db.insertInto('disclosureComments').values(rec).execute();
}

/** Comments from one (hashed) address since a time, over all publications. */
export async function countCommentsSince(db: DbOrTx, clientHash: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('disclosureComments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clientHash', '=', clientHash)
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Comments of a publication (one status, or all), oldest first. */
export async function listComments(db: DbOrTx, publicationId: string, status?: string) {
  let q = db.selectFrom('disclosureComments').selectAll().where('publicationId', '=', publicationId);
  if (status) q = q.where('status', '=', status);
  return q.orderBy('createdAt').orderBy('id').execute();
}

/** Pending comments over a programme's publications, with the publication's title, oldest first. */
export async function listPendingOfProgramme(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('disclosureComments')
    .innerJoin('disclosurePublications as p', 'p.id', 'disclosureComments.publicationId')
    .selectAll('disclosureComments')
    .select(['p.title as publicationTitle', 'p.slug as publicationSlug'])
    .where('p.programmeId', '=', programmeId)
    .where('disclosureComments.status', '=', 'pending')
    .orderBy('disclosureComments.createdAt')
    .execute();
}

/** Counts of comments per status for a programme's publications. */
export async function countCommentsOfProgramme(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('disclosureComments')
    .innerJoin('disclosurePublications as p', 'p.id', 'disclosureComments.publicationId')
    .select(['disclosureComments.publicationId', 'disclosureComments.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.programmeId', '=', programmeId)
    .groupBy(['disclosureComments.publicationId', 'disclosureComments.status'])
    .execute();
}

export async function findComment(db: DbOrTx, id: string) {
  return db
    .selectFrom('disclosureComments')
    .innerJoin('disclosurePublications as p', 'p.id', 'disclosureComments.publicationId')
    .selectAll('disclosureComments')
    .select(['p.programmeId'])
    .where('disclosureComments.id', '=', id)
    .executeTakeFirst();
}

/** Decide a pending comment; false when it was already decided. */
export async function moderateComment(db: DbOrTx, id: string, status: string, by: string | null, at: string) {
  const r = await db
    .updateTable('disclosureComments')
    .set({ status, moderatedBy: by, moderatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A programme's rounds with their approved and published report counts (the office's publish dialog). */
export async function listRoundsForPublishing(db: DbOrTx, programmeId: string) {
  const rounds = await db
    .selectFrom('rounds')
    .select(['id', 'name', 'periodKey', 'asOf', 'status'])
    .where('programmeId', '=', programmeId)
    .orderBy('asOf', 'desc')
    .execute();
  const counts = await db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .select(['reports.roundId', 'reports.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('rounds.programmeId', '=', programmeId)
    .where('reports.status', 'in', ['approved', 'published'])
    .groupBy(['reports.roundId', 'reports.status'])
    .execute();
  const n = (roundId: string, status: string) =>
    Number(counts.find((c) => c.roundId === roundId && c.status === status)?.n ?? 0);
  return rounds.map((r) => ({ ...r, approved: n(r.id, 'approved'), published: n(r.id, 'published') }));
}

export async function findProgrammeName(db: DbOrTx, programmeId: string): Promise<string | undefined> {
  const r = await db.selectFrom('programmes').select('name').where('id', '=', programmeId).executeTakeFirst();
  return r?.name;
}
