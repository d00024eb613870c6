/** Published completion percentages, completion phrases, and matching progress quantities to sub-targets. */
import { clauseEnd, clauseStart, compact } from './context';
import { normalizeText } from './numerals';
import { allMatches } from './regex';
import { rateName } from './targets';
import type { Quantity, SubTarget } from './types';
import { sameBase, toBase, unitCategory } from './units';

const PUB_PRE = [
  /(?:完成|完工|竣工|建成)率(?:仅|仅为|只有|为|达|达到|约|约为)?$/,
  /(?:工程量|形象进度|工程进度|施工进度|建设进度|总进度|总体进度|整体进度|进度|工作量|完成量)(?:的|为|达|达到|至|约|约达|已达|已完成|完成|已达到|约为)?$/,
  /(?:占|为|完成|达到?|完成了)(?:全年|年度|总|年)?(?:目标|任务|计划|目标任务|计画|指标|任务量)(?:的|数的|数)?$/,
  /占(?:全年|年度|总)(?:数|量)?(?:的)?$/,
  /完成(?:实事|年度|全年)?指标$/,
  /占[^,;。]{0,6}(?:总长|总量|总数|总工程量|总任务|总规模|总面积)(?:的)?$/,
  /(?:完成|占)(?:全年|年度)?(?:目标|任务|计划)[^,;。]{0,10}的$/,
  /(?:^|已|累计|共|目前|现已|总体|整体|已经)完成了?(?:约|近)?$/,
  /(?:全年|年度)(?:总)?(?:人数|户数|任务量|工作量)(?:的)?$/,
  /占(?:全年|年度|年)?(?:任务|计划|目标)之比(?:为|达)?$/,
  /(?:接近|超过|达到?|占)(?:全年|年度)?[^,;。]{0,4}(?:目标|任务|计划)(?:任务)?的$/,
  /完成[^,;。]{0,12}(?:目标|任务)(?:任务)?的$/,
  /完成(?:比例|比率|进度)(?:为|达|达到|约)?$/,
];
const PUB_POST = /^(?:的)?(?:工程量|工作量|形象进度|年度任务|全年任务|年度目标|全年目标|目标任务|建设任务|计划任务)/;
const NOT_COMPLETION =
  /覆盖率|满意度|知晓率|参与率|开工率|增长|同比|下降|失业率|合格率|达标率|使用率|入住率|就业率|筛查率|设置率|干预率|占比|比重|资金|拨付|投资完成率|执行率/;

/** A share of a stage's or period's target ("完成阶段目标任务的100%", "季度目标的八成"), not of the year's. */
const PERIOD_SHARE = /(?:阶段性?|季度|本期|当期|节点|序时|月度)(?:目标|任务|计划|进度)/;

/** The progress planned by now, not reached ("预定进度60%，实际进度52%", "计划进度"). */
const SCHEDULED = /(?:计划|预定|预计|应完成|应达|目标)进度(?:为|是|应为)?$/;

/** The progress of some of the items ("另有3个项目施工进度已完成80%", "其余2个完成60%"), not of the whole. */
const PART_OF_ITEMS = /^(?:另有|其余|剩余|余下|部分|其中)/;

/** A percentage the text states as completion, e.g. "完成总工程量39%" → 0.39. */
export type Published = {
  ratio: number;
  span: [number, number];
  decimals: number;
  approximate: boolean;
  /** Given as data (a 完成率 column, `shishi check`'s publishedRatio), not read from the text. */
  given?: boolean;
};

/** The whole text is a percentage, perhaps with a note in brackets: "83%", "35%（滞后）", "50%（马站未开工". */
const BARE_PERCENT = /^\s*(?:约|近)?\s*\d+(?:\.\d+)?\s*%\s*(?:[(（][^()（）]*[)）]?)?\s*[。.]?\s*$/;
/** Labels of a completion percentage written as "label：65%". */
const LABEL =
  /(?:完成比例|完成比率|完成率|完成进度|累计进度|当前进度|总体进度|总进度|形象进度|工程进度|进度|占全年计划|占年任务之比)$/;
