/**
 * Polls GET /api/health every 50 ms (one request at a time) and keeps the worst latency seen. The poller runs in its
 * own worker thread so that work in the suite's main thread (building a 10 MB request, reading a 30 MB answer) does
 * not show up as server latency.
 */
import { Worker } from 'node:worker_threads';

export type HealthFigures = { polls: number; worstMs: number; failures: number };

const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const figures = { polls: 0, worstMs: 0, failures: 0 };
let running = true;
function once() {
  return new Promise((resolve) => {
    const headers = workerData.cookie ? { cookie: workerData.cookie } : {};
    const req = http.get(workerData.base + '/api/health', { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
      res.on('error', () => resolve(false));
    });
    req.setTimeout(60000, () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
async function loop() {
  while (running) {
    const t0 = performance.now();
    const ok = await once();
    const ms = performance.now() - t0;
    if (figures.polls++ === 0) parentPort.postMessage('ready');
    if (!ok) figures.failures++;
    if (ms > figures.worstMs) figures.worstMs = ms;
    await new Promise((r) => setTimeout(r, Math.max(0, workerData.everyMs - ms)));
  }
  agent.destroy();
  parentPort.postMessage(figures);
}
parentPort.on('message', () => { running = false; });
loop();
`;

export class HealthProbe {
  private worker: Worker | null = null;

  /**
   * `cookie`: a logged-in user's session cookie. Anonymous GETs (health included) share a per-address limit
   * (PUBLIC_RATE_MAX, 300/min) that a 50 ms poll exceeds after 15 s; a logged-in user's requests are not limited.
   */
  constructor(
    private readonly base: string,
    private readonly cookie = '',
    private readonly everyMs = 50,
  ) {}

  /** Resolves after the first poll has been answered. */
  async start(): Promise<this> {
    const w = new Worker(POLLER, {
      eval: true,
      workerData: { base: this.base, cookie: this.cookie, everyMs: this.everyMs },
    });
    this.worker = w;
    await new Promise((resolve) => w.once('message', resolve));
    return this;
  }

  /** Stop after the request in flight (its latency counts) and return the figures. */
  async stop(): Promise<HealthFigures> {
    const w = this.worker;
    if (!w) return { polls: 0, worstMs: 0, failures: 0 };
    const figures = new Promise<HealthFigures>((resolve) => w.once('message', resolve));
    w.postMessage('stop');
    const f = await figures;
    await w.terminate();
    this.worker = null;
    return f;
  }
}
