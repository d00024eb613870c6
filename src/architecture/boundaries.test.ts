/**
 * The import rules of ARCHITECTURE.md, checked on every test run: the domain core stays pure (no Node built-ins, no
 * server, no web, no frameworks), shared/ imports only zod (never domain/), the web never imports the server,
 * migrations import only kysely, repositories never import services or http, http reaches the database only through
 * services (the Db type aside), the CLI only through services, repositories and db/connect — and no query-builder call
 * or sql`` template appears outside server/repositories and server/db.
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

/** Import statements of a file: the resolved specifier and the statement text (to tell type-only imports apart). */
function statements(file: string): { spec: string; text: string }[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => ({
    spec: m[1]!.startsWith('.') ? relative(ROOT, resolve(file, '..', m[1]!)) : m[1]!,
    text: m[0],
  }));
}

/** Kysely query-builder entry points and sql`` templates: SQL lives in server/repositories (and server/db). */
const QUERY =
  /\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\s*\(|\bsql\s*(<[^>]*>)?`/;

/** Files still holding queries while they are being moved. */
const QUERY_ALLOWED: string[] = [];

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
  it('lets shared/ import only zod', () => {
    expect(violations('src/shared', (s) => s === 'zod' || s.startsWith('src/shared/'))).toEqual([]);
  });
  it('keeps the web app away from the server', () => {
    expect(violations('web/src', (s) => !s.startsWith('src/server') && !s.startsWith('src/cli'))).toEqual([]);
  });
  it('freezes migrations: kysely only', () => {
    expect(violations('src/server/db/migrations', (s) => s === 'kysely')).toEqual([]);
  });
  it('reads the time only from the clock (ctx.now) in the domain, services and repositories', () => {
    const out: string[] = [];
    for (const dir of ['src/domain', 'src/server/services', 'src/server/repositories'])
      for (const f of files(join(ROOT, dir))) {
        const code = readFileSync(f, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/(^|[^:])\/\/.*$/gm, '$1')
          .split('\n');
        code.forEach((line, i) => {
          // The one system clock, injected everywhere else (services/context.ts).
          if (/export const systemClock\b/.test(line)) return;
          if (/new Date\(\s*\)|Date\.now\(\s*\)/.test(line)) out.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
      }
    expect(out).toEqual([]);
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
  it('lets http reach the database only through services (the Db type aside)', () => {
    const bad: string[] = [];
    for (const f of files(join(ROOT, 'src/server/http')))
      for (const { spec, text } of statements(f)) {
        const dbTypeOnly = spec === 'src/server/db/connect' && /^import\s+type\s*\{\s*Db\s*\}/.test(text);
        if ((spec.startsWith('src/server/db') && !dbTypeOnly) || spec === 'kysely')
          bad.push(`${relative(ROOT, f)} → ${spec}`);
      }
    expect(bad).toEqual([]);
  });
  it('lets the CLI use services, repositories and db/connect, never the web or kysely', () => {
    expect(
      violations(
        'src/cli',
        (s) =>
          s !== 'kysely' &&
          !s.startsWith('web/') &&
          (!s.startsWith('src/server/db') || s === 'src/server/db/connect') &&
          (!s.startsWith('src/server/http') || s === 'src/server/http/app'),
      ),
    ).toEqual([]);
  });
  it('keeps query-builder calls and sql`` in server/repositories and server/db', () => {
    const bad: string[] = [];
    for (const dir of ['src', 'web/src'])
      for (const f of files(join(ROOT, dir))) {
        const rel = relative(ROOT, f);
        if (
          /^src\/server\/(repositories|db)\//.test(rel) ||
          QUERY_ALLOWED.some((p) => rel === p || (p.endsWith('/') && rel.startsWith(p)))
        )
          continue;
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (QUERY.test(line)) bad.push(`${rel}:${i + 1}: ${line.trim()}`);
          });
      }
    expect(bad).toEqual([]);
  });
  it('sees a query-builder call and a sql`` template when there is one', () => {
    expect(QUERY.test("await db.selectFrom('reports').selectAll().execute();")).toBe(true);
    expect(QUERY.test("      .insertInto('jobs')")).toBe(true);
    expect(QUERY.test('const n = sql<number>`count(*)`;')).toBe(true);
    expect(QUERY.test('await ctx.db.transaction().execute(async (trx) => run(trx));')).toBe(false);
  });
});
