/**
 * PostgreSQL: graphile-worker runs the queue (its own schema `graphile_worker`, its own migrations, installed by
 * `prepare()`). Jobs are added with its SQL function `graphile_worker.add_job` inside the application's transaction
 * (see enqueue.ts; the SQL is in repositories/jobs.repo.ts); workers claim with SKIP LOCKED, so several app servers
 * never run a job twice. Retries back off e^attempt seconds; a job that reaches max_attempts stays with its last error.
 */
import pg from 'pg';
import type { Db } from '../db/connect';
import { findGraphileJob } from '../repositories/jobs.repo';
import type { JobClock, JobHandlers, JobInfo } from './types';

type GraphileWorker = typeof import('graphile-worker');
type Runner = Awaited<ReturnType<GraphileWorker['run']>>;

export class PgQueue {
  private pool: pg.Pool | null = null;
  private runner: Runner | null = null;
  private gw: GraphileWorker | null = null;

  constructor(
    private readonly db: Db,
    private readonly url: string,
    private readonly clock: JobClock,
    private readonly handlers: JobHandlers,
    private readonly opts: { concurrency: number; pollIntervalMs: number; onError: (m: string, e: unknown) => void },
  ) {}

  private async engine() {
    if (!this.gw) this.gw = await import('graphile-worker');
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.url, max: this.opts.concurrency + 3 });
      // Idle clients and checked-out clients can both be cut off (restart, failover): log instead of crashing.
      this.pool.on('error', (e) => this.opts.onError('任务队列数据库连接中断', e));
      this.pool.on('connect', (client) => client.on('error', (e) => this.opts.onError('任务队列数据库连接中断', e)));
    }
    const logger = new this.gw.Logger(() => (level, message, meta) => {
      if (level === 'error' || level === 'warning') this.opts.onError(`graphile-worker: ${message}`, meta?.error);
    });
    return { gw: this.gw, pool: this.pool, logger };
  }

  /** Install or upgrade graphile-worker's schema (idempotent; safe when several servers start at once). */
  async prepare() {
    const { gw, pool, logger } = await this.engine();
    await gw.runMigrations({ pgPool: pool, logger });
  }

  async start() {
    const { gw, pool, logger } = await this.engine();
    const taskList: Record<
      string,
      (
        payload: unknown,
        helpers: { job: { id: string | number; attempts: number; max_attempts: number; task_identifier: string } },
      ) => Promise<void>
    > = {};
    for (const [name, handler] of Object.entries(this.handlers))
      taskList[name] = (payload, helpers) =>
        handler({
          jobId: String(helpers.job.id),
          name,
          payload,
          attempt: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
          db: this.db,
          now: this.clock,
        });
    this.runner = await gw.run({
      pgPool: pool,
      taskList: taskList as Parameters<GraphileWorker['run']>[0]['taskList'],
      concurrency: this.opts.concurrency,
      pollInterval: this.opts.pollIntervalMs,
      noHandleSignals: true,
      logger,
    });
  }

  async stop() {
    const runner = this.runner;
    this.runner = null;
    if (runner) await runner.stop();
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.end();
  }
}

/** A stored job on PostgreSQL (graphile-worker's `jobs` view). */
export async function inspectPgJob(db: Db, id: string): Promise<JobInfo | null> {
  if (!/^\d+$/.test(id)) return null;
  const r = await findGraphileJob(db, id);
  if (!r) return null;
  return {
    id: String(r.id),
    name: r.taskIdentifier,
    state: r.lockedAt ? 'running' : r.attempts >= r.maxAttempts ? 'failed' : 'queued',
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    runAt: r.runAt,
    lastError: r.lastError,
    idempotencyKey: r.key,
  };
}
