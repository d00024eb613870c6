/**
 * Serialised read models kept in memory while the data under them is unchanged (db/change-stamp.ts). A hit costs one
 * stamp query; a write anywhere invalidates every entry, so the cache never serves stale data. Bounded (LRU).
 */
import { changeStamp } from '../../db/change-stamp';
import type { DbOrTx } from '../../db/connect';

const MAX_ENTRIES = 64;

export class ReadCache {
  private readonly entries = new Map<string, { stamp: string; json: string }>();
  hits = 0;
  misses = 0;

  /** The JSON of `build()` for `key`, rebuilt when the data changed since it was cached. */
  async json(db: DbOrTx, key: string, build: () => Promise<unknown>): Promise<string> {
    const stamp = await changeStamp(db);
    const found = this.entries.get(key);
    if (found && found.stamp === stamp) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.json;
    }
    this.misses++;
    const json = JSON.stringify(await build());
    this.entries.set(key, { stamp, json });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return json;
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
