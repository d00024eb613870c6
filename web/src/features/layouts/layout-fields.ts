/**
 * What the layout editor offers, in Chinese: the contents a column can show (ColumnValue), the placeholders of titles
 * and notes, the option labels; and the column edits (move, remove, add, change) that keep the 示例 row's rules under
 * the columns they belong to. Pure.
 */
import type { ColumnValue, Layout, LayoutColumn } from '../../../../src/domain/publish/layouts/schema';

export type ValueOption = {
  key: string;
  label: string;
  /** The header a new column of this content gets. */
  header: string;
  group: string;
  value: ColumnValue;
};

export const VALUE_OPTIONS: ValueOption[] = [
  { key: 'seq', label: '序号（1、2、3…）', header: '序号', group: '项目', value: { field: 'seq' } },
  { key: 'code', label: '项目编号（如 19-2）', header: '编号', group: '项目', value: { field: 'code' } },
  { key: 'name', label: '项目名称', header: '项目名称', group: '项目', value: { field: 'name' } },
  { key: 'category', label: '项目分类', header: '项目分类', group: '项目', value: { field: 'category' } },
  { key: 'matter', label: '民生事项', header: '民生事项', group: '项目', value: { field: 'matter' } },
  { key: 'matterNumber', label: '民生事项序号', header: '序号', group: '项目', value: { field: 'matterNumber' } },
  {
    key: 'annualTarget',
    label: '年度目标（调整后）',
    header: '年度目标',
    group: '目标',
    value: { field: 'annualTarget' },
  },
  {
    key: 'annualTarget:original',
    label: '年度目标（调整前的原目标）',
    header: '原年度目标',
    group: '目标',
    value: { field: 'annualTarget', original: true },
  },
  { key: 'periodTarget', label: '本期目标', header: '{periodTarget}', group: '目标', value: { field: 'periodTarget' } },
  { key: 'progress', label: '落实情况/进展情况', header: '进展情况', group: '填报内容', value: { field: 'progress' } },
  {
    key: 'progress:suffix',
    label: '进展情况+进度自评（附在末尾）',
    header: '落实情况+进度自评',
    group: '填报内容',
    value: { field: 'progress', selfAssessment: 'suffix' },
  },
  { key: 'problems', label: '存在问题', header: '存在问题', group: '填报内容', value: { field: 'problems' } },
  { key: 'nextSteps', label: '下一步工作', header: '下一步工作', group: '填报内容', value: { field: 'nextSteps' } },
  {
    key: 'problemsAndNextSteps',
    label: '存在问题及下一步工作计划（一格）',
    header: '存在问题及下一步工作计划',
    group: '填报内容',
    value: { field: 'problemsAndNextSteps' },
  },
  {
    key: 'problemsAndAdjustments',
    label: '存在问题/年度目标调整情况',
    header: '存在问题/年度目标调整情况',
    group: '填报内容',
    value: { field: 'problemsAndAdjustments' },
  },
  {
    key: 'selfAssessment:text',
    label: '进度自评（文字）',
    header: '进度自评',
    group: '填报内容',
    value: { field: 'selfAssessment', as: 'text' },
  },
  {
    key: 'selfAssessment:mark',
    label: '进度评价（绿/黄/红色块）',
    header: '进度评价',
    group: '填报内容',
    value: { field: 'selfAssessment', as: 'mark' },
  },
  {
    key: 'completedAnnualTarget',
    label: '是否完成年度目标',
    header: '是否完成年度目标',
    group: '填报内容',
    value: { field: 'completedAnnualTarget' },
  },
  {
    key: 'computedStatus',
    label: '系统研判状态',
    header: '系统研判',
    group: '研判',
    value: { field: 'computedStatus' },
  },
  { key: 'completionRatio', label: '完成比例', header: '完成比例', group: '研判', value: { field: 'completionRatio' } },
  {
    key: 'gapPoints',
    label: '与序时进度的差距（百分点）',
    header: '差距（百分点）',
    group: '研判',
    value: { field: 'gapPoints' },
  },
  ...(
    [
      ['unit', '计量单位'],
      ['target', '年度目标数'],
      ['actual', '完成数'],
      ['publishedRatio', '完成率（公布）'],
      ['investmentPlanned', '计划投资（万元）'],
      ['investmentDone', '完成投资（万元）'],
    ] as const
  ).map(([column, label]) => ({
    key: `number-${column}`,
    label: `${label}（导入的数字列）`,
    header: label,
    group: '数字列',
    value: { field: 'number' as const, column },
  })),
  { key: 'leadUnits', label: '牵头（主办）单位', header: '牵头单位', group: '单位', value: { field: 'leadUnits' } },
  { key: 'assistUnits', label: '协办单位', header: '协办单位', group: '单位', value: { field: 'assistUnits' } },
  { key: 'cohostUnits', label: '共同主办单位', header: '共同主办单位', group: '单位', value: { field: 'cohostUnits' } },
  { key: 'unit', label: '填报单位', header: '填报单位', group: '单位', value: { field: 'unit' } },
  {
    key: 'fixed',
    label: '固定文字（如留空的备注栏）',
    header: '备注',
    group: '其他',
    value: { field: 'fixed', text: '' },
  },
];

