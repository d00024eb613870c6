/**
 * The web app's files (web/dist) at / (issue 13 §4):
 * - hashed build files (assets/*, their names change with their content) are cached for a year, `immutable`;
 * - everything else — index.html first, which names the current hashed files — is `no-cache` (revalidated every
 *   time, so a new version is picked up on the next load);
 * - the .br and .gz files written at build time (scripts/vite-assets-plugin.ts) are sent as they are to browsers
 *   that accept them (`content-encoding`, `vary: accept-encoding`); no compression work per request.
 */
import { basename, dirname } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** The cache-control of a file of web/dist (its compressed sibling counts as the file). */
export function cacheControlFor(filePath: string): string {
  const dir = basename(dirname(filePath));
  const name = basename(filePath).replace(/\.(br|gz)$/, '');
  // Vite's hashed names: name-HASH.ext in assets/
  return dir === 'assets' && /-[\w-]{8,}\.\w+$/.test(name) ? IMMUTABLE : NO_CACHE;
}

export async function registerStatic(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
}
