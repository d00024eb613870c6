/**
 * A 督办 record's own small workflow (issue 11 §2): the only transition table.
 *
 *   open ──respond──▶ responded ──close (销号)──▶ closed
 *     ▲                   │
 *     └─────reject────────┘   (the office sends the response back, with a reason)
 *
 * Raising a higher level on an open or responded record upgrades it (黄色 → 红色 → 挂牌督办) and re-opens it: the unit
 * answers the stronger measure. A closed record is final; a new escalation opens a new record. Pure.
 */
import { LADDER_LABELS, ladderRank, type SupervisionLevel } from '../chase/ladder';

export const SUPERVISION_STATUSES = ['open', 'responded', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const SUPERVISION_STATUS_LABELS: Record<SupervisionStatus, string> = {
  open: '待反馈',
  responded: '已反馈',
  closed: '已销号',
};

export type SupervisionAction = 'respond' | 'reject' | 'close';
export const SUPERVISION_EVENT_KINDS = ['raised', 'upgraded', 'responded', 'rejected', 'closed'] as const;
export type SupervisionEventKind = (typeof SUPERVISION_EVENT_KINDS)[number];
export const SUPERVISION_EVENT_LABELS: Record<SupervisionEventKind, string> = {
  raised: '发起督办',
  upgraded: '督办升级',
  responded: '单位反馈',
  rejected: '退回反馈',
  closed: '销号',
};

const TRANSITIONS: Record<SupervisionStatus, Partial<Record<SupervisionAction, SupervisionStatus>>> = {
  open: { respond: 'responded' },
  responded: { reject: 'open', close: 'closed', respond: 'responded' },
  closed: {},
};

/** The state after the action, or null when the action is not allowed now. */
export function nextSupervisionStatus(status: SupervisionStatus, action: SupervisionAction): SupervisionStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

/** The actions the state allows, in workflow order. */
export const allowedSupervisionActions = (status: SupervisionStatus): SupervisionAction[] =>
  (['respond', 'reject', 'close'] as const).filter((a) => nextSupervisionStatus(status, a) !== null);

/** The event each action leaves in the history. */
export const EVENT_OF: Record<SupervisionAction, SupervisionEventKind> = {
  respond: 'responded',
  reject: 'rejected',
  close: 'closed',
};

/**
 * What raising `level` does to the open record on the same project × unit (if any): a new record, an upgrade of the
 * open one, or nothing (the open one is already at this level or higher).
 */
export function raiseDecision(
  open: { level: SupervisionLevel; status: SupervisionStatus } | null,
  level: SupervisionLevel,
): 'create' | 'upgrade' | 'keep' {
  if (!open || open.status === 'closed') return 'create';
  return ladderRank(level) > ladderRank(open.level) ? 'upgrade' : 'keep';
}

/** 黄色督办单 / 红色督办单 / 挂牌督办 — the names live in the ladder. */
export const supervisionLevelLabel = (level: SupervisionLevel): string => LADDER_LABELS[level];
