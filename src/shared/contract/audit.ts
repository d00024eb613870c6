/**
 * The installation's audit log, for the 审计管理员 only (policy `audit:readLog`): read with filters, export, verify
 * the hash chain. Read-only: there is no endpoint that edits or deletes an entry.
 */
import { z } from 'zod';
import { endpoint } from './endpoint';

/** A date (YYYY-MM-DD, Beijing time) or an ISO timestamp. */
const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const bound = (what: string) =>
  z
    .string()
    .trim()
    .regex(DATE_OR_TIME, `${what}应为日期（如 2026-03-31）或 ISO 时间`)
    .optional()
    .describe(`${what}（日期按北京时间；“截止”含当天）`);
const text = (what: string, max: number) => z.string().trim().max(max, `${what}最多 ${max} 个字符`).optional();

/** The filters of the list and the export. */
export const AuditFilterSchema = z.object({
  from: bound('起始日期'),
  to: bound('截止日期'),
  actor: text('操作人', 100).describe('操作人姓名或账号（部分匹配）'),
  action: text('动作', 64).describe('动作代码，如 login.fail'),
  entity: text('对象类型', 64).describe('对象类型，如 user、report'),
  entityId: text('对象编号', 64),
  ip: text('地址', 64).describe('客户端地址或其开头，如 10.1.'),
  unit: text('单位', 100).describe('单位名称（部分匹配）：该单位账号的操作、该单位本身及其填报的记录'),
});

export const AuditListQuerySchema = AuditFilterSchema.extend({
  page: z.coerce.number().int('页码应为整数').min(1, '页码应大于 0').default(1),
  pageSize: z.coerce.number().int('每页条数应为整数').min(1, '每页至少 1 条').max(200, '每页最多 200 条').default(50),
});
export type AuditListQuery = z.input<typeof AuditListQuerySchema>;

export const AuditExportQuerySchema = AuditFilterSchema.extend({
  format: z
    .enum(['csv', 'jsonl'])
    .default('csv')
    .describe('csv（Excel 可直接打开）或 jsonl（每行一条原始记录，可离线校验）'),
});
export type AuditExportQuery = z.input<typeof AuditExportQuerySchema>;

/** One entry as the page shows it; before/after are the stored JSON values. */
export const AuditEntrySchema = z.object({
  seq: z.number().nullable(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string().nullable(),
});

export const AuditPageSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(AuditEntrySchema),
});

const ChainPointSchema = z.object({ seq: z.number(), hash: z.string() });

/** The result of checking the hash chain from the retention anchor to the head. */
export const AuditVerificationSchema = z.object({
  ok: z.boolean(),
  /** 通过 / 不通过 with the reason, in Chinese. */
  message: z.string(),
  checked: z.number(),
  algorithm: z.string(),
  anchor: ChainPointSchema.extend({ at: z.string().nullable() }),
  head: ChainPointSchema,
  broken: z
    .object({
      seq: z.number().nullable(),
      kind: z.enum(['hash', 'prev', 'gap', 'order', 'head', 'unchained']),
      message: z.string(),
    })
    .nullable(),
  checkedAt: z.string(),
});

export const AuditFileSchema = z
  .string()
  .meta({ format: 'binary', description: '审计日志（CSV 带 BOM，或 JSON Lines）' });
export const AUDIT_CSV_TYPE = 'text/csv; charset=utf-8';
export const AUDIT_JSONL_TYPE = 'application/x-ndjson; charset=utf-8';

export const AUDIT_ENDPOINTS = {
  auditLog: endpoint({
    method: 'GET',
    path: '/api/audit',
    summary: '审计日志（审计管理员；按时间倒序，可按时间、操作人、动作、对象、地址筛选）',
    tag: 'audit',
    query: AuditListQuerySchema,
    response: AuditPageSchema,
  }),
  auditExport: endpoint({
    method: 'GET',
    path: '/api/audit/export',
    summary: '导出审计日志（审计管理员；CSV 或 JSON Lines；导出本身记入审计日志）',
    tag: 'audit',
    query: AuditExportQuerySchema,
    response: AuditFileSchema,
    file: 'text/csv',
  }),
  auditVerify: endpoint({
    method: 'GET',
    path: '/api/audit/verify',
    summary: '校验审计日志哈希链的完整性（审计管理员；校验本身记入审计日志）',
    tag: 'audit',
    response: AuditVerificationSchema,
  }),
};

/** Wire types (inferred, never written twice). */
export type AuditEntryWire = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
export type AuditFilter = z.input<typeof AuditFilterSchema>;