/** A percentage alone in brackets: "已完成2210人(47.5%)", "正在施工中（93%）". */
const PAREN_PERCENT_AFTER = /^\s*[)）]/;
/** Shares in words: 六成, 八成, 过半, 一半, 三分之二 (after a completion or share word). */
const WORD_SHARE =
  /(?:完成|达到?|占|的|已|约|近|超|进度|工程量|任务|计划)(?:了|约|近|超过?)?(?:([一二三四五六七八九])成(?:[一二三四五六七八九])?|(过半|一半|大半)|([一二三四五六七八九十]|\d{1,2})分之([一二三四五六七八九十]|\d{1,2}))(?![本功员为立年果熟效品绩交])/g;
const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function wordNumber(s: string | undefined): number | null {
  if (!s) return null;
  return CN_DIGIT[s] ?? (/^\d+$/.test(s) ? Number(s) : null);
}

/** A share written in words ("完成全年任务的七成", "工程量已过半", "完成计划的三分之二"), or null. */
function wordShare(t: string): Published | null {
  for (const m of allMatches(WORD_SHARE, t)) {
    const at = (m.index ?? 0) + m[0].search(/[一二三四五六七八九十\d过大]/);
    const clause = t.slice(clauseStart(t, at), at);
    if (/预计|计划(?!的)|力争|争取|确保|拟|将(?!近)|目标为/.test(clause.replace(/(?:全年|年度)?计划的$/, ''))) continue;
    if (NOT_COMPLETION.test(clause.slice(-8)) || PERIOD_SHARE.test(clause.slice(-12))) continue;
    let ratio: number | null = null;
    if (m[1]) ratio = (wordNumber(m[1]) ?? 0) / 10;
    else if (m[2]) ratio = 0.5;
    else {
      const den = wordNumber(m[3]);
      const num = wordNumber(m[4]);
      if (den && num && num <= den) ratio = num / den;
    }
    if (ratio === null) continue;
    return { ratio, span: [at, (m.index ?? 0) + m[0].length], decimals: 0, approximate: true };
  }
  return null;
}

/** The percentage q as a published ratio (no approximation). */
function asPublished(q: Quantity, approximate = false, ratio = Number((q.value / 100).toPrecision(12))): Published {
  const decimals = (/\.(\d+)/.exec(String(q.value))?.[1] ?? '').length;
  return { ratio, span: q.span, decimals, approximate };
}

/** "完成比例：65%", "当前进度：80%": a labelled percentage. */
function isLabelled(t: string, cs: number, local: string): boolean {
  return local === '' && /[:：]/.test(t[cs - 1] ?? '') && LABEL.test(compact(t.slice(clauseStart(t, cs - 1), cs - 1)));
}

type Hit = { p: Published; whole: boolean };

