/**
 * THE score of a unit over a set of rounds — one function for the ranking (排名, one round or the year to date) and
 * for the 考核 (the year's score): facts from the unit's reports and 督办 records, each component's points from the
 * rules, and the deductions explained (扣分明细: component, points, why, which rows). Pure: no I/O.
 */
import { HANDED_IN } from '../chase/evaluate';
import {
  activeComponents,
  COMPONENT_LABELS,
  type ComponentKey,
  type EvaluationRules,
  type Penalties,
  type Weights,
} from './rules';
import { statusClass } from './status-keys';

/** One report of the unit (one project × round), in round order (earliest first). */
export type ScoreRow = {
  reportId: string;
  roundId: string;
  projectId: string;
  code: string;
  name: string;
  /** The report's workflow state. */
  status: string;
  /** Handed in after the due date. */
  late: boolean;
  /** The stored judgement (null = not judged, e.g. nothing written). */
  computedStatus: string | null;
  /** The judgement's findings (message: the Chinese sentence shown in the deduction). */
  findings: readonly { rule: string; severity: string; message?: string }[];
  /** The unit ticked 已完成年度目标. */
  completedAnnualTarget: boolean;
};

/** A 督办 record addressed to the unit. */
export type ScoreEscalation = {
  id: string;
  level: 'yellow' | 'red' | 'listed';
  projectId: string;
  code: string;
  name: string;
  reportId: string | null;
};

export type UnitInput = {
  orgId: string;
  unit: string;
  rows: readonly ScoreRow[];
  escalations: readonly ScoreEscalation[];
};

export type UnitFacts = {
  due: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  assessed: number;
  onSchedule: number;
  lagging: number;
  severe: number;
  completed: number;
  findings: number;
  escalations: number;
  projects: number;
  projectsCompleted: number;
};

/** A row a deduction points at. */
export type RowRef = { reportId: string | null; roundId: string | null; code: string; name: string };

export type Deduction = { component: ComponentKey; label: string; points: number; why: string; rows: RowRef[] };

export type ComponentScore = {
  key: ComponentKey;
  label: string;
  weight: number;
  points: number;
  /** The share the points stand for (ratio components) or null (deduction components). */
  ratio: number | null;
};

