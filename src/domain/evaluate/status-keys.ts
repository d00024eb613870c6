/**
 * The judgement engine's computed statuses as short keys: what the dashboard counts and what the consolidated table's
 * `status` filter takes (`#/rounds/:id/table?status=lagging`). Pure.
 */
import {
  TABLE_LIGHT_LABELS,
  TABLE_LIGHTS,
  TABLE_STATUS_FILTER_LABELS,
  TABLE_STATUS_FILTERS,
  type TableLight,
  type TableStatusFilter,
} from '../../shared/table-query';

// One list of keys and words, shared with the table's filters (shared/table-query.ts), so dashboard links open it.
export const STATUS_KEYS = TABLE_STATUS_FILTERS;
export type StatusKey = TableStatusFilter;
export const STATUS_KEY_LABELS: Record<StatusKey, string> = TABLE_STATUS_FILTER_LABELS;

const BY_LABEL = new Map<string, StatusKey>(
  (Object.entries(STATUS_KEY_LABELS) as [StatusKey, string][]).map(([k, v]) => [v, k]),
);

/** The key of a stored computed status (null or unknown = 未研判). */
export const statusKeyOf = (computedStatus: string | null | undefined): StatusKey =>
  (computedStatus && BY_LABEL.get(computedStatus)) || 'unassessed';

/** What a status means for a unit's score. */
export type StatusClass = 'completed' | 'onSchedule' | 'lagging' | 'severe' | 'unassessed';

export function statusClass(computedStatus: string | null | undefined): StatusClass {
  switch (statusKeyOf(computedStatus)) {
    case 'completed':
    case 'exceeded':
      return 'completed';
    case 'ahead':
    case 'on_schedule':
      return 'onSchedule';
    case 'lagging':
      return 'lagging';
    case 'severe':
      return 'severe';
    default:
      return 'unassessed';
  }
}

export const LIGHT_KEYS = TABLE_LIGHTS;
export type LightKey = TableLight;
export const LIGHT_LABELS: Record<LightKey, string> = TABLE_LIGHT_LABELS;
