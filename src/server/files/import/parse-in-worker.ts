/**
 * The import readers off the event loop: each parse runs in a worker thread (parse-worker.mjs) with a time limit and
 * a heap limit, so a hostile or merely big file neither blocks other requests nor takes the process down. A worker
 * that hits a limit is terminated and replaced; idle workers are kept (unref'd) for the next parse.
 */
import { Worker } from 'node:worker_threads';
import type { PreviewOptions } from '../../../domain/collect/import/preview';
import type { ImportPreview, ReadResult } from '../../../domain/collect/import/types';
import { ImportFileError, type ImportFileErrorCode, type ImportLimits } from './errors';

/** What to read: an uploaded file or pasted text. */
export type ReadJob =
  | { kind: 'file'; bytes: Uint8Array; fileName: string; limits?: Partial<ImportLimits> }
  | { kind: 'paste'; text: string; limits?: Partial<ImportLimits> };

/** A read job, optionally with the preview built in the worker too (a 50,000-row preview takes ~2 s of CPU). */
export type ParseJob = ReadJob & { preview?: PreviewOptions };

export type WorkerLimits = {
  /** A parse taking longer is stopped (the worker is terminated). */
  timeoutMs: number;
  /** Heap of one worker, MB (resourceLimits.maxOldGenerationSizeMb). */
  maxOldGenerationSizeMb: number;
  /** Parses running at once; more wait their turn. */
  concurrency: number;
};

export const DEFAULT_WORKER_LIMITS: WorkerLimits = { timeoutMs: 30_000, maxOldGenerationSizeMb: 512, concurrency: 2 };

type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; refused: boolean; code?: ImportFileErrorCode; status?: number; message: string };

type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

const ENTRY = new URL('./parse-worker.mjs', import.meta.url);

/** One worker thread: one job at a time. */
class ParseWorker {
  private readonly worker: Worker;
  private pending: Pending | null = null;
  private readonly ready: Promise<void>;
  dead = false;

  constructor(
    private readonly limits: WorkerLimits,
    private readonly onGone: (w: ParseWorker) => void,
  ) {
    this.worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb },
      stdout: false,
      stderr: false,
    });
    let readyResolve: () => void = () => {};
    this.ready = new Promise((resolve) => {
      readyResolve = resolve;
    });
    this.worker.on('message', (m: Reply | { ready: true }) => {
      if ('ready' in m) readyResolve();
      else this.settle(m);
    });
    this.worker.on('error', (err: Error & { code?: string }) => this.fail(err));
    this.worker.on('exit', () => this.fail(new Error('解析进程意外退出')));
    this.worker.unref();
  }

  run(job: ParseJob, id: number): Promise<unknown> {
    this.worker.ref();
    const result = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        const seconds = +(this.limits.timeoutMs / 1000).toFixed(1);
        this.kill(
          new ImportFileError('PARSE_TIMEOUT', `文件解析超过 ${seconds} 秒仍未完成，已停止；请拆分后再导入`, 413),
        );
      }, this.limits.timeoutMs);
      this.pending = { resolve, reject, timer };
    });
    // The time limit includes the start of a new worker (loading the readers).
    void this.ready.then(() => {
      if (!this.dead) this.worker.postMessage({ ...job, id });
    });
    return result;
  }

  private settle(m: Reply): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    this.worker.unref();
    if (m.ok) p.resolve(m.result);
    else if (m.refused) p.reject(new ImportFileError(m.code!, m.message, m.status));
    else p.reject(new Error(m.message));
  }

  private fail(err: Error & { code?: string }): void {
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      this.kill(
        new ImportFileError(
          'PARSE_MEMORY',
          `文件过于复杂，解析所需内存超过 ${this.limits.maxOldGenerationSizeMb} MB，已停止；请拆分后再导入`,
          413,
        ),
      );
    } else this.kill(err);
  }

  /** Stop the worker and reject its job (if any) with `err`. */
  kill(err: Error): void {
    const p = this.pending;
    this.pending = null;
    if (p) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    if (!this.dead) {
      this.dead = true;
      this.onGone(this);
      void this.worker.terminate();
    }
  }
}

/** A small pool: at most `concurrency` parses at once, idle workers reused. */
class ParsePool {
  private readonly idle: ParseWorker[] = [];
  private busy = 0;
  private readonly queue: (() => void)[] = [];
  private nextId = 1;

  constructor(private readonly limits: WorkerLimits) {}

  async parse(job: ParseJob): Promise<unknown> {
    if (this.busy >= this.limits.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.busy++;
    const w = this.idle.pop() ?? new ParseWorker(this.limits, (gone) => this.forget(gone));
    try {
      return await w.run(job, this.nextId++);
    } finally {
      if (!w.dead) this.idle.push(w);
      this.busy--;
      this.queue.shift()?.();
    }
  }

  private forget(w: ParseWorker): void {
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
  }

  close(): void {
    for (const w of this.idle.splice(0)) w.kill(new Error('closed'));
  }
}

const pools = new Map<string, ParsePool>();

/** Read an uploaded file or pasted text in a worker thread; refusals arrive as ImportFileError, as in-process. */
export function parseInWorker(job: ReadJob, limits: Partial<WorkerLimits> = {}): Promise<ReadResult> {
  return runInPool(job, limits) as Promise<ReadResult>;
}

/** Read and build the import preview in a worker thread: the event loop only receives the finished preview. */
export function previewInWorker(
  job: ReadJob,
  preview: PreviewOptions,
  limits: Partial<WorkerLimits> = {},
): Promise<ImportPreview> {
  return runInPool({ ...job, preview }, limits) as Promise<ImportPreview>;
}

function runInPool(job: ParseJob, limits: Partial<WorkerLimits>): Promise<unknown> {
  const all = { ...DEFAULT_WORKER_LIMITS, ...limits };
  const key = `${all.timeoutMs}/${all.maxOldGenerationSizeMb}/${all.concurrency}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new ParsePool(all);
    pools.set(key, pool);
  }
  return pool.parse(job);
}

/** Start a worker ahead of the first import (loading the readers in a new thread takes a moment). */
export function warmParseWorkers(limits: Partial<WorkerLimits> = {}): void {
  parseInWorker({ kind: 'paste', text: '.' }, limits).catch(() => {});
}

/** Terminate the idle workers (tests, shutdown). */
export function closeParseWorkers(): void {
  for (const p of pools.values()) p.close();
  pools.clear();
}
