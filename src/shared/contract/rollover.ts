/**
 * 结转 (roll-over): next year's programme from last year's — the structure (categories, matters with their goal text),
 * the unfinished projects (marked 续建) with their units in roles and indicators. Rounds, reports and period targets
 * are not copied. A preview first, then the roll-over itself (one transaction, audited).
 */
import { z } from 'zod';
import { idParams } from './common';
import { endpoint } from './endpoint';

const year = z
  .number({ message: '请填写新年度（如2027）' })
  .int('年度应为整数')
  .min(2000, '年度应在2000至2100之间')
  .max(2100, '年度应在2000至2100之间');
const exclude = z.array(z.string().max(64)).max(5000, '排除的项目过多').optional();

/** POST /api/programmes/:id/rollover/preview body: the year (default: the programme's year + 1) and exclusions. */
export const RolloverPreviewInputSchema = z.strictObject({
  year: year.optional(),
  /** Projects the office chose not to carry over although unfinished. */
  exclude,
});
export type RolloverPreviewInput = z.infer<typeof RolloverPreviewInputSchema>;

/** POST /api/programmes/:id/rollover body. */
export const RolloverInputSchema = z.strictObject({
  year,
  name: z.string().trim().min(1, '请填写新计划的名称').max(200, '名称不能超过200个字符'),
  exclude,
});
export type RolloverInput = z.infer<typeof RolloverInputSchema>;

const RolloverProjectSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  matter: z.string().nullable(),
  units: z.array(z.string()),
  /** Why it is carried over or not, in Chinese (e.g. 未完成（2026年第四季度：滞后）, 已完成（…）, 已选择不结转). */
  reason: z.string(),
});

export const RolloverCountsSchema = z.object({
  categories: z.number(),
  matters: z.number(),
  projects: z.number(),
  skipped: z.number(),
  /** Units in roles on the copied projects. */
  units: z.number(),
  indicators: z.number(),
});

export const RolloverPreviewSchema = z.object({
  source: z.object({ id: z.string(), name: z.string(), year: z.number(), owner: z.string() }),
  target: z.object({
    year: z.number(),
    /** Suggested name of the new programme (the source's name with the year replaced). */
    name: z.string(),
    /** A programme of that year and owner already exists: the roll-over would be refused. */
    exists: z.boolean(),
  }),
  counts: RolloverCountsSchema,
  /** Unfinished projects, copied and marked 续建. */
  copied: z.array(RolloverProjectSchema),
  /** Finished (or excluded) projects: not copied. */
  skipped: z.array(RolloverProjectSchema),
  /** What is not copied, in Chinese (rounds, reports, period targets …). */
  notes: z.array(z.string()),
});

export const RolloverResultSchema = z.object({
  programmeId: z.string(),
  name: z.string(),
  year: z.number(),
  counts: RolloverCountsSchema,
});

export const ROLLOVER_ENDPOINTS = {
  rolloverPreview: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/rollover/preview',
    summary: '结转到下一年度：预览将复制的结构、单位、指标与未完成项目（不写入数据）',
    tag: 'rounds',
    params: idParams('实事计划'),
    body: RolloverPreviewInputSchema,
    response: RolloverPreviewSchema,
  }),
  rollover: endpoint({
    method: 'POST',
    path: '/api/programmes/:id/rollover',
    summary: '结转到下一年度：创建新年度计划（复制结构、单位、指标与未完成项目，标记为续建）',
    tag: 'rounds',
    params: idParams('实事计划'),
    body: RolloverInputSchema,
    response: RolloverResultSchema,
    status: 201,
  }),
};