/** One percentage of the text as a published ratio (a hit), or null when it is something else. */
function percentHit(t: string, q: Quantity, local: string): Hit | null {
  const after = compact(t.slice(q.span[1], clauseEnd(t, q.span[1])));
  if (
    NOT_COMPLETION.test(local.slice(-8)) ||
    PERIOD_SHARE.test(local.slice(-12)) ||
    PART_OF_ITEMS.test(local) ||
    SCHEDULED.test(local)
  )
    return null;
  // "完成42%目标任务的97.6%": the first percentage restates the target
  if (/^(?:的)?(?:目标|任务|计划)(?:任务)?的/.test(after)) return null;
  if (/[(（]$/.test(local)) {
    // "已完成2210人(47.5%)": a percentage alone in brackets after a count or a state is the published ratio
    if (!PAREN_PERCENT_AFTER.test(t.slice(q.span[1])) || NOT_COMPLETION.test(local.slice(-12))) return null;
    return { p: asPublished(q), whole: false };
  }
  const exceeded = /超额完成$/.test(local);
  const pre = PUB_PRE.some((re) => re.test(local));
  const post = /完成了?$|已完成$|完成总?$/.test(local) && PUB_POST.test(after);
  if (!pre && !post && !exceeded) return null;
  const ratio = Number(((exceeded ? 1 : 0) + q.value / 100).toPrecision(12));
  const approximate = /约|近|超|余|左右|多/.test(q.qualifier ?? '');
  return { p: asPublished(q, approximate, ratio), whole: /总|整体|全年|年度|全部/.test(local) };
}

/** A share of the investment ("完成投资210万元、占年度计划的70%"): the target's completion only for a money target. */
const INVESTMENT_SHARE = /投资|资金/;

/**
 * Find the published completion ratio in a progress text (null when none). `countTarget`: the target has counts and no
 * amount of money, so a share of the investment is not its completion ("已完工6个…完成投资占年度计划的70%").
 */
export function findPublishedRatio(text: string, qs: Quantity[], countTarget = false): Published | null {
  const t = normalizeText(text);
  const percents = qs.filter((q) => q.kind === 'percent');
  const first = percents[0];
  if (first && percents.length === 1 && BARE_PERCENT.test(t)) return asPublished(first);
  const hits: Hit[] = [];
  for (const q of percents) {
    const cs = clauseStart(t, q.span[0]);
    const local = compact(t.slice(cs, q.span[0]));
    if (isLabelled(t, cs, local)) return asPublished(q);
    const hit = percentHit(t, q, local);
    if (hit && !(countTarget && INVESTMENT_SHARE.test(local))) hits.push(hit);
  }
  if (hits.length === 0) return wordShare(t);
  // "分别完成年度目标任务的78.5%和74.2%": one ratio per sub-target; the item is as far as the furthest behind
  const respective = lowestOfRespective(t, hits[0]!.p, percents);
  if (respective) return respective;
  return (hits.find((h) => h.whole) ?? hits[0])?.p ?? null;
}

/**
 * "分别完成年度目标任务的78.5%和74.2%": one ratio per sub-target, listed with 和/、 after the first; the item is as far as
 * the one furthest behind. null when the clause has no 分别 or no second percentage.
 */
function lowestOfRespective(t: string, lead: Published, percents: Quantity[]): Published | null {
  if (!/分别/.test(t.slice(clauseStart(t, lead.span[0]), lead.span[0]))) return null;
  let lowest = lead;
  let end = lead.span[1];
  for (const q of percents) {
    if (q.span[0] < end) continue;
    if (!/^\s*[和、及与,，]\s*$/.test(t.slice(end, q.span[0]))) break;
    const p = asPublished(q);
    if (p.ratio < lowest.ratio) lowest = p;
    end = q.span[1];
  }
  return lowest === lead ? null : lowest;
}

const COMPLETE_PHRASE =
  /已完工|已竣工|竣工验收|全面完工|已全部完工|已(?:全面|全部)?完成(?:全年|年度)(?:目标)?(?:任务)?|已完成目标任务|超额完成(?:全年|年度)?(?:目标)?任务|超额完成(?:全年|年度)目标|全部完成|均已完成|已全部完成|已建成(?:并)?投(?:入)?(?:使)?用|已投入使用|已投入运营|已正式运营|顺利完成[^,;。]{0,10}(?:年度|全年)(?:目标)?任务|提前完成(?:全年|年度)/;

const COMPLETE_PHRASE_ALL = new RegExp(COMPLETE_PHRASE.source, 'g');

/** After "已完成全年…": a share follows ("计划的三分之二", "的七成"), so it is not completion. */
export const SHARE_AFTER = /^(?:计划|目标|任务|指标)*(?:的|之|[一二三四五六七八九]成|过半|\d)/;

const WEAK_COMPLETE = /^(?:全部完成|均已完成|已全部完成)$/;

/**
 * "已完成。", "项目已完成，达到预期目标": 已完成/已完工/已建成 ending its clause, said of the item itself (not of "前期工作"
 * or "一期"). Weak: it does not count when its sentence goes on with pending work ("已完成，其余预计…").
 */
const BARE_DONE =
  /(?:^|[,;。!?\s])(?:该?项目|该?工程|该项(?:工作)?|本项(?:工作)?|各项(?:任务)?|年度任务|任务)?(?:已经?|均已)(?:完成|完工|建成|竣工)(?=$|[,;。!?\s])/g;

/** Span of a phrase stating the whole item is complete ("已竣工验收", "已完成全年目标任务"), or null. */
export function completionPhrase(text: string): [number, number] | null {
  const t = normalizeText(text).replace(/[(（][^()（）]*[)）]/g, (s) => ' '.repeat(s.length));
  for (const m of allMatches(COMPLETE_PHRASE_ALL, t)) {
    const at = m.index ?? 0;
    const before = t.slice(Math.max(0, at - 4), at);
    // a part of the works done ("主体工程已完工", "屋面防水已完工", "一期已建成") is not the item done
    if (/主体|部分|基本|尚未|未|土建|基础|屋面|结构|一期|二期|前期|防水/.test(before)) continue;
    // a plan ("预计年底前全部完成", "确保…全面完工") or a share ("已完成全年任务的七成") is not completion
    const clause = t.slice(clauseStart(t, at), at);
    if (/预计|计划|力争|争取|确保|拟|将(?!近)|有望|待/.test(clause)) continue;
    if (SHARE_AFTER.test(t.slice(at + m[0].length))) continue;
    // weak phrases ("均已完成") only count when the sentence does not go on with pending work
    const rest = t.slice(at + m[0].length).split(/[;。!?\n]/)[0] ?? '';
    if (
      WEAK_COMPLETE.test(m[0]) &&
      /正在|正(?:开展|办理|进行)|待|尚未|未(?=[完开达按能到动签启实建落进批办施验交投])|计划|预计/.test(rest)
    )
      continue;
    return [at, at + m[0].length];
  }
  for (const m of allMatches(BARE_DONE, t)) {
    const at = (m.index ?? 0) + (/^[,;。!?\s]/.test(m[0]) ? 1 : 0);
    const end = (m.index ?? 0) + m[0].length;
    const rest = t.slice(end).split(/[;。!?\n]/)[0] ?? '';
    if (
      /正在|正(?:开展|办理|进行)|待|尚未|未(?=[完开达按能到动签启实建落进批办施验交投])|计划|预计|其余|剩余/.test(rest)
    )
      continue;
    return [at, end];
  }
  return null;
}

const VERB_GROUPS = [
  ['新增', '新建', '改建', '建设', '改造', '加装', '安装', '增设', '打造', '开设', '建成', '创建', '实施'],
  ['完工', '竣工', '建成', '完成', '投用', '验收'],
  ['开工', '进场'],
  ['服务', '帮助', '惠及', '覆盖', '提供', '送', '帮扶', '救助'],
  ['培训', '培养', '参训', '举办', '开展', '组织', '配送'],
  ['审核', '审批', '评审'],
  ['办理', '办结'],
];

function verbScore(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  if (a === b) return 3;
  return VERB_GROUPS.some((g) => g.includes(a) && g.includes(b)) ? 1.5 : 0;
}

/** Chinese characters of a also found in b (each counted once), at most 3. */
function overlap(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (isHan(c) && a.indexOf(a[i] as string) === i && b.includes(a[i] as string)) n++;
  }
  return Math.min(3, n);
}

