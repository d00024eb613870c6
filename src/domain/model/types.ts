/** Domain entities. Plain data, shared by server, CLI, demo generator and browser. */
import type {
  IndicatorKind,
  OrgKind,
  PeriodType,
  ProgrammeLevel,
  ProjectFlag,
  ProjectLevel,
  ProjectType,
  ReportStatus,
  Role,
  RoundStatus,
  UnitRole,
} from '../../shared/statuses';

export type Organization = {
  id: string;
  name: string;
  shortName: string | null;
  kind: OrgKind;
  parentId: string | null;
  aliases: string[];
};

export type User = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitIds: string[];
  active: boolean;
};

/** Per-programme settings for judging schedule and traffic lights. */
export type ScheduleSettings = {
  /** How 序时进度 is computed: linear by months, a monthly or quarterly plan, or all-or-nothing at a deadline. */
  mode: 'linear' | 'quarterly' | 'monthly' | 'deadline';
  /** Monthly plan: 12 cumulative fractions of the annual target (month ends); missing → even. */
  monthlyPoints?: number[] | null;
  /** Quarterly plan: 4 cumulative fractions (quarter ends); missing → even. */
  quarterlyPoints?: number[] | null;
  /** Deadline mode: "MM-DD" or "YYYY-MM-DD"; before it the expected progress is 0, from it 1. */
  deadline?: string | null;
  /** After a round's due date: accept submissions and mark them late (default), or refuse them. */
  lateSubmission?: 'allow' | 'refuse';
  /** Green at or above schedule; yellow down to this many 个百分点 behind; red beyond. */
  yellowBandPoints: number;
  /** Alternative rule: red when completion < this share of schedule (e.g. 0.5). null = not used. */
  redBelowShareOfSchedule: number | null;
};

export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = {
  mode: 'linear',
  yellowBandPoints: 30,
  redBelowShareOfSchedule: null,
};

export type Programme = {
  id: string;
  name: string;
  year: number;
  level: ProgrammeLevel;
  ownerOrgId: string;
  statusVocabulary: string[];
  schedule: ScheduleSettings;
  status: 'active' | 'archived';
};

export type Category = { id: string; programmeId: string; seq: number; name: string };

export type Matter = {
  id: string;
  programmeId: string;
  categoryId: string | null;
  number: string;
  title: string;
  goalText: string;
  seq: number;
};

export type Project = {
  id: string;
  programmeId: string;
  matterId: string | null;
  parentId: string | null;
  code: string;
  name: string;
  levels: ProjectLevel[];
  flags: ProjectFlag[];
  type: ProjectType;
  annualTargetText: string;
  seq: number;
};

export type ProjectUnit = {
  id: string;
  projectId: string;
  orgId: string;
  role: UnitRole;
  /** For a shared target split across units: this unit's part, as text (e.g. "完成充电插口120个"). */
  shareNote: string;
  seq: number;
};

export type Indicator = {
  id: string;
  projectId: string;
  seq: number;
  name: string;
  kind: IndicatorKind;
  unit: string;
  targetText: string;
  targetValue: number | null;
  /** Deadline (YYYY-MM-DD) for deadline indicators. */
  deadline: string | null;
  /** Which unit's part this is, when a target is split (null = whole project). */
  orgId: string | null;
};

export type PeriodTarget = {
  id: string;
  projectId: string;
  indicatorId: string | null;
  periodKey: string;
  targetText: string;
  targetValue: number | null;
  cumulative: boolean;
};

export type TargetVersion = {
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

export type Round = {
  id: string;
  programmeId: string;
  name: string;
  periodType: PeriodType;
  periodKey: string;
  asOf: string;
  dueDate: string;
  columns: string[];
  status: RoundStatus;
};

export type ReportContent = {
  progressText: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  targetAdjustmentNote: string;
  completedAnnualTarget: boolean;
  values: { indicatorId: string; value: number | null; note?: string }[];
  lagAnalysis?: { problems: string; subjective: string; objective: string; plan: string } | null;
};

export type Report = {
  id: string;
  roundId: string;
  projectId: string;
  orgId: string;
  status: ReportStatus;
  versionNo: number;
  lastComment: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  updatedAt: string;
};

export type ReportVersion = ReportContent & {
  id: string;
  reportId: string;
  versionNo: number;
  status: ReportStatus;
  action: string;
  comment: string | null;
  createdBy: string | null;
  createdAt: string;
};

/** The columns a round's consolidated table shows by default (seed 000's layout). */
export const DEFAULT_ROUND_COLUMNS = [
  'code',
  'name',
  'annualTarget',
  'periodTarget',
  'progress',
  'problems',
  'nextSteps',
  'leadUnits',
  'assistUnits',
];
