/**
 * Part 3 — parallel login guessing against one account from one address (127.0.0.1), then the owner logging in from
 * another address (127.0.0.2, bound as the client's local address: no proxy headers needed).
 *
 *   phase A, the default configuration (LOGIN_RATE_MAX 20 per address per minute): 50 concurrent wrong passwords for
 *            `reporter`, then a guessing loop with 10 clients for --login-seconds (default 20 s);
 *   phase B, the per-address limit lifted (--login-rate-max 100000) so that only the per-name-and-address back-off
 *            stands: the same against `reporter2` for half the time.
 *
 * Real password checks are counted in the audit log (each failed check writes one `login.fail` row; a success writes
 * `login`), read directly from the database after each phase. A logged-in health probe (its session from 127.0.0.9)
 * records the worst /api/health latency meanwhile.
 */

import { openReader } from './lib/db';
import { HealthProbe } from './lib/health';
import { Client, errorOf, type HttpResult, PROBE_ADDRESS } from './lib/http';
import { demoDatabase, type Engine, Server, type TestDatabase } from './lib/server';

const ATTACKER = '127.0.0.1';
const BURST = 50;
const CONCURRENCY = 10;

export type PhaseFigures = {
  label: string;
  target: string;
  loginRateMax: string;
  burst: Record<string, number>;
  sustainedSeconds: number;
  sustained: Record<string, number>;
  sustainedAttempts: number;
  passwordChecks: number;
  successfulLogins: number;
  attackRows: number;
  ownerElsewhere: { address: string; status: number; ms: number; message: string };
  ownerAttacked: { status: number; message: string };
  healthWorstMs: number;
  healthFailures: number;
};

export type LoginFigures = { engine: Engine; phases: PhaseFigures[] };

/** Answers grouped as "status message". */
function tally(into: Record<string, number>, res: HttpResult | Error): void {
  const key = res instanceof Error ? `error ${res.message}` : `${res.status} ${errorOf(res).message || ''}`.trim();
  const k = key.replace(/\d+分钟后/, 'N分钟后').replace(/\d+ 秒后/, 'N 秒后');
  into[k] = (into[k] ?? 0) + 1;
}

async function guess(attacker: Client, target: string, n: number): Promise<HttpResult | Error> {
  return attacker
    .send('POST', '/api/auth/login', { username: target, password: `wrong-${n}` })
    .catch((e) => e as Error);
}

async function auditCounts(db: TestDatabase, target: string): Promise<{ fail: number; attack: number; ok: number }> {
  const reader = await openReader(db);
  try {
    const rows = await reader.all(
      `SELECT action, count(*) AS n FROM audit_log WHERE actor_name = ? AND action IN ('login.fail', 'login.attack', 'login') GROUP BY action`,
      [target],
    );
    const n = (a: string) => Number(rows.find((r) => r.action === a)?.n ?? 0);
    return { fail: n('login.fail'), attack: n('login.attack'), ok: n('login') };
  } finally {
    await reader.close();
  }
}

type PhaseSpec = { label: string; target: string; ownerAddress: string; seconds: number; loginRateMax: string };

async function phase(server: Server, spec: PhaseSpec): Promise<PhaseFigures> {
  const probeUser = await new Client(server.base, PROBE_ADDRESS).mustLogin('leader');
  const before = await auditCounts(server.db, spec.target);
  const probe = await new HealthProbe(server.base, probeUser.cookie).start();
  const attacker = new Client(server.base, ATTACKER);
  const burst: Record<string, number> = {};
  for (const r of await Promise.all(Array.from({ length: BURST }, (_, i) => guess(attacker, spec.target, i))))
    tally(burst, r);
  const sustained: Record<string, number> = {};
  const until = performance.now() + spec.seconds * 1000;
  let attempts = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      while (performance.now() < until) tally(sustained, await guess(attacker, spec.target, 1000 * w + attempts++));
    }),
  );
  const owner = new Client(server.base, spec.ownerAddress);
  const ownerRes = await owner.login(spec.target);
  const ownerAttacked = await new Client(server.base, ATTACKER).login(spec.target);
  const health = await probe.stop();
  const after = await auditCounts(server.db, spec.target);
  for (const c of [probeUser, attacker, owner]) c.close();
  return {
    label: spec.label,
    target: spec.target,
    loginRateMax: spec.loginRateMax,
    burst,
    sustainedSeconds: spec.seconds,
    sustained,
    sustainedAttempts: attempts,
    passwordChecks: after.fail - before.fail,
    successfulLogins: after.ok - before.ok,
    attackRows: after.attack - before.attack,
    ownerElsewhere: {
      address: spec.ownerAddress,
      status: ownerRes.status,
      ms: ownerRes.ms,
      message: errorOf(ownerRes).message,
    },
    ownerAttacked: { status: ownerAttacked.status, message: errorOf(ownerAttacked).message },
    healthWorstMs: health.worstMs,
    healthFailures: health.failures,
  };
}

