/**
 * Import of an official progress table (Word/Excel/pasted text): the preview and the commit. The preview's wire
 * schema lives here; domain/collect/import/types.ts is checked against it at compile time.
 */
import { z } from 'zod';
import { PasteImportSchema } from '../schemas';
import { endpoint } from './endpoint';

/** Fields a column can be mapped to. */
export const IMPORT_FIELDS = [
  'seq',
  'code',
  'category',
  'matter',
  'name',
  'annualTarget',
  'periodTarget',
  'progress',
  'selfAssessment',
  'evaluation',
  'problems',
  'nextSteps',
  'problemsAndNextSteps',
  'leadUnits',
  'assistUnits',
  'cohostUnits',
  'unit',
  'region',
  'actual',
  'rate',
  'remarks',
  'people',
  'investment',
  'deadline',
  'targetNumber',
  'investmentPlanned',
  'investmentDone',
] as const;

const READ_KINDS = ['docx', 'xlsx', 'text', 'html'] as const;

export const ImportWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  table: z.number().optional(),
  row: z.number().optional(),
  column: z.number().optional(),
});

export const PeriodInfoSchema = z.union([
  z.object({ type: z.literal('month'), index: z.number() }),
  z.object({ type: z.literal('quarter'), index: z.number() }),
  z.object({ type: z.literal('half'), index: z.number() }),
  z.object({ type: z.literal('year') }),
  z.object({ type: z.literal('range'), from: z.number(), to: z.number() }),
]);

export const RoundInfoSchema = z.object({
  title: z.string().nullable(),
  government: z.string().nullable(),
  programme: z.string().nullable(),
  reportingUnit: z.string().nullable(),
  year: z.number().nullable(),
  period: PeriodInfoSchema.nullable(),
  periodKey: z.string().nullable(),
  asOf: z.string().nullable(),
  asOfInferred: z.boolean(),
});

export const ImportItemSchema = z.object({
  row: z.object({ table: z.number(), row: z.number() }),
  code: z.string().nullable(),
  parentCode: z.string().nullable(),
  matterNumber: z.string().nullable(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  matter: z.string().nullable(),
  annualTarget: z.string().nullable(),
  periodTarget: z.string().nullable(),
  progress: z.string().nullable(),
  selfAssessment: z.string().nullable(),
  evaluation: z.string().nullable(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  leadUnits: z.array(z.string()),
  assistUnits: z.array(z.string()),
  cohostUnits: z.array(z.string()),
  levels: z.array(z.string()),
  flags: z.array(z.string()),
  unit: z.string().nullable(),
  region: z.string().nullable(),
  actual: z.string().nullable(),
  rate: z.string().nullable(),
  /** Numeric columns as written (计划数/年度目标数, 计划投资, 完成投资); parsed by domain/collect/import/numbers.ts. */
  targetNumber: z.string().nullable(),
  investmentPlanned: z.string().nullable(),
  investmentDone: z.string().nullable(),
  /** A 合计/全市/全省 row: a total, not a project. */
  isTotal: z.boolean(),
  remarks: z.string().nullable(),
  subTargets: z.array(z.object({ text: z.string(), progress: z.string().nullable() })),
  /** Per-region/per-unit rows of a breakdown table folded into one project. */
  breakdown: z.array(
    z.object({
      unit: z.string(),
      target: z.string().nullable(),
      actual: z.string().nullable(),
      rate: z.string().nullable(),
      progress: z.string().nullable(),
    }),
  ),
  extra: z.record(z.string(), z.string()),
  warnings: z.array(ImportWarningSchema),
});

export const ColumnInfoSchema = z.object({
  index: z.number(),
  header: z.string(),
  field: z.enum(IMPORT_FIELDS).nullable(),
  overridden: z.boolean().optional(),
});

export const TableColumnsSchema = z.object({
  table: z.number(),
  name: z.string(),
  headerRows: z.array(z.number()),
  columns: z.array(ColumnInfoSchema),
  skipped: z.boolean().optional(),
});

export const UnitMatchResultSchema = z.object({
  matched: z.array(
    z.object({
      name: z.string(),
      orgId: z.string(),
      orgName: z.string(),
      via: z.enum(['exact', 'alias', 'normalized']),
    }),
  ),
  unknown: z.array(z.string()),
  collective: z.array(z.string()),
});

export const ImportPreviewSchema = z.object({
  round: RoundInfoSchema,
  items: z.array(ImportItemSchema),
  warnings: z.array(ImportWarningSchema),
  columns: z.array(TableColumnsSchema),
  units: UnitMatchResultSchema,
  notes: z.array(z.string()),
  source: z.object({
    kind: z.enum(READ_KINDS),
    form: z.string().nullable(),
    tables: z.number(),
    paragraphs: z.number(),
  }),
});
/** The import preview as it travels (the same shape as domain/collect/import ImportPreview). */
export type ImportPreviewWire = z.infer<typeof ImportPreviewSchema>;

/**
 * A difference between the file and the data already in the chosen programme (see domain/collect/import/
 * differences.ts): applied only when its id is in the commit's `options.accept`.
 */
export const ImportDifferenceSchema = z.object({
  id: z.string(),
  kind: z.enum(['report', 'annualTarget', 'periodTarget', 'flagAdded', 'flagRemoved', 'unitAdded', 'unitRemoved']),
  projectId: z.string(),
  code: z.string(),
  projectName: z.string(),
  unit: z.string().nullable(),
  detail: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reportStatus: z.string().nullable(),
  suggested: z.boolean(),
});

/** POST /api/imports/preview answer: the preview and the organisations unknown units can be mapped to. */
export const ImportPreviewResponseSchema = z.object({
  preview: ImportPreviewSchema,
  orgs: z.array(z.object({ id: z.string(), name: z.string() })),
  /** With `options.programmeId`: what the file would change in existing data (empty for a first import). */
  differences: z.array(ImportDifferenceSchema),
});

/** POST /api/imports/commit answer. */
export const ImportCommitSummarySchema = z.object({
  projectsCreated: z.number(),
  projectsUpdated: z.number(),
  reportsVersioned: z.number(),
  unitsCreated: z.number(),
  roundId: z.string().nullable(),
  skipped: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable(), reason: z.string() })),
  /** Rows kept apart instead of merged (same code, different project), in Chinese. */
  notes: z.array(z.string()),
  /** The differences with existing data that were accepted and applied, each an audited action. */
  applied: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string() })),
  /** Differences with existing data left as they were (not accepted). */
  notApplied: z.number(),
});

/** The multipart form of an import (documentation; the server reads the parts itself). */
export const ImportUploadSchema = z.object({
  file: z.string().meta({ format: 'binary', description: '要导入的文件（.docx、.xlsx、.txt、.html）' }),
  options: z.string().optional().describe('导入选项（ImportOptions）的 JSON 文本'),
});

export const IMPORT_ENDPOINTS = {
  importPreview: endpoint({
    method: 'POST',
    path: '/api/imports/preview',
    summary: '导入预览（上传文件或粘贴文本；不写入数据）',
    tag: 'imports',
    body: PasteImportSchema,
    multipart: ImportUploadSchema,
    response: ImportPreviewResponseSchema,
  }),
  importCommit: endpoint({
    method: 'POST',
    path: '/api/imports/commit',
    summary: '确认导入（与预览相同的输入加导入选项）',
    tag: 'imports',
    body: PasteImportSchema,
    multipart: ImportUploadSchema,
    response: ImportCommitSummarySchema,
  }),
};
