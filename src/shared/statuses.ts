/** Closed vocabularies shared by server, CLI and browser. String-literal unions, no enums. */

/**
 * Roles. 三员分立 (等保): `admin` is the 系统管理员 (programmes, organisations, accounts), `secadmin` the 安全管理员
 * (passwords, locks, sessions of accounts) and `auditor` the 审计管理员 (reads and exports the audit log); none of the
 * three can do another's work, and no one can erase the audit log.
 */
export const ROLES = ['admin', 'supervisor', 'reporter', 'leader', 'deputy', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  supervisor: '督查室',
  reporter: '填报单位',
  leader: '领导（只读）',
  deputy: '人大代表（只读）',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

export const ORG_KINDS = ['government', 'district', 'street', 'community', 'bureau', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const PROGRAMME_LEVELS = ['省', '市', '区', '县', '街道'] as const;
export type ProgrammeLevel = (typeof PROGRAMME_LEVELS)[number];

export const PROJECT_LEVELS = ['省级', '市级', '区级', '县级', '街道级'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

export const PROJECT_TYPES = ['工程类', '服务类', '实物类', '其他'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** Project flags: 人大重点监督, 挂牌督办, 常态化/无年度目标. */
/** `continued`: 续建 — carried over unfinished from last year's programme (roll-over). */
export const PROJECT_FLAGS = ['key_supervision', 'listed_supervision', 'routine', 'continued'] as const;
export type ProjectFlag = (typeof PROJECT_FLAGS)[number];
export const PROJECT_FLAG_LABELS: Record<ProjectFlag, string> = {
  key_supervision: '人大重点监督',
  listed_supervision: '挂牌督办',
  routine: '常态化（无年度目标）',
  continued: '续建',
};

/** A unit's role on a project: 牵头/主办, 协办/配合, 区共同主办单位. */
export const UNIT_ROLES = ['lead', 'assist', 'cohost'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const UNIT_ROLE_LABELS: Record<UnitRole, string> = {
  lead: '牵头单位',
  assist: '协办单位',
  cohost: '共同主办单位',
};

export const INDICATOR_KINDS = [
  'quantity',
  'percent',
  'money',
  'standard',
  'lower_better',
  'milestone',
  'deadline',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  quantity: '数量',
  percent: '百分比',
  money: '金额',
  standard: '标准（不低于）',
  lower_better: '越低越好',
  milestone: '节点/形象进度',
  deadline: '完成时限',
};

export const PERIOD_TYPES = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

/** A round's lifecycle: draft → open → closed → archived (read-only forever); closed may reopen. */
export const ROUND_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Review state of a report: draft → submitted → returned | approved → published. */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已审核',
  published: '已发布',
};

/** Default self-assessment vocabulary (seed 000 header: 按计划推进/滞后/已完成). */
export const DEFAULT_SELF_ASSESSMENTS = ['按计划推进', '滞后', '已完成'] as const;

/** `revoke`: withdraw an approval before publication (back to submitted). */
export const REVIEW_ACTIONS = ['save', 'submit', 'return', 'approve', 'publish', 'revoke'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
