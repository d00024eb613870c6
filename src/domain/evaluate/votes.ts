/** 满意度测评 (票决制): a vote's state from its times, and the results from the tallies. Pure. */

export const RATING_KEYS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATING_KEYS)[number];
export type VoteState = 'upcoming' | 'open' | 'closed';

/** Upcoming before it opens, open until it closes (exclusive), closed after. ISO UTC texts compare as times. */
export function voteState(v: { opensAt: string; closesAt: string }, now: Date): VoteState {
  const t = now.toISOString();
  if (t < v.opensAt) return 'upcoming';
  return t < v.closesAt ? 'open' : 'closed';
}

export type ProjectResult = {
  satisfied: number;
  basic: number;
  unsatisfied: number;
  total: number;
  /** (满意 + 基本满意) / 总票数, rounded to 4 decimals; null with no votes. */
  satisfactionRate: number | null;
  /** 满意 / 总票数. */
  satisfiedShare: number | null;
};

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : null);

/** One project's result from its tally rows. */
export function resultOf(tally: readonly { rating: string; count: number }[]): ProjectResult {
  const n = (k: Rating) => tally.filter((t) => t.rating === k).reduce((s, t) => s + Number(t.count), 0);
  const satisfied = n('satisfied');
  const basic = n('basic');
  const unsatisfied = n('unsatisfied');
  const total = satisfied + basic + unsatisfied;
  return {
    satisfied,
    basic,
    unsatisfied,
    total,
    satisfactionRate: ratio(satisfied + basic, total),
    satisfiedShare: ratio(satisfied, total),
  };
}
