/**
 * 版式: the office's own layouts — copied from a built-in one (or from another own one), edited in the browser, saved
 * for a programme with a version per change — and the preview of a layout not saved yet.
 *
 * A layout travels as JSON (the `Layout` of src/domain/publish/layouts/schema.ts). shared/ imports zod only, so here it
 * is an object; the server checks it against the layout schema and answers 400 with Chinese messages that name the
 * place ("第3列·表头"), `details.issues` listing the paths inside the layout.
 */
import { z } from 'zod';
import { EmptyBodySchema, idParams, OkSchema } from './common';
import { DocumentPreviewSchema, LayoutSummarySchema } from './documents';
import { endpoint } from './endpoint';

const LAYOUT_ID = /^[a-z0-9-]{1,64}$/;

/** A layout's definition (标题、说明、列、分组、空白标记、页面设置). */
export const LayoutDefinitionSchema = z
  .record(z.string(), z.unknown())
  .describe(
    '版式定义：id、name、kind（table/narrative）、attachmentLabel、title、subtitle、preamble、columns（header、value、width、align、mergeDown、headerSpan）、exampleRow、nameCell、emptyMarker、includeStates、splitProjects、perHostUnit、narrative、footer、page、sizes',
  );

/** A layout in a programme's list: built-in or the office's own. */
export const ProgrammeLayoutSchema = LayoutSummarySchema.extend({
  /** The built-in layout an own one was copied from (null for a built-in). */
  basedOn: z.string().nullable(),
  /** The saved version (0 for a built-in). */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const ProgrammeLayoutsSchema = z.object({
  programme: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  /** The actor may create, change and archive the programme's layouts (its office). */
  canEdit: z.boolean(),
  layouts: z.array(ProgrammeLayoutSchema),
});

export const LayoutVersionSchema = z.object({
  version: z.number().int(),
  savedAt: z.string(),
  savedBy: z.string().nullable(),
});

/** One layout with its definition, its version and the history of its versions. */
export const LayoutDetailSchema = z.object({
  id: z.string(),
  builtin: z.boolean(),
  /** The programme an own layout belongs to (null for a built-in). */
  programmeId: z.string().nullable(),
  basedOn: z.string().nullable(),
  /** The current version (0 for a built-in): what PUT expects as `baseVersion`. */
  version: z.number().int(),
  /** The version `layout` is (the current one unless an older one was asked for). */
  shownVersion: z.number().int(),
  archived: z.boolean(),
  canEdit: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  layout: LayoutDefinitionSchema,
  /** Saved versions, newest first. */
  history: z.array(LayoutVersionSchema),
});

export const CreateLayoutSchema = z.strictObject({
  basedOn: z.string().regex(LAYOUT_ID, '请选择要复制的版式'),
  name: z.string().trim().min(1, '请填写版式名称').max(100, '不能超过100个字符'),
});
export type CreateLayoutInput = z.infer<typeof CreateLayoutSchema>;

export const SaveLayoutSchema = z.strictObject({
  baseVersion: z.number().int().min(0),
  layout: LayoutDefinitionSchema,
});

export const LAYOUT_ENDPOINTS = {
  programmeLayouts: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/layouts',
    summary: '实事计划可用的版式：内置版式与本计划自建的版式（不含已停用的）',
    tag: 'layouts',
    params: idParams('实事计划'),
    response: ProgrammeLayoutsSchema,
  }),
  createLayout: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/layouts',
    summary: '复制内置版式（或本计划的版式）为本计划自己的版式（仅督查室）',
    tag: 'layouts',
    params: idParams('实事计划'),
    body: CreateLayoutSchema,
    response: LayoutDetailSchema,
    status: 201,
  }),
  layout: endpoint({
    method: 'GET',
    path: '/api/layouts/:id',
    summary: '版式的定义、当前版本号与版本历史（可指定查看某一历史版本）',
    tag: 'layouts',
    params: idParams('版式'),
    query: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
    response: LayoutDetailSchema,
  }),
  saveLayout: endpoint({
    method: 'PUT',
    path: '/api/layouts/:id',
    summary: '保存版式（新版本；baseVersion 须为当前版本，否则 409；内容未变时不产生新版本）',
    tag: 'layouts',
    params: idParams('版式'),
    body: SaveLayoutSchema,
    response: LayoutDetailSchema.extend({ changed: z.boolean() }),
  }),
  archiveLayout: endpoint({
    method: 'POST',
    path: '/api/layouts/:id/archive',
    summary: '停用自建版式（不再列出、不能再导出；历史版本保留）',
    tag: 'layouts',
    params: idParams('版式'),
    body: EmptyBodySchema,
    response: OkSchema,
  }),
  previewUnsavedLayout: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/document/preview',
    summary: '按尚未保存的版式预览该批次的正式文件（版式编辑器的实时预览）',
    tag: 'documents',
    params: idParams('填报批次'),
    body: z.strictObject({ layout: LayoutDefinitionSchema }),
    response: DocumentPreviewSchema,
  }),
};
