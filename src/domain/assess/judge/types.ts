/** Types of the judgement engine. Plain serialisable data only. */

/** Unit categories: what a quantity measures. */
export type UnitCategory =
  | 'count'
  | 'person'
  | 'length'
  | 'area'
  | 'volume'
  | 'weight'
  | 'money'
  | 'time'
  | 'percent'
  | 'points'
  | 'power';

/** One entry of the unit table. `factor` converts to `base` (万元 → 元 × 10000). */
export type UnitDef = { unit: string; category: UnitCategory; base: string; factor: number; aliases?: string[] };

/** How a progress quantity relates to time: completed to date, one period's amount, or something else. */
export type QuantityKind = 'cumulative' | 'period' | 'percent' | 'money' | 'other';

/** A quantity found in text. Spans are UTF-16 offsets into the original text, end exclusive. */
export type Quantity = {
  value: number;
  unit: string;
  kind: QuantityKind;
  qualifier: string | null;
  text: string;
  span: [number, number];
  category: UnitCategory | null;
  /** Upper end of a range such as "2-3个" (value holds the lower end). */
  max?: number;
  /** Nearest action verb (新增, 完工, 培训…), used to match sub-targets. */
  verb: string | null;
  /** The noun after the unit (e.g. 充电桩), used to match sub-targets. */
  object: string | null;
  /** True when the text marks it as a total (累计, 合计, 共计…). */
  total?: boolean;
  /** The noun phrase before the number in its clause, after its verb (绿道 in 已新建绿道2.4公里). */
  topic?: string;
  /** True when it counts preliminary work (摸排, 申报, 方案设计…): kind is then 'other', not completion. */
  preliminary?: boolean;
  /** True for a money amount of one period ("第三季度发放38万元"): money kinds do not say cumulative or period. */
  periodAmount?: boolean;
  /** True when the unit was inferred from a noun (十万职工 → 人) or money context (2000万 → 万元). */
  implicitUnit?: boolean;
};

/** Options for extractQuantities. */
export type ExtractOptions = {
  /** 'target' texts are restated goals: kinds are only percent/money/other. Default 'progress'. */
  context?: 'progress' | 'target';
  /** Extra units appended to the built-in table. */
  units?: UnitDef[];
};

/** Kinds of sub-targets parsed from a target text. */
export type SubTargetKind = 'quantity' | 'money' | 'percent' | 'standard' | 'lowerBetter' | 'milestone' | 'deadline';

/** One measurable part of a target text. */
export type SubTarget = {
  kind: SubTargetKind;
  verb: string | null;
  /** Count/amount; for percent and lowerBetter the percentage (4.3 for 4.3%); for milestone a share 0..1. */
  value: number | null;
  unit: string | null;
  comparator: '>=' | '<=' | '<' | '>' | '=' | null;
  object: string | null;
  text: string;
  span: [number, number];
  /** For deadlines: month (1–12) and day (null = end of month). */
  deadline?: { month: number; day: number | null };
  /** Short Chinese label, e.g. "新增400台". */
  label: string;
};

/** Expected-progress plans. Points are fractions 0..1 of the annual target. */
export type SchedulePlan =
  | { type: 'linear' }
  | { type: 'monthly'; points: number[] }
  | { type: 'quarterly'; points: number[] }
  | { type: 'step'; deadline: string };

/** Computed status words. */
export type ComputedStatus = '已完成' | '超额完成' | '超序时进度' | '按序时推进' | '滞后' | '严重滞后';

/** Traffic light. */
export type Light = 'green' | 'yellow' | 'red';

/** A problem found by a rule. */
export type Finding = {
  rule: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
  span?: [number, number];
  field?: 'progress' | 'target' | 'periodTarget' | 'problems' | 'nextSteps' | 'analysis';
};

/** Traffic-light bands: points mode (yellow within N 个百分点 behind) or the 50%-of-schedule rule. */
export type Bands = { mode: 'points'; yellowPoints: number } | { mode: 'share'; redBelowShare: number };

/** A self-assessment word and the class it belongs to. */
export type StatusWord = { word: string; class: 'complete' | 'ahead' | 'onTrack' | 'behind' | 'severe' };

/** Per-programme judgement settings; every field optional. */
export type JudgeSettings = {
  bands?: Bands;
  /** Within ±this many points of schedule counts as 按序时推进 (default 1). */
  onSchedulePoints?: number;
  schedule?: SchedulePlan;
  /** Weights per sub-target (same order as parseTarget); default = weakest sub-target. */
  weights?: number[];
  /** Published vs computed tolerance in points; default derived from the published decimals. */
  ratioTolerancePoints?: number;
  statusWords?: StatusWord[];
  units?: UnitDef[];
};

/** Previous round's data, for the "cumulative went down" check. */
export type PreviousRound = {
  quantities?: { value: number; unit: string; kind?: QuantityKind; verb?: string | null }[];
  completionRatio?: number | null;
  asOf?: string;
};

/** Input of judgeStatement. */
export type JudgeInput = {
  progress: string;
  /**
   * Reported values given as data (a 完成数 column, `shishi check`'s "values"): counted as cumulative amounts, in the
   * target's unit when no unit is given.
   */
  values?: { value: number; unit?: string | null }[];
  /** A published completion ratio given as data (a 完成率 column): a fraction, 1.08 for 108%. */
  publishedRatio?: number | null;
  target?: string;
  periodTarget?: string;
  asOf?: string;
  year?: number;
  selfAssessment?: string;
  previous?: PreviousRound;
  settings?: JudgeSettings;
};

/** Per-sub-target outcome. */
export type SubTargetResult = SubTarget & {
  actual: number | null;
  ratio: number | null;
  met: boolean | null;
  expected: number | null;
  evidence: string | null;
};

/** Result of judgeStatement (JSON-serialisable). */
export type JudgeResult = {
  quantities: Quantity[];
  targetQuantities: Quantity[];
  subTargets: SubTargetResult[];
  publishedRatio: number | null;
  computedRatio: number | null;
  completionRatio: number | null;
  selfAssessment: string | null;
  computedStatus: ComputedStatus | null;
  light: Light | null;
  expectedRatio: number | null;
  gapPoints: number | null;
  reason: string;
  lagAnalysisRequired: boolean;
  findings: Finding[];
};
