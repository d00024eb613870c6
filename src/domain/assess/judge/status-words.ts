/** Self-assessment words written in progress text ("（按计划推进）", "已完成全年目标任务"). */
import { normalizeText } from './numerals';
import { SHARE_AFTER } from './ratios';
import { allMatches } from './regex';
import type { StatusWord } from './types';

/** Default vocabulary (seed headers and published sets); configurable per programme. */
export const DEFAULT_STATUS_WORDS: StatusWord[] = [
  { word: '超额完成', class: 'complete' },
  { word: '提前完成', class: 'complete' },
  { word: '已完成', class: 'complete' },
  { word: '已完工', class: 'complete' },
  { word: '完成任务', class: 'complete' },
  { word: '基本完成', class: 'onTrack' },
  { word: '超序时进度', class: 'ahead' },
  { word: '超额完成序时进度', class: 'ahead' },
  { word: '进展较快', class: 'ahead' },
  { word: '按计划推进', class: 'onTrack' },
  { word: '按序时推进', class: 'onTrack' },
  { word: '达到序时进度', class: 'onTrack' },
  { word: '基本达到序时进度', class: 'onTrack' },
  { word: '按进度推进', class: 'onTrack' },
  { word: '按进度完成', class: 'onTrack' },
  { word: '正常推进', class: 'onTrack' },
  { word: '顺利推进', class: 'onTrack' },
  { word: '有序推进', class: 'onTrack' },
  { word: '严重滞后', class: 'severe' },
  { word: '进度滞后', class: 'behind' },
  { word: '滞后', class: 'behind' },
  { word: '推进缓慢', class: 'behind' },
  { word: '进度偏慢', class: 'behind' },
  { word: '慢序时', class: 'behind' },
  { word: '未达序时', class: 'behind' },
  { word: '欠序时较多', class: 'severe' },
  { word: '未能达到计划进度', class: 'behind' },
  // the sources' own words (issue 14): 基本达到, 正常, 偏慢, 未开工, and a 是否完成 column's 是/否
  { word: '基本达到', class: 'onTrack' },
  { word: '达序', class: 'onTrack' },
  { word: '正常', class: 'onTrack' },
  { word: '偏慢', class: 'behind' },
  { word: '较慢', class: 'behind' },
  { word: '未开工', class: 'behind' },
  { word: '尚未开工', class: 'behind' },
  { word: '未达序', class: 'behind' },
  { word: '进展顺利', class: 'onTrack' },
  { word: '进度正常', class: 'onTrack' },
  { word: '达到时序进度', class: 'onTrack' },
  { word: '超时序进度', class: 'ahead' },
  { word: '超额完成节点目标', class: 'ahead' },
  { word: '按计划完成节点目标', class: 'onTrack' },
  { word: '提前完成节点目标', class: 'ahead' },
  // more of the sources' words (通报 and 公示 of other governments)
  { word: '未启动', class: 'behind' },
  { word: '尚未启动', class: 'behind' },
  { word: '进展偏慢', class: 'behind' },
  { word: '进展缓慢', class: 'behind' },
  { word: '进度缓慢', class: 'behind' },
  { word: '相对缓慢', class: 'behind' },
  { word: '进度相对缓慢', class: 'behind' },
  { word: '落后序时进度', class: 'behind' },
  { word: '落后于序时进度', class: 'behind' },
  { word: '未达序时进度', class: 'behind' },
  { word: '未达到序时进度', class: 'behind' },
  { word: '达到序时', class: 'onTrack' },
  { word: '已达序时', class: 'onTrack' },
  { word: '已达序时进度', class: 'onTrack' },
  { word: '按期推进', class: 'onTrack' },
  { word: '稳步推进', class: 'onTrack' },
  { word: '进度较快', class: 'ahead' },
  { word: '快于序时', class: 'ahead' },
  { word: '快于序时进度', class: 'ahead' },
  { word: '超过序时进度', class: 'ahead' },
  { word: '是', class: 'complete' },
  { word: '否', class: 'behind' },
];

/** Phrases in running text that are themselves a self-assessment of the whole item. */
const BODY_PHRASES: { re: RegExp; word: string }[] = [
  {
    re: /超额完成(?:全年|年度)?(?:目标)?任务|超额完成(?:全年|年度)目标|(?:全年|年度)(?:目标)?(?:任务)?已(?:提前)?超额完成/,
    word: '超额完成',
  },
  { re: /提前完成(?:全年|年度)(?:目标)?(?:任务)?/, word: '提前完成' },
  {
    re: /已(?:全面|全部)?完成(?:全年|年度)(?:目标)?(?:任务)?|已完成目标任务|(?:全年|年度)(?:目标)?(?:任务)?已(?:全部|提前)?完成|顺利完成[^,;。]{0,10}(?:年度|全年)(?:目标)?任务/,
    word: '已完成',
  },
  { re: /严重滞后/, word: '严重滞后' },
  {
    re: /(?:进度|项目|工程)(?:明显)?滞后|推进缓慢|进[度展](?:相对|较为|比较)?(?:偏慢|缓慢)|(?:落后于?|未达到?)序时进度/,
    word: '滞后',
  },
  { re: /超序时进度/, word: '超序时进度' },
  { re: /按序时(?:进度)?推进|(?<!未|基本)达到(?:序时|时序)进度/, word: '按序时推进' },
  { re: /(?:总体|整体|项目|工程|各项工作)进展顺利|进度正常/, word: '进展顺利' },
  { re: /欠序时较多/, word: '欠序时较多' },
  { re: /基本达到序时进度/, word: '基本达到序时进度' },
  { re: /超额完成序时进度/, word: '超额完成序时进度' },
  { re: /(?:项目|工程|工作|总体|整体|各项工作)(?:进展)?顺利推进|(?:项目|工程|工作)正常推进/, word: '顺利推进' },
];

