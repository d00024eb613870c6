/** Kysely table types (camelCase via CamelCasePlugin). Row types never leave server/repositories. */
import type { ColumnType, Generated } from 'kysely';

export type OrganizationsTable = {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: string | null;
  aliases: string;
  seq: number;
  createdAt: string;
  /** Migration 0010: 0 = 已停用 (merged or no longer used; kept for history). */
  active: Generated<number>;
};
export type UsersTable = {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  active: number;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  /** Migration 0007: 1 = the user must change the password before anything else. */
  mustChangePassword: Generated<number>;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  /** Migration 0010: contact details — an encrypted-field token when DATA_KEY is set, else plain text. */
  phone: string | null;
  email: string | null;
};
export type PasswordHistoryTable = { id: string; userId: string; passwordHash: string; createdAt: string };
/** Migration 0010: `duty` — 联络员 or 分管领导 for that unit (null = not stated). */
export type UserUnitsTable = { userId: string; orgId: string; duty: string | null };
export type SessionsTable = {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  /** Migration 0007: the login before this one (shown as 上次登录). */
  prevLoginAt: string | null;
  prevLoginIp: string | null;
  failedSincePrev: Generated<number>;
};
export type ProgrammesTable = {
  id: string;
  name: string;
  year: number;
  level: string;
  ownerOrgId: string;
  statusVocabulary: string;
  schedule: string;
  status: string;
  createdAt: string;
  /** Migration 0011: reporting cadence, 'monthly' | 'quarterly'. */
  cadence: Generated<string>;
  /** Migration 0014: the chase rules (JSON of domain/chase/rules ChaseRules; null = the defaults). */
  chaseRules?: string | null;
  /** Migration 0021: the ranking and 考核 rules (JSON of domain/evaluate/rules EvaluationRules; null = the defaults). */
  evaluationRules?: string | null;
};
/** Migration 0011: `status` 'active' | 'inactive' (deactivated instead of deleted). */
export type CategoriesTable = { id: string; programmeId: string; seq: number; name: string; status: Generated<string> };
export type MattersTable = {
  id: string;
  programmeId: string;
  categoryId: string | null;
  number: string;
  title: string;
  goalText: string;
  seq: number;
  /** Migration 0011: 'active' | 'inactive'. */
  status: Generated<string>;
};
export type ProjectsTable = {
  id: string;
  programmeId: string;
  matterId: string | null;
  parentId: string | null;
  code: string;
  name: string;
  levels: string;
  flags: string;
  /** 1 when `flags` names key_supervision (0002); written with flags, read instead of a LIKE on the JSON. */
  keySupervision: number;
  type: string;
  annualTargetText: string;
  seq: number;
  createdAt: string;
  updatedAt: string;
  /** Migration 0011: optimistic locking — +1 on every edit of the project (its units, indicators, targets). */
  version: Generated<number>;
  /** Migration 0011: 'active' | 'inactive' (deactivated instead of deleted). */
  status: Generated<string>;
  /** Migration 0011: the annual target as first planned, set by the first 年度目标调整 (null = never adjusted). */
  originalAnnualTargetText?: string | null;
};
export type ProjectUnitsTable = {
  id: string;
  projectId: string;
  orgId: string;
  role: string;
  shareNote: string;
  seq: number;
};
export type IndicatorsTable = {
  id: string;
  projectId: string;
  seq: number;
  name: string;
  kind: string;
  unit: string;
  targetText: string;
  targetValue: number | null;
  deadline: string | null;
  orgId: string | null;
  /** Migration 0011: a unit's part of a split target points at the project's whole indicator. */
  splitOf?: string | null;
  /** Migration 0020: 'targetNumber' or 'investment' when created from an import's numeric column. */
  sourceColumn?: string | null;
};
/** 年度目标调整 of a project's annual target text (0012), e.g. accepted from a re-import; never updated. */
export type ProjectTargetVersionsTable = {
  id: string;
  projectId: string;
  version: number;
  oldText: string;
  newText: string;
  reason: string;
  approvedBy: string;
  approvedAt: string;
  source: string;
  createdBy: string | null;
  createdAt: string;
};
export type PeriodTargetsTable = {
  id: string;
  projectId: string;
  indicatorId: string | null;
  periodKey: string;
  targetText: string;
  targetValue: number | null;
  cumulative: number;
};
export type TargetVersionsTable = {
  id: string;
  indicatorId: string;
  version: number;
  oldText: string;
  oldValue: number | null;
  newText: string;
  newValue: number | null;
  reason: string;
  approvedBy: string;
  approvedAt: string;
  createdBy: string | null;
  createdAt: string;
};
export type RoundsTable = {
  id: string;
  programmeId: string;
  name: string;
  periodType: string;
  periodKey: string;
  asOf: string;
  dueDate: string;
  columns: string;
  status: string;
  createdBy: string | null;
  createdAt: string;
};
export type ReportsTable = {
  id: string;
  roundId: string;
  projectId: string;
  orgId: string;
  status: string;
  versionNo: number;
  lastComment: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  updatedAt: string;
  /** 1 when handed in after the round's due date (migration 0006; defaults to 0 on insert). */
  submittedLate: Generated<number>;
  /**
   * The current version's current assessment, kept by every assessment writer (migration 0022): a summary for reads
   * over many rounds (the city roll-up); report_assessments is the record.
   */
  assessedStatus: ColumnType<string | null, string | null | undefined, string | null>;
  assessedLight: ColumnType<string | null, string | null | undefined, string | null>;
  assessedRatio: ColumnType<number | null, number | null | undefined, number | null>;
  assessedGap: ColumnType<number | null, number | null | undefined, number | null>;
  assessedReason: ColumnType<string | null, string | null | undefined, string | null>;
};
export type ReportVersionsTable = {
  id: string;
  reportId: string;
  versionNo: number;
  status: string;
  action: string;
  progressText: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  targetAdjustmentNote: string;
  completedAnnualTarget: number;
  lagAnalysis: string | null;
  comment: string | null;
  createdBy: string | null;
  createdAt: string;
  /** Migration 0013: the reviewer's comment per field (JSON: progress, numbers, problems, nextSteps, analysis). */
  fieldComments?: string | null;
};
/** What the judgement engine said of a report version (see domain/assess); `current` = 0 once re-assessed. */
export type ReportAssessmentsTable = {
  id: string;
  versionId: string;
  reportId: string;
  current: number;
  computedStatus: string | null;
  light: string | null;
  completionRatio: number | null;
  publishedRatio: number | null;
  computedRatio: number | null;
  expectedRatio: number | null;
  gapPoints: number | null;
  reason: string | null;
  lagAnalysisRequired: number;
  findings: string;
  engineVersion: string;
  basisKey: string;
  assessedAt: string;
};
/** Migration 0020: a version's published ratio (完成率 column) and its check against the numbers. */
export type ReportVersionNumbersTable = {
  versionId: string;
  publishedRatio: number | null;
  computedRatio: number | null;
  /** consistent | inconsistent | none */
  ratioCheck: string;
  createdAt: string;
};
export type ReportValuesTable = {
  id: string;
  versionId: string;
  indicatorId: string;
  value: number | null;
  note: string;
};
export type AuditLogTable = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  /** Migration 0008, the hash chain: gap-free number, previous entry's hash, this entry's hash (domain/audit/chain). */
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
};
/** The audit log's hash chain (0008): one row, id 1 — newest entry, retention anchor, digest algorithm. */
export type AuditChainTable = {
  id: number;
  headSeq: number;
  headHash: string;
  anchorSeq: number;
  anchorHash: string;
  /** `at` of the last entry removed by the retention purge (null: nothing purged yet). */
  anchorAt: string | null;
  /** The digest the chain is written with (null until the first entry of an empty log). */
  algorithm: string | null;
};
/** Embedded job queue (SQLite); on PostgreSQL graphile-worker holds the jobs. See server/jobs. */
export type JobsTable = {
  id: string;
  name: string;
  payload: string;
  idempotencyKey: string | null;
  state: string;
  attempts: number;
  maxAttempts: number;
  runAt: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
};
/** Recurring schedules: the last time slot enqueued (both engines). */
export type JobSchedulesTable = { name: string; lastSlot: string | null; updatedAt: string };
/** Login back-off per (username as typed, client address) (0005). See repositories/login-throttle.repo. */
export type LoginThrottleTable = {
  username: string;
  ip: string;
  failures: number;
  blockedUntil: string | null;
  lastAttempt: string;
  lastAt: string;
};
/** The office's own layouts (0009): the current definition (JSON of a Layout) and version. See services/publish/layouts. */
export type LayoutsTable = {
  id: string;
  programmeId: string;
  basedOn: string;
  name: string;
  definition: string;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  archived: Generated<number>;
};
/** Every saved version of an own layout (0009), never overwritten. */
export type LayoutVersionsTable = {
  layoutId: string;
  version: number;
  definition: string;
  savedBy: string | null;
  savedAt: string;
};