export async function runLogin(opts: { engine: Engine; seconds: number }): Promise<LoginFigures> {
  const phases: PhaseFigures[] = [];
  // Both servers (each on its own copy of the demo data) start together; B waits idle during phase A.
  const a = new Server(await demoDatabase(opts.engine, 'login_a'));
  const b = new Server(await demoDatabase(opts.engine, 'login_b'), { args: ['--login-rate-max', '100000'] });
  await Promise.all([a.start(), b.start()]);
  try {
    phases.push(
      await phase(a, {
        label: 'A: default limits',
        target: 'reporter',
        ownerAddress: '127.0.0.2',
        seconds: opts.seconds,
        loginRateMax: '20 (default)',
      }),
    );
  } finally {
    await a.stop();
  }
  printPhase(phases[0]!);
  try {
    phases.push(
      await phase(b, {
        label: 'B: per-address limit lifted',
        target: 'reporter2',
        ownerAddress: '127.0.0.3',
        seconds: Math.max(5, Math.round(opts.seconds / 2)),
        loginRateMax: '100000',
      }),
    );
  } finally {
    await b.stop();
  }
  printPhase(phases[1]!);
  return { engine: opts.engine, phases };
}

const list = (t: Record<string, number>) =>
  Object.entries(t)
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => `${v} × ${k}`)
    .join('; ');

function printPhase(p: PhaseFigures): void {
  console.log(`  phase ${p.label} (LOGIN_RATE_MAX ${p.loginRateMax}), target “${p.target}” from ${ATTACKER}`);
  console.log(`    ${BURST} concurrent wrong passwords: ${list(p.burst)}`);
  console.log(
    `    ${p.sustainedSeconds} s loop × ${CONCURRENCY} clients: ${p.sustainedAttempts} guesses ` +
      `(${(p.sustainedAttempts / p.sustainedSeconds).toFixed(0)}/s): ${list(p.sustained)}`,
  );
  console.log(
    `    real password checks of the guesses (audit login.fail): ${p.passwordChecks} of ${BURST + p.sustainedAttempts}; ` +
      `login.attack rows ${p.attackRows}; successful logins (audit login) ${p.successfulLogins}`,
  );
  const o = p.ownerElsewhere;
  console.log(
    `    owner from ${o.address}: ${o.status}${o.message ? ` ${o.message}` : ''} in ${Math.round(o.ms)} ms; ` +
      `owner from ${ATTACKER}: ${p.ownerAttacked.status} ${p.ownerAttacked.message}`,
  );
  console.log(`    worst /api/health latency ${Math.round(p.healthWorstMs)} ms (failed polls ${p.healthFailures})`);
}

/** One line for the suite's closing summary. */
export function loginSummary(f: LoginFigures): string {
  const [a, b] = f.phases;
  if (!a || !b) return 'incomplete';
  return (
    `password checks ${a.passwordChecks}/${BURST + a.sustainedAttempts} guesses (default limits), ` +
    `${b.passwordChecks}/${BURST + b.sustainedAttempts} (per-address limit lifted); owner from another address ` +
    `${a.ownerElsewhere.status}/${b.ownerElsewhere.status}; worst health ${Math.round(Math.max(a.healthWorstMs, b.healthWorstMs))} ms`
  );
}
