/** The one job interface, the same on both engines (README.md "后台任务"; adding a job: registry.ts). */
import type { Db, DbOrTx, Engine } from '../db/connect';

/** The clock jobs read (the same shape as the use-case context's `now`). */
export type JobClock = () => Date;

/** What a handler receives. `attempt` counts from 1; a thrown error schedules a retry until `maxAttempts`. */
export type JobRun<P = unknown> = {
  jobId: string;
  name: string;
  payload: P;
  attempt: number;
  maxAttempts: number;
  db: Db;
  now: JobClock;
};

// biome-ignore lint/suspicious/noExplicitAny: handlers declare their own payload type
export type JobHandler<P = any> = (job: JobRun<P>) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export type EnqueueOptions = {
  /**
   * At most one job per key while that job exists (queued, running, retrying or failed): enqueueing the same key
   * again returns the existing job's id and changes nothing. Once the job has succeeded (and is gone) the key is
   * free again. For "recompute X" jobs put what changed in the key, or use none (running twice is harmless).
   */
  idempotencyKey?: string;
  /** Not before this time (default: as soon as possible). */
  runAt?: Date;
  /** Attempts before the job is given up (state `failed`, kept with its last error). Default 25. */
  maxAttempts?: number;
  /** The time recorded as created (SQLite; default the system clock). Pass `ctx.now()` from use cases. */
  now?: Date;
};

/** A recurring job: enqueued once per time slot of `everyMinutes` (slots are aligned to the epoch, UTC). */
export type ScheduleSpec = { name: string; everyMinutes: number; payload?: unknown; maxAttempts?: number };

export type JobState = 'queued' | 'running' | 'failed';
/** A job still stored (a finished job is deleted: `inspect` then answers null). */
export type JobInfo = {
  id: string;
  name: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date | null;
  lastError: string | null;
  idempotencyKey: string | null;
};

export interface Jobs {
  readonly engine: Engine;
  /** Install what the engine needs (PostgreSQL: graphile-worker's schema); idempotent. Call before enqueueing. */
  prepare(): Promise<void>;
  /** Add a job inside the caller's transaction (or on `db`): rolled back with it. Returns the job id. */
  enqueue(db: DbOrTx, name: string, payload: unknown, opts?: EnqueueOptions): Promise<string>;
  /** Register a recurring job (before start). */
  schedule(spec: ScheduleSpec): void;
  /** Register or replace a handler (before start). */
  handle(name: string, handler: JobHandler): void;
  /** Start working: claim due jobs of the registered names, fire schedules. */
  start(): Promise<void>;
  /** Stop claiming, wait for running handlers, release connections. */
  stop(): Promise<void>;
  /** A stored job, or null when it finished (or never existed). */
  inspect(id: string): Promise<JobInfo | null>;
}

export type JobsOptions = {
  /** The database the app uses (handlers receive it; the SQLite queue and the schedules live in it). */
  db: Db;
  engine: Engine;
  /** The URL the database was opened from: the PostgreSQL worker opens its own pool with it. */
  url: string;
  clock?: JobClock;
  handlers?: JobHandlers;
  schedules?: ScheduleSpec[];
  /** Handlers running at once in this process (default 2). */
  concurrency?: number;
  /** How often to look for due jobs when idle, ms (default 1000). */
  pollIntervalMs?: number;
  /** How often to check recurring schedules, ms (default 30 000). */
  scheduleTickMs?: number;
  /** How long a claimed job stays locked before another worker may retry it (SQLite; default 10 min). */
  lockMs?: number;
  /** Where engine errors go (default console.error). */
  onError?: (message: string, error: unknown) => void;
};

/** Retry delay after failed attempt `attempt` (1-based): e^min(attempt,10) seconds, as graphile-worker does. */
export const retryDelayMs = (attempt: number): number => Math.round(Math.exp(Math.min(attempt, 10)) * 1000);

export const DEFAULT_MAX_ATTEMPTS = 25;
