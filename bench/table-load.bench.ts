/**
 * Load benchmark of the consolidated table (issue "spine" §2): a demo programme on a fresh SQLite file, the real
 * server in a child process (`shishi serve`), a load generator (autocannon) on loopback with 10 clients.
 *
 *   npx tsx bench/table-load.bench.ts [--seconds 10] [--connections 10] [--repo DIR]
 *
 * Prints, for the same run: /api/health (the reference), the demo's largest round table (requests/s, p50, p99), and a
 * reporter's own report (p50/p99 of sequential requests) while the table is under that load. `--repo DIR` runs
 * another checkout's CLI (e.g. an older commit, to measure "before").
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '10'));
const REPO = resolve(arg('repo', '.'));
const PASSWORD = 'shishi2026';

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, ms = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

const get = async <T>(base: string, path: string, cookie: string): Promise<T> => {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
};

/** Requests as a browser sends them (browsers always offer gzip). */
function load(url: string, headers: Record<string, string>, seconds = SECONDS) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function sample(url: string, cookie: string, untilMs: number) {
  const times: number[] = [];
  while (Date.now() < untilMs) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'shishi-bench-'));
  const db = join(dir, 'bench.sqlite');
  let server: ChildProcess | null = null;
  try {
    const seeded = spawnSync('node', [join(REPO, 'bin/shishi.mjs'), 'seed-demo', '--db', db], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
    const port = await freePort();
    server = spawn('node', [join(REPO, 'bin/shishi.mjs'), 'serve', '--db', db, '--port', String(port)], {
      cwd: REPO,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/health`);
    const sup = await login(base, 'supervisor');
    const rep = await login(base, 'reporter');
    const programmes = await get<{ id: string }[]>(base, '/api/programmes', sup.cookie);
    const rounds = await get<{ id: string; total: number; name: string }[]>(
      base,
      `/api/programmes/${programmes[0]!.id}/rounds`,
      sup.cookie,
    );
    const round = [...rounds].sort((a, b) => b.total - a.total)[0]!;
    const table = await get<{ rows: unknown[] }>(base, `/api/rounds/${round.id}/table`, sup.cookie);
    const mine = await get<{ reportId: string }[]>(base, `/api/rounds/${round.id}/my-reports`, rep.cookie);
    const own = `${base}/api/reports/${mine[0]!.reportId}`;
    // Warm-up (JIT, SQLite page cache, and any background assessment started with the server).
    await load(`${base}/api/rounds/${round.id}/table`, { cookie: sup.cookie }, 2);

    const health = await load(`${base}/api/health`, {});
    const quiet = await sample(own, rep.cookie, Date.now() + 2000);
    const tableLoad = load(`${base}/api/rounds/${round.id}/table`, { cookie: sup.cookie });
    await new Promise((r) => setTimeout(r, 500));
    const busy = await sample(own, rep.cookie, Date.now() + (SECONDS - 1) * 1000);
    const t = await tableLoad;
    const fmt = (x: number) => x.toFixed(1);
    console.log(`table-load: ${round.name} (${table.rows.length} rows), ${CONNECTIONS} clients, ${SECONDS} s, SQLite`);
    console.log(
      `  /api/health                 ${fmt(health.requests.average)} req/s  p50 ${health.latency.p50} ms  p99 ${health.latency.p99} ms`,
    );
    console.log(
      `  consolidated table          ${fmt(t.requests.average)} req/s  p50 ${t.latency.p50} ms  p99 ${t.latency.p99} ms  (errors ${t.errors + t.non2xx})   target ≥ 200 req/s, p99 < 150 ms`,
    );
    console.log(
      `  reporter's own report, idle      p50 ${fmt(quantile(quiet, 0.5))} ms  p99 ${fmt(quantile(quiet, 0.99))} ms  (${quiet.length} requests)`,
    );
    console.log(
      `  reporter's own report, table busy p50 ${fmt(quantile(busy, 0.5))} ms  p99 ${fmt(quantile(busy, 0.99))} ms  (${busy.length} requests)   target p99 < 50 ms`,
    );
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
