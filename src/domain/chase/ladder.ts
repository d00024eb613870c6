/**
 * The 督办 ladder: 提醒 → 催办 → 黄色督办单 → 红色督办单 → 挂牌督办. The one place its levels and Chinese names live
 * (the chase evaluation, the 督办 records and the web all read them from here).
 */
export const LADDER = ['remind', 'chase', 'yellow', 'red', 'listed'] as const;
export type LadderLevel = (typeof LADDER)[number];

export const LADDER_LABELS: Record<LadderLevel, string> = {
  remind: '提醒',
  chase: '催办',
  yellow: '黄色督办单',
  red: '红色督办单',
  listed: '挂牌督办',
};

/** The 督办 levels proper (those that open a 督办 record). */
export const SUPERVISION_LEVELS = ['yellow', 'red', 'listed'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

export function ladderLabel(level: LadderLevel): string {
  return LADDER_LABELS[level];
}

/** Position on the ladder (0 = 提醒); a higher rank is a stronger measure. */
export function ladderRank(level: LadderLevel): number {
  return LADDER.indexOf(level);
}

export function isSupervisionLevel(level: string): level is SupervisionLevel {
  return (SUPERVISION_LEVELS as readonly string[]).includes(level);
}

/** The notification colour of a ladder level ('info' | 'blue' | 'yellow' | 'red' | 'listed'). */
export function ladderColour(level: LadderLevel): 'info' | 'blue' | 'yellow' | 'red' | 'listed' {
  switch (level) {
    case 'remind':
      return 'info';
    case 'chase':
      return 'blue';
    default:
      return level;
  }
}