/** Count units that name the same thing in different words (户/家庭, 个/处/点位, 台/部, 场/场次; never 人/人次). */
const UNIT_GROUPS = [
  ['户', '家庭'],
  ['个', '处', '点位'],
  ['台', '部'],
  ['场', '场次'],
];

/** The unit as written, with "个家庭" read as 家庭. */
function spokenUnit(unit: string, object: string | null): string {
  return unit === '个' && object?.startsWith('家庭') ? '家庭' : unit;
}

function unitScore(target: SubTarget, q: Quantity, ov: number): number | null {
  if (!target.unit) return q.category === 'count' || q.category === 'person' ? 0.5 : null;
  if (q.unit === target.unit) return 6;
  if (sameBase(q.unit, target.unit)) return 5;
  const a = spokenUnit(target.unit, target.object);
  const b = spokenUnit(q.unit, q.object);
  if (a === b || UNIT_GROUPS.some((g) => g.includes(a) && g.includes(b))) return 4;
  // other counts in different units (家 vs 个, 栋 vs 台) only with a shared object (分中心 ↔ 分中心)
  const cat = unitCategory(target.unit);
  if (cat === 'count' && cat === q.category && ov >= 2) return 1;
  return null;
}

/** A character of the CJK Unified Ideographs block (U+4E00–U+9FFF). */
function isHan(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/** Length of the longest common run of Chinese characters. */
function commonRun(a: string | null, b: string): number {
  if (!a) return 0;
  let best = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && a[i + k] === b[j + k] && isHan(a.charCodeAt(i + k))) k++;
      best = Math.max(best, k);
    }
  return best;
}

