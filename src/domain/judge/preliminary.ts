/**
 * Preliminary work: numbers counted by verbs of knowing, reviewing, planning or applying (摸排 46户, 申报 7条, 掌握 4家…情况)
 * or naming a preparatory stage (完成 8个小区方案设计, 15个点位选址) say nothing about how much of the target's object
 * was built or served. Such quantities are kept, but not as completion ('other' + `preliminary`); they count towards a
 * sub-target only when the target itself names the same kind of work (走访企业100家 ↔ 已走访企业60家).
 */

/** Verbs of knowing, reviewing, planning and applying. */
export const PRELIM_VERBS = [
  '掌握',
  '摸排',
  '摸底',
  '摸清',
  '梳理',
  '申报',
  '上报',
  '报送',
  '报名',
  '谋划',
  '储备',
  '征集',
  '排查',
  '对接',
  '走访',
  '调研',
  '了解',
  '统计',
  '登记',
  '确定',
  '选定',
  '筛选',
  '遴选',
  '收集',
];

const PRELIM_RE = new RegExp(PRELIM_VERBS.join('|'), 'g');

/** Nouns naming a preparatory stage or knowledge rather than the thing itself. */
const STAGE_NOUN = /选址|方案|设计|立项|招标|可研|批复|报建|前期|摸底|调研|意愿|意向|名单|情况|需求清单|申报/;

/** Words that, in the text after a stage noun, say the thing itself was done. */
const BUILT = /施工|完工|竣工|建成|安装|投用|投入使用|运营|改造|验收/;

/** Verb followed by these characters is part of a noun (服务商, 建设单位, 培训机构). */
const NOUN_TAIL = /^(?:商|站|点|中心|机构|单位|企业|平台|对象|人员|项目|需求|意愿|情况|方案|资金|名单)/;

/** Is `verb` a verb of preliminary work? */
export function isPrelimVerb(verb: string | null | undefined): boolean {
  return verb !== null && verb !== undefined && PRELIM_VERBS.includes(verb);
}

/**
 * The preliminary verb governing a number ('' for a stage noun such as 方案设计), or null when the number counts real
 * work. `local` = compact clause text before the number, `after` = after it, `prefix` = earlier clauses of the sentence,
 * `actions` = the engine's action verbs ("走访慰问…260户": an action after the preliminary verb wins).
 */
export function preliminaryVerb(local: string, after: string, prefix: string, actions: readonly string[]): string | null {
  const own = prelimVerbIn(local, actions);
  if (own !== undefined) return own;
  // a stage noun right after the number: "完成8个小区方案设计", "15个点位选址"
  const m = STAGE_NOUN.exec(after.slice(0, 14));
  if (m !== null && !BUILT.test(after.slice(m.index + m[0].length))) return '';
  if (hasAction(local, actions)) return null;
  // "经摸排，辖区共有…46栋": the clause has no verb of its own, an earlier clause of the sentence counts
  return prelimVerbIn(prefix, actions) ?? null;
}

/** The text's last preliminary verb when it governs; null when an action verb follows it; undefined when there is none. */
function prelimVerbIn(s: string, actions: readonly string[]): string | null | undefined {
  let last: RegExpExecArray | null = null;
  for (const m of s.matchAll(PRELIM_RE)) last = m;
  if (!last) return undefined;
  return hasAction(s.slice((last.index ?? 0) + last[0].length), actions) ? null : last[0];
}

/** Does the text hold an action verb used as a verb (not 为/达/完成, not part of a noun such as 服务商)? */
function hasAction(s: string, actions: readonly string[]): boolean {
  for (const v of actions) {
    if (v === '为' || v === '达' || v === '完成' || isPrelimVerb(v)) continue;
    for (let at = s.indexOf(v); at >= 0; at = s.indexOf(v, at + 1))
      if (!NOUN_TAIL.test(s.slice(at + v.length))) return true;
  }
  return false;
}