/** The option key of a column's content. */
export function valueKey(v: ColumnValue): string {
  if (v.field === 'annualTarget') return v.original ? 'annualTarget:original' : 'annualTarget';
  if (v.field === 'progress') return v.selfAssessment === 'suffix' ? 'progress:suffix' : 'progress';
  if (v.field === 'selfAssessment') return `selfAssessment:${v.as}`;
  if (v.field === 'number') return `number-${v.column}`;
  return v.field;
}

export const optionOf = (key: string): ValueOption | undefined => VALUE_OPTIONS.find((o) => o.key === key);

/** Options of the content Select, grouped. */
export const VALUE_SELECT_OPTIONS = [...new Set(VALUE_OPTIONS.map((o) => o.group))].map((group) => ({
  label: group,
  title: group,
  options: VALUE_OPTIONS.filter((o) => o.group === group).map((o) => ({ value: o.key, label: o.label })),
}));

/** The placeholders titles, headers and notes may use (filled from the round). */
export const PLACEHOLDERS: { name: string; meaning: string }[] = [
  { name: '{government}', meaning: '政府简称（龙华区）' },
  { name: '{year}', meaning: '年份（2023）' },
  { name: '{period}', meaning: '期次（第三季度、8月、上半年、年度）' },
  { name: '{periodShort}', meaning: '期次简称（三季度）' },
  { name: '{months}', meaning: '月份范围（1-9月）' },
  { name: '{month}', meaning: '月份（8）' },
  { name: '{asOf}', meaning: '截至日期（2023年9月30日）' },
  { name: '{asOfMonthDay}', meaning: '截至月日（9月30日）' },
  { name: '{periodTarget}', meaning: '本期目标栏名（第三季度目标）' },
  { name: '{office}', meaning: '督查室名称' },
  { name: '{issuedOn}', meaning: '成文日期' },
  { name: '{host}', meaning: '主办单位（按主办单位分表时）' },
];

export const ALIGN_OPTIONS = [
  { value: '', label: '默认' },
  { value: 'left', label: '左对齐' },
  { value: 'center', label: '居中' },
  { value: 'right', label: '右对齐' },
  { value: 'justify', label: '两端对齐' },
];

export const STATE_OPTIONS = [
  { value: 'submitted', label: '已提交（未审核）' },
  { value: 'approved', label: '已审核' },
  { value: 'published', label: '已发布' },
];

export const EMPTY_MARKERS = ['', '无', '/', '-', '暂无进展。'];

/** Usable width of an A4 page in mm (the columns are scaled to it). */
export const usableWidth = (l: Layout) =>
  (l.page.orientation === 'landscape' ? 297 : 210) - l.page.margins.left - l.page.margins.right;

/** The 示例 row's rules follow their columns: `order[k]` is the old index of the new column k (-1: a new column). */
function remapExample(l: Layout, order: number[]): Layout['exampleRow'] {
  if (!l.exampleRow) return null;
  const cells: Record<string, string> = {};
  order.forEach((old, k) => {
    const rule = old >= 0 ? l.exampleRow!.cells[String(old)] : undefined;
    if (rule !== undefined) cells[String(k)] = rule;
  });
  return { ...l.exampleRow, cells };
}

function reorder(l: Layout, order: number[], added?: LayoutColumn): Layout {
  const columns = order.map((old) => (old >= 0 ? l.columns[old]! : added!));
  return { ...l, columns, exampleRow: remapExample(l, order) };
}

const indexes = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Move column `from` one place up (-1) or down (+1). */
export function moveColumn(l: Layout, from: number, by: -1 | 1): Layout {
  const to = from + by;
  if (to < 0 || to >= l.columns.length) return l;
  const order = indexes(l.columns.length);
  order[from] = to;
  order[to] = from;
  return reorder(l, order);
}

/** Move column `from` to position `to` (drag and drop). */
export function dragColumn(l: Layout, from: number, to: number): Layout {
  if (from === to || to < 0 || to >= l.columns.length) return l;
  const order = indexes(l.columns.length);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  return reorder(l, order);
}

export function removeColumn(l: Layout, at: number): Layout {
  return reorder(
    l,
    indexes(l.columns.length).filter((i) => i !== at),
  );
}

/** A new column at the end: the content chosen, its usual header. */
export function addColumn(l: Layout, key = 'computedStatus'): Layout {
  const o = optionOf(key) ?? VALUE_OPTIONS[0]!;
  return reorder(l, [...indexes(l.columns.length), -1], { header: o.header, value: o.value, width: 16 });
}

export function changeColumn(l: Layout, at: number, patch: Partial<LayoutColumn>): Layout {
  return { ...l, columns: l.columns.map((c, i) => (i === at ? { ...c, ...patch } : c)) };
}

/** Change what a column shows; a header still the old content's usual one follows the new content. */
export function changeColumnValue(l: Layout, at: number, key: string): Layout {
  const col = l.columns[at];
  const next = optionOf(key);
  if (!col || !next) return l;
  const old = optionOf(valueKey(col.value));
  const usual = !col.header.trim() || col.header === old?.header;
  const value: ColumnValue =
    next.value.field === 'fixed' && col.value.field === 'fixed' ? col.value : structuredClone(next.value);
  return changeColumn(l, at, { value, ...(usual ? { header: next.header } : {}) });
}

/** Lines of a text area as a list (empty lines dropped), and back. */
export const toLines = (s: string) =>
  s
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
export const fromLines = (xs: readonly string[]) => xs.join('\n');