/**
 * The first clause of a quantity's line when it is a heading with nothing completed in it and the quantity comes later
 * ("新建4处社区书屋" for "…，目前1处已开放"), else ''.
 */
function lineHead(text: string, q: Quantity, qs: Quantity[]): string {
  const start = text.lastIndexOf('\n', q.span[0] - 1) + 1;
  const cut = text.slice(start, q.span[0]).search(/[,，;；:：。]/);
  if (cut < 0) return '';
  const done = qs.some((x) => x.span[0] >= start && x.span[0] < start + cut && x.kind === 'cumulative');
  return done ? '' : text.slice(start, start + cut).replace(/\s+/g, '');
}

type PairContext = { subs: SubTarget[]; multi: boolean; qCount: number };

/** Kinds that can pair: money with money, else a cumulative figure or preliminary work with the target's own verb. */
function kindsFit(sub: SubTarget, q: Quantity): boolean {
  // preliminary work (摸排, 申报, 方案设计) counts only for a target that names the same work (走访企业100家)
  const samePrelim = Boolean(q.preliminary && q.verb && q.verb === sub.verb);
  if (q.preliminary && !samePrelim) return false;
  return sub.kind === 'money' ? q.kind === 'money' : q.kind === 'cumulative' || samePrelim;
}

/** The line heading names another sub-target's object (3+ characters in a row) and not this one's. */
function lineNamesAnother(ctx: PairContext, sub: SubTarget, line: string, here: number): boolean {
  return ctx.multi && here < 3 && ctx.subs.some((o) => o !== sub && commonRun(o.object, line) >= 3);
}

/** Its verb is exactly another sub-target's and unrelated to this one's (举办40场 while another sub-target says 举办). */
function verbOfAnother(ctx: PairContext, sub: SubTarget, q: Quantity, vs: number): boolean {
  return Boolean(ctx.multi && q.verb && vs === 0 && ctx.subs.some((o) => o !== sub && o.verb === q.verb));
}

/** Verbs of starting work: a count of works started is not a count of works done. */
const START_VERBS = new Set(['开工', '进场']);

/**
 * "已开工12个…完工5个" against "改造老旧小区12个": the 12 started are not the target's completion; they count only for a
 * target about starting (新开工400台).
 */
const startedNotDone = (sub: SubTarget, q: Quantity) =>
  Boolean(
    q.verb && START_VERBS.has(q.verb) && !(sub.verb && START_VERBS.has(sub.verb)) && !/开工|进场/.test(sub.label),
  );

/** A money amount of one period ("第三季度发放38万元") fits a money target less than the year's total. */
const periodMoneyScore = (sub: SubTarget, q: Quantity) => (sub.kind === 'money' && q.periodAmount ? -3 : 0);

/** How well progress quantity q (index qi, under line heading `line`) fits sub-target si; null when it cannot. */
function pairScore(ctx: PairContext, sub: SubTarget, si: number, q: Quantity, qi: number, line: string): number | null {
  const { subs, multi } = ctx;
  const here = commonRun(sub.object, line);
  if (lineNamesAnother(ctx, sub, line, here) || !kindsFit(sub, q) || startedNotDone(sub, q)) return null;
  const ov = overlap(sub.object, `${q.object ?? ''}${q.verb ?? ''}`);
  const topic = commonRun(sub.object, q.topic ?? '');
  const u = unitScore(sub, q, here >= 3 || topic >= 3 ? Math.max(ov, 2) : ov);
  if (u === null) return null;
  const inUnit = sub.value ? inTargetUnit(q, sub) : 0;
  if (sub.value && inUnit > 3 * sub.value && ov === 0) return null;
  const vs = verbScore(sub.verb, q.verb);
  if (verbOfAnother(ctx, sub, q, vs)) return null;
  const order = multi ? -Math.abs(si / Math.max(1, subs.length) - qi / Math.max(1, ctx.qCount)) * 0.5 : 0;
  const implausible = sub.value && inUnit > 1.5 * sub.value ? -2 : 0;
  const size = sub.value ? (0.5 * Math.min(1.5, inUnit / sub.value)) / 1.5 : 0;
  const lineBonus = (here >= 3 ? 0.3 * Math.min(here, 6) : 0) + (topic >= 3 ? 0.5 * Math.min(topic, 6) : 0);
  return u + vs + ov * 0.7 + lineBonus + implausible + size + (q.total ? 1 : 0) + order + periodMoneyScore(sub, q);
}

