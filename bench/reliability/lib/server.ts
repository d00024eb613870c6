/**
 * The real server as a child process: `node bin/shishi.mjs serve --no-worker` on a seeded database (SQLite file or a
 * PostgreSQL database named shishi_rel_*), started, killed (SIGKILL) and restarted by the parts. Every child and
 * every database made here is registered and removed by cleanup(), also on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { request } from './http';

export type Engine = 'sqlite' | 'postgres';
export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const PG_ADMIN = process.env.REL_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_BASE = PG_ADMIN.replace(/\/[^/]*$/, '');

const children = new Set<ChildProcess>();
const finalizers: (() => Promise<void>)[] = [];
let workDir: string | null = null;

/** The run's scratch directory under /tmp (removed by cleanup). */
export function scratch(): string {
  if (!workDir) workDir = mkdtempSync(join(tmpdir(), 'shishi-rel-'));
  return workDir;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run the CLI to completion (seed-demo); throws with its stderr on failure. */
function runCli(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/shishi.mjs'), ...args], { cwd: ROOT });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.on('exit', (code) => {
      children.delete(child);
      if (code === 0) ok(out);
      else fail(new Error(`shishi ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export type TestDatabase = { engine: Engine; url: string; name: string };

const templates = new Map<Engine, Promise<TestDatabase>>();

/** The demo data seeded once per run and engine (`shishi seed-demo`); parts get copies of it. */
function template(engine: Engine): Promise<TestDatabase> {
  let t = templates.get(engine);
  if (!t) {
    t = (async () => {
      const name = `shishi_rel_tpl_${process.pid}`;
      if (engine === 'sqlite') {
        const url = join(scratch(), `${name}.sqlite`);
        await runCli(['seed-demo', '--db', url]);
        return { engine, url, name };
      }
      await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
      finalizers.push(() => dropPg(name));
      const url = `${PG_BASE}/${name}`;
      await runCli(['seed-demo', '--db', url]);
      return { engine, url, name };
    })();
    templates.set(engine, t);
  }
  return t;
}

async function dropPg(name: string): Promise<void> {
  await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch((e) =>
    console.error(`  (could not drop ${name}: ${(e as Error).message})`),
  );
}

/** A fresh copy of the seeded demo database for one part: a file copy (SQLite) or CREATE DATABASE … TEMPLATE. */
export async function demoDatabase(engine: Engine, label: string): Promise<TestDatabase> {
  const tpl = await template(engine);
  const name = `shishi_rel_${label}_${process.pid}`;
  if (engine === 'sqlite') {
    const url = join(scratch(), `${name}.sqlite`);
    copyFileSync(tpl.url, url);
    if (existsSync(`${tpl.url}-wal`)) copyFileSync(`${tpl.url}-wal`, `${url}-wal`);
    return { engine, url, name };
  }
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl.name}`));
  finalizers.push(() => dropPg(name));
  return { engine, url: `${PG_BASE}/${name}`, name };
}

export type ServerOptions = { args?: string[]; env?: Record<string, string> };

/** One `shishi serve` process. */
export class Server {
  child: ChildProcess | null = null;
  readonly port: Promise<number>;
  private portNo = 0;
  readonly logFile: string;

  constructor(
    readonly db: TestDatabase,
    readonly opts: ServerOptions = {},
  ) {
    this.port = freePort().then((p) => {
      this.portNo = p;
      return p;
    });
    this.logFile = join(scratch(), `${db.name}.${Date.now()}.log`);
  }

  get base(): string {
    return `http://127.0.0.1:${this.portNo}`;
  }

  get pid(): number {
    return this.child?.pid ?? 0;
  }

  /** Spawn and wait for /api/health; returns milliseconds from spawn to the first healthy answer. */
  async start(timeoutMs = 90_000): Promise<number> {
    const port = await this.port;
    const fd = openSync(this.logFile, 'a');
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/shishi.mjs'), 'serve', '--port', String(port), '--db', this.db.url, '--no-worker'].concat(
        this.opts.args ?? [],
      ),
      { cwd: ROOT, stdio: ['ignore', fd, fd], env: { ...process.env, LOG_LEVEL: 'warn', ...this.opts.env } },
    );
    closeSync(fd);
    this.child = child;
    children.add(child);
    const state: { exited: number | null } = { exited: null };
    child.on('exit', (code, signal) => {
      children.delete(child);
      state.exited = code ?? (signal ? 128 : 1);
    });
    while (performance.now() - t0 < timeoutMs) {
      if (state.exited !== null) throw new Error(`server exited (${state.exited}) during start:\n${this.logTail()}`);
      try {
        const res = await request(this.base, '/api/health', { timeoutMs: 2000 });
        if (res.status === 200) return performance.now() - t0;
      } catch {}
      await sleep(25);
    }
    throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** kill -9 (or another signal) and wait until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await gone;
  }

  /** SIGTERM (a clean stop), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }

  logTail(n = 3000): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-n);
    } catch {
      return '';
    }
  }
}

/** Kill every child still running, drop the PostgreSQL databases, remove the scratch directory. */
export async function cleanup(keep = false): Promise<void> {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
  for (const f of finalizers.splice(0).reverse()) await f();
  templates.clear();
  if (workDir && !keep) rmSync(workDir, { recursive: true, force: true });
  else if (workDir) console.log(`scratch kept: ${workDir}`);
  workDir = null;
}

/** Last resort on exit: no child outlives the suite. */
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
