/**
 * The five built-in layouts, one per kind of document in the seeds (column for column; wording of notes and rules is
 * our own and editable). Widths are in mm of an A4 page (landscape usable width ≈ 257 mm, portrait ≈ 170 mm).
 */
import type { Layout } from './schema';

const LANDSCAPE = {
  orientation: 'landscape',
  margins: { top: 20, right: 18, bottom: 18, left: 18 },
  pageNumbers: 'of',
} as const;
const PORTRAIT = {
  orientation: 'portrait',
  margins: { top: 30, right: 22, bottom: 28, left: 26 },
  pageNumbers: 'dash',
} as const;
const APPROVED = ['approved', 'published'] as ('approved' | 'published')[];
const CODE_NAME = {
  cohostNote: '（区共同主办单位：{cohost}）',
  codeNote: '区民生实事第{code}项',
  levelTags: false,
  separator: ' ',
};
const PLAIN_NAME = { cohostNote: null, codeNote: null, levelTags: false, separator: '' };

/** What most table layouts share; each layout states only where it differs. */
const TABLE_DEFAULTS = {
  kind: 'table',
  attachmentLabel: null,
  subtitle: null,
  preamble: [],
  exampleRow: null,
  nameCell: PLAIN_NAME,
  emptyMarker: '',
  includeStates: APPROVED,
  splitProjects: 'merged',
  perHostUnit: false,
  narrative: null,
  footer: [],
  page: LANDSCAPE,
  sizes: { title: 18, table: 10.5, body: 14 },
} satisfies Partial<Layout>;

/** Seed 000: the quarterly 进展情况表 of one 主办 unit, self-assessment in the progress cell. */
export const QUARTERLY_PROGRESS: Layout = {
  ...TABLE_DEFAULTS,
  id: 'quarterly-progress',
  name: '季度进展情况表（按主办单位分表）',
  description:
    '序号、项目名称、年度目标、本季度目标、落实情况+进度自评、存在问题、下一步工作、牵头与协办单位；每个主办单位一张表。',
  title: '{government}{year}年民生实事项目{periodShort}进展情况表{host}',
  columns: [
    { header: '序号', value: { field: 'seq' }, width: 10, align: 'center' },
    { header: '项目名称', value: { field: 'name' }, width: 36 },
    { header: '年度目标', value: { field: 'annualTarget' }, width: 30 },
    { header: '{periodTarget}', value: { field: 'periodTarget' }, width: 28 },
    {
      header: '截至{asOfMonthDay}落实情况+进度自评 (按计划推进/滞后/已完成)',
      value: { field: 'progress', selfAssessment: 'suffix' },
      width: 66,
    },
    { header: '存在问题', value: { field: 'problems' }, width: 24 },
    { header: '下一步工作', value: { field: 'nextSteps' }, width: 36 },
    { header: '牵头责任单位', value: { field: 'leadUnits' }, width: 16, align: 'center' },
    { header: '协办单位', value: { field: 'assistUnits' }, width: 14, align: 'center' },
  ],
  nameCell: CODE_NAME,
  emptyMarker: '无',
  perHostUnit: true,
};

/** Seed 001: the 一览表 with matters merged down, the 示例 row and 进度评价 as a coloured mark. */
export const OVERVIEW_TABLE: Layout = {
  ...TABLE_DEFAULTS,
  id: 'overview-table',
  name: '进展情况一览表（含示例行与进度评价）',
  description: '民生事项合并分组，示例行写明填报要求，进度评价以绿/黄/红色块或“已完成”表示。',
  title: '{government}{year}年{period}民生实事项目进展情况一览表',
  subtitle: '（截至{asOf}）',
  columns: [
    { header: '民生事项', value: { field: 'matter' }, width: 34, mergeDown: true, headerSpan: 2 },
    { header: '', value: { field: 'matterNumber' }, width: 7, mergeDown: true, align: 'center' },
    { header: '序号', value: { field: 'code' }, width: 11, align: 'center' },
    { header: '项目名称', value: { field: 'name' }, width: 26 },
    { header: '年度目标', value: { field: 'annualTarget' }, width: 26 },
    { header: '{periodTarget}', value: { field: 'periodTarget' }, width: 22 },
    { header: '{period}进展情况', value: { field: 'progress' }, width: 52 },
    { header: '存在问题及下一步工作计划', value: { field: 'problemsAndNextSteps' }, width: 40 },
    { header: '进度评价', value: { field: 'selfAssessment', as: 'mark' }, width: 11, align: 'center' },
    { header: '主办单位', value: { field: 'leadUnits' }, width: 15, align: 'center' },
    { header: '协办单位', value: { field: 'assistUnits' }, width: 13, align: 'center' },
  ],
  exampleRow: {
    label: '示  例',
    cells: {
      '6': '写清本期做了什么、到了哪一步、用数字说明，条目式列出，每条以“1.”“2.”编号，合计不超过300字。\n1.主体工程已完成约八成，正在准备竣工验收。\n2.本季度组织培训2场，共600人次参加。',
      '7': '问题要具体，写明影响范围和时间；措施要对应问题、写明完成时限，不写空话套话，合计不超过300字。',
    },
  },
  emptyMarker: '/',
};