export type UnitScore = {
  orgId: string;
  unit: string;
  facts: UnitFacts;
  components: ComponentScore[];
  total: number;
  max: number;
  deductions: Deduction[];
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const ref = (r: ScoreRow): RowRef => ({ reportId: r.reportId, roundId: r.roundId, code: r.code, name: r.name });
/** Findings that count against the quality of writing: warnings and errors, not hints. */
const isWritingFault = (f: { severity: string }) => f.severity === 'warning' || f.severity === 'error';
const isCompleteFinal = (r: ScoreRow) => r.completedAnnualTarget || statusClass(r.computedStatus) === 'completed';

/** The facts of a unit's rows and records. */
export function unitFacts(input: Pick<UnitInput, 'rows' | 'escalations'>): UnitFacts {
  const rows = input.rows;
  // Only what the unit handed in is judged: a draft earns nothing and costs nothing but its absence.
  const handed = rows.filter((r) => HANDED_IN.has(r.status));
  const classes = handed.map((r) => statusClass(r.computedStatus));
  const count = (c: string) => classes.filter((x) => x === c).length;
  const projects = new Set(rows.map((r) => r.projectId)).size;
  return {
    due: rows.length,
    submitted: handed.length,
    onTime: handed.filter((r) => !r.late).length,
    late: handed.filter((r) => r.late).length,
    missing: rows.length - handed.length,
    assessed: classes.filter((c) => c !== 'unassessed').length,
    onSchedule: count('onSchedule'),
    lagging: count('lagging'),
    severe: count('severe'),
    completed: count('completed'),
    findings: handed.reduce((n, r) => n + r.findings.filter(isWritingFault).length, 0),
    escalations: input.escalations.length,
    projects,
    projectsCompleted: lastPerProject(handed).filter(isCompleteFinal).length,
  };
}

/** Each project's latest row (rows come in round order). */
function lastPerProject(rows: readonly ScoreRow[]): ScoreRow[] {
  const m = new Map<string, ScoreRow>();
  for (const r of rows) m.set(r.projectId, r);
  return [...m.values()];
}

type Part = { ratio: number | null; faults: { why: string; rows: RowRef[]; cost: number }[] };

/** A ratio component: weight × share; the faults share the lost points in proportion to their rows. */
function ratioPart(good: number, of: number, weight: number, faults: { why: string; rows: RowRef[] }[]): Part {
  if (of === 0) return { ratio: null, faults: [] };
  const each = weight / of;
  return {
    ratio: good / of,
    faults: faults.filter((f) => f.rows.length).map((f) => ({ ...f, cost: each * f.rows.length })),
  };
}

const levelLabel = { yellow: '黄色督办单', red: '红色督办单', listed: '挂牌督办' } as const;

function part(key: ComponentKey, input: UnitInput, f: UnitFacts, w: number, p: Penalties): Part {
  const rows = input.rows;
  const handed = rows.filter((r) => HANDED_IN.has(r.status));
  const missing = rows.filter((r) => !HANDED_IN.has(r.status)).map(ref);
  const late = handed.filter((r) => r.late).map(ref);
  const byClass = (c: string) => handed.filter((r) => statusClass(r.computedStatus) === c).map(ref);
  switch (key) {
    case 'completeness':
      return ratioPart(f.submitted, f.due, w, [{ why: `${missing.length}份填报未报送`, rows: missing }]);
    case 'timeliness':
      return ratioPart(f.onTime, f.due, w, [
        { why: `${late.length}份填报逾期报送`, rows: late },
        { why: `${missing.length}份填报未报送`, rows: missing },
      ]);
    case 'onSchedule': {
      const behind = [...byClass('lagging'), ...byClass('severe')];
      const unjudged = [...byClass('unassessed'), ...missing];
      return ratioPart(f.onSchedule + f.completed, f.due, w, [
        { why: `${behind.length}份填报未按序时推进`, rows: behind },
        { why: `${unjudged.length}份填报未报送或无法研判`, rows: unjudged },
      ]);
    }
    case 'completion': {
      const done = new Set(
        lastPerProject(handed)
          .filter(isCompleteFinal)
          .map((r) => r.projectId),
      );
      const notDone = lastPerProject(rows)
        .filter((r) => !done.has(r.projectId))
        .map(ref);
      return ratioPart(f.projectsCompleted, f.projects, w, [
        { why: `${notDone.length}个项目未完成年度目标`, rows: notDone },
      ]);
    }
    case 'lag': {
      const lagging = byClass('lagging');
      const severe = byClass('severe');
      return {
        ratio: null,
        faults: [
          { why: `${severe.length}份填报严重滞后，每份扣${p.severe}分`, rows: severe, cost: severe.length * p.severe },
          { why: `${lagging.length}份填报滞后，每份扣${p.lagging}分`, rows: lagging, cost: lagging.length * p.lagging },
        ].filter((x) => x.rows.length),
      };
    }
    case 'quality': {
      const faults = handed
        .map((r) => ({ r, n: r.findings.filter(isWritingFault).length }))
        .filter((x) => x.n > 0)
        .map(({ r, n }) => ({
          why: `${r.code} 写作问题${n}条：${r.findings
            .filter(isWritingFault)
            .map((x) => x.message ?? x.rule)
            .slice(0, 3)
            .join('、')}${n > 3 ? '等' : ''}，每条扣${p.finding}分`,
          rows: [ref(r)],
          cost: n * p.finding,
        }));
      return { ratio: null, faults };
    }
    case 'escalation':
      return {
        ratio: null,
        faults: input.escalations.map((e) => ({
          why: `${e.code} ${levelLabel[e.level]}，扣${p[e.level]}分`,
          rows: [{ reportId: e.reportId, roundId: null, code: e.code, name: e.name }],
          cost: p[e.level],
        })),
      };
  }
}

/** The score of one unit by a weight set (ranking or 考核) and the programme's penalties. */
export function scoreUnit(input: UnitInput, weights: Weights, penalties: Penalties): UnitScore {
  const facts = unitFacts(input);
  const components: ComponentScore[] = [];
  const deductions: Deduction[] = [];
  for (const key of activeComponents(weights)) {
    const weight = weights[key] ?? 0;
    const { ratio, faults } = part(key, input, facts, weight, penalties);
    let left = weight;
    for (const f of faults) {
      const points = round2(Math.min(left, f.cost));
      if (points <= 0) continue;
      left -= points;
      deductions.push({ component: key, label: COMPONENT_LABELS[key], points, why: f.why, rows: f.rows });
    }
    // Ratio components: the points are the share (the deductions explain the rest, up to rounding).
    const points = ratio === null ? round2(Math.max(0, left)) : round2(weight * ratio);
    components.push({ key, label: COMPONENT_LABELS[key], weight, points, ratio });
  }
  const max = round2(components.reduce((n, c) => n + c.weight, 0));
  const total = round2(components.reduce((n, c) => n + c.points, 0));
  return { orgId: input.orgId, unit: input.unit, facts, components, total, max, deductions };
}

export type RankedUnit = UnitScore & { rank: number };

/** Units ranked by total (ties share a rank: 1, 1, 3), then by fewer deductions, then by name. */
export function rankUnits(inputs: readonly UnitInput[], weights: Weights, penalties: Penalties): RankedUnit[] {
  const scored = inputs.map((i) => scoreUnit(i, weights, penalties));
  scored.sort((a, b) => b.total - a.total || a.unit.localeCompare(b.unit, 'zh'));
  let rank = 0;
  return scored.map((s, i) => {
    if (i === 0 || s.total !== scored[i - 1]!.total) rank = i + 1;
    return { ...s, rank };
  });
}

/** The ranking (排名) of units under a programme's rules. */
export const rankingOf = (inputs: readonly UnitInput[], rules: EvaluationRules) =>
  rankUnits(inputs, rules.ranking, rules.penalties);

/** The 考核 of units under a programme's rules. */
export const assessmentOf = (inputs: readonly UnitInput[], rules: EvaluationRules) =>
  rankUnits(inputs, rules.assessment, rules.penalties);
