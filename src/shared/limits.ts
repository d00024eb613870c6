/** Numeric limits shown in forms and enforced by the server (one place). */
export const LIMITS = {
  shortText: 200,
  name: 500,
  targetText: 2000,
  reportText: 5000,
  comment: 2000,
  progressSoftChars: 300,
  usernameMax: 64,
  passwordMin: 8,
  passwordMax: 128,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  /** Password checks one address gets for one account name before the back-off starts (known and unknown names). */
  loginMaxFailures: 5,
  /** First back-off after those failures, minutes; it doubles with every further failure… */
  loginBackoffMinutes: 1,
  /** …up to this many minutes. The owner, from another address, is never held back. */
  loginLockMinutes: 15,
  /** Failures on one account (from all addresses) since its last login that mark it as under attack (audited). */
  loginAttackFailures: 10,
  /** A name-and-address back-off is forgotten after this many hours without an attempt. */
  loginForgetHours: 24,
  bodyBytes: 1_000_000,
  /** Largest import file (upload) accepted, bytes. */
  importMaxBytes: 20 * 1024 * 1024,
} as const;
