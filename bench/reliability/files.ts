/**
 * Part 2 — hostile files posted to the import preview (POST /api/imports/preview: multipart field `file`, or JSON
 * `{text}` for the paste box) as the demo `supervisor`, one at a time on a running server. For each: status, error
 * code and Chinese message, time to answer; meanwhile GET /api/health is polled every 50 ms (worst latency) and the
 * server's peak RSS is read from /proc/<pid>/status (VmHWM, reset before each upload through clear_refs).
 */
import { type HostileCase, hostileCases } from './hostile-files';
import { HealthProbe } from './lib/health';
import { Client, errorOf, type HttpResult, hasChinese, jsonBody, multipartFile } from './lib/http';
import { mib, peakRssBytes, resetPeakRss, rssBytes } from './lib/rss';
import { demoDatabase, type Engine, Server } from './lib/server';

export type FileResult = {
  name: string;
  what: string;
  expect: HostileCase['expect'];
  bytes: number;
  status: number;
  code: string;
  message: string;
  ms: number;
  healthWorstMs: number;
  healthFailures: number;
  peakRss: number;
  clean: boolean;
  note: string;
};

export type FilesFigures = {
  engine: Engine;
  results: FileResult[];
  baselineRss: number;
  peakResetWorks: boolean;
  generateMs: number;
  serverRestarts: number;
};

const PREVIEW = '/api/imports/preview';

const bodyOf = (c: HostileCase) =>
  c.input.kind === 'paste' ? jsonBody({ text: c.input.text }) : multipartFile(c.input.fileName, c.input.bytes);

const sizeOf = (c: HostileCase) => (c.input.kind === 'paste' ? Buffer.byteLength(c.input.text) : c.input.bytes.length);

/** A clean answer: a 4xx with a Chinese message for what must be refused, a 200 for what must be accepted. */
function verdict(c: HostileCase, status: number, message: string): boolean {
  const refused = status >= 400 && status < 500 && hasChinese(message);
  if (c.expect === 'refuse') return refused;
  if (c.expect === 'accept') return status === 200;
  return refused || status === 200;
}

function describe200(res: HttpResult): string {
  try {
    const j = JSON.parse(res.body.toString('utf8')) as {
      preview: { items: unknown[]; warnings: { message: string }[] };
    };
    const w = j.preview.warnings;
    return `200: ${j.preview.items.length} rows, ${mib(res.body.length)} answer, ${w.length} warnings${w[0] ? ` (“${w[0].message}”…)` : ''}`;
  } catch {
    return `200: ${res.body.length} bytes`;
  }
}

async function tryOne(server: Server, client: Client, c: HostileCase, peakResetWorks: boolean): Promise<FileResult> {
  const body = bodyOf(c);
  if (peakResetWorks) resetPeakRss(server.pid);
  const probe = await new HealthProbe(server.base, client.cookie).start();
  const t0 = performance.now();
  let res: HttpResult | null = null;
  let note = '';
  try {
    res = await client.postRaw(PREVIEW, body, 120_000);
  } catch (e) {
    note = `no answer: ${(e as Error).message}`;
  }
  const ms = performance.now() - t0;
  const health = await probe.stop();
  const status = res?.status ?? 0;
  const { code, message } = res ? errorOf(res) : { code: '', message: '' };
  if (res && status === 200) note = describe200(res);
  return {
    name: c.name,
    what: c.what,
    expect: c.expect,
    bytes: sizeOf(c),
    status,
    code,
    message,
    ms,
    healthWorstMs: health.worstMs,
    healthFailures: health.failures,
    peakRss: peakRssBytes(server.pid),
    clean: verdict(c, status, message),
    note,
  };
}

const alive = (s: Server) => s.child !== null && s.child.exitCode === null && s.child.signalCode === null;

