/**
 * A layout (版式) is data: which document an office sends, with its title, notes, columns, grouping, empty markers and
 * page set-up. The five built-in layouts (domain/publish/layouts/builtin.ts) reproduce the seeds; an office copies one,
 * edits it and saves it as its own. `compose` (domain/publish/layouts/compose.ts) turns a layout and a round's data
 * into the document model. Here in shared/ because the API and the browser's editor validate layouts with it.
 *
 * Text patterns use placeholders in braces, filled from the round (domain/publish/layouts/data.ts `fillPattern`):
 * {government} 龙华区 · {year} 2023 · {period} 第三季度 / 8月 / 上半年 / 年度 · {periodShort} 三季度 · {months} 1-9月 ·
 * {month} 8 · {asOf} 2023年9月30日 · {asOfMonthDay} 9月30日 · {periodTarget} 第三季度目标 · {office} 区政府督查室 ·
 * {issuedOn} 2023年10月8日 · {host} 龙华街道 (one table per 主办 unit).
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);

/** What a column shows. */
export const ColumnValueSchema = z.discriminatedUnion('field', [
  /** 序号: 1, 2, 3 … per project (restarts per table). */
  z.object({ field: z.literal('seq') }),
  /** The project's government code ("19-2"). */
  z.object({ field: z.literal('code') }),
  /** The project's name, composed (see NameCellSchema). */
  z.object({ field: z.literal('name') }),
  z.object({ field: z.literal('category') }),
  /** The matter (民生事项): its goal text. */
  z.object({ field: z.literal('matter') }),
  z.object({ field: z.literal('matterNumber') }),
  /** 年度目标 (the adjusted one when adjusted; `original` prints the first one). */
  z.object({ field: z.literal('annualTarget'), original: z.boolean().optional() }),
  z.object({ field: z.literal('periodTarget') }),
  /** 落实情况 / 进展情况; `selfAssessment: 'suffix'` appends "（按计划推进）" (seed 000). */
  z.object({ field: z.literal('progress'), selfAssessment: z.enum(['none', 'suffix']).optional() }),
  z.object({ field: z.literal('problems') }),
  z.object({ field: z.literal('nextSteps') }),
  /** 存在问题及下一步工作计划 in one cell. */
  z.object({ field: z.literal('problemsAndNextSteps') }),
  /** 存在问题/年度目标调整情况: the problems, then the target adjustments from their records. */
  z.object({ field: z.literal('problemsAndAdjustments') }),
  /** 进度自评/进度评价: as the words, or as a coloured ▋ (green/yellow/red; the word 已完成 when completed). */
  z.object({ field: z.literal('selfAssessment'), as: z.enum(['text', 'mark']) }),
  /** 是否完成年度目标: 是/否 (from the report's 已完成年度目标). */
  z.object({ field: z.literal('completedAnnualTarget') }),
  z.object({ field: z.literal('leadUnits') }),
  z.object({ field: z.literal('assistUnits') }),
  z.object({ field: z.literal('cohostUnits') }),
  /** The unit that reported the row. */
  z.object({ field: z.literal('unit') }),
  /** The system's judgement (never in the public layouts unless the office adds it). */
  z.object({ field: z.literal('computedStatus') }),
  z.object({ field: z.literal('completionRatio') }),
  z.object({ field: z.literal('gapPoints') }),
  /** A numeric column of an imported table (issue 14): 计量单位, 年度目标数, 完成数, 完成率 (published), 计划/完成投资. */
  z.object({
    field: z.literal('number'),
    column: z.enum(['unit', 'target', 'actual', 'publishedRatio', 'investmentPlanned', 'investmentDone']),
  }),
  /** Fixed text (an empty column to fill by hand, 备注). */
  z.object({ field: z.literal('fixed'), text: text(200) }),
]);
export type ColumnValue = z.infer<typeof ColumnValueSchema>;
export type ColumnField = ColumnValue['field'];

export const ColumnSchema = z.object({
  /** Header text; "\n" breaks the line inside the header cell; placeholders allowed ({periodTarget}, {asOfMonthDay}). */
  header: text(200),
  value: ColumnValueSchema,
  /** Width in mm (scaled to the page). */
  width: z.number().min(4).max(300),
  align: z.enum(['left', 'center', 'right', 'justify']).optional(),
  /** Merge equal consecutive cells down (类别, 民生事项 over their projects). */
  mergeDown: z.boolean().optional(),
  /** Header cells shared with the next columns: this header spans `headerSpan` columns (seed 002's 序号 over 9 | 9-2). */
  headerSpan: z.number().int().min(1).max(10).optional(),
});
export type LayoutColumn = z.infer<typeof ColumnSchema>;

/** How the project name cell is composed. */
export const NameCellSchema = z.object({
  /** "（区共同主办单位：区民政局）" after the name when the project has co-hosts. */
  cohostNote: text(100).nullable(),
  /** "区民生实事第{code}项" after the name, or null. */
  codeNote: text(100).nullable(),
  /** "(市级、区级)" level tags after the name. */
  levelTags: z.boolean(),
  /** Separator between the parts ("" or " "). */
  separator: text(4),
});
export type NameCell = z.infer<typeof NameCellSchema>;

export const LayoutSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: text(100),
  description: text(500).optional(),
  /** 'table': a table with titles and notes; 'narrative': numbered items as paragraphs (seed 004). */
  kind: z.enum(['table', 'narrative']),
  attachmentLabel: text(50).nullable(),
  title: text(300),
  subtitle: text(300).nullable(),
  /** Paragraphs between the title and the table (seed 002's lag-analysis rule). */
  preamble: z.array(text(2000)).max(20),
  columns: z.array(ColumnSchema).max(30),
  /** The 示例 row (seed 001): the office's writing rules under the columns it names; null for none. */
  exampleRow: z
    .object({
      label: text(50),
      /** Text per column index (absent = "-"). */
      cells: z.record(z.string(), text(2000)),
    })
    .nullable(),
  nameCell: NameCellSchema,
  /** What an empty field of an included report prints as ("", "无", "/", "-", "暂无进展。"). */
  emptyMarker: text(20),
  /** Report states whose content is printed; other rows print their plan columns and leave the report ones empty. */
  includeStates: z.array(z.enum(['submitted', 'approved', 'published'])).min(1),
  /** A project several units report on: one row per unit (unit named) or one merged row (units' texts in turn). */
  splitProjects: z.enum(['perUnit', 'merged']),
  /** One table per 主办 unit, each on its own page with "{host}" in the title (seed 000). */
  perHostUnit: z.boolean(),
  /** Narrative: the line naming the units ("主责部门：{lead}，配合部门：{assist}") and the progress label. */
  narrative: z.object({ unitsLine: text(200), progressLabel: text(50) }).nullable(),
  /** Lines at the end (制表单位, date); placeholders allowed. */
  footer: z.array(text(300)).max(5),
  page: z.object({
    orientation: z.enum(['portrait', 'landscape']),
    margins: z.object({
      top: z.number().min(5).max(60),
      right: z.number().min(5).max(60),
      bottom: z.number().min(5).max(60),
      left: z.number().min(5).max(60),
    }),
    pageNumbers: z.enum(['dash', 'of', 'none']),
  }),
  /** Sizes in pt: the title, the table body and the page text (notes, narrative). */
  sizes: z.object({
    title: z.number().min(8).max(42),
    table: z.number().min(6).max(22),
    body: z.number().min(8).max(22),
  }),
});
export type Layout = z.infer<typeof LayoutSchema>;