/**
 * Assign progress quantities to quantity/money sub-targets (best score first, each quantity once). With `text`, a
 * quantity under a line heading that names another sub-target's object (3+ characters in a row) is not paired with this one.
 */
export function matchQuantities(subs: SubTarget[], qs: Quantity[], text = ''): Map<number, Quantity> {
  const pairs: { s: number; q: number; score: number }[] = [];
  const ctx: PairContext = {
    subs,
    multi: subs.filter((x) => x.kind === 'quantity' || x.kind === 'money').length > 1,
    qCount: qs.length,
  };
  const lines = qs.map((q) => lineHead(text, q, qs));
  subs.forEach((sub, si) => {
    if (sub.kind !== 'quantity' && sub.kind !== 'money') return;
    qs.forEach((q, qi) => {
      const score = pairScore(ctx, sub, si, q, qi, lines[qi] ?? '');
      if (score !== null) pairs.push({ s: si, q: qi, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const out = new Map<number, Quantity>();
  const used = new Set<number>();
  for (const p of pairs) {
    if (out.has(p.s) || used.has(p.q)) continue;
    const q = qs[p.q];
    if (!q) continue;
    out.set(p.s, q);
    used.add(p.q);
  }
  return out;
}

/** Value of q expressed in the unit of the sub-target (万元 → 亿元, 米 → 公里). */
export function inTargetUnit(q: Quantity, sub: SubTarget): number {
  if (!sub.unit || q.unit === sub.unit) return q.value;
  const a = toBase(q.value, q.unit);
  const b = toBase(1, sub.unit);
  return a && b && a.base === b.base ? a.value / b.value : q.value;
}

/** A progress percentage for a rate sub-target ("覆盖率100%" ↔ "服务覆盖率达100%"). */
export function matchRate(text: string, sub: SubTarget, qs: Quantity[], published: Published | null): Quantity | null {
  const t = normalizeText(text);
  const want = sub.label.match(/[^\d.%]{0,4}率/)?.[0] ?? null;
  let fallback: Quantity | null = null;
  for (const q of qs) {
    if (q.kind !== 'percent' || (published && q.span[0] === published.span[0])) continue;
    const name = rateName(compact(t.slice(clauseStart(t, q.span[0]), q.span[0])));
    if (want && name && (name.includes(want) || want.includes(name) || name.slice(-3) === want.slice(-3))) return q;
    if (!want && !fallback) fallback = q;
  }
  return fallback;
}

/** A progress value for a standard ("不低于3700元/月" ↔ "提高至3840元/月"). */
export function matchStandard(sub: SubTarget, all: Quantity[], text = ''): Quantity | null {
  if (!sub.unit) return null;
  const t = text ? normalizeText(text) : '';
  const qs = t ? all.filter((q) => !isStartingValue(t, q)) : all;
  for (const q of qs) if (q.unit === sub.unit || sameBase(q.unit, sub.unit)) return q;
  // "1365元" or "每人每月1560元" against "不低于1520元/月": the amount without its rate, in the same money unit
  const plain = sub.unit.split('/')[0] ?? '';
  if (plain === sub.unit) return null;
  for (const q of qs) if (q.unit === plain) return q;
  return null;
}

/** "由503元/月提高至554元/月", "从99元提高到107元": the value before the raise is not the one reached. */
function isStartingValue(text: string, q: Quantity): boolean {
  return /(?:由|从)(?:每人每月|每人每年|每月|每年|每人)?$/.test(
    compact(text.slice(Math.max(0, q.span[0] - 8), q.span[0])),
  );
}
