/**
 * The import rules of ARCHITECTURE.md, checked on every test run: the domain core stays pure (no Node built-ins, no
 * server, no web, no frameworks), shared/ imports only zod (and domain types), the web never imports the server,
 * migrations import only kysely, repositories never import services or http.
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

/** Import specifiers of a file, resolved to repo-relative paths for relative imports. */
function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs = [
    ...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
  return specs.map((s) => (s.startsWith('.') ? relative(ROOT, resolve(file, '..', s)) : s));
}

function violations(dir: string, allowed: (spec: string, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const f of files(join(ROOT, dir)))
    for (const spec of imports(f)) if (!allowed(spec, f)) out.push(`${relative(ROOT, f)} → ${spec}`);
  return out;
}

describe('architecture boundaries', () => {
  it('keeps the domain core pure', () => {
    expect(violations('src/domain', (s) => s.startsWith('src/domain/') || s.startsWith('src/shared/'))).toEqual([]);
  });
  it('lets shared/ import only zod and domain types', () => {
    expect(
      violations(
        'src/shared',
        (s, f) =>
          s === 'zod' || s.startsWith('src/shared/') || (s.startsWith('src/domain/') && f.endsWith('api-types.ts')),
      ),
    ).toEqual([]);
  });
  it('keeps the web app away from the server', () => {
    expect(violations('web/src', (s) => !s.startsWith('src/server') && !s.startsWith('src/cli'))).toEqual([]);
  });
  it('freezes migrations: kysely only', () => {
    expect(violations('src/server/db/migrations', (s) => s === 'kysely')).toEqual([]);
  });
  it('keeps SQL layers below services and http', () => {
    expect(
      violations(
        'src/server/repositories',
        (s) => !s.startsWith('src/server/services') && !s.startsWith('src/server/http'),
      ),
    ).toEqual([]);
    expect(violations('src/server/services', (s) => !s.startsWith('src/server/http') && s !== 'fastify')).toEqual([]);
  });
});
