/** Writing rules for progress, problems and next steps (seed 001 示例 row: 条目式, ≤300字, 有数据, 有针对性, 有预见性). */
import { normalizeText } from './numerals';
import { quantitiesOf } from './quantities';
import { allMatches } from './regex';
import type { Finding } from './types';

/** Built-in list of empty phrases (空话套话); extend with settings.emptyPhrases. */
export const DEFAULT_EMPTY_PHRASES = [
  '高度重视',
  '积极推进',
  '稳步推进',
  '扎实推进',
  '全力推进',
  '大力推进',
  '统筹推进',
  '加大力度',
  '加大工作力度',
  '加强领导',
  '强化措施',
  '进一步加强',
  '切实加强',
  '狠抓落实',
  '认真落实',
  '确保按时完成',
  '确保完成任务',
  '高质量完成',
  '高质高效完成',
  '保质保量完成',
  '取得明显成效',
  '取得良好成效',
  '取得积极成效',
  '常抓不懈',
  '多措并举',
  '持续发力',
  '攻坚克难',
  '齐抓共管',
  '加强沟通协调',
  '继续做好',
  '进一步做好',
  '抓紧推进',
  '加快推进',
  '有序推进',
];

/** Settings for checkWriting. */
export type WritingSettings = {
  maxChars?: number;
  problemsMaxChars?: number;
  nextStepsMaxChars?: number;
  emptyPhrases?: string[];
  /** Replace the built-in list instead of extending it. */
  replaceEmptyPhrases?: boolean;
};

/** The texts to check. */
export type WritingInput = { progress?: string; problems?: string; nextSteps?: string };

const ITEM_MARK = /(?:^|[\n。;；]\s*|\s)(\d{1,2})\s*([.、．)）])(?!\d)/g;
const DEADLINE =
  /\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号])?\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|之前|以前|内|完成|底)|年底前|年内|本月|月底前|季度末|本季度|(?:一|二|三|四|第[一二三四])季度|\d{4}\s*年\s*\d{1,2}\s*月|\d+\s*(?:天|日|个工作日|周)内|下旬|中旬|上旬|年底/;
const IMPACT = /预计影响|影响|延期|延误|推迟|滞后|工期|无法按期|可能导致|导致|预计(?:于|在)?\d|风险/;
const ACTIONS =
  /已|完成|开展|举办|召开|新增|建成|推进|实施|组织|落实|启动|签订|安装|验收|服务|培训|排查|整改|走访|审核|发放|改造|施工/;
const LATEST = /已|目前|截至|截止|正在|现已|本月|本季度|月底|月份|\d{1,2}\s*月/;
const NONE = /^(?:无|暂无|没有|\/|-|—|无。|无问题)$/;

