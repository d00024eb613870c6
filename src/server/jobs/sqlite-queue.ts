/**
 * The embedded engine: jobs in the `jobs` table, worked in-process. Every state change is ONE statement, so it is
 * atomic even when several processes share the SQLite file (an UPDATE takes the write lock before it reads):
 * - claim: UPDATE … WHERE id = (SELECT the oldest due job) RETURNING — a job is claimed by one worker only;
 * - a claimed job is locked until `locked_until`; after that (crashed worker) another worker may claim it again;
 * - success deletes the job; failure records `last_error` and retries after e^attempt seconds, until `max_attempts`,
 *   then the job stays as `failed`.
 * The statements are in repositories/jobs.repo.ts.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db } from '../db/connect';
import type { JobsTable } from '../db/database';
import { claimNextJob, failAbandonedJobs, findJob, markJobDone, recordJobFailure } from '../repositories/jobs.repo';
import { onEnqueued } from './enqueue';
import { type JobClock, type JobHandlers, type JobInfo, type JobState, retryDelayMs } from './types';

type Row = JobsTable;

export const LOST_WORKER_ERROR = '处理进程中断（锁定超时）';

export class SqliteQueue {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = false;
  private pumping = false;
  private again = false;
  private readonly active = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: JobClock,
    private readonly handlers: JobHandlers,
    private readonly opts: {
      concurrency: number;
      pollIntervalMs: number;
      lockMs: number;
      onError: (m: string, e: unknown) => void;
    },
  ) {}

  start() {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => {
      void this.failLostJobs();
      this.kick();
    }, this.opts.pollIntervalMs);
    this.unsubscribe = onEnqueued(() => this.kick());
    this.kick();
  }

  async stop() {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    while (this.active.size) await Promise.allSettled([...this.active]);
  }

  /** Look for work soon (after the current statement/transaction of the caller). */
  kick() {
    if (this.running) setImmediate(() => void this.pump());
  }

  private async pump() {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        while (this.running && this.active.size < this.opts.concurrency) {
          const job = await this.claim();
          if (!job) break;
          const p: Promise<void> = this.execute(job).finally(() => {
            this.active.delete(p);
            this.kick();
          });
          this.active.add(p);
        }
      } while (this.again && this.running);
    } catch (e) {
      // e.g. SQLITE_BUSY when another process holds the file for longer than busy_timeout: try again next poll.
      this.opts.onError('任务队列读取失败', e);
    } finally {
      this.pumping = false;
    }
  }

  /** Claim the oldest due job of a name this worker handles, atomically. */
  async claim(): Promise<Row | undefined> {
    const names = Object.keys(this.handlers);
    if (!names.length) return undefined;
    const now = this.clock();
    const at = now.toISOString();
    const until = new Date(now.getTime() + this.opts.lockMs).toISOString();
    return claimNextJob(this.db, { names, workerId: this.workerId, now: at, lockedUntil: until });
  }

  private async execute(job: Row) {
    const handler = this.handlers[job.name]!;
    try {
      await handler({
        jobId: job.id,
        name: job.name,
        payload: JSON.parse(job.payload),
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        db: this.db,
        now: this.clock,
      });
    } catch (e) {
      this.opts.onError(`任务 ${job.name}（${job.id}）第 ${job.attempts}/${job.maxAttempts} 次执行失败`, e);
      await this.fail(job, e).catch((err) => this.opts.onError(`任务 ${job.name} 失败记录未写入`, err));
      return;
    }
    await markJobDone(this.db, job.id, this.workerId).catch((err) =>
      this.opts.onError(`任务 ${job.name} 完成状态未写入`, err),
    );
  }

  private async fail(job: Row, e: unknown) {
    const now = this.clock();
    const gaveUp = job.attempts >= job.maxAttempts;
    const base = Math.max(now.getTime(), job.runAt ? Date.parse(job.runAt) : 0);
    await recordJobFailure(this.db, job.id, this.workerId, {
      gaveUp,
      runAt: gaveUp ? job.runAt : new Date(base + retryDelayMs(job.attempts)).toISOString(),
      lastError: (e instanceof Error ? e.message : String(e)).slice(0, 2000),
      now: now.toISOString(),
    });
  }

  /** A job whose worker vanished on its last allowed attempt is given up (it could not be claimed again). */
  private async failLostJobs() {
    const at = this.clock().toISOString();
    await failAbandonedJobs(this.db, at, LOST_WORKER_ERROR).catch((e) => this.opts.onError('任务队列维护失败', e));
  }
}

/** A stored job on SQLite. */
export async function inspectSqliteJob(db: Db, id: string): Promise<JobInfo | null> {
  const r = await findJob(db, id);
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    state: r.state as JobState,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    runAt: r.runAt ? new Date(r.runAt) : null,
    lastError: r.lastError,
    idempotencyKey: r.idempotencyKey,
  };
}
