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
  loginMaxFailures: 5,
  loginLockMinutes: 15,
  bodyBytes: 1_000_000,
  /** Largest import file (upload) accepted, bytes. */
  importMaxBytes: 20 * 1024 * 1024,
} as const;
