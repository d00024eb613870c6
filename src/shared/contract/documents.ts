/** 正式文件: the layouts (版式) and a round's official document in a layout and format (.docx, .xlsx, PDF). */
import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

export const DOCUMENT_FORMATS = ['docx', 'xlsx', 'pdf'] as const;

export const LayoutSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['table', 'narrative']),
  builtin: z.boolean(),
});

export const DocumentQuerySchema = z.strictObject({
  layout: z.string().regex(/^[a-z0-9-]{1,64}$/, '版式编号无效'),
  format: z.enum(DOCUMENT_FORMATS, { message: '格式应为 docx、xlsx 或 pdf' }),
});

/** The document model (src/domain/publish/document/model.ts) as JSON, for the browser's preview. */
export const DocumentPreviewSchema = z.object({
  page: z.object({
    size: z.literal('A4'),
    orientation: z.enum(['portrait', 'landscape']),
    margins: z.object({ top: z.number(), right: z.number(), bottom: z.number(), left: z.number() }),
    pageNumbers: z.enum(['dash', 'of', 'none']),
  }),
  bodySize: z.number(),
  meta: z.object({ title: z.string(), author: z.string().optional(), sheetName: z.string().optional() }),
  blocks: z.array(z.unknown()).describe('段落、表格（表头行、正文行、合并单元格）与分页'),
  /** Body rows left out of the preview (the download has them all). */
  omittedRows: z.number(),
});

export const DocumentFileSchema = z.string().meta({ format: 'binary', description: '按版式生成的正式文件' });

export const DOCUMENT_ENDPOINTS = {
  layouts: endpoint({
    method: 'GET',
    path: '/api/layouts',
    summary:
      '可选的版式（内置五种：季度进展情况表、一览表、年度汇总表、月度进展情况、文字报告；给出实事计划时另含其自建版式）',
    tag: 'documents',
    query: z.strictObject({
      programmeId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, '实事计划不存在或无权访问')
        .optional(),
    }),
    response: z.array(LayoutSummarySchema),
  }),
  roundDocumentPreview: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/document/preview',
    summary: '正式文件的预览（文档结构，表格只含前若干行）',
    tag: 'documents',
    params: idParams('填报批次'),
    query: z.strictObject({ layout: DocumentQuerySchema.shape.layout }),
    response: DocumentPreviewSchema,
  }),
  bulletinDocx: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/bulletin.docx',
    summary: '通报草稿（Word）：按研判结果统计、滞后项目、各单位报送排名、自评不符与需书面分析的项目',
    tag: 'documents',
    params: idParams('填报批次'),
    response: DocumentFileSchema,
    file: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  }),
  supervisionFormDocx: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/supervision-form.docx',
    summary: '督办单（Word）：某单位的一个滞后项目（编号、督办事项、责任单位、办理时限、督办要求、反馈栏）',
    tag: 'documents',
    params: idParams('填报批次'),
    query: z.strictObject({ report: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '填报不存在或无权访问') }),
    response: DocumentFileSchema,
    file: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  }),
  roundDocument: endpoint({
    method: 'GET',
    path: '/api/rounds/:id/document',
    summary: '按版式导出该批次的正式文件（Word / Excel / PDF；只含已审核或已发布的内容）',
    tag: 'documents',
    params: idParams('填报批次'),
    query: DocumentQuerySchema,
    response: DocumentFileSchema,
    file: 'application/octet-stream',
  }),
};
