/**
 * A cheap "has the data changed?" stamp, for read models cached in memory (the consolidated table). Taken BEFORE a
 * read; a cached result is reused only while the stamp is the same, so a cache can serve stale data never.
 *
 * - SQLite: one connection per process, and Kysely holds it for a whole transaction, so a read never sees a write in
 *   progress. The stamp is this process's count of write statements (counted by `WriteCounterPlugin`, installed by
 *   openDb; sessions, jobs and the audit log excluded: they are not read by the cached models) plus
 *   `PRAGMA data_version`, which changes when another process (`shishi worker`, a CLI import) commits to the file.
 * - PostgreSQL: `pg_current_snapshot()` — its in-progress list and bounds change whenever any write transaction starts
 *   or commits, on any app server. Coarse (any write invalidates), always correct.
 */
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';
import type { DbOrTx } from './connect';

/** Tables whose writes do not change what cached read models show. */
const IGNORED = new Set([
  'sessions',
  'jobs',
  'auditlog',
  'auditchain',
  'passwordhistory',
  'loginthrottle',
  'kysely_migration',
  'kysely_migration_lock',
]);

let writes = 0;

function tableOf(node: RootOperationNode): string | null {
  const n = node as unknown as {
    into?: { table?: { identifier?: { name?: string } } };
    table?: { kind?: string; table?: { identifier?: { name?: string } } };
    from?: { froms?: { table?: { identifier?: { name?: string } } }[] };
  };
  const name =
    n.into?.table?.identifier?.name ?? n.table?.table?.identifier?.name ?? n.from?.froms?.[0]?.table?.identifier?.name;
  return name ? name.replace(/_/g, '').toLowerCase() : null;
}

/** Counts write statements (insert, update, delete, merge, raw SQL) on tables that read models show. */
export class WriteCounterPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    const kind = node.kind;
    if (kind === 'SelectQueryNode') return node;
    if (kind === 'RawNode') {
      // Raw SQL counts as a write unless it plainly reads.
      const text = (node as unknown as { sqlFragments?: readonly string[] }).sqlFragments?.[0] ?? '';
      if (!/^\s*(select|pragma|explain)\b/i.test(text)) writes++;
      return node;
    }
    const table = tableOf(node);
    if (!table || !IGNORED.has(table)) writes++;
    return node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

const isPostgres = (db: DbOrTx) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The current stamp (see above). */
export async function changeStamp(db: DbOrTx): Promise<string> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db);
    return `pg:${rows[0]!.s}`;
  }
  const { rows } = await sql<{ v: number }>`select data_version as v from pragma_data_version`.execute(db);
  return `sqlite:${writes}:${rows[0]!.v}`;
}