export async function runFiles(opts: { engine: Engine }): Promise<FilesFigures> {
  const g0 = performance.now();
  const cases = await hostileCases();
  const generateMs = performance.now() - g0;
  const server = new Server(await demoDatabase(opts.engine, 'files'));
  await server.start();
  let client = await new Client(server.base).mustLogin('supervisor');
  const baselineRss = rssBytes(server.pid);
  const peakResetWorks = resetPeakRss(server.pid);
  const figures: FilesFigures = {
    engine: opts.engine,
    results: [],
    baselineRss,
    peakResetWorks,
    generateMs,
    serverRestarts: 0,
  };
  console.log(
    `  ${cases.length} files generated in ${(generateMs / 1000).toFixed(1)} s; server RSS at rest ${mib(baselineRss)}` +
      `${peakResetWorks ? '' : ' (VmHWM cannot be reset: peaks count from server start)'}`,
  );
  console.log(
    `  ${'case'.padEnd(26)} ${'size'.padStart(9)} exp    status ${'code'.padEnd(18)} ${'time'.padStart(8)} ${'health'.padStart(8)} ${'peakRSS'.padStart(8)}  ok  message`,
  );
  try {
    for (const c of cases) {
      const r = await tryOne(server, client, c, peakResetWorks);
      if (!alive(server)) {
        r.clean = false;
        r.note = `SERVER DIED (${server.child?.exitCode ?? server.child?.signalCode}); ${r.note}`;
        figures.serverRestarts++;
        await server.start();
        client.close();
        client = await new Client(server.base).mustLogin('supervisor');
      }
      figures.results.push(r);
      printRow(r);
    }
  } finally {
    client.close();
    await server.stop();
  }
  return figures;
}

function printRow(r: FileResult): void {
  const size = r.bytes >= 1 << 20 ? `${(r.bytes / (1 << 20)).toFixed(1)}M` : `${(r.bytes / 1024).toFixed(1)}K`;
  const text = r.message || r.note;
  console.log(
    `  ${r.name.padEnd(26)} ${size.padStart(9)} ${r.expect.padEnd(6)} ${String(r.status).padStart(6)} ${r.code.padEnd(18)} ` +
      `${`${Math.round(r.ms)}ms`.padStart(8)} ${`${Math.round(r.healthWorstMs)}ms`.padStart(8)} ${mib(r.peakRss).padStart(8)}  ` +
      `${r.clean ? 'yes' : 'NO '} ${text.length > 90 ? `${text.slice(0, 90)}…` : text}`,
  );
}

export function printFiles(f: FilesFigures): void {
  const rs = f.results;
  const worst = rs.reduce((a, b) => (b.ms > a.ms ? b : a), rs[0]!);
  const peak = rs.reduce((a, b) => (b.peakRss > a.peakRss ? b : a), rs[0]!);
  const health = rs.reduce((a, b) => (b.healthWorstMs > a.healthWorstMs ? b : a), rs[0]!);
  const clean = rs.filter((r) => r.clean).length;
  console.log(
    `  clean answers                ${clean}/${rs.length} (4xx + Chinese message, or 200 for the legitimate)`,
  );
  for (const r of rs.filter((x) => !x.clean))
    console.log(`    NOT CLEAN: ${r.name} → ${r.status} ${r.code} ${r.message || r.note}`);
  console.log(`  worst time to answer         ${Math.round(worst.ms)} ms (${worst.name})`);
  console.log(`  peak RSS (VmHWM)             ${mib(peak.peakRss)} (${peak.name}; at rest ${mib(f.baselineRss)})`);
  console.log(
    `  worst /api/health latency    ${Math.round(health.healthWorstMs)} ms (${health.name}); failed polls ${rs.reduce((s, r) => s + r.healthFailures, 0)}`,
  );
  console.log(`  server died                  ${f.serverRestarts} times`);
}

/** One line for the suite's closing summary. */
export function filesSummary(f: FilesFigures): string {
  const rs = f.results;
  const max = (k: 'ms' | 'peakRss' | 'healthWorstMs') => Math.max(...rs.map((r) => r[k]));
  return (
    `clean ${rs.filter((r) => r.clean).length}/${rs.length}, worst answer ${Math.round(max('ms'))} ms, ` +
    `peak RSS ${mib(max('peakRss'))}, worst health ${Math.round(max('healthWorstMs'))} ms, server died ${f.serverRestarts}×`
  );
}
