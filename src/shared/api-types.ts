/** Response shapes of the HTTP API, shared by server presenters and the web client. */
// Type-only: the import preview's shape is defined with the pure import mapping (no code is pulled in).
import type { ImportPreview } from '../domain/import/types';
import type { ReportStatus, ReviewAction, Role } from './statuses';

export type Me = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  units: { id: string; name: string }[];
  csrfToken: string;
};

export type Finding = {
  rule: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  span?: [number, number];
};

/** One row of a round's consolidated table (one project × responsible unit). */
export type TableRow = {
  reportId: string;
  projectId: string;
  seq: number;
  code: string;
  category: string | null;
  matter: string | null;
  matterNumber: string | null;
  name: string;
  levels: string[];
  flags: string[];
  annualTarget: string;
  periodTarget: string;
  progress: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  leadUnits: string[];
  assistUnits: string[];
  cohostUnits: string[];
  /** The unit this row's report belongs to. */
  unitId: string;
  unit: string;
  status: ReportStatus;
  versionNo: number;
  submittedAt: string | null;
  lastComment: string | null;
  completedAnnualTarget: boolean;
  /** Computed judgement (filled once the engine is wired). */
  computedStatus?: string | null;
  light?: 'green' | 'yellow' | 'red' | null;
  completionRatio?: number | null;
  gapPoints?: number | null;
  reason?: string | null;
  findings?: Finding[];
};

export type ConsolidatedTable = {
  programme: { id: string; name: string; year: number; owner: string };
  round: {
    id: string;
    name: string;
    periodKey: string;
    periodLabel: string;
    asOf: string;
    dueDate: string;
    status: string;
  };
  /** Column header for the period target, e.g. 第三季度目标. */
  periodTargetLabel: string;
  rows: TableRow[];
  /** Units that have not handed in every report yet, with counts. */
  missing: { unitId: string; unit: string; pending: number; total: number }[];
  counts: Record<ReportStatus, number>;
};

export type ReportDetail = {
  report: {
    id: string;
    status: ReportStatus;
    versionNo: number;
    lastComment: string | null;
    unit: { id: string; name: string };
    allowedActions: ReviewAction[];
    locked: boolean;
  };
  round: { id: string; name: string; periodKey: string; periodLabel: string; asOf: string; dueDate: string };
  project: {
    id: string;
    code: string;
    name: string;
    annualTarget: string;
    periodTarget: string;
    levels: string[];
    flags: string[];
    type: string;
    matter: string | null;
    leadUnits: string[];
    assistUnits: string[];
    cohostUnits: string[];
    shareNote: string;
  };
  indicators: {
    id: string;
    name: string;
    kind: string;
    unit: string;
    targetText: string;
    targetValue: number | null;
  }[];
  content: {
    progressText: string;
    selfAssessment: string | null;
    problems: string;
    nextSteps: string;
    targetAdjustmentNote: string;
    completedAnnualTarget: boolean;
    values: { indicatorId: string; value: number | null; note?: string }[];
    lagAnalysis: { problems: string; subjective: string; objective: string; plan: string } | null;
  };
  previous: {
    roundName: string;
    periodLabel: string;
    status: ReportStatus;
    progressText: string;
    selfAssessment: string | null;
    problems: string;
    nextSteps: string;
    values: { indicatorId: string; value: number | null }[];
  } | null;
  history: {
    versionNo: number;
    status: ReportStatus;
    action: string;
    comment: string | null;
    by: string | null;
    at: string;
  }[];
  statusVocabulary: string[];
  /** What the report is judged against (the unit's share of a split target, else the project's) and how. */
  judge: {
    target: string;
    periodTarget: string;
    basis: 'project' | 'share';
    /** The programme's settings for the judgement engine (JudgeSettings). */
    settings: { bands?: { mode: 'points'; yellowPoints: number } | { mode: 'share'; redBelowShare: number } };
    previousAsOf: string | null;
  };
};

export type MyReportItem = {
  reportId: string;
  code: string;
  name: string;
  unit: string;
  status: ReportStatus;
  versionNo: number;
  lastComment: string | null;
};

export type RoundSummary = {
  id: string;
  programmeId: string;
  name: string;
  periodKey: string;
  periodLabel: string;
  asOf: string;
  dueDate: string;
  status: string;
  total: number;
  handedIn: number;
};

/** A project across the year: its targets and every round's reports, judged. */
export type ProjectDetail = {
  project: {
    id: string;
    code: string;
    name: string;
    annualTarget: string;
    levels: string[];
    flags: string[];
    type: string;
    matter: string | null;
    category: string | null;
    leadUnits: string[];
    assistUnits: string[];
    cohostUnits: string[];
  };
  indicators: {
    id: string;
    name: string;
    kind: string;
    unit: string;
    targetText: string;
    targetValue: number | null;
    unitName: string | null;
  }[];
  targetVersions: {
    indicator: string;
    version: number;
    oldText: string;
    newText: string;
    reason: string;
    approvedBy: string;
    approvedAt: string;
  }[];
  rounds: {
    id: string;
    name: string;
    periodLabel: string;
    asOf: string;
    periodTarget: string;
    reports: Pick<
      TableRow,
      | 'reportId'
      | 'unit'
      | 'unitId'
      | 'status'
      | 'progress'
      | 'selfAssessment'
      | 'problems'
      | 'nextSteps'
      | 'computedStatus'
      | 'light'
      | 'completionRatio'
      | 'gapPoints'
      | 'reason'
      | 'findings'
    >[];
  }[];
};

/** GET /api/programmes item. */
export type ProgrammeSummary = {
  id: string;
  name: string;
  year: number;
  level: string;
  owner: string;
  statusVocabulary: string[];
};

/** GET /api/public/rounds item: a round that has published rows. */
export type PublicRound = { id: string; name: string; programme: string; periodLabel: string; asOf: string };

/** POST /api/imports/preview answer: the preview and the organisations unknown units can be mapped to. */
export type ImportPreviewResponse = { preview: ImportPreview; orgs: { id: string; name: string }[] };

/** POST /api/imports/commit answer. */
export type ImportCommitSummary = {
  projectsCreated: number;
  projectsUpdated: number;
  reportsVersioned: number;
  unitsCreated: number;
  roundId: string | null;
  skipped: { code: string | null; name: string | null; reason: string }[];
  /** Rows kept apart instead of merged (same code, different project), in Chinese. */
  notes: string[];
};
