/**
 * The evaluation rules of a programme (issue 12 §1 排名, §3 考核): which components make a unit's score, how many
 * points each is worth, and what each fault costs. Stored per programme (programmes.evaluation_rules, JSON; null =
 * DEFAULT_EVALUATION_RULES); the one scoring function (unit-score.ts) reads them. Pure: no I/O.
 */

/** The components a score can be made of, in display order. */
export const COMPONENT_KEYS = [
  'completeness',
  'timeliness',
  'onSchedule',
  'lag',
  'quality',
  'escalation',
  'completion',
] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  completeness: '报送完整率',
  timeliness: '按时报送率',
  onSchedule: '按序时推进占比',
  lag: '滞后程度',
  quality: '填报质量',
  escalation: '督办情况',
  completion: '年度目标完成率',
};

/** How each component is computed, in words (shown next to the score and in the README). */
export const COMPONENT_FORMULAS: Record<ComponentKey, string> = {
  completeness: '分值 × 已报送份数 ÷ 应报份数',
  timeliness: '分值 × 按时报送份数 ÷ 应报份数（逾期报送和未报送均不计）',
  onSchedule: '分值 × 已报送且按序时推进（含超序时进度、已完成）的份数 ÷ 应报份数',
  lag: '分值 − 已报送中滞后份数 × 滞后扣分 − 严重滞后份数 × 严重滞后扣分（最低0分）',
  quality: '分值 − 已报送填报的写作问题条数 × 每条扣分（最低0分）',
  escalation: '分值 − 各级督办单扣分之和（最低0分）',
  completion: '分值 × 已完成年度目标的项目数（以最近一次报送为准）÷ 项目数',
};

/** Points per component; a component that is missing or 0 does not count. */
export type Weights = Partial<Record<ComponentKey, number>>;

/** What each fault costs in the deduction components. */
export type Penalties = {
  /** Per report judged 滞后. */
  lagging: number;
  /** Per report judged 严重滞后. */
  severe: number;
  /** Per writing finding (warning or error) of the judgement engine. */
  finding: number;
  /** Per 督办 record by level. */
  yellow: number;
  red: number;
  listed: number;
};

export type EvaluationRules = {
  /** 排名: per round or year to date. */
  ranking: Weights;
  /** 考核: the year's score. */
  assessment: Weights;
  penalties: Penalties;
};

export const DEFAULT_EVALUATION_RULES: EvaluationRules = {
  ranking: { completeness: 20, timeliness: 20, onSchedule: 30, lag: 15, quality: 15 },
  assessment: { completion: 30, onSchedule: 15, timeliness: 15, completeness: 10, quality: 10, escalation: 20 },
  penalties: { lagging: 3, severe: 5, finding: 1, yellow: 4, red: 8, listed: 12 },
};

export const PENALTY_LABELS: Record<keyof Penalties, string> = {
  lagging: '每份滞后',
  severe: '每份严重滞后',
  finding: '每条写作问题',
  yellow: '每张黄色督办单',
  red: '每张红色督办单',
  listed: '每项挂牌督办',
};

/** The components that count (weight > 0), in display order. */
export const activeComponents = (w: Weights): ComponentKey[] => COMPONENT_KEYS.filter((k) => (w[k] ?? 0) > 0);

/** Sum of a weight set. */
export const weightSum = (w: Weights): number =>
  Math.round(COMPONENT_KEYS.reduce((n, k) => n + (w[k] ?? 0), 0) * 100) / 100;

/** Problems with a weight set, in Chinese (empty when fine): each 0–100, at least one, summing to 100. */
export function weightProblems(w: Weights, what: string): string[] {
  const out: string[] = [];
  for (const k of COMPONENT_KEYS) {
    const v = w[k];
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v < 0 || v > 100) out.push(`${what}的“${COMPONENT_LABELS[k]}”分值应在0到100之间`);
  }
  if (!activeComponents(w).length) out.push(`${what}至少要有一项分值大于0`);
  else if (Math.abs(weightSum(w) - 100) > 0.001) out.push(`${what}各项分值之和应为100，现为${weightSum(w)}`);
  return out;
}

/** Problems with a whole rule set, in Chinese (empty when fine). */
export function rulesProblems(r: EvaluationRules): string[] {
  const out = [...weightProblems(r.ranking, '排名公式'), ...weightProblems(r.assessment, '考核公式')];
  for (const k of Object.keys(PENALTY_LABELS) as (keyof Penalties)[]) {
    const v = r.penalties[k];
    if (!Number.isFinite(v) || v < 0 || v > 100) out.push(`扣分标准“${PENALTY_LABELS[k]}”应在0到100之间`);
  }
  return out;
}

/** The stored rules with defaults for anything missing (null or unreadable = the defaults). */
export function rulesOrDefaults(stored: unknown): EvaluationRules {
  if (!stored || typeof stored !== 'object') return DEFAULT_EVALUATION_RULES;
  const s = stored as Partial<EvaluationRules>;
  const weights = (w: unknown, d: Weights): Weights => {
    if (!w || typeof w !== 'object') return d;
    const out: Weights = {};
    for (const k of COMPONENT_KEYS) {
      const v = (w as Record<string, unknown>)[k];
      if (typeof v === 'number') out[k] = v;
    }
    return out;
  };
  return {
    ranking: weights(s.ranking, DEFAULT_EVALUATION_RULES.ranking),
    assessment: weights(s.assessment, DEFAULT_EVALUATION_RULES.assessment),
    penalties: { ...DEFAULT_EVALUATION_RULES.penalties, ...(s.penalties ?? {}) },
  };
}