type Found = { word: string; span: [number, number] };

/** The status word captured by group 1 of m, with its span. */
function captured(m: RegExpMatchArray): Found {
  const s = (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
  return { word: m[1] ?? '', span: [s, s + (m[1] ?? '').length] };
}

/** The vocabulary's regular expressions, compiled once per word list. */
type WordRes = { paren: RegExp; last: RegExp; head: RegExp; first: RegExp };
const COMPILED = new WeakMap<StatusWord[], WordRes>();

function compiled(words: StatusWord[]): WordRes {
  let res = COMPILED.get(words);
  if (!res) {
    const sorted = [...words].sort((a, b) => b.word.length - a.word.length);
    const alt = sorted.map((w) => w.word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    res = {
      paren: new RegExp(`[(（【\\[]\\s*(?:进度自评[:：]?\\s*)?(${alt})\\s*[)）】\\]]`, 'g'),
      // the last sentence or, after a comma, the last clause ("已建成3个，按计划推进。")
      last: new RegExp(`(?:^|[。;；,，\\n])\\s*(?:进度自评[:：]?\\s*)?(${alt})\\s*[。.]?\\s*$`),
      head: new RegExp(`^\\s*(${alt})\\s*[(（][^()（）]*[)）]\\s*[。.]?\\s*$`),
      // the first clause is just the word ("进展顺利，主体工程已完工…")
      first: new RegExp(`^\\s*(?:进度自评[:：]?\\s*)?(${alt})\\s*[,，;；。]`),
    };
    COMPILED.set(words, res);
  }
  return res;
}

/** 1. a parenthesised status word, e.g. "（按计划推进）"; the last one wins */
function parenthesised(t: string, res: WordRes): Found | null {
  if (!/[(（【[]/.test(t)) return null;
  let found: Found | null = null;
  for (const m of allMatches(res.paren, t)) found = captured(m);
  return found;
}

/** 2. the whole text, its last sentence or its last clause is just a status word */
function lastSentence(t: string, res: WordRes): Found | null {
  const last = res.last.exec(t);
  return last ? captured(last) : null;
}

/** 2c. the first clause is just a status word: "进展顺利，主体工程已完工" */
function firstClause(t: string, res: WordRes): Found | null {
  const m = res.first.exec(t);
  return m ? captured(m) : null;
}

/** 2b. the text is a status word followed by a bracketed note: "未开工（征地未完成）" */
function headWord(t: string, res: WordRes): Found | null {
  const m = res.head.exec(t);
  return m ? captured(m) : null;
}

/** 3. a body phrase that judges the whole item, outside parentheses */
function bodyPhrase(t: string): Found | null {
  const masked = t.replace(/[(（][^()（）]*[)）]/g, (s) => ' '.repeat(s.length));
  for (const p of BODY_PHRASES) {
    const m = p.re.exec(masked);
    if (!m) continue;
    // "已完成全年计划的三分之二" is a share, not completion
    if (p.word === '已完成' && SHARE_AFTER.test(masked.slice(m.index + m[0].length))) continue;
    return { word: p.word, span: [m.index, m.index + m[0].length] };
  }
  return null;
}

/** The self-assessment found in text, with its span; null when none. */
export function findSelfAssessment(
  text: string,
  words: StatusWord[] = DEFAULT_STATUS_WORDS,
): { word: string; class: StatusWord['class']; span: [number, number] } | null {
  const t = normalizeText(text);
  const res = compiled(words);
  const found =
    parenthesised(t, res) ?? lastSentence(t, res) ?? headWord(t, res) ?? firstClause(t, res) ?? bodyPhrase(t);
  if (!found) return null;
  const cls =
    words.find((w) => w.word === found.word)?.class ?? DEFAULT_STATUS_WORDS.find((w) => w.word === found.word)?.class;
  return { ...found, class: cls ?? 'onTrack' };
}

/** The self-assessment word written in the text, or null. */
export function extractSelfAssessment(text: string, words?: StatusWord[]): string | null {
  return findSelfAssessment(text, words)?.word ?? null;
}

/** The class of a status word (for a word given separately, e.g. from a 进度评价 column). */
export function classifyStatusWord(
  word: string,
  words: StatusWord[] = DEFAULT_STATUS_WORDS,
): StatusWord['class'] | null {
  const w = word.trim().replace(/^[(（]|[)）]$/g, '');
  const exact = words.find((x) => x.word === w);
  if (exact) return exact.class;
  const sorted = [...words].sort((a, b) => b.word.length - a.word.length);
  return sorted.find((x) => w.includes(x.word))?.class ?? null;
}
