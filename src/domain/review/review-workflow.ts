/** The review state machine for reports. The only place that knows legal transitions. */
import type { ReportStatus, ReviewAction } from '../../shared/statuses';

/** Transition table: from-status → action → to-status. Approved and published are locked for content. */
const TRANSITIONS: Record<ReportStatus, Partial<Record<ReviewAction, ReportStatus>>> = {
  draft: { save: 'draft', submit: 'submitted' },
  returned: { save: 'returned', submit: 'submitted' },
  submitted: { return: 'returned', approve: 'approved' },
  // Revoking an approval (before publication, with a reason) puts the report back to be reviewed again.
  approved: { publish: 'published', revoke: 'submitted' },
  published: {},
};

/** Which actions are legal from a status. */
export function allowedActions(status: ReportStatus): ReviewAction[] {
  return Object.keys(TRANSITIONS[status]) as ReviewAction[];
}

/** The next status, or null when the action is not allowed from this status. */
export function nextStatus(status: ReportStatus, action: ReviewAction): ReportStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

/** Content of approved or published reports is never modified. */
export function isLocked(status: ReportStatus): boolean {
  return status === 'approved' || status === 'published';
}

/** A report counts as handed in once submitted (or later). */
export function isHandedIn(status: ReportStatus): boolean {
  return status === 'submitted' || status === 'approved' || status === 'published';
}