/** A round's due date extended (whole round: orgId null) or the round reopened for one unit (0013). Never updated. */
export type RoundExceptionsTable = {
  id: string;
  roundId: string;
  orgId: string | null;
  kind: string;
  dueDate: string | null;
  previousDueDate: string | null;
  reason: string;
  createdBy: string | null;
  createdAt: string;
};
/** The written analysis of a lagging project (滞后分析), its own reviewed document attached to a report (0013). */
export type LagAnalysesTable = {
  id: string;
  reportId: string;
  status: string;
  versionNo: number;
  lastComment: string | null;
  updatedAt: string;
};
export type LagAnalysisVersionsTable = {
  id: string;
  analysisId: string;
  versionNo: number;
  status: string;
  action: string;
  problems: string;
  subjective: string;
  objective: string;
  plan: string;
  expectedCompletion: string | null;
  comment: string | null;
  createdBy: string | null;
  createdAt: string;
};

/** In-app notifications (0014): one per recipient and idempotency key; read_at null = unread. */
export type NotificationsTable = {
  id: string;
  userId: string;
  kind: string;
  level: string;
  title: string;
  body: string;
  link: string;
  programmeId: string | null;
  roundId: string | null;
  reportId: string | null;
  orgId: string | null;
  idempotencyKey: string;
  createdAt: string;
  readAt: string | null;
};

