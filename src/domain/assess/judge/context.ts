/** Context around a number: clause/sentence bounds, time markers, verbs and objects. */
import { ACTION_PRELIM, NOUN_TAIL, PRELIM_VERBS } from './preliminary';
import { allMatches } from './regex';

/** Marker classes: completed-to-date, one period, planned/state/restated, distribution. */
export type MarkerClass = 'cum' | 'period' | 'plan' | 'dist';

const CUM_DATE = /(?:截至|截止|截到|至)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?(?:底|末)?/g;
const WEAK_CUM = /目前|全年|年内|今年以来|年初以来|以来|全部/g;
const CUM =
  /累计|累积|共计|合计|总计|总共|一共|(?<!公)共(?![同享建治有识性青])|截至|截止|至今|迄今|现已|已经|已(?!于)|均已|\d{1,2}\s*[-~至到]\s*\d{1,2}\s*月|一至[一二三四五六七八九十]+月/g;
const PERIOD =
  /本月|当月|本季度?|当季|本周|本期|上月|该月|此次|本次|这次|当天|当日|第[一二三四1-4]季度?|[一二三四]季度|上半年|下半年|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|(?<![-~至到\d])(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月份?(?![底末前中\d一二三四五六七八九十]|以来|上旬|下旬)/g;
const PLAN =
  /计划|预计|拟|将(?!近)|力争|争取|确保|目标|任务|需要|需(?!求)|要求|预期|准备|(?<![接招款期对优看善])待|正在|正(?:开展|实施|推进|进行|施工|组织|办理|加快)|在建|剩余|其余|另有|还有|尚有|尚未|未(?=[完开达按能到动签启实建落进批办施验交投])|仍有|现有|共有|辖区有|涉及|可容纳|容纳|可提供|可(?:同时)?满足|较上月|较上年|比上月|比上年|环比|较去年|比去年|每|平均|人均|户均|日均|月均|年均|标准(?!化)|宽度|长度|高度|面积为|相差|影响|缺口|差距|还差|同比|增长|下降|减少|设计/g;
// "包括A、B在内的6个" names a total, not a breakdown; "分布在5个街道" is a distribution
const DIST = /其中|包括(?![^,;。]{0,40}在内)|包含|(?<!包)含|分别|分布/g;
const TOTAL = /累计|累积|共计|合计|总计|总共|一共|(?<!公)共(?![同享建治有识性青])|全年/;
const POST_PENDING =
  /^[^,;。!?\n()]{0,5}?(?:预计|拟|将(?!近))|^[^,;。!?\n()]{0,10}?(?:正在|正(?:在|进行|开展|实施|推进|有序)|在建|尚在|仍在|(?<![接招款期对优看善])待|尚未|未(?=[完开达按能到动签启实建落进批办施验交投])|进入|启动|准备)/;
const POST_DONE = /^[^,;。!?\n()]{0,10}?(?:(?:均已|已全部|已经|已)(?!于)|全部(?:竣工|完工|建成|完成|投入使用|投用))/;

/** Action verbs (the preliminary ones of preliminary.ts included, so that they are found as a quantity's verb). */
export const VERBS = [
  '新增',
  '新建',
  '改建',
  '改造',
  '建成',
  '建设',
  '完工',
  '竣工',
  '开工',
  '培训',
  '培养',
  '服务',
  '帮助',
  '帮扶',
  '发放',
  '发布',
  '增加',
  '维修',
  '举办',
  '开展',
  '组织',
  '召开',
  '实现',
  '安装',
  '加装',
  '审核',
  '审批',
  '接待',
  '覆盖',
  '惠及',
  '慰问',
  '推动',
  '配送',
  '提供',
  '吸纳',
  '招聘',
  '签订',
  '筛查',
  '体检',
  '接种',
  '救助',
  '走访',
  '办理',
  '受理',
  '整改',
  '排查',
  '宣传',
  '参与',
  '参加',
  '投入',
  '开设',
  '打造',
  '创建',
  '更新',
  '更换',
  '铺设',
  '设置',
  '增设',
  '修缮',
  '修复',
  '治理',
  '疏通',
  '招募',
  '引进',
  '认定',
  '验收',
  '交付',
  '就业',
  '创业',
  '补贴',
  '资助',
  '建立',
  '成立',
  '组建',
  '开通',
  '种植',
  '提升',
  '实施',
  '落实',
  '培育',
  '扶持',
  '解决',
  '化解',
  '调解',
  '收治',
  '签约',
  '安置',
  '改善',
  '投用',
  '启用',
  '评审',
  '处置',
  '巡查',
  '演练',
  '指导',
  '配备',
  '购置',
  '采购',
  '招收',
  '招生',
  '录取',
  '注册',
  '立项',
  '受益',
  '整治',
  '配置',
  '开放',
  '备案',
  '发展',
  '参训',
  '观看',
  '收到',
  '收集',
  '清理',
  '清除',
  '拆除',
  '修剪',
  '栽种',
  '补种',
  '摊铺',
  '浇筑',
  '砌筑',
  '办结',
  ...PRELIM_VERBS.filter((v) => !ACTION_PRELIM.includes(v)),
  '送',
  '为',
  '完成',
  '达',
];
const VERB_RE = new RegExp(VERBS.join('|'), 'g');
const VERB_RE1 = new RegExp(VERBS.join('|'));
/** A verb followed by these is part of a noun phrase (补贴申请, 服务中心, 培训机构). */
const VERB_NOUN_TAIL = /^(?:申请|商|中心|机构|单位|平台|对象|资金)/;
/** Separators as character codes (the scans below read codes: no one-character strings are made). */
const codes = (chars: string[]) => new Set(chars.map((ch) => ch.charCodeAt(0)));
const CLAUSE_CHARS = codes([',', ';', '。', '!', '?', '\n', ':', '：']);
const SENTENCE_CHARS = codes([';', '。', '!', '?', '\n']);
const COMMA = 44;

function isDigitAt(t: string, k: number): boolean {
  const c = t.charCodeAt(k);
  return c >= 48 && c <= 57;
}

/** A comma between digits (133,250) separates nothing. */
function isDigitComma(t: string, k: number, c: number): boolean {
  return c === COMMA && isDigitAt(t, k - 1) && isDigitAt(t, k + 1);
}

/** Index after the last clause separator before i (a comma between digits does not count). */
export function clauseStart(t: string, i: number, sentence = false): number {
  const set = sentence ? SENTENCE_CHARS : CLAUSE_CHARS;
  for (let k = i - 1; k >= 0; k--) {
    const c = t.charCodeAt(k);
    if (set.has(c) && !isDigitComma(t, k, c)) return k + 1;
  }
  return 0;
}

/** Index of the next clause separator at or after i. */
export function clauseEnd(t: string, i: number): number {
  for (let k = i; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (CLAUSE_CHARS.has(c) && !isDigitComma(t, k, c)) return k;
  }
  return t.length;
}

/** The nearest time/plan marker in a piece of text (the one ending last). */
export function nearestMarker(s: string): MarkerClass | null {
  const hit = MARKERS.get(s);
  if (hit !== undefined) return hit;
  const out = nearestMarkerUncached(s);
  if (MARKERS.size >= 256) MARKERS.clear();
  MARKERS.set(s, out);
  return out;
}

const MARKERS = new Map<string, MarkerClass | null>();

type Marker = { cls: MarkerClass; end: number };

function nearestMarkerUncached(s: string): MarkerClass | null {
  if (s === '') return null;
  const cumDates = allMatches(CUM_DATE, s);
  let best: Marker | null = null;
  for (const m of cumDates) {
    const b = m.index + m[0].length;
    if (!best || b > best.end) best = { cls: 'cum', end: b };
  }
  best = consider(s, CUM, 'cum', cumDates, best);
  if (!STRONG_PLAN.test(s)) best = consider(s, WEAK_CUM, 'cum', cumDates, best);
  best = consider(s, PERIOD, 'period', cumDates, best);
  best = consider(s, DIST, 'dist', cumDates, best);
  best = consider(s, PLAN, 'plan', cumDates, best);
  return best ? best.cls : null;
}

/** The marker ending last so far, after the matches of `re` (a plan word wins a tie; a date inside 截至… is not a period). */
function consider(
  s: string,
  re: RegExp,
  cls: MarkerClass,
  cumDates: readonly RegExpExecArray[],
  best: Marker | null,
): Marker | null {
  let out = best;
  for (const m of allMatches(re, s)) {
    const start = m.index;
    const end = start + m[0].length;
    if (cls === 'period' && cumDates.some((d) => start >= d.index && end <= d.index + d[0].length)) continue;
    if (!out || end > out.end || (end === out.end && cls === 'plan')) out = { cls, end };
  }
  return out;
}

const STRONG_PLAN =
  /计划|预计|拟|将(?!近)|力争|争取|确保|目标|任务|需要|需(?!求)|要求|预期|准备|尚未|未(?=[完开达按能到动签启实建落进批办施验交投])|另有|还有|尚有|其余|剩余/;

/** A plan marker strong enough to carry over to later clauses (计划, 预计…; not 标准, 每, 宽度). */
export function isStrongPlan(s: string): boolean {
  return STRONG_PLAN.test(s);
}

/** Does the clause text say it is a total (累计, 合计…)? */
export function isTotal(local: string): boolean {
  return TOTAL.test(local);
}

/** After-the-number signals: "…正在施工" (pending) or "…已竣工" (done). */
export function postSignal(after: string): 'pending' | 'done' | null {
  if (POST_PENDING.test(after)) return 'pending';
  if (POST_DONE.test(after)) return 'done';
  return null;
}

/** The verbs in a clause text; findVerb and topicBefore read the same clause one after the other: one scan serves both. */
function verbMatches(local: string): readonly RegExpExecArray[] {
  if (local !== lastVerbText) {
    lastVerbText = local;
    lastVerbMatches = allMatches(VERB_RE, local);
  }
  return lastVerbMatches;
}

let lastVerbText = '';
let lastVerbMatches: readonly RegExpExecArray[] = [];

/** Nearest verb before the number in the clause, else the first one shortly after. */
export function findVerb(local: string, after: string): string | null {
  // the last verb used as a verb: 补贴 in "补贴申请560件" is part of the noun (unless no other verb is there)
  let last: string | null = null;
  let nounish: string | null = null;
  for (const m of verbMatches(local)) {
    if (VERB_NOUN_TAIL.test(local.slice((m.index ?? 0) + m[0].length))) nounish = m[0];
    else last = m[0];
  }
  last = last ?? nounish;
  if (last && last !== '为' && last !== '达') return last;
  const m = VERB_RE1.exec(after.slice(0, 10));
  if (m && m[0] !== '为' && m[0] !== '达') return m[0];
  return null;
}

/** The noun phrase right after a quantity (up to 8 characters). */
export function findObject(t: string, end: number): string | null {
  const m = /^(?:的)?([^\s,;。!?\n:：、()（）“”"0-9%]{1,8})/.exec(t.slice(end, end + 12));
  return m?.[1] ?? null;
}

const TOPIC_TRAIL =
  /(?:不少于|不低于|不超过|至少|超过|达到|约|近|共计?|累计|合计|总计|均|已经|已|为|达|的|个|[^\u4e00-\u9fff])+$/u;

/**
 * The noun phrase before a number: after its verb ("新增社区书屋5个" → 社区书屋), or before a trailing verb
 * ("新改建口袋公园已完成5个" → 口袋公园); null when there is none. 服务 in 服务中心 is part of the noun; a list (、)
 * starts a new phrase.
 */
export function topicBefore(local: string): string | null {
  const from = Math.max(0, local.lastIndexOf('、') + 1);
  const cuts = [from];
  for (const m of verbMatches(local)) {
    const at = m.index ?? 0;
    if (at >= from && !NOUN_TAIL.test(local.slice(at + m[0].length))) cuts.push(at, at + m[0].length);
  }
  cuts.push(local.length);
  for (let i = cuts.length - 2; i >= 0; i -= 2) {
    const seg = local.slice(cuts[i], cuts[i + 1]).replace(TOPIC_TRAIL, '');
    const m = /[\u4e00-\u9fff]{2,8}$/u.exec(seg);
    if (m) return m[0];
  }
  return null;
}

/** Remove spaces and markdown asterisks (marker regexes work on compact text). */
export function compact(s: string): string {
  // most clauses hold neither: testing first spares the copy
  return SPACE_OR_STAR.test(s) ? s.replace(SPACES_AND_STARS, '') : s;
}

const SPACE_OR_STAR = /[\s*]/;
const SPACES_AND_STARS = /[\s*]/g;
