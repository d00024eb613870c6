/**
 * Preliminary work: numbers counted by verbs of knowing, planning, applying, checking or selecting (掌握3所学校…情况, 申报9项,
 * 摸排120户) or naming a preparatory stage (完成6个小区方案设计, 9个点位选址) say nothing about how much of the target's
 * object was built or served. Such quantities are flagged `preliminary` (knowing/applying ones also get kind 'other':
 * nothing is done yet) and count towards a sub-target only when the target names the same work (走访企业100家).
 */

import { allMatches } from './regex';

/** Knowing, planning and applying: nothing counted by them is done yet (申报9项 = 9 candidates) → kind 'other'. */
export const KNOW_VERBS = ['掌握', '摸清', '了解', '梳理', '申报', '上报', '报送', '报名', '谋划', '储备'];

/** Checking and selecting: the checks were done (排查326台), but they are not the target's object → kind kept. */
export const CHECK_VERBS = [
  '摸排',
  '摸底',
  '排查',
  '走访',
  '调研',
  '对接',
  '征集',
  '征询',
  '收集',
  '统计',
  '确定',
  '选定',
  '筛选',
  '遴选',
  '立项',
];

/** Preliminary verbs that still make a number cumulative by themselves (the checks were done: 排查326台). */
export const ACTION_PRELIM = ['排查', '走访', '收集', '立项'];

/** All verbs of preliminary work. */
export const PRELIM_VERBS = [...KNOW_VERBS, ...CHECK_VERBS];

const PRELIM_RE = new RegExp(PRELIM_VERBS.join('|'), 'g');

/** Nouns naming knowledge (→ 'other') or a preparatory stage (kind kept) rather than the thing itself. */
const KNOW_NOUN = /意愿|意向|名单|情况|需求清单/;
const STAGE_NOUN = /选址|方案|设计|立项|招标|可研|批复|报建|前期|摸底|调研|申报/;

/** A budget or planned amount ("总投资4.5亿元", "预算资金2100万") is not money spent. */
const BUDGET = /(?:总投资|总投入|预算|概算|估算|计划投资)(?:资金|金额|总额)?(?:为|约|达|共)?$/;

/** Words that, in the text after a stage noun, say the thing itself was done. */
const BUILT = /施工|完工|竣工|建成|安装|投用|投入使用|运营|改造|验收/;

/** Verb followed by these characters is part of a noun (服务商, 建设单位, 培训机构). */
export const NOUN_TAIL = /^(?:商|站|点|中心|机构|单位|企业|平台|对象|人员|项目|需求|意愿|情况|方案|资金|名单)/;

/** Is `verb` a verb of preliminary work? */
export function isPrelimVerb(verb: string | null | undefined): boolean {
  return verb !== null && verb !== undefined && PRELIM_SET.has(verb);
}

const PRELIM_SET = new Set(PRELIM_VERBS);

/**
 * Compiled once per action list: the verbs that count as actions (not 为/达/完成, not preliminary), as one regex and
 * grouped by first character (in list order).
 */
type ActionVerbs = { re: RegExp; byFirst: Map<number, string[]> };
const ACTION_RES = new WeakMap<readonly string[], ActionVerbs>();
function actionRe(actions: readonly string[]): ActionVerbs {
  let x = ACTION_RES.get(actions);
  if (!x) {
    const verbs = actions.filter((v) => v !== '为' && v !== '达' && v !== '完成' && !PRELIM_SET.has(v));
    const byFirst = new Map<number, string[]>();
    for (const v of verbs) byFirst.set(v.charCodeAt(0), [...(byFirst.get(v.charCodeAt(0)) ?? []), v]);
    x = { re: new RegExp(verbs.join('|'), 'g'), byFirst };
    ACTION_RES.set(actions, x);
  }
  return x;
}

/** Preliminary work found around a number: the governing verb ('' for a noun) and whether nothing is done yet. */
export type Preliminary = { verb: string; knowing: boolean };

/**
 * Is the number a count of preliminary work? `local` = compact clause text before the number, `after` = after it,
 * `actions` = the engine's action verbs ("走访慰问…260户": an action after the preliminary verb wins), `doneAfter` =
 * the text after the number says it was done ("…已整改"; a stage noun still counts: "3栋完成施工图设计").
 */
export function preliminaryOf(
  local: string,
  after: string,
  actions: readonly string[],
  doneAfter = false,
): Preliminary | null {
  if (BUDGET.test(local)) return { verb: '', knowing: false };
  // "排查出的12处隐患已全部整改": what the preliminary verb found was then done
  const own = doneAfter ? undefined : prelimVerbIn(local, actions);
  if (own !== undefined) return own === null ? null : { verb: own, knowing: KNOW_VERBS.includes(own) };
  // a stage noun before the number after its last action verb: "已完成加装电梯立项40台"
  const tail = local.slice(lastActionEnd(local, actions));
  if (STAGE_NOUN.test(tail)) return { verb: '', knowing: false };
  // a knowledge or stage noun right after the number: "3所学校…情况", "6个小区方案设计", "9个点位选址"
  const head = after.slice(0, 14);
  for (const [re, knowing] of [
    [KNOW_NOUN, true],
    [STAGE_NOUN, false],
  ] as const) {
    const m = re.exec(head);
    if (m !== null && !BUILT.test(after.slice(m.index + m[0].length))) return { verb: '', knowing };
  }
  return null;
}

/** The text's last preliminary verb when it governs; null when an action verb follows it; undefined when there is none. */
function prelimVerbIn(s: string, actions: readonly string[]): string | null | undefined {
  let last: RegExpExecArray | null = null;
  for (const m of allMatches(PRELIM_RE, s)) last = m;
  if (!last) return undefined;
  return hasAction(s.slice((last.index ?? 0) + last[0].length), actions) ? null : last[0];
}

/** Index after the last action verb used as a verb (0 when there is none). */
function lastActionEnd(s: string, actions: readonly string[]): number {
  let end = 0;
  for (const at of actionAt(s, actions)) end = Math.max(end, at);
  return end;
}

/** End offsets of every action verb used as a verb in s (verbs sharing a start position included). */
function actionAt(s: string, actions: readonly string[]): number[] {
  const out: number[] = [];
  if (s === '') return out;
  const { re, byFirst } = actionRe(actions);
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    for (const v of byFirst.get(s.charCodeAt(m.index)) ?? [])
      if (s.startsWith(v, m.index) && !NOUN_TAIL.test(s.slice(m.index + v.length))) out.push(m.index + v.length);
    re.lastIndex = m.index + 1;
  }
  return out;
}

/** Does the text hold an action verb used as a verb (not 为/达/完成, not part of a noun such as 服务商)? */
function hasAction(s: string, actions: readonly string[]): boolean {
  return actionAt(s, actions).length > 0;
}
