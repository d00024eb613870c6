/**
 * The judgement engine's computed statuses as short keys: what the dashboard counts and what the consolidated table's
 * `status` filter takes (`#/rounds/:id/table?status=lagging`). Pure.
 */

export const STATUS_KEYS = [
  'completed',
  'exceeded',
  'ahead',
  'on_schedule',
  'lagging',
  'severe',
  'unassessed',
] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

export const STATUS_KEY_LABELS: Record<StatusKey, string> = {
  completed: '已完成',
  exceeded: '超额完成',
  ahead: '超序时进度',
  on_schedule: '按序时推进',
  lagging: '滞后',
  severe: '严重滞后',
  unassessed: '未研判',
};

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

export const LIGHT_KEYS = ['green', 'yellow', 'red'] as const;
export type LightKey = (typeof LIGHT_KEYS)[number];
export const LIGHT_LABELS: Record<LightKey, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
