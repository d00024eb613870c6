/**
 * 政务公开 (issue 13 §1): publications are immutable snapshots of a round in a layout chosen by the office, with the
 * disclosure metadata governments print (信息来源, 发布日期, 所属类目, 主题分类, 体裁, 发文字号, 发文日期, 公开类别,
 * 机构名称), a 勘误 as a new snapshot with its reason, the attachment files, and 公示期 comments held for moderation.
 * The public pages themselves are server-rendered HTML under /gk/ (not part of this JSON contract).
 */
import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

const day = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what}应为 YYYY-MM-DD 格式的日期`);
const line = (what: string, max: number) => z.string().trim().max(max, `${what}不能超过${max}个字`);

export const SplitModeSchema = z.enum(['perUnit', 'merged'], {
  message: '拆分项目的显示方式应为 perUnit（每个单位一行）或 merged（合并为一行）',
});

export const MetadataDefaultsSchema = z.strictObject({
  source: line('信息来源', 50).min(1, '请填写信息来源'),
  category: line('所属类目', 50).min(1, '请填写所属类目'),
  topic: line('主题分类', 50).min(1, '请填写主题分类'),
  genre: line('体裁', 20).min(1, '请填写体裁'),
  docNumber: line('发文字号', 50),
  openness: line('公开类别', 20).min(1, '请填写公开类别'),
  agency: line('机构名称', 50).min(1, '请填写机构名称'),
});

export const DisclosureMetadataSchema = z.object({
  source: z.string(),
  publishedOn: z.string(),
  category: z.string(),
  topic: z.string(),
  genre: z.string(),
  docNumber: z.string(),
  issuedOn: z.string(),
  openness: z.string(),
  agency: z.string(),
});

const MetadataInputSchema = MetadataDefaultsSchema.partial().extend({
  publishedOn: day('发布日期').optional(),
  issuedOn: day('发文日期').optional(),
});

export const DisclosureSettingsSchema = z.object({
  slug: z.string(),
  layoutId: z.string(),
  splitMode: SplitModeSchema.nullable(),
  defaults: MetadataDefaultsSchema,
  commentDays: z.number(),
  updatedAt: z.string().nullable(),
});

export const DisclosureSettingsInputSchema = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, '公开网址只能用小写字母、数字和连字符（2–40个字符）')
    .optional(),
  layoutId: z.string().regex(/^[a-z0-9-]{1,64}$/, '版式编号无效'),
  splitMode: SplitModeSchema.nullable(),
  defaults: MetadataDefaultsSchema,
  commentDays: z.number().int('公示天数应为整数').min(0, '公示天数不能为负').max(90, '公示天数不能超过90天'),
});

const layoutId = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, '版式编号无效')
  .optional();
const commentUntil = day('公示期截止日期').nullable().optional();

export const PublishChoiceSchema = z.strictObject({
  layoutId,
  splitMode: SplitModeSchema.optional(),
  metadata: MetadataInputSchema.optional(),
  commentUntil,
  reason: line('勘误原因', 500).optional(),
});

export const CellEditSchema = z.strictObject({
  code: z.string().max(50),
  unit: z.string().max(200),
  column: z.string().max(200),
  text: z.string().trim().max(4000, '更正后的内容不能超过4000个字'),
});

export const CorrectionInputSchema = PublishChoiceSchema.extend({
  reason: line('勘误原因', 500).min(2, '请填写勘误原因'),
  /** Cells to correct (a wrong figure in published text), by row (project code and unit) and column header. */
  edits: z.array(CellEditSchema).max(50, '一次最多更正50个单元格').optional(),
});

export const PublicationSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  kind: z.enum(['first', 'update', 'correction']),
  layoutName: z.string(),
  rowCount: z.number(),
  reason: z.string().nullable(),
  replacesSlug: z.string().nullable(),
  replacedBySlug: z.string().nullable(),
  commentUntil: z.string().nullable(),
  publishedAt: z.string(),
  metadata: DisclosureMetadataSchema,
  comments: z.object({ pending: z.number(), approved: z.number(), rejected: z.number() }),
});

export const DisclosureOverviewSchema = z.object({
  settings: DisclosureSettingsSchema,
  rounds: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      periodLabel: z.string(),
      asOf: z.string(),
      approved: z.number(),
      published: z.number(),
      live: z.string().nullable(),
    }),
  ),
  publications: z.array(PublicationSummarySchema),
  pending: z.array(
    z.object({
      id: z.string(),
      publicationSlug: z.string(),
      publicationTitle: z.string(),
      name: z.string().nullable(),
      contact: z.string().nullable(),
      text: z.string(),
      createdAt: z.string(),
    }),
  ),
});

const PublicCellSchema = z.object({
  text: z.string(),
  colSpan: z.number().optional(),
  rowSpan: z.number().optional(),
  mark: z.enum(['green', 'yellow', 'red']).optional(),
});
const PublicLinkSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    kind: z.enum(['first', 'update', 'correction']),
    publishedAt: z.string(),
    reason: z.string().nullable(),
  })
  .nullable();

/** One publication as the public sees it: only what was published, as published. */
export const PublicPublicationSchema = z.object({
  slug: z.string(),
  url: z.string(),
  listUrl: z.string(),
  title: z.string(),
  programme: z.string(),
  year: z.number(),
  periodLabel: z.string(),
  asOf: z.string(),
  kind: z.enum(['first', 'update', 'correction']),
  layoutName: z.string(),
  publishedAt: z.string(),
  metadata: DisclosureMetadataSchema,
  replaces: PublicLinkSchema,
  replacedBy: PublicLinkSchema,
  blocks: z.array(
    z.union([
      z.object({ kind: z.literal('paragraph'), style: z.string(), text: z.string() }),
      z.object({
        kind: z.literal('table'),
        header: z.array(z.array(PublicCellSchema)),
        body: z.array(z.array(PublicCellSchema)),
      }),
    ]),
  ),
  headers: z.array(z.string()),
  rows: z.array(z.object({ code: z.string(), unit: z.string(), cells: z.array(z.string()) })),
  attachments: z.array(
    z.object({ format: z.enum(['docx', 'xlsx', 'pdf']), name: z.string(), size: z.number(), url: z.string() }),
  ),
  comments: z.object({
    open: z.boolean(),
    until: z.string().nullable(),
    items: z.array(z.object({ name: z.string(), text: z.string(), at: z.string() })),
  }),
});

/** A round with a publication in force (GET /api/public/rounds). */
export const PublicRoundItemSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  programme: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
});

/** A publication by its public slug ("2026-q3-4fa2c1"); named `id` like every path parameter of the API. */
const slugParams = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, '公开信息不存在或无权访问')
    .describe('公开信息的网址标识（slug）'),
});

export const DISCLOSURE_ENDPOINTS = {
  disclosureOverview: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/disclosure',
    summary: '政务公开：发布设置、可发布的批次、已发布的信息（含勘误）与待审核的公示期意见',
    tag: 'disclosure',
    params: idParams('实事计划'),
    response: DisclosureOverviewSchema,
  }),
  disclosureSettingsSave: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id/disclosure/settings',
    summary: '保存政务公开设置：公开网址、默认版式与拆分项目显示方式、公开元数据默认值、公示天数',
    tag: 'disclosure',
    params: idParams('实事计划'),
    body: DisclosureSettingsInputSchema,
    response: DisclosureSettingsSchema,
  }),
  disclosurePublish: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/disclosure',
    summary:
      '发布到政务公开：发布该批次已审核的填报，并按所选版式与元数据保存公开快照（已有公开信息时即为勘误，须填原因）',
    tag: 'disclosure',
    params: idParams('填报批次'),
    body: PublishChoiceSchema,
    response: PublicationSummarySchema,
    status: 201,
  }),
  disclosureCorrect: endpoint({
    method: 'POST',
    path: '/api/disclosure/publications/:id/correct',
    summary: '勘误：以当前已发布内容生成新的公开快照并注明原因，原信息保留可查',
    tag: 'disclosure',
    params: idParams('公开信息'),
    body: CorrectionInputSchema,
    response: PublicationSummarySchema,
    status: 201,
  }),
  disclosureModerate: endpoint({
    method: 'POST',
    path: '/api/disclosure/comments/:id/moderate',
    summary: '审核公示期意见：通过（在公开页面显示）或不予公开',
    tag: 'disclosure',
    params: idParams('意见'),
    body: z.strictObject({ decision: z.enum(['approved', 'rejected'], { message: '请选择通过或不予公开' }) }),
    response: z.object({ id: z.string(), status: z.enum(['approved', 'rejected']) }),
  }),
  publicPublication: endpoint({
    method: 'GET',
    path: '/api/public/publications/:id',
    summary: '一条公开信息（公开，无需登录）：元数据、表格、附件、勘误说明与已公开的意见',
    tag: 'public',
    anonymous: true,
    params: slugParams,
    response: PublicPublicationSchema,
  }),
};
