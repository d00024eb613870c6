/**
 * The audit log as a file, read page by page (a year of entries never sits in memory): CSV for Excel/WPS (UTF-8 with
 * a BOM, Chinese headers, Beijing time, every cell quoted, formula-like cells neutralised with a leading apostrophe —
 * OWASP "CSV injection"), or JSON Lines with the entries exactly as stored (seq, hashes and all), which can be
 * verified offline against the chain's definition (domain/audit/chain.ts).
 */
import type { ChainRow } from '../../../domain/audit/chain';
import { auditActionLabel, auditEntityLabel, beijingTime, boundOf } from '../../../domain/audit/labels';
import type { DbOrTx } from '../../db/connect';
import { AppError } from '../../errors';
import { FORMULA_START } from '../../files/export/formula-safety';
import { type AuditFilter, auditExportPage, readAuditChain } from '../../repositories/audit.repo';

export type AuditExportFormat = 'csv' | 'jsonl';

/** The filter as given: the same fields, with dates (YYYY-MM-DD, Beijing days) or ISO times before the bounds are resolved. */
export type AuditFilterInput = AuditFilter;

/** Resolve date bounds (Beijing days; `to` includes its day) into ISO timestamps; 400 when a bound is not a date. */
export function resolveAuditFilter(f: AuditFilterInput): AuditFilter {
  const bound = (text: string | undefined, what: string, endOfDay: boolean) => {
    if (!text) return undefined;
    const iso = boundOf(text, endOfDay);
    if (!iso) throw new AppError('VALIDATION', `${what}不是有效的日期或时间：${text}`);
    return iso;
  };
  const nonEmpty = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  return {
    from: bound(f.from, '起始日期', false),
    to: bound(f.to, '截止日期', true),
    actor: nonEmpty(f.actor),
    action: nonEmpty(f.action),
    entity: nonEmpty(f.entity),
    entityId: nonEmpty(f.entityId),
    ip: nonEmpty(f.ip),
    unit: nonEmpty(f.unit),
  };
}

const CSV_HEADERS = [
  '序号',
  '时间（北京时间）',
  '操作人',
  '操作人编号',
  '动作',
  '动作代码',
  '对象',
  '对象类型',
  '对象编号',
  '地址',
  '变更前',
  '变更后',
  '前序哈希',
  '哈希',
];

/** One CSV cell: quoted, quotes doubled, a formula-like start defused with an apostrophe. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

function csvRow(r: ChainRow): string {
  return csvLine([
    r.seq,
    beijingTime(r.at),
    r.actorName,
    r.actorId,
    auditActionLabel(r.action),
    r.action,
    auditEntityLabel(r.entity),
    r.entity,
    r.entityId,
    r.ip,
    r.before,
    r.after,
    r.prevHash,
    r.hash,
  ]);
}

const jsonlRow = (r: ChainRow) =>
  `${JSON.stringify({
    seq: r.seq,
    id: r.id,
    at: r.at,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    before: r.before,
    after: r.after,
    ip: r.ip,
    prevHash: r.prevHash,
    hash: r.hash,
  })}\n`;

/**
 * The file's text in chunks (one per page of entries), oldest first, up to the chain's head when the export starts.
 * CSV starts with the BOM and the header line.
 */
export async function* auditExportChunks(
  db: DbOrTx,
  filter: AuditFilter,
  format: AuditExportFormat,
  opts: { pageSize?: number; onRows?: (count: number) => void } = {},
): AsyncGenerator<string> {
  const pageSize = opts.pageSize ?? 1000;
  const { head } = await readAuditChain(db);
  if (format === 'csv') yield `\uFEFF${csvLine(CSV_HEADERS)}`;
  let after = 0;
  for (;;) {
    const rows = await auditExportPage(db, filter, after, head.seq, pageSize);
    opts.onRows?.(rows.length);
    if (rows.length) yield rows.map(format === 'csv' ? csvRow : jsonlRow).join('');
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last?.seq) return;
    after = last.seq;
  }
}

/** A file name such as 审计日志_2026-01-01_2026-03-31.csv. */
export function auditExportName(f: AuditFilterInput, format: AuditExportFormat): string {
  const day = (s: string | undefined) => s?.slice(0, 10);
  const range = [day(f.from) ?? '开始', day(f.to) ?? '至今'].join('_');
  return `审计日志_${range}.${format}`;
}