/** A 督办 record (0016): level, reason, response deadline, the unit's response, 销号; optimistic `version`. */
export type SupervisionsTable = {
  id: string;
  programmeId: string;
  roundId: string | null;
  projectId: string;
  orgId: string;
  reportId: string | null;
  level: string;
  reason: string;
  status: string;
  responseDueDate: string;
  responseMeasures: string | null;
  responseCompletionDate: string | null;
  respondedAt: string | null;
  idempotencyKey: string;
  createdBy: string | null;
  createdAt: string;
  closedAt: string | null;
  version: number;
};
/** A 督办 record's history (0016): raised, upgraded, responded, rejected, closed. Never updated. */
export type SupervisionEventsTable = {
  id: string;
  supervisionId: string;
  seq: number;
  kind: string;
  level: string;
  status: string;
  text: string | null;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
};

/** Migration 0015: a group robot (企业微信/钉钉) of a programme or of one unit; url/secret encrypted when DATA_KEY is set. */
export type NotifyWebhooksTable = {
  id: string;
  scope: string;
  programmeId: string | null;
  orgId: string | null;
  kind: string;
  name: Generated<string>;
  url: string;
  secret: string | null;
  active: Generated<number>;
  createdAt: string;
  updatedAt: string | null;
};
/** Migration 0015: one channel delivery of a notification ('queued' | 'sent' | 'failed' | 'skipped'). */
export type NotificationDeliveriesTable = {
  id: string;
  notificationId: string;
  channel: string;
  target: string;
  status: string;
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
};

/** 0017-evaluate: a 人大监督小组 of a programme, its members (deputies) and the projects it follows. */
export type OversightGroupsTable = {
  id: string;
  programmeId: string;
  name: string;
  createdBy: string | null;
  createdAt: string;
};
export type OversightGroupMembersTable = { groupId: string; userId: string };
export type OversightGroupProjectsTable = { groupId: string; projectId: string };
/** 0017: a deputy's 督办建议 on a project (never edited). */
export type OversightOpinionsTable = {
  id: string;
  programmeId: string;
  projectId: string;
  groupId: string | null;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
};
/** 0017: the office's answers to an opinion, numbered (a new answer is a new row). */
export type OversightAnswersTable = {
  id: string;
  opinionId: string;
  seq: number;
  text: string;
  answeredBy: string | null;
  answeredByName: string | null;
  createdAt: string;
};
/** 0017: the office's confirmation of 是否完成年度目标 per project, numbered (the newest is in force). */
export type YearEndConfirmationsTable = {
  id: string;
  programmeId: string;
  projectId: string;
  seq: number;
  /** What the system computed when the office confirmed (1/0, null = unknown). */
  computed: number | null;
  completed: number;
  reason: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
};
/** 0017: 满意度测评. Voters and tallies are separate: nothing links a voter to a rating. */
export type VotesTable = {
  id: string;
  programmeId: string;
  title: string;
  opensAt: string;
  closesAt: string;
  createdBy: string | null;
  createdAt: string;
};
export type VoteProjectsTable = { voteId: string; projectId: string; seq: number };
export type VoteEligibleTable = { voteId: string; userId: string };
export type VoteVotersTable = { voteId: string; projectId: string; userId: string };
export type VoteTalliesTable = { voteId: string; projectId: string; rating: string; count: number };

