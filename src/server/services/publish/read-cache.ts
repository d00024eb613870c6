/**
 * Serialised read models kept in memory while the data under them is unchanged (db/change-stamp.ts). A hit costs one
 * stamp query; a write anywhere invalidates every entry, so the cache never serves stale data. Each entry holds the
 * JSON text and its gzip (made once per change: most of a large table's cost is moving its bytes). Bounded (LRU).
 */
import { gzipSync } from 'node:zlib';
import { changeStamp } from '../../db/change-stamp';
import type { DbOrTx } from '../../db/connect';

const MAX_ENTRIES = 32;
/** Built (unserialised) tables kept for filtered views: a few, they are large. */
const MAX_VALUES = 8;

/** A serialised answer: the JSON text, and the same bytes gzip-compressed. */
export type CachedJson = { json: string; gzip: Buffer };

export class ReadCache {
  private readonly entries = new Map<string, { stamp: string; body: CachedJson }>();
  private readonly values = new Map<string, { stamp: string; value: unknown }>();
  hits = 0;
  misses = 0;

  /** The serialised `build()` for `key`, rebuilt when the data changed since it was cached. */
  async get(db: DbOrTx, key: string, build: () => Promise<unknown>): Promise<CachedJson> {
    const stamp = await changeStamp(db);
    const found = this.entries.get(key);
    if (found && found.stamp === stamp) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.body;
    }
    this.misses++;
    const json = JSON.stringify(await build());
    const body = { json, gzip: gzipSync(json, { level: 6 }) };
    this.entries.set(key, { stamp, body });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return body;
  }

  /** `build()` itself (not serialised) for `key`, rebuilt when the data changed: filtered views are cut from it. */
  async value<T>(db: DbOrTx, key: string, build: () => Promise<T>): Promise<T> {
    const stamp = await changeStamp(db);
    const found = this.values.get(key);
    if (found && found.stamp === stamp) {
      this.values.delete(key);
      this.values.set(key, found);
      return found.value as T;
    }
    const value = await build();
    this.values.set(key, { stamp, value });
    if (this.values.size > MAX_VALUES) this.values.delete(this.values.keys().next().value!);
    return value;
  }
}

/** One cache per database (tests open many). */
const caches = new WeakMap<object, ReadCache>();
export function readCacheOf(db: DbOrTx): ReadCache {
  const found = caches.get(db);
  if (found) return found;
  const c = new ReadCache();
  caches.set(db, c);
  return c;
}
