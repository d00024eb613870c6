#!/usr/bin/env node
// The one test command (`npm test`): lint + format check, typecheck, unit/DB/HTTP tests on SQLite, browser tests.
// Set TEST_DB=postgres to run the database suites on PostgreSQL instead. Prints "N passed, N failed, N skipped" last.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

function vitest(name, args, env = {}) {
  mkdirSync('.tmp', { recursive: true });
  const out = `.tmp/vitest-${name.replace(/\W+/g, '-')}.json`;
  rmSync(out, { force: true });
  run(name, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += j.numPassedTests;
    totals.failed += j.numFailedTests;
    totals.skipped += j.numPendingTests + (j.numTodoTests ?? 0);
  }
}

const only = process.argv[2];
if (!only || only === 'static') {
  run('lint (biome)', 'npx', ['biome', 'check', '.']);
  run('typecheck (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
}
if (!only || only === 'unit') vitest(`tests (${process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite'})`, []);
// On PostgreSQL the database suites mostly wait on the server: three at once (measured 282 s → 185 s on 2 cores).
if (only === 'db')
  vitest(`database suite (${process.env.TEST_DB ?? 'sqlite'})`, [
    '.db.test.ts',
    ...(process.env.TEST_DB === 'postgres' ? ['--maxWorkers=3'] : []),
  ]);
if (!only || only === 'e2e') {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.log(
      `\n=== browser tests: SKIPPED — Chromium not found at ${chromium} (install with: apt-get install -y chromium fonts-noto-cjk) ===`,
    );
    totals.skipped += 1;
  } else {
    if (!existsSync('web/dist/index.html'))
      run('build web', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
    vitest('browser tests (chromium)', ['--config', 'e2e/vitest.e2e.config.ts']);
  }
}
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