/** Migration 0018: 政务公开 settings of a programme (public slug, default layout, default metadata JSON). */
export type DisclosureSettingsTable = {
  programmeId: string;
  slug: string;
  layoutId: string;
  splitMode: string | null;
  metadata: string;
  commentDays: number;
  updatedAt: string;
  updatedBy: string | null;
};
/** Migration 0018: an immutable published snapshot (document JSON, metadata JSON); corrections are new rows. */
export type DisclosurePublicationsTable = {
  id: string;
  slug: string;
  programmeId: string;
  roundId: string;
  year: number;
  kind: string;
  title: string;
  periodLabel: string;
  asOf: string;
  layoutId: string;
  layoutName: string;
  splitMode: string;
  metadata: string;
  document: string;
  rowCount: number;
  contentHash: string;
  sources: string;
  reason: string | null;
  replacesId: string | null;
  replacedById: string | null;
  commentUntil: string | null;
  publishedAt: string;
  publishedBy: string | null;
};
/** Migration 0018: an attachment file of a publication (base64 text). */
export type DisclosureFilesTable = {
  id: string;
  publicationId: string;
  format: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  data: string;
  createdAt: string;
};
/** Migration 0018: a 公示期 comment ('pending' | 'approved' | 'rejected'). */
export type DisclosureCommentsTable = {
  id: string;
  publicationId: string;
  name: string | null;
  contact: string | null;
  text: string;
  status: string;
  createdAt: string;
  clientHash: string;
  moderatedAt: string | null;
  moderatedBy: string | null;
};

export type Database = {
  organizations: OrganizationsTable;
  users: UsersTable;
  userUnits: UserUnitsTable;
  sessions: SessionsTable;
  passwordHistory: PasswordHistoryTable;
  programmes: ProgrammesTable;
  categories: CategoriesTable;
  matters: MattersTable;
  projects: ProjectsTable;
  projectUnits: ProjectUnitsTable;
  indicators: IndicatorsTable;
  periodTargets: PeriodTargetsTable;
  targetVersions: TargetVersionsTable;
  projectTargetVersions: ProjectTargetVersionsTable;
  rounds: RoundsTable;
  reports: ReportsTable;
  reportVersions: ReportVersionsTable;
  reportValues: ReportValuesTable;
  reportVersionNumbers: ReportVersionNumbersTable;
  reportAssessments: ReportAssessmentsTable;
  auditLog: AuditLogTable;
  auditChain: AuditChainTable;
  jobs: JobsTable;
  jobSchedules: JobSchedulesTable;
  loginThrottle: LoginThrottleTable;
  layouts: LayoutsTable;
  layoutVersions: LayoutVersionsTable;
  roundExceptions: RoundExceptionsTable;
  lagAnalyses: LagAnalysesTable;
  lagAnalysisVersions: LagAnalysisVersionsTable;
  supervisions: SupervisionsTable;
  supervisionEvents: SupervisionEventsTable;
  notifications: NotificationsTable;
  notifyWebhooks: NotifyWebhooksTable;
  notificationDeliveries: NotificationDeliveriesTable;
  disclosureSettings: DisclosureSettingsTable;
  disclosurePublications: DisclosurePublicationsTable;
  disclosureFiles: DisclosureFilesTable;
  disclosureComments: DisclosureCommentsTable;
  oversightGroups: OversightGroupsTable;
  oversightGroupMembers: OversightGroupMembersTable;
  oversightGroupProjects: OversightGroupProjectsTable;
  oversightOpinions: OversightOpinionsTable;
  oversightAnswers: OversightAnswersTable;
  yearEndConfirmations: YearEndConfirmationsTable;
  votes: VotesTable;
  voteProjects: VoteProjectsTable;
  voteEligible: VoteEligibleTable;
  voteVoters: VoteVotersTable;
  voteTallies: VoteTalliesTable;
};