/** Count characters that matter for length limits (whitespace excluded). */
export function countChars(s: string): number {
  const t = s.replace(WHITESPACE, '');
  // characters, not UTF-16 units: a surrogate pair is one character
  let n = t.length;
  for (let i = 0; i + 1 < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const WHITESPACE = /\s/g;

/** Split a text into numbered items ("1." "2、"); a text without markers is one item. */
export function splitItems(text: string): { index: number | null; text: string; span: [number, number] }[] {
  const t = normalizeText(text);
  const marks = allMatches(ITEM_MARK, t).map((m) => ({
    n: Number(m[1]),
    at: (m.index ?? 0) + m[0].indexOf(m[1] ?? ''),
  }));
  const seq = marks.filter((m, i) => i === 0 || m.n === (marks[i - 1]?.n ?? 0) + 1 || m.n === 1);
  if (seq.length === 0) return [{ index: null, text, span: [0, text.length] }];
  const out: { index: number | null; text: string; span: [number, number] }[] = [];
  if (seq[0] && seq[0].at > 0 && t.slice(0, seq[0].at).trim())
    out.push({ index: null, text: text.slice(0, seq[0].at), span: [0, seq[0].at] });
  seq.forEach((m, i) => {
    const end = seq[i + 1]?.at ?? text.length;
    out.push({ index: m.n, text: text.slice(m.at, end), span: [m.at, end] });
  });
  return out;
}

function lengthCheck(field: 'progress' | 'problems' | 'nextSteps', text: string, max: number, out: Finding[]): void {
  const n = countChars(text);
  if (n > max)
    out.push({ rule: `${field}-too-long`, severity: 'warning', message: `内容${n}字，超过${max}字限制`, field });
}

function emptyPhraseCheck(
  field: 'progress' | 'problems' | 'nextSteps',
  text: string,
  phrases: string[],
  out: Finding[],
): void {
  const t = normalizeText(text);
  for (const p of phrases) {
    let i = t.indexOf(p);
    while (i >= 0) {
      out.push({
        rule: 'empty-phrase',
        severity: 'warning',
        message: `空话套话“${p}”：请写具体措施、数据和时限`,
        span: [i, i + p.length],
        field,
      });
      i = t.indexOf(p, i + p.length);
    }
  }
}

function numberingCheck(field: 'progress' | 'problems' | 'nextSteps', text: string, out: Finding[]): void {
  const t = normalizeText(text).trim();
  const items = splitItems(text);
  const sentences = t.split(/[。;；\n]/).filter((s) => s.trim().length > 0).length;
  if (items.length === 1 && items[0]?.index === null && (sentences >= 2 || countChars(t) > 80)) {
    out.push({
      rule: `${field}-not-numbered`,
      severity: 'info',
      message: '多项内容请条目式陈列，序号用“1.”“2.”表示',
      field,
    });
    return;
  }
  const nums = items.filter((x) => x.index !== null).map((x) => x.index ?? 0);
  if (nums.some((n, i) => n !== i + 1))
    out.push({ rule: `${field}-numbering-gap`, severity: 'info', message: '序号不连续', field });
  if (/(?:^|[\n。;；])\s*\d{1,2}、/.test(t))
    out.push({ rule: 'numbering-style', severity: 'info', message: '序号用“1.”“2.”表示（不用“1、”）', field });
}

function hasContent(s: string | undefined): s is string {
  return s !== undefined && s.trim().length > 0 && !NONE.test(s.trim());
}

function bigrams(s: string): Set<string> {
  const t = s.replace(/[^\u4e00-\u9fff]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

const STOP_BIGRAMS = new Set([
  '项目',
  '工作',
  '推进',
  '完成',
  '问题',
  '进度',
  '相关',
  '加快',
  '单位',
  '目前',
  '施工',
  '继续',
  '做好',
  '工程',
]);

/** Progress: filled in, short enough, numbered, with data, a concrete action and the latest state. */
function progressChecks(progress: string, settings: WritingSettings, phrases: string[], out: Finding[]): void {
  if (!progress.trim()) {
    out.push({ rule: 'progress-empty', severity: 'error', message: '进展情况未填写', field: 'progress' });
    return;
  }
  lengthCheck('progress', progress, settings.maxChars ?? 300, out);
  numberingCheck('progress', progress, out);
  if (quantitiesOf(progress).length === 0)
    out.push({
      rule: 'progress-no-data',
      severity: 'warning',
      message: '进展情况缺少数据体现（数量、比例或金额）',
      field: 'progress',
    });
  if (!ACTIONS.test(progress))
    out.push({
      rule: 'progress-no-action',
      severity: 'warning',
      message: '进展情况缺少具体动作（已开展/完成了什么）',
      field: 'progress',
    });
  if (!LATEST.test(normalizeText(progress)))
    out.push({
      rule: 'progress-no-latest',
      severity: 'info',
      message: '请写明最新进展（截至本期的情况）',
      field: 'progress',
    });
  emptyPhraseCheck('progress', progress, phrases, out);
}

/** Each problem should share a word pair with the next steps (a measure that answers it). */
function unaddressedProblems(problems: string, nextSteps: string, out: Finding[]): void {
  const stepGrams = bigrams(nextSteps);
  for (const item of splitItems(problems)) {
    const grams = [...bigrams(item.text)].filter((g) => !STOP_BIGRAMS.has(g));
    if (grams.length > 0 && !grams.some((g) => stepGrams.has(g))) {
      out.push({
        rule: 'problem-unaddressed',
        severity: 'warning',
        message: '该问题在下一步工作计划中没有对应措施',
        span: item.span,
        field: 'problems',
      });
    }
  }
}

/** Problems: short enough, their impact stated, each answered by a next step. */
function problemChecks(
  problems: string,
  nextSteps: string | undefined,
  settings: WritingSettings,
  phrases: string[],
  out: Finding[],
): void {
  lengthCheck('problems', problems, settings.problemsMaxChars ?? settings.maxChars ?? 300, out);
  emptyPhraseCheck('problems', problems, phrases, out);
  if (!IMPACT.test(problems))
    out.push({
      rule: 'problem-no-impact',
      severity: 'warning',
      message: '存在问题需写明影响（如：可能推迟验收、比计划工期晚1个月）',
      field: 'problems',
    });
  if (hasContent(nextSteps)) unaddressedProblems(problems, nextSteps, out);
  else
    out.push({
      rule: 'problem-no-measure',
      severity: 'error',
      message: '存在问题未提出对应的下一步措施',
      field: 'nextSteps',
    });
}

/** Next steps: short enough, each with a deadline. */
function nextStepChecks(nextSteps: string, settings: WritingSettings, phrases: string[], out: Finding[]): void {
  lengthCheck('nextSteps', nextSteps, settings.nextStepsMaxChars ?? settings.maxChars ?? 300, out);
  emptyPhraseCheck('nextSteps', nextSteps, phrases, out);
  for (const item of splitItems(nextSteps)) {
    if (!item.text.trim()) continue;
    if (!DEADLINE.test(normalizeText(item.text)))
      out.push({
        rule: 'next-step-no-deadline',
        severity: 'warning',
        message: '下一步措施未列明时限（如：10月底前完成）',
        span: item.span,
        field: 'nextSteps',
      });
  }
}

/** Check progress / problems / next steps against the writing rules. */
export function checkWriting(input: WritingInput, settings: WritingSettings = {}): Finding[] {
  const out: Finding[] = [];
  const phrases = settings.replaceEmptyPhrases
    ? (settings.emptyPhrases ?? [])
    : [...DEFAULT_EMPTY_PHRASES, ...(settings.emptyPhrases ?? [])];
  const { progress, problems, nextSteps } = input;
  if (progress !== undefined) progressChecks(progress, settings, phrases, out);
  if (hasContent(problems)) problemChecks(problems, nextSteps, settings, phrases, out);
  if (hasContent(nextSteps)) nextStepChecks(nextSteps, settings, phrases, out);
  return out;
}
