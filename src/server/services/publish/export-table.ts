import { buildConsolidatedXlsx, consolidatedFileName } from '../../files/export/consolidated-xlsx';
import { insertAudit } from '../../repositories/audit.repo';
import type { Ctx } from '../context';
import { getConsolidatedTable } from './consolidated-table';

/** The official .xlsx of a round's table, audited (who, which round, format, rows). */
export async function exportConsolidatedXlsx(ctx: Ctx, roundId: string): Promise<{ buf: Buffer; name: string }> {
  const table = await getConsolidatedTable(ctx, roundId, 'export:table');
  const buf = await buildConsolidatedXlsx(table, { includeComputed: true });
  await insertAudit(ctx.db, {
    at: ctx.now().toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action: 'table.export',
    entity: 'round',
    entityId: table.round.id,
    after: { rows: table.rows.length, format: 'xlsx' },
    ip: ctx.ip,
  });
  return { buf, name: consolidatedFileName(table) };
}
