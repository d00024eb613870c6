/**
 * Header synonyms → fields. Two layers: an exact synonym table (data, extensible per call) and ordered patterns
 * for the many "截至…完成情况" style variants. Matching works on `normalizeKey` (NFKC, no whitespace).
 */
import { normalizeKey } from './text';
import type { ImportField } from './types';

/** Exact header texts seen in real tables. Extend with `extraSynonyms` (header text → field). */
export const HEADER_SYNONYMS: Record<string, ImportField> = {
  序号: 'seq',
  序號: 'seq',
  编号: 'seq',
  編號: 'seq',
  项次: 'seq',
  件号: 'seq',
  项号: 'seq',
  项目编号: 'seq',
  项目序号: 'seq',
  项目代码: 'seq',
  项目分类: 'category',
  类别: 'category',
  事项类别: 'category',
  领域: 'category',
  分类: 'category',
  项目类别: 'category',
  民生事项: 'matter',
  事项: 'matter',
  实事事项: 'matter',
  项目名称: 'name',
  项目内容及居民受益面: 'name',
  实事内容: 'name',
  主要任务: 'name',
  工作任务: 'name',
  任务指标: 'name',
  考核指标: 'name',
  事项名称: 'name',
  重点工作任务: 'name',
  项目内容: 'name',
  实事项目名称: 'name',
  实事项目: 'name',
  民生实事项目: 'name',
  项目: 'name',
  名称: 'name',
  指标名称: 'name',
  年度目标: 'annualTarget',
  全年目标任务: 'annualTarget',
  目标任务: 'annualTarget',
  工作目标: 'annualTarget',
  计划完成数: 'annualTarget',
  计划数: 'targetNumber',
  年度目标数: 'targetNumber',
  目标数: 'targetNumber',
  计划任务数: 'targetNumber',
  年度任务: 'annualTarget',
  完成数: 'actual',
  已完成数: 'actual',
  累计完成: 'actual',
  累计完成数: 'actual',
  完成量: 'actual',
  完成率: 'rate',
  完成比例: 'rate',
  占年任务之比: 'rate',
  占全年计划: 'rate',
  累计进度: 'rate',
  计划投资: 'investmentPlanned',
  投资: 'investmentPlanned',
  总投资: 'investmentPlanned',
  年度计划投资: 'investmentPlanned',
  完成投资: 'investmentDone',
  累计完成投资: 'investmentDone',
  已完成投资: 'investmentDone',
  年度目标任务: 'annualTarget',
  目标: 'annualTarget',
  任务目标: 'annualTarget',
  本期目标: 'periodTarget',
  阶段性目标和工作任务量: 'periodTarget',
  落实情况: 'progress',
  进展情况: 'progress',
  完成情况: 'progress',
  推进情况: 'progress',
  当前进度: 'progress',
  工作进展: 'progress',
  进展: 'progress',
  实际完成情况: 'progress',
  年度完成情况: 'progress',
  进度自评: 'selfAssessment',
  进度评价: 'evaluation',
  是否完成年度目标: 'evaluation',
  是否达序: 'evaluation',
  完成成效: 'evaluation',
  目标完成情况: 'evaluation',
  完成情况评价: 'evaluation',
  进度标识: 'evaluation',
  存在问题: 'problems',
  '存在问题(含原因分析)': 'problems',
  说明: 'problems',
  存在问题及下一步工作计划: 'problemsAndNextSteps',
  下一步工作: 'nextSteps',
  下一步工作计划: 'nextSteps',
  下一步推进计划和意见建议: 'nextSteps',
  下步打算: 'nextSteps',
  牵头责任单位: 'leadUnits',
  牵头单位: 'leadUnits',
  主办单位: 'leadUnits',
  主责部门: 'leadUnits',
  牵头部门: 'leadUnits',
  责任单位: 'leadUnits',
  牵头责任部门: 'leadUnits',
  责任部门: 'leadUnits',
  责任单位及责任人: 'leadUnits',
  协办单位: 'assistUnits',
  配合部门: 'assistUnits',
  配合单位: 'assistUnits',
  共同主办单位: 'cohostUnits',
  区共同主办单位: 'cohostUnits',
  单位: 'unit',
  计量单位: 'unit',
  县区: 'region',
  区县: 'region',
  地区: 'region',
  市州: 'region',
  '县(市、区)': 'region',
  '县(市区)': 'region',
  县市区: 'region',
  镇街: 'region',
  街镇: 'region',
  乡镇: 'region',
  备注: 'remarks',
  // a 内容 column beside the name is what the project is to do
  内容: 'annualTarget',
  主要内容: 'annualTarget',
  内容和目标: 'annualTarget',
  内容及目标: 'annualTarget',
  目标内容: 'annualTarget',
  建设内容和目标: 'annualTarget',
};

type Rule = [ImportField, RegExp];

