/**
 * Set-based writes: many rows per statement, in chunks that stay under both engines' bound-parameter limits
 * (SQLite 32,766 — SQLITE_MAX_VARIABLE_NUMBER since 3.32; PostgreSQL 65,535).
 */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/connect';
import type { Database } from '../db/database';

/** The smaller of the two engines' limits on bound parameters in one statement. */
export const MAX_BOUND_PARAMETERS = 32_766;

/** Rows per statement so that rows × columns stays within the parameter limit. */
export function rowsPerStatement(columns: number, limit = MAX_BOUND_PARAMETERS): number {
  return Math.max(1, Math.floor(limit / Math.max(1, columns)));
}

/**
 * Most rows one write statement takes: a statement runs without a break (better-sqlite3 is synchronous), and a few
 * thousand rows already take about a second on a busy machine.
 */
export const MAX_WRITE_ROWS = 1000;

const writeChunk = (rows: readonly object[]) => Math.min(MAX_WRITE_ROWS, rowsPerStatement(columnCount(rows)));

/** Split rows into chunks of at most `size`. */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Let other requests run between two chunks of a large write (a macrotask turn: a 50,000-row import must not hold
 * the event loop for its whole length).
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const columnCount = (rows: readonly object[]) => new Set(rows.flatMap((r) => Object.keys(r))).size;

/** Insert rows with as few statements as the parameter limit allows. Every row must name the same columns. */
export async function insertMany<T extends keyof Database & string>(
  db: DbOrTx,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (!rows.length) return;
  // The generic table name defeats Kysely's inference; the row type above is the check.
  for (const chunk of chunks(rows, writeChunk(rows))) {
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
    if (rows.length > chunk.length) await yieldToEventLoop();
  }
}

/**
 * Update existing rows by primary key `id`, many rows per statement: an insert of the full rows that turns into an
 * update of `columns` on the id conflict (SQLite ≥ 3.24 and PostgreSQL both support ON CONFLICT … DO UPDATE).
 * Rows must be complete (every NOT NULL column), since both engines check them before the conflict.
 */
export async function updateManyById<T extends keyof Database & string>(
  db: DbOrTx,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  columns: readonly (keyof Database[T] & string)[],
): Promise<void> {
  if (!rows.length) return;
  for (const chunk of chunks(rows, writeChunk(rows))) {
    await db
      .insertInto(table)
      .values(chunk as never)
      .onConflict((oc) =>
        oc.column('id' as never).doUpdateSet((eb) => {
          const set: Record<string, unknown> = {};
          for (const c of columns) set[c] = eb.ref(`excluded.${c}` as never);
          return set as never;
        }),
      )
      .execute();
    if (rows.length > chunk.length) await yieldToEventLoop();
  }
}
