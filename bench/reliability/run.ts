/**
 * Reliability suite (issue 8 §4): evidence, not a test — it prints figures and asserts nothing about timings.
 *
 *   npx tsx bench/reliability/run.ts [--only crash|files|login] [--engine sqlite|postgres|both]
 *        [--crashes-sqlite 10] [--crashes-postgres 5] [--login-seconds 20] [--seed N] [--keep]
 *
 * Parts: crash (kill -9 during save/submit bursts), files (hostile uploads to the import preview), login (parallel
 * password guessing). Real server processes (`node bin/shishi.mjs serve`) on copies of the demo data, loopback only.
 * PostgreSQL: REL_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/test) is used to create and drop the
 * databases shishi_rel_*.
 */
import { cpus, loadavg } from 'node:os';
import { crashSummary, printCrash, runCrash } from './crash';
import { filesSummary, printFiles, runFiles } from './files';
import { cleanup, type Engine } from './lib/server';
import { loginSummary, runLogin } from './login';

const PARTS = ['crash', 'files', 'login'] as const;
type Part = (typeof PARTS)[number];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function options() {
  const only = arg('only');
  if (only && !PARTS.includes(only as Part)) throw new Error(`--only: one of ${PARTS.join(', ')}`);
  const engine = arg('engine') ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(engine)) throw new Error('--engine: sqlite, postgres or both');
  return {
    parts: only ? [only as Part] : [...PARTS],
    engines: (engine === 'both' ? ['sqlite', 'postgres'] : [engine]) as Engine[],
    crashes: { sqlite: Number(arg('crashes-sqlite') ?? 10), postgres: Number(arg('crashes-postgres') ?? 5) },
    loginSeconds: Number(arg('login-seconds') ?? 20),
    seed: Number(arg('seed') ?? Date.now() % 1_000_000),
    keep: process.argv.includes('--keep'),
  };
}

/** The machine's load: timings here are only comparable at a similar load. */
const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;

/** mulberry32: kill moments and write choices are reproducible with --seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Run one part on one engine, print its figures; returns the summary line. */
async function runPart(part: Part, engine: Engine, o: ReturnType<typeof options>): Promise<string> {
  const t0 = performance.now();
  console.log(`\n== ${part} — ${engine} ==`);
  let line: string;
  if (part === 'crash') {
    const f = await runCrash({ engine, crashes: o.crashes[engine], writersPerReporter: 2, random: prng(o.seed) });
    printCrash(f);
    line = crashSummary(f);
  } else if (part === 'files') {
    const f = await runFiles({ engine });
    printFiles(f);
    line = filesSummary(f);
  } else line = loginSummary(await runLogin({ engine, seconds: o.loginSeconds }));
  const took = `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  console.log(`  (${part} on ${engine}: ${took})`);
  return `${line} [${took}]`;
}

async function main(): Promise<number> {
  const o = options();
  const t0 = performance.now();
  console.log(
    `reliability suite: parts ${o.parts.join(', ')}; engines ${o.engines.join(', ')}; seed ${o.seed}; ` +
      `node ${process.version}; ${cpus().length} CPUs; ${load()}; ${new Date().toISOString()}`,
  );
  let failed = false;
  const summary: string[] = [];
  const stop = () => {
    void cleanup(o.keep).then(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    for (const part of o.parts)
      for (const engine of o.engines) {
        try {
          summary.push(`${part.padEnd(5)} ${engine.padEnd(8)} ${await runPart(part, engine, o)}`);
        } catch (e) {
          failed = true;
          summary.push(`${part.padEnd(5)} ${engine.padEnd(8)} FAILED: ${(e as Error).message.split('\n')[0]}`);
          console.log(`  PART FAILED: ${(e as Error).stack ?? e}`);
        }
      }
  } finally {
    await cleanup(o.keep);
  }
  console.log('\n== summary ==');
  for (const l of summary) console.log(`  ${l}`);
  console.log(`suite time: ${((performance.now() - t0) / 1000).toFixed(1)} s; ${load()}`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
