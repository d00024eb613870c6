/**
 * Access is decided in domain/policies only: the web shows what the server's `abilities` allow and has no role rules;
 * services, routes and the CLI never compare roles either (they call can / authorize / mayEver).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === '__fixtures__') continue;
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** A role used in a decision: compared, looked up in a list, or one of the old web helpers. */
const ROLE_RULE =
  /\brole\s*[!=]==|[!=]==\s*['"](admin|supervisor|reporter|leader|deputy)['"]|\[\s*['"](admin|supervisor|leader|deputy|reporter)['"]\s*,[^\]]*\]\.includes|\b(isStaff|isReporter|canReadTable)\b/;

function offenders(dir: string): string[] {
  const out: string[] = [];
  for (const f of files(join(ROOT, dir)))
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Units in roles on a project (lead / assist / cohost) are data, not access.
        if (ROLE_RULE.test(line) && !/\bu\.role\b|\be\.role\b|\(role: string\)/.test(line))
          out.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
  return out;
}

describe('access is decided in one place', () => {
  it('the web has no role rules of its own', () => {
    expect(offenders('web/src')).toEqual([]);
  });
  it('services, routes and the CLI ask the policies instead of comparing roles', () => {
    expect([...offenders('src/server'), ...offenders('src/cli')]).toEqual([]);
  });
});
