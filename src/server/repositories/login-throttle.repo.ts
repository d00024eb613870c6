/**
 * Login back-off per (account name as typed, client address): table `login_throttle` (migration 0005). Known and
 * unknown names are treated alike. Every decision is taken by ONE atomic statement, so parallel guesses cannot slip
 * past it on either engine.
 */
import type { DbOrTx } from '../db/connect';

export type ThrottleKey = { username: string; ip: string };

export type AttemptRequest = ThrottleKey & {
  /** A fresh id for this attempt; the row remembers the last admitted one. */
  attemptId: string;
  /** The clock's time (ISO). */
  now: string;
  /** A row last touched before this (ISO) is forgotten: its count starts again at 1. */
  forgetBefore: string;
  /**
   * The block set by an admitted attempt, by its count of failures: none below `from`; `until[0]` at `from`,
   * `until[1]` at `from + 1`, …, the last entry for every count beyond (ISO times).
   */
  backoff: { from: number; until: readonly string[] };
};

export type AttemptResult = {
  /** True when this attempt may check the password; false when the address is held back for this name. */
  admitted: boolean;
  /** Failures counted for this name and address, this attempt included when admitted. */
  failures: number;
  /** Until when further attempts are refused (ISO), or null. */
  blockedUntil: string | null;
};

/**
 * Admit or refuse one login attempt, in one statement (INSERT … ON CONFLICT DO UPDATE … RETURNING): when the address
 * is not held back for this name, count the attempt as a failure in advance (a successful login clears the row) and
 * set the back-off that the new count calls for; otherwise change nothing but the time of the last attempt.
 */
export async function admitLoginAttempt(db: DbOrTx, a: AttemptRequest): Promise<AttemptResult> {
  const { from, until } = a.backoff;
  const untilFor = (count: number) => (count < from ? null : (until[Math.min(count - from, until.length - 1)] ?? null));
  const row = await db
    .insertInto('loginThrottle')
    .values({
      username: a.username,
      ip: a.ip,
      failures: 1,
      blockedUntil: untilFor(1),
      lastAttempt: a.attemptId,
      lastAt: a.now,
    })
    .onConflict((oc) =>
      oc.columns(['username', 'ip']).doUpdateSet((eb) => {
        const held = eb('loginThrottle.blockedUntil', '>', a.now);
        const forgotten = eb('loginThrottle.lastAt', '<', a.forgetBefore);
        const next = eb('loginThrottle.failures', '+', eb.lit(1));
        // The back-off for the count `next`: none below `from`, then one step per failure up to the last.
        let blockForNext = eb.case().when(next, '<', eb.lit(from)).then(eb.val<string | null>(null));
        until.slice(0, -1).forEach((t, i) => {
          blockForNext = blockForNext.when(next, '=', eb.lit(from + i)).then(eb.val<string | null>(t));
        });
        return {
          failures: eb
            .case()
            .when(held)
            .then(eb.ref('loginThrottle.failures'))
            .when(forgotten)
            .then(eb.lit(1))
            .else(next)
            .end(),
          blockedUntil: eb
            .case()
            .when(held)
            .then(eb.ref('loginThrottle.blockedUntil'))
            .when(forgotten)
            .then(eb.val(untilFor(1)))
            .else(blockForNext.else(eb.val<string | null>(until.at(-1) ?? null)).end())
            .end(),
          lastAttempt: eb.case().when(held).then(eb.ref('loginThrottle.lastAttempt')).else(eb.val(a.attemptId)).end(),
          lastAt: a.now,
        };
      }),
    )
    .returning(['failures', 'blockedUntil', 'lastAttempt'])
    .executeTakeFirstOrThrow();
  return { admitted: row.lastAttempt === a.attemptId, failures: row.failures, blockedUntil: row.blockedUntil };
}

/** Forget the back-off of one name and address (after a successful login). */
export async function clearLoginThrottle(db: DbOrTx, key: ThrottleKey): Promise<void> {
  await db.deleteFrom('loginThrottle').where('username', '=', key.username).where('ip', '=', key.ip).execute();
}

/** Delete rows without an attempt since `before` (ISO): they no longer hold anyone back. */
export async function purgeLoginThrottle(db: DbOrTx, before: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('lastAt', '<', before).execute();
}