/** Seed 002: the year-end 落实情况汇总表, 附件1 with the lag-analysis rule, categories and matters merged down. */
export const YEAR_END_SUMMARY: Layout = {
  ...TABLE_DEFAULTS,
  id: 'year-end-summary',
  name: '年度落实情况汇总表（附件）',
  description: '项目分类、民生事项合并分组；完成情况、存在问题/年度目标调整情况、下一步工作计划、是否完成年度目标。',
  attachmentLabel: '附件1',
  title: '{government}{year}年民生实事项目落实情况汇总表',
  preamble: [
    '未完成年度目标的项目，以及在{asOf}之后才完成的项目，请随落实情况一并报送书面分析报告，写明存在问题、滞后的主客观原因和下一步工作计划，并及时向分管区领导汇报。',
  ],
  columns: [
    { header: '项目\n分类', value: { field: 'category' }, width: 12, mergeDown: true, align: 'center' },
    { header: '民生事项', value: { field: 'matter' }, width: 36, mergeDown: true },
    { header: '序号', value: { field: 'matterNumber' }, width: 7, mergeDown: true, align: 'center', headerSpan: 2 },
    { header: '', value: { field: 'code' }, width: 10, align: 'center' },
    { header: '项目名称', value: { field: 'name' }, width: 24 },
    { header: '年度目标', value: { field: 'annualTarget' }, width: 30 },
    { header: '截至{asOf}\n完成情况', value: { field: 'progress' }, width: 50 },
    { header: '存在问题/年度目标调整情况', value: { field: 'problemsAndAdjustments' }, width: 28 },
    { header: '下一步工作计划', value: { field: 'nextSteps' }, width: 28 },
    { header: '截至{asOf}是否完成年度目标', value: { field: 'completedAnnualTarget' }, width: 16, align: 'center' },
    { header: '主办单位', value: { field: 'leadUnits' }, width: 16, align: 'center' },
  ],
  sizes: { title: 18, table: 10, body: 14 },
};

/** Seed 003: the monthly 进展情况 (a disclosure table): level tags in the name, the month's target. */
export const MONTHLY_PROGRESS: Layout = {
  ...TABLE_DEFAULTS,
  id: 'monthly-progress',
  name: '月度进展情况（公开版）',
  description: '序号、项目内容及居民受益面（带市级/区级标注）、牵头单位、本月目标、进展情况。',
  title: '{government}{year}年民生实事项目{period}进展情况',
  columns: [
    { header: '序号', value: { field: 'seq' }, width: 10, align: 'center' },
    { header: '项目内容及居民受益面', value: { field: 'name' }, width: 52 },
    { header: '牵头单位', value: { field: 'leadUnits' }, width: 22, align: 'center' },
    { header: '{periodTarget}', value: { field: 'periodTarget' }, width: 40 },
    { header: '进展情况', value: { field: 'progress' }, width: 46 },
  ],
  nameCell: { cohostNote: null, codeNote: null, levelTags: true, separator: '' },
  includeStates: ['published'],
  page: { ...PORTRAIT, margins: { top: 25, right: 20, bottom: 25, left: 20 }, pageNumbers: 'of' },
};

/** Seed 004: the narrative 推进情况 — numbered items, the units line, 完成情况, the office and date at the end. */
export const NARRATIVE_REPORT: Layout = {
  id: 'narrative-report',
  name: '推进情况（文字报告）',
  description: '“关于……推进情况”：逐项列出项目、主责与配合部门、完成情况，文末署督查室与日期。',
  kind: 'narrative',
  attachmentLabel: null,
  // The year is in the title: the seed's relies on its signature date (2020 年 9 月), but a document issued later
  // would then name the wrong year (and an import of it would read that year).
  title: '关于{government}{year}年政府实事项目{months}推进情况',
  subtitle: null,
  preamble: [],
  columns: [],
  exampleRow: null,
  nameCell: PLAIN_NAME,
  emptyMarker: '暂无进展。',
  includeStates: APPROVED,
  splitProjects: 'merged',
  perHostUnit: false,
  narrative: { unitsLine: '主责部门：{lead}，配合部门：{assist}', progressLabel: '完成情况：' },
  footer: ['{office}', '{issuedOn}'],
  page: PORTRAIT,
  sizes: { title: 22, table: 12, body: 16 },
};

export const BUILTIN_LAYOUTS: readonly Layout[] = [
  QUARTERLY_PROGRESS,
  OVERVIEW_TABLE,
  YEAR_END_SUMMARY,
  MONTHLY_PROGRESS,
  NARRATIVE_REPORT,
];

export const builtinLayout = (id: string): Layout | undefined => BUILTIN_LAYOUTS.find((l) => l.id === id);
