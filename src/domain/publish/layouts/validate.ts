/**
 * Checking a layout an office edited (in the browser or through the API): the zod schema (./schema.ts) with Chinese
 * messages that name the place in the layout ("第3列·表头"), plus the rules the schema cannot state (a table needs a
 * column; the 示例 row's rules sit under existing columns). Pure; the server and the web editor share it.
 */
import { type Layout, LayoutSchema } from './schema';

export type LayoutIssue = { path: (string | number)[]; message: string };

export type LayoutCheck = { ok: true; layout: Layout } | { ok: false; issues: LayoutIssue[]; message: string };

/** Chinese names of the layout's fields (the last named step of an issue's path). */
export const LAYOUT_FIELD_LABELS: Record<string, string> = {
  id: '编号',
  name: '版式名称',
  description: '说明',
  kind: '文件类型',
  attachmentLabel: '附件标签',
  title: '标题',
  subtitle: '副标题',
  preamble: '表前说明',
  columns: '列',
  header: '表头',
  value: '显示内容',
  field: '显示内容',
  original: '原年度目标',
  selfAssessment: '进度自评',
  as: '显示方式',
  text: '固定文字',
  width: '宽度',
  align: '对齐',
  mergeDown: '向下合并',
  headerSpan: '表头跨列',
  exampleRow: '示例行',
  label: '标签',
  cells: '单元格',
  nameCell: '项目名称',
  cohostNote: '共同主办说明',
  codeNote: '编号说明',
  levelTags: '级别标注',
  separator: '分隔符',
  emptyMarker: '空白标记',
  includeStates: '印出的填报状态',
  splitProjects: '多单位项目',
  perHostUnit: '按主办单位分表',
  narrative: '文字报告',
  unitsLine: '单位行',
  progressLabel: '进展标签',
  footer: '文末落款',
  page: '页面',
  orientation: '纸张方向',
  margins: '页边距',
  top: '上',
  right: '右',
  bottom: '下',
  left: '左',
  pageNumbers: '页码',
  sizes: '字号',
  table: '表格',
  body: '正文',
};

/** Numbered items of a list, by the list's key. */
const ITEM: Record<string, (n: number) => string> = {
  columns: (n) => `第${n}列`,
  preamble: (n) => `表前说明第${n}段`,
  footer: (n) => `文末落款第${n}行`,
  includeStates: (n) => `印出的填报状态第${n}项`,
};

/** "第3列·表头", "字号·标题", "标题" — where in the layout an issue is. */
export function layoutPlace(path: readonly PropertyKey[]): string {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    if (typeof key === 'string' && typeof next === 'number' && ITEM[key]) {
      out.push(ITEM[key](next + 1));
      i++;
    } else if (typeof key === 'string') {
      // The discriminator of a column's value is the value itself, for the reader.
      if (key === 'field' && path[i - 1] === 'value') continue;
      if (path[i - 1] === 'cells') out.push(`第${Number(key) + 1}列`);
      else out.push(LAYOUT_FIELD_LABELS[key] ?? key);
    } else if (typeof key === 'number') out.push(`第${key + 1}项`);
  }
  return out.join('·') || '版式';
}

/** Chinese names of the schema's enum values (for "应为以下之一"). */
const VALUE_LABELS: Record<string, string> = {
  table: '表格',
  narrative: '文字报告',
  portrait: '纵向',
  landscape: '横向',
  left: '左对齐',
  center: '居中',
  right: '右对齐',
  justify: '两端对齐',
  dash: '“— 1 —”',
  of: '“第 1 页 共 N 页”',
  none: '无',
  submitted: '已提交',
  approved: '已审核',
  published: '已发布',
  perUnit: '每个单位一行',
  merged: '合并为一行',
  suffix: '附在进展后',
  text: '文字',
  mark: '色块',
};

type ParseOptions = NonNullable<Parameters<typeof LayoutSchema.safeParse>[1]>;
/** An issue as zod hands it to an error map (typed from the schema: the domain imports zod only in schema.ts). */
type RawIssue = Parameters<NonNullable<ParseOptions['error']>>[0];

const sizeMessage = (issue: RawIssue & { origin?: string }, limit: number | bigint, big: boolean): string => {
  const n = String(limit);
  if (issue.origin === 'string') return big ? `不能超过${n}个字符` : n === '1' ? '不能为空' : `至少${n}个字符`;
  if (issue.origin === 'array') return big ? `最多${n}项` : `至少${n}项`;
  return big ? `不能大于${n}` : `不能小于${n}`;
};

/** Chinese messages for the issues the layout schema can raise. */
export function layoutErrorMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '为必填项';
      if (issue.expected === 'number') return '应为数字';
      if (issue.expected === 'string') return '应为文字';
      if (issue.expected === 'boolean') return '应为“是”或“否”';
      if (issue.expected === 'array') return '应为列表';
      return '格式不正确';
    case 'too_big':
      return sizeMessage(issue, issue.maximum, true);
    case 'too_small':
      return sizeMessage(issue, issue.minimum, false);
    case 'invalid_value':
      return `应为以下之一：${issue.values.map((v) => VALUE_LABELS[String(v)] ?? String(v)).join('、')}`;
    case 'invalid_union':
      return '不是可选的内容';
    case 'invalid_format':
      return issue.format === 'regex' ? '只能包含小写字母、数字和连字符（最多64个）' : '格式不正确';
    case 'not_multiple_of':
      return '应为整数';
    case 'unrecognized_keys':
      return `包含不认识的设置：${issue.keys.join('、')}`;
    default:
      return '无效';
  }
}

/** Rules beyond the schema. */
function extraIssues(l: Layout): LayoutIssue[] {
  const out: LayoutIssue[] = [];
  if (l.kind === 'table' && l.columns.length === 0) out.push({ path: ['columns'], message: '表格版式至少需要一列' });
  for (const key of Object.keys(l.exampleRow?.cells ?? {})) {
    const i = Number(key);
    if (!/^\d+$/.test(key) || i >= l.columns.length)
      out.push({ path: ['exampleRow', 'cells', key], message: '没有对应的列（请在示例行中删除）' });
  }
  return out;
}

/** One sentence naming every problem: “第3列·表头”不能超过200个字符；“标题”为必填项. */
export const describeLayoutIssues = (issues: readonly LayoutIssue[]): string =>
  `版式有误：${issues
    .slice(0, 8)
    .map((i) => `“${layoutPlace(i.path)}”${i.message}`)
    .join('；')}${issues.length > 8 ? `；另有${issues.length - 8}处` : ''}`;

/** Check a layout: the parsed layout, or the issues (paths into the layout, Chinese messages) and one sentence. */
export function checkLayout(input: unknown): LayoutCheck {
  const res = LayoutSchema.safeParse(input, { error: layoutErrorMessage });
  const issues: LayoutIssue[] = res.success
    ? extraIssues(res.data)
    : res.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: i.message,
      }));
  if (res.success && issues.length === 0) return { ok: true, layout: res.data };
  return { ok: false, issues, message: describeLayoutIssues(issues) };
}
