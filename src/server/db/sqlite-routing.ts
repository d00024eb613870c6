/**
 * SQLite with a reading connection beside the writing one. Kysely's own SQLite driver has one connection behind one
 * mutex: while any transaction is open (a 50,000-row import's rows, for seconds), every other request's query — even
 * a one-row read — queues behind it. In WAL mode a second connection reads the last committed state while a write
 * transaction is open, so here:
 *
 * - a transaction takes the writer's mutex from BEGIN to COMMIT/ROLLBACK, and all its statements run on the writer
 *   (it reads its own uncommitted writes);
 * - outside a transaction, a SELECT (a query-builder select, or raw SQL starting with SELECT / `PRAGMA data_version`)
 *   runs at once on the reader, which sees what is committed — never another request's half-done transaction;
 * - any other statement outside a transaction takes the writer's mutex for itself, so it never lands inside someone
 *   else's open transaction (as with Kysely's driver).
 *
 * The reader is `query_only`; both connections share the file's settings (foreign keys, busy timeout).
 */
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
} from 'kysely';

type Prepared = { prepare(sql: string): SQLite.Statement; close(): unknown };

const READ_RAW = /^\s*(select\b|pragma\s+data_version\b)/i;

function run(db: Prepared, q: CompiledQuery): QueryResult<unknown> {
  const stmt = db.prepare(q.sql);
  const params = q.parameters as unknown[];
  if (stmt.reader) return { rows: stmt.all(params) };
  const { changes, lastInsertRowid } = stmt.run(params);
  return {
    numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
    insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
    rows: [],
  };
}

const isRead = (q: CompiledQuery) =>
  SelectQueryNode.is(q.query) || (q.query.kind === 'RawNode' && READ_RAW.test(q.sql));

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Resolves when the lock is held; call the returned function to release it. */
  lock(): Promise<() => void> {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

class RoutedConnection implements DatabaseConnection {
  /** Set while this connection holds the writer for a transaction. */
  release: (() => void) | null = null;
  constructor(private readonly d: RoutingSqliteDriver) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.release) return run(this.d.writer, q) as QueryResult<R>;
    if (isRead(q)) return run(this.d.reader, q) as QueryResult<R>;
    const release = await this.d.mutex.lock();
    try {
      return run(this.d.writer, q) as QueryResult<R>;
    } finally {
      release();
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported (Kysely's SQLite driver streams selects only)
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on SQLite here');
  }
}

export class RoutingSqliteDriver implements Driver {
  readonly mutex = new Mutex();
  constructor(
    readonly writer: Prepared,
    readonly reader: Prepared,
  ) {}

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this);
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    const conn = c as RoutedConnection;
    const release = await this.mutex.lock();
    try {
      run(this.writer, CompiledQuery.raw('begin'));
    } catch (e) {
      release();
      throw e;
    }
    conn.release = release;
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const conn = c as RoutedConnection;
    try {
      run(this.writer, CompiledQuery.raw('commit'));
    } finally {
      conn.release?.();
      conn.release = null;
    }
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const conn = c as RoutedConnection;
    try {
      run(this.writer, CompiledQuery.raw('rollback'));
    } finally {
      conn.release?.();
      conn.release = null;
    }
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

/** A SQLite dialect whose reads outside transactions do not wait for an open write transaction. */
export class RoutingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly writer: Prepared,
    private readonly reader: Prepared,
  ) {
    super({ database: writer as unknown as SQLite.Database });
  }
  override createDriver(): Driver {
    return new RoutingSqliteDriver(this.writer, this.reader);
  }
}
