/** 人大监督, 年终总结, 满意度测评 (0017) and the approved-only reads a deputy gets (issue 12 §2–§3). */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type {
  OversightAnswersTable,
  OversightOpinionsTable,
  VotesTable,
  YearEndConfirmationsTable,
} from '../db/database';

const VISIBLE = ['approved', 'published'];
const CHUNK = 500;

async function chunked<T, R>(items: T[], run: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

// ---- Approved or published versions (what a deputy may read) -----------------------------------------------------

/** Every approved or published version of the reports, with its current assessment (callers keep the newest). */
export async function findVisibleVersions(db: DbOrTx, reportIds: string[]) {
  return chunked([...new Set(reportIds)], (ids) =>
    db
      .selectFrom('reportVersions')
      .leftJoin('reportAssessments', (j) =>
        j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
      )
      .select([
        'reportVersions.id as versionId',
        'reportVersions.reportId',
        'reportVersions.versionNo',
        'reportVersions.status',
        'reportVersions.action',
        'reportVersions.progressText',
        'reportVersions.selfAssessment',
        'reportVersions.problems',
        'reportVersions.nextSteps',
        'reportVersions.targetAdjustmentNote',
        'reportVersions.completedAnnualTarget',
        'reportVersions.lagAnalysis',
        'reportVersions.createdAt',
        'reportAssessments.id as assessmentId',
        'reportAssessments.computedStatus',
        'reportAssessments.light',
        'reportAssessments.completionRatio',
        'reportAssessments.publishedRatio',
        'reportAssessments.expectedRatio',
        'reportAssessments.gapPoints',
        'reportAssessments.reason',
        'reportAssessments.findings',
      ])
      .where('reportVersions.reportId', 'in', ids)
      .where('reportVersions.status', 'in', VISIBLE)
      .execute(),
  );
}

/** Indicator values of versions. */
export async function findValuesOf(db: DbOrTx, versionIds: string[]) {
  return chunked([...new Set(versionIds)], (ids) =>
    db
      .selectFrom('reportValues')
      .select(['versionId', 'indicatorId', 'value', 'note'])
      .where('versionId', 'in', ids)
      .execute(),
  );
}

/** Projects' own flags (the plan's, before any open 督办 record adds 挂牌督办). */
export async function findProjectFlags(db: DbOrTx, projectIds: string[]) {
  return chunked([...new Set(projectIds)], (ids) =>
    db.selectFrom('projects').select(['id', 'flags']).where('id', 'in', ids).execute(),
  );
}

/** The approved (or published) lag analysis documents of reports, newest approved version of each. */
export async function findApprovedAnalyses(db: DbOrTx, reportIds: string[]) {
  return chunked([...new Set(reportIds)], (ids) =>
    db
      .selectFrom('lagAnalyses')
      .innerJoin('lagAnalysisVersions', 'lagAnalysisVersions.analysisId', 'lagAnalyses.id')
      .select([
        'lagAnalyses.id',
        'lagAnalyses.reportId',
        'lagAnalysisVersions.versionNo',
        'lagAnalysisVersions.status',
        'lagAnalysisVersions.problems',
        'lagAnalysisVersions.subjective',
        'lagAnalysisVersions.objective',
        'lagAnalysisVersions.plan',
        'lagAnalysisVersions.expectedCompletion',
        'lagAnalysisVersions.createdAt',
      ])
      .where('lagAnalyses.reportId', 'in', ids)
      .where('lagAnalysisVersions.status', 'in', VISIBLE)
      .execute(),
  );
}

// ---- Programme facts ---------------------------------------------------------------------------------------------

/** The programme's active projects in plan order, with their matter. */
export async function findProgrammeProjects(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('projects')
    .leftJoin('matters', 'matters.id', 'projects.matterId')
    .select([
      'projects.id',
      'projects.code',
      'projects.name',
      'projects.flags',
      'projects.keySupervision',
      'projects.annualTargetText',
      'projects.seq',
      'matters.title as matter',
      'matters.seq as matterSeq',
    ])
    .where('projects.programmeId', '=', programmeId)
    .where('projects.status', '=', 'active')
    .execute();
}

/** Every approved or published report version of a programme with its round's date, unit and assessment. */
export async function findProgrammeVisibleReports(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('reportVersions')
    .innerJoin('reports', 'reports.id', 'reportVersions.reportId')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .leftJoin('reportAssessments', (j) =>
      j.onRef('reportAssessments.versionId', '=', 'reportVersions.id').on('reportAssessments.current', '=', 1),
    )
    .select([
      'reports.id as reportId',
      'reports.projectId',
      'reports.orgId',
      'organizations.name as unit',
      'rounds.id as roundId',
      'rounds.name as roundName',
      'rounds.asOf',
      'reportVersions.versionNo',
      'reportVersions.status',
      'reportVersions.progressText',
      'reportVersions.selfAssessment',
      'reportVersions.completedAnnualTarget',
      'reportAssessments.computedStatus',
      'reportAssessments.light',
      'reportAssessments.completionRatio',
    ])
    .where('rounds.programmeId', '=', programmeId)
    .where('reportVersions.status', 'in', VISIBLE)
    .execute();
}

/** The programme's rounds, by date. */
export async function findProgrammeRounds(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('rounds')
    .select(['id', 'name', 'periodKey', 'asOf', 'status'])
    .where('programmeId', '=', programmeId)
    .orderBy('asOf')
    .execute();
}

/** The lag analysis documents of a round's reports, current version (all states). */
export async function findRoundAnalyses(db: DbOrTx, roundId: string) {
  return db
    .selectFrom('lagAnalyses')
    .innerJoin('reports', 'reports.id', 'lagAnalyses.reportId')
    .innerJoin('projects', 'projects.id', 'reports.projectId')
    .innerJoin('organizations', 'organizations.id', 'reports.orgId')
    .innerJoin('lagAnalysisVersions', (j) =>
      j
        .onRef('lagAnalysisVersions.analysisId', '=', 'lagAnalyses.id')
        .onRef('lagAnalysisVersions.versionNo', '=', 'lagAnalyses.versionNo'),
    )
    .select([
      'reports.id as reportId',
      'projects.id as projectId',
      'projects.code',
      'projects.name',
      'organizations.name as unit',
      'lagAnalyses.status',
      'lagAnalysisVersions.problems',
      'lagAnalysisVersions.subjective',
      'lagAnalysisVersions.objective',
      'lagAnalysisVersions.plan',
      'lagAnalysisVersions.expectedCompletion',
    ])
    .where('reports.roundId', '=', roundId)
    .execute();
}

/** 年度目标调整 of a programme's projects: indicators' and the projects' own annual targets. */
export async function findProgrammeTargetChanges(db: DbOrTx, programmeId: string) {
  const [ofIndicators, ofProjects] = await Promise.all([
    db
      .selectFrom('targetVersions')
      .innerJoin('indicators', 'indicators.id', 'targetVersions.indicatorId')
      .innerJoin('projects', 'projects.id', 'indicators.projectId')
      .select([
        'projects.id as projectId',
        'projects.code',
        'projects.name',
        'indicators.name as indicator',
        'targetVersions.version',
        'targetVersions.oldText',
        'targetVersions.newText',
        'targetVersions.reason',
        'targetVersions.approvedBy',
        'targetVersions.approvedAt',
      ])
      .where('projects.programmeId', '=', programmeId)
      .execute(),
    db
      .selectFrom('projectTargetVersions')
      .innerJoin('projects', 'projects.id', 'projectTargetVersions.projectId')
      .select([
        'projects.id as projectId',
        'projects.code',
        'projects.name',
        sql<string>`'年度目标'`.as('indicator'),
        'projectTargetVersions.version',
        'projectTargetVersions.oldText',
        'projectTargetVersions.newText',
        'projectTargetVersions.reason',
        'projectTargetVersions.approvedBy',
        'projectTargetVersions.approvedAt',
      ])
      .where('projects.programmeId', '=', programmeId)
      .execute(),
  ]);
  return [...ofIndicators, ...ofProjects];
}

// ---- Year-end confirmations --------------------------------------------------------------------------------------

export async function findConfirmations(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('yearEndConfirmations')
    .selectAll()
    .where('programmeId', '=', programmeId)
    .orderBy('projectId')
    .orderBy('seq')
    .execute();
}

export async function nextConfirmationSeq(db: DbOrTx, projectId: string): Promise<number> {
  const r = await db
    .selectFrom('yearEndConfirmations')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  return Number(r?.max ?? 0) + 1;
}

export async function insertConfirmation(db: DbOrTx, row: YearEndConfirmationsTable) {
  await db.insertInto('yearEndConfirmations').values(row).execute();
}

// ---- Oversight groups and opinions -------------------------------------------------------------------------------

export async function findGroups(db: DbOrTx, programmeId: string) {
  return db.selectFrom('oversightGroups').selectAll().where('programmeId', '=', programmeId).orderBy('name').execute();
}

export async function findGroupMembers(db: DbOrTx, groupIds: string[]) {
  if (!groupIds.length) return [];
  return db
    .selectFrom('oversightGroupMembers')
    .innerJoin('users', 'users.id', 'oversightGroupMembers.userId')
    .select(['oversightGroupMembers.groupId', 'users.id as userId', 'users.displayName', 'users.username'])
    .where('oversightGroupMembers.groupId', 'in', groupIds)
    .execute();
}

export async function findGroupProjects(db: DbOrTx, groupIds: string[]) {
  if (!groupIds.length) return [];
  return db
    .selectFrom('oversightGroupProjects')
    .select(['groupId', 'projectId'])
    .where('groupId', 'in', groupIds)
    .execute();
}

export async function insertGroup(
  db: DbOrTx,
  g: { id: string; programmeId: string; name: string; createdBy: string | null; createdAt: string },
  userIds: string[],
  projectIds: string[],
) {
  await db.insertInto('oversightGroups').values(g).execute();
  if (userIds.length)
    await db
      .insertInto('oversightGroupMembers')
      .values(userIds.map((userId) => ({ groupId: g.id, userId })))
      .execute();
  if (projectIds.length)
    await db
      .insertInto('oversightGroupProjects')
      .values(projectIds.map((projectId) => ({ groupId: g.id, projectId })))
      .execute();
}

export async function findGroupByName(db: DbOrTx, programmeId: string, name: string) {
  return db
    .selectFrom('oversightGroups')
    .select('id')
    .where('programmeId', '=', programmeId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function findOpinions(db: DbOrTx, programmeId: string, authorId?: string) {
  let q = db
    .selectFrom('oversightOpinions')
    .innerJoin('projects', 'projects.id', 'oversightOpinions.projectId')
    .leftJoin('oversightGroups', 'oversightGroups.id', 'oversightOpinions.groupId')
    .select([
      'oversightOpinions.id',
      'oversightOpinions.projectId',
      'projects.code',
      'projects.name as projectName',
      'oversightOpinions.groupId',
      'oversightGroups.name as groupName',
      'oversightOpinions.authorId',
      'oversightOpinions.authorName',
      'oversightOpinions.text',
      'oversightOpinions.createdAt',
    ])
    .where('oversightOpinions.programmeId', '=', programmeId);
  if (authorId) q = q.where('oversightOpinions.authorId', '=', authorId);
  return q.orderBy('oversightOpinions.createdAt', 'desc').execute();
}

export async function findOpinion(db: DbOrTx, id: string) {
  return db.selectFrom('oversightOpinions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOpinion(db: DbOrTx, row: OversightOpinionsTable) {
  await db.insertInto('oversightOpinions').values(row).execute();
}

export async function findAnswers(db: DbOrTx, opinionIds: string[]) {
  return chunked(opinionIds, (ids) =>
    db.selectFrom('oversightAnswers').selectAll().where('opinionId', 'in', ids).orderBy('seq').execute(),
  );
}

export async function nextAnswerSeq(db: DbOrTx, opinionId: string): Promise<number> {
  const r = await db
    .selectFrom('oversightAnswers')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('opinionId', '=', opinionId)
    .executeTakeFirst();
  return Number(r?.max ?? 0) + 1;
}

export async function insertAnswer(db: DbOrTx, row: OversightAnswersTable) {
  await db.insertInto('oversightAnswers').values(row).execute();
}

/** Active users by id (members and voters are checked against these). */
export async function findUsers(db: DbOrTx, ids: string[]) {
  return chunked([...new Set(ids)], (part) =>
    db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'active'])
      .where('id', 'in', part)
      .execute(),
  );
}

// ---- Votes -------------------------------------------------------------------------------------------------------

export async function insertVote(
  db: DbOrTx,
  v: VotesTable,
  projectIds: string[],
  voterIds: string[],
  ratings: readonly string[],
) {
  await db.insertInto('votes').values(v).execute();
  await db
    .insertInto('voteProjects')
    .values(projectIds.map((projectId, i) => ({ voteId: v.id, projectId, seq: i + 1 })))
    .execute();
  await db
    .insertInto('voteEligible')
    .values(voterIds.map((userId) => ({ voteId: v.id, userId })))
    .execute();
  await db
    .insertInto('voteTallies')
    .values(projectIds.flatMap((projectId) => ratings.map((rating) => ({ voteId: v.id, projectId, rating, count: 0 }))))
    .execute();
}

export async function findVote(db: DbOrTx, id: string) {
  return db.selectFrom('votes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a list of votes shows of each. */
const VOTE_LIST_COLUMNS = [
  'votes.id',
  'votes.programmeId',
  'programmes.name as programme',
  'programmes.ownerOrgId',
  'votes.title',
  'votes.opensAt',
  'votes.closesAt',
  'votes.createdAt',
] as const;

/** Votes of programmes owned by these organisations ('all' = every one). */
export async function findVotesOfProgrammes(db: DbOrTx, programmeIds: string[]) {
  if (!programmeIds.length) return [];
  return db
    .selectFrom('votes')
    .innerJoin('programmes', 'programmes.id', 'votes.programmeId')
    .select(VOTE_LIST_COLUMNS)
    .where('votes.programmeId', 'in', programmeIds)
    .orderBy('votes.createdAt', 'desc')
    .execute();
}

/** Votes a user is eligible for. */
export async function findVotesOfVoter(db: DbOrTx, userId: string) {
  return db
    .selectFrom('votes')
    .innerJoin('voteEligible', 'voteEligible.voteId', 'votes.id')
    .innerJoin('programmes', 'programmes.id', 'votes.programmeId')
    .select(VOTE_LIST_COLUMNS)
    .where('voteEligible.userId', '=', userId)
    .orderBy('votes.createdAt', 'desc')
    .execute();
}

export async function findVoteProjects(db: DbOrTx, voteId: string) {
  return db
    .selectFrom('voteProjects')
    .innerJoin('projects', 'projects.id', 'voteProjects.projectId')
    .select(['projects.id', 'projects.code', 'projects.name', 'projects.annualTargetText', 'voteProjects.seq'])
    .where('voteProjects.voteId', '=', voteId)
    .orderBy('voteProjects.seq')
    .execute();
}

export async function isEligible(db: DbOrTx, voteId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('voteEligible')
    .select('userId')
    .where('voteId', '=', voteId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Boolean(r);
}

export async function countEligible(db: DbOrTx, voteIds: string[]) {
  if (!voteIds.length) return [];
  return db
    .selectFrom('voteEligible')
    .select(['voteId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('voteId', 'in', voteIds)
    .groupBy('voteId')
    .execute();
}

/** How many distinct people have voted in each vote (counts only, never who). */
export async function countVoters(db: DbOrTx, voteIds: string[]) {
  if (!voteIds.length) return [];
  return db
    .selectFrom('voteVoters')
    .select(['voteId', (eb) => eb.fn.count<number>('userId').distinct().as('n')])
    .where('voteId', 'in', voteIds)
    .groupBy('voteId')
    .execute();
}

/** The projects this user has already rated in a vote (their own, not what they chose). */
export async function findRatedProjects(db: DbOrTx, voteId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('voteVoters')
    .select('projectId')
    .where('voteId', '=', voteId)
    .where('userId', '=', userId)
    .execute();
  return rows.map((r) => r.projectId);
}

/**
 * Record that the user rated these projects (the primary key refuses a second time) and add each rating to the
 * project's tally. Call inside one transaction: the voter rows and the tallies commit together.
 */
export async function castBallot(
  db: DbOrTx,
  voteId: string,
  userId: string,
  ratings: { projectId: string; rating: string }[],
) {
  await db
    .insertInto('voteVoters')
    .values(ratings.map((r) => ({ voteId, projectId: r.projectId, userId })))
    .execute();
  for (const r of ratings)
    await db
      .updateTable('voteTallies')
      .set((eb) => ({ count: eb('count', '+', 1) }))
      .where('voteId', '=', voteId)
      .where('projectId', '=', r.projectId)
      .where('rating', '=', r.rating)
      .execute();
}

export async function findTallies(db: DbOrTx, voteId: string) {
  return db.selectFrom('voteTallies').select(['projectId', 'rating', 'count']).where('voteId', '=', voteId).execute();
}

/** Programmes (id, owner) by id. */
export async function findProgrammesOf(db: DbOrTx, ownerOrgIds: 'all' | readonly string[]) {
  let q = db.selectFrom('programmes').select(['id', 'name', 'year', 'ownerOrgId']);
  if (ownerOrgIds !== 'all') {
    if (!ownerOrgIds.length) return [];
    q = q.where('ownerOrgId', 'in', [...ownerOrgIds]);
  }
  return q.execute();
}

/** The same unit's reports of the project in earlier rounds of the programme, newest first. */
export async function findEarlierReports(
  db: DbOrTx,
  r: { projectId: string; orgId: string; programmeId: string; asOf: string },
) {
  return db
    .selectFrom('reports')
    .innerJoin('rounds', 'rounds.id', 'reports.roundId')
    .select(['reports.id', 'rounds.name as roundName', 'rounds.periodKey', 'rounds.asOf'])
    .where('reports.projectId', '=', r.projectId)
    .where('reports.orgId', '=', r.orgId)
    .where('rounds.programmeId', '=', r.programmeId)
    .where('rounds.asOf', '<', r.asOf)
    .orderBy('rounds.asOf', 'desc')
    .execute();
}

/** Active users with a unit among these organisations ('all': any unit), for choosing members and voters. */
export async function findActiveUsersInOrgs(db: DbOrTx, orgIds: 'all' | readonly string[]) {
  let q = db
    .selectFrom('users')
    .innerJoin('userUnits', 'userUnits.userId', 'users.id')
    .select(['users.id', 'users.username', 'users.displayName', 'users.role'])
    .distinct()
    .where('users.active', '=', 1);
  if (orgIds !== 'all') {
    if (!orgIds.length) return [];
    q = q.where('userUnits.orgId', 'in', [...orgIds]);
  }
  return q.orderBy('users.username').limit(5000).execute();
}

/** A project with its programme's owner (for policy subjects). */
export async function findProjectOwner(db: DbOrTx, projectId: string) {
  return db
    .selectFrom('projects')
    .innerJoin('programmes', 'programmes.id', 'projects.programmeId')
    .select([
      'projects.id',
      'projects.programmeId',
      'projects.code',
      'projects.name',
      'projects.flags',
      'projects.keySupervision',
      'programmes.ownerOrgId',
    ])
    .where('projects.id', '=', projectId)
    .executeTakeFirst();
}

/** The programme's owner (for policy subjects). */
export async function findProgrammeRef(db: DbOrTx, programmeId: string) {
  return db
    .selectFrom('programmes')
    .select(['id', 'name', 'year', 'ownerOrgId'])
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

/** The organisation and every organisation above it (its parent chain). */
export async function findOrgChain(db: DbOrTx, orgId: string): Promise<string[]> {
  const out: string[] = [];
  let id: string | null = orgId;
  for (let guard = 0; id && guard < 30 && !out.includes(id); guard++) {
    out.push(id);
    const row: { parentId: string | null } | undefined = await db
      .selectFrom('organizations')
      .select('parentId')
      .where('id', '=', id)
      .executeTakeFirst();
    id = row?.parentId ?? null;
  }
  return out;
}