/** Ordered patterns; the first match wins. Order matters ("是否完成…" before "完成情况", "项目分类" before "项目"). */
export const HEADER_PATTERNS: Rule[] = [
  ['seq', /^(序号|序號|编号|編號|No\.?|项目编号|项目序号)$/i],
  ['cohostUnits', /共同(主办|牵头)/],
  ['evaluation', /是否(完成|达序|达到)|进度评价|完成成效|进度标识|亮灯|红黄绿|评价|^状态$|进度状态|完成状态/],
  ['selfAssessment', /^(进度)?自评/],
  ['progress', /^(进展|落实|推进|完成)情况.*存在问题/],
  ['problemsAndNextSteps', /(存在)?问题.*(及|和|与|、|\/).*(下一步|下步)/],
  ['problems', /存在问题|问题|困难|(滞后|未达标|未完成|延误|延期)原因|^说明$|原因分析|目标调整/],
  ['nextSteps', /下一步|下步|推进计划|工作打算|^打算$|工作计划/],
  ['people', /领导|责任人|负责人|联系人|联络员|填报人|负责科室|经办人/],
  ['assistUnits', /协办|配合|协同|协助|参与单位|协作|^相关(单位|部门)$/],
  [
    'leadUnits',
    /牵头|主办|主责|主管(机关|单位|部门)|责任(单位|部门|科室|处室)|负责单位|承办单位|实施主体|责任主体|实施单位/,
  ],
  ['unit', /^(计量)?单位(\(.*\))?$/],
  ['region', /^(县区|区县|地区|市州|县\(市、?区\)|县市区|镇街|街镇|乡镇|街道|区域)$/],
  [
    'periodTarget',
    /(季度|月份?|半年|本期|本月|阶段性?|节点)(工作)?目标|目标\((第?[一二三四1-4]季度|\d{1,2}月)\)|进度安排|任务安排|工作安排|^第?[一二三四1-4]季度?$/,
  ],
  ['rate', /完成率|完成比例|占年任务|占全年|占年度|占比|开工率|执行率|百分比|累计进度|\(%\)$/],
  ['investmentDone', /(完成|已完成|累计完成|实际)(的)?投资|投资完成(额|数)?$|已拨付|完成资金/],
  ['investmentPlanned', /投资/],
  ['investment', /资金|预算/],
  ['deadline', /完成时(间|限)|时限|截止时间/],
  ['actual', /已完成数|累计完成(数|量)?$|^完成数|实际完成(数|量|值)?$|累计开工|^已?完成(数|量)|^进度数$/],
  ['targetNumber', /^(年度|全年)?(计划|目标|任务)(完成)?数(量)?$|目标值|^计划数/],
  ['annualTarget', /年度目标|全年目标|目标任务|工作目标|年度任务|计划完成|建设目标|^目标|年度计划|任务目标|预期目标/],
  [
    'progress',
    /(进展|落实|完成|推进|实施|进度)情况|进展|(工作|形象|完成|项目|最新|目前|当前|实施|推进)进度|^进度$|落实举措|完成数量/,
  ],
  ['matter', /民生事项|^事项$/],
  ['category', /分类|类别|领域|^类型$/],
  [
    'name',
    /项目名称|项目内容|实事内容|实施内容|主要任务|工作任务|任务指标|考核指标|事项名称|重点工作|实事项目|民生实事|工作内容|建设内容|^项目|名称$|^任务$|^指标$/,
  ],
  ['remarks', /^备注/],
];

/** Period index of a period-target header ("第三季度目标" → quarter 3, "8月份目标" → month 8). */
export function periodOfHeader(header: string): { type: 'quarter' | 'month' | 'half'; index: number } | null {
  const h = normalizeKey(header);
  const q = /第?([一二三四1-4])季度?/.exec(h);
  if (q?.[1]) return { type: 'quarter', index: '一二三四'.indexOf(q[1]) + 1 || Number(q[1]) };
  const m = /(\d{1,2})月/.exec(h);
  if (m?.[1]) return { type: 'month', index: Number(m[1]) };
  if (/上半年/.test(h)) return { type: 'half', index: 1 };
  if (/下半年/.test(h)) return { type: 'half', index: 2 };
  return null;
}

/**
 * The field a header text stands for, or null. `extraSynonyms` (exact header text → field, compared after
 * normalisation) take priority over the built-in table.
 */
export function matchHeader(text: string, extraSynonyms?: Record<string, ImportField | null>): ImportField | null {
  const key = normalizeKey(text);
  if (!key) return null;
  if (extraSynonyms) {
    for (const [k, v] of Object.entries(extraSynonyms)) if (normalizeKey(k) === key) return v;
  }
  const exact = HEADER_SYNONYMS[key];
  if (exact) return exact;
  // Headers carry hints in brackets: "截至6月30日落实情况+进度自评 (按计划推进/滞后/已完成)", "年度目标(万元)".
  const stripped = key.replace(/\([^)]*\)$/, '');
  if (stripped !== key && HEADER_SYNONYMS[stripped]) return HEADER_SYNONYMS[stripped] ?? null;
  if (key.length > 40) return null;
  for (const [field, re] of HEADER_PATTERNS) if (re.test(stripped) || re.test(key)) return field;
  return null;
}

/** Whether a header text announces the self-assessment inside the progress cell ("…+进度自评"). */
export function headerHasSelfAssessment(text: string): boolean {
  return /自评/.test(text);
}
