/**
 * Durable jobs behind one interface (types.ts): graphile-worker on PostgreSQL, the `jobs` table in-process on SQLite.
 * `createAppJobs` wires the application's registry (registry.ts); tests build their own with `createJobs`.
 */
import type { DbHandle, DbOrTx } from '../db/connect';
import { enqueueJob } from './enqueue';
import { inspectPgJob, PgQueue } from './pg-queue';
import { JOB_HANDLERS, JOB_SCHEDULES } from './registry';
import { fireDueSchedules } from './schedules';
import { inspectSqliteJob, SqliteQueue } from './sqlite-queue';
import type { EnqueueOptions, JobHandler, JobHandlers, Jobs, JobsOptions, ScheduleSpec } from './types';

export { enqueueJob } from './enqueue';
export type { EnqueueOptions, JobHandler, JobInfo, JobRun, Jobs, JobsOptions, ScheduleSpec } from './types';

const defaultOnError = (message: string, error: unknown) =>
  console.error(`${message}${error instanceof Error ? `：${error.message}` : ''}`);

export function createJobs(opts: JobsOptions): Jobs {
  const clock = opts.clock ?? (() => new Date());
  const onError = opts.onError ?? defaultOnError;
  const handlers: JobHandlers = { ...opts.handlers };
  const schedules: ScheduleSpec[] = [...(opts.schedules ?? [])];
  const concurrency = opts.concurrency ?? 2;
  const pollIntervalMs = opts.pollIntervalMs ?? 1000;
  let queue: SqliteQueue | PgQueue | null = null;
  let pg: PgQueue | null = null;
  let tick: NodeJS.Timeout | null = null;
  let ticking: Promise<unknown> = Promise.resolve();

  const pgQueue = () => {
    pg ??= new PgQueue(opts.db, opts.url, clock, handlers, { concurrency, pollIntervalMs, onError });
    return pg;
  };
  const fire = () => {
    ticking = ticking
      .then(() => fireDueSchedules(opts.db, opts.engine, schedules, clock()))
      .catch((e) => onError('定时任务登记失败', e));
    return ticking;
  };

  return {
    engine: opts.engine,
    async prepare() {
      if (opts.engine === 'postgres') await pgQueue().prepare();
    },
    enqueue(db: DbOrTx, name: string, payload: unknown, o: EnqueueOptions = {}) {
      return enqueueJob(db, name, payload, { now: clock(), ...o });
    },
    schedule(spec) {
      if (!(spec.everyMinutes > 0)) throw new Error(`定时任务 ${spec.name} 的间隔必须大于 0 分钟`);
      const i = schedules.findIndex((s) => s.name === spec.name);
      if (i >= 0) schedules[i] = spec;
      else schedules.push(spec);
    },
    handle(name: string, handler: JobHandler) {
      handlers[name] = handler;
    },
    async start() {
      if (queue) return;
      for (const s of schedules) if (!handlers[s.name]) throw new Error(`定时任务 ${s.name} 没有对应的处理程序`);
      if (opts.engine === 'postgres') {
        const q = pgQueue();
        await q.prepare();
        await q.start();
        queue = q;
      } else {
        const q = new SqliteQueue(opts.db, clock, handlers, {
          concurrency,
          pollIntervalMs,
          lockMs: opts.lockMs ?? 10 * 60_000,
          onError,
        });
        q.start();
        queue = q;
      }
      if (schedules.length) {
        void fire();
        tick = setInterval(fire, opts.scheduleTickMs ?? 30_000);
      }
    },
    async stop() {
      if (tick) clearInterval(tick);
      tick = null;
      await ticking;
      const q = queue;
      queue = null;
      await q?.stop();
      if (pg && pg !== q) await pg.stop(); // prepared but never started
      pg = null;
    },
    inspect(id: string) {
      return opts.engine === 'postgres' ? inspectPgJob(opts.db, id) : inspectSqliteJob(opts.db, id);
    },
  };
}

/** The application's jobs (registry.ts) on an open database. */
/** The recurring jobs with the configuration's values in their payloads. */
export function appSchedules(c: {
  auditRetentionDays?: number | undefined;
  sessionIdleMinutes?: number | undefined;
  reminderEveryMinutes?: number | undefined;
}) {
  return JOB_SCHEDULES.map((s): ScheduleSpec => {
    if (s.name === 'chase.evaluate' && c.reminderEveryMinutes) return { ...s, everyMinutes: c.reminderEveryMinutes };
    if (s.name === 'audit.purge' && c.auditRetentionDays)
      return { ...s, payload: { retentionDays: c.auditRetentionDays } };
    if (s.name === 'sessions.purge' && c.sessionIdleMinutes)
      return { ...s, payload: { idleMinutes: c.sessionIdleMinutes } };
    return s;
  });
}

export function createAppJobs(
  handle: DbHandle,
  opts: Omit<JobsOptions, 'db' | 'engine' | 'url' | 'handlers' | 'schedules'> & {
    /** AUDIT_RETENTION_DAYS for the daily audit.purge (default and minimum 180). */
    auditRetentionDays?: number;
    /** SESSION_IDLE_MINUTES for sessions.purge (a longer configured timeout must not be cut short by the purge). */
    sessionIdleMinutes?: number;
    /** REMINDER_EVERY_MINUTES for chase.evaluate (提醒、催办与督办). */
    reminderEveryMinutes?: number;
  } = {},
): Jobs {
  const { auditRetentionDays, sessionIdleMinutes, reminderEveryMinutes, ...rest } = opts;
  const schedules = appSchedules({ auditRetentionDays, sessionIdleMinutes, reminderEveryMinutes });
  return createJobs({
    ...rest,
    db: handle.db,
    engine: handle.engine,
    url: handle.url,
    handlers: JOB_HANDLERS,
    schedules,
  });
}
