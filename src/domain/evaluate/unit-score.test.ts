import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EVALUATION_RULES,
  type EvaluationRules,
  rulesOrDefaults,
  rulesProblems,
  weightProblems,
  weightSum,
} from './rules';
import { STATUS_KEY_LABELS, statusClass, statusKeyOf } from './status-keys';
import { rankUnits, type ScoreRow, scoreUnit, type UnitInput, unitFacts } from './unit-score';

let n = 0;
const row = (o: Partial<ScoreRow> = {}): ScoreRow => {
  n++;
  return {
    reportId: `rep-${n}`,
    roundId: 'r1',
    projectId: `p-${n}`,
    code: `1-${n}`,
    name: `项目${n}`,
    status: 'submitted',
    late: false,
    computedStatus: '按序时推进',
    findings: [],
    completedAnnualTarget: false,
    ...o,
  };
};
const unit = (rows: ScoreRow[], escalations: UnitInput['escalations'] = [], name = '东湖街道'): UnitInput => ({
  orgId: name,
  unit: name,
  rows,
  escalations,
});
const P = DEFAULT_EVALUATION_RULES.penalties;

describe('unit facts', () => {
  it('count due, handed in, on time, late, statuses, writing findings and projects completed', () => {
    const f = unitFacts(
      unit([
        row({ status: 'approved' }),
        row({ status: 'submitted', late: true, computedStatus: '滞后' }),
        row({ status: 'draft', computedStatus: null }),
        row({ status: 'published', computedStatus: '严重滞后', findings: [{ rule: 'a', severity: 'warning' }] }),
        row({ computedStatus: '已完成', findings: [{ rule: 'b', severity: 'info' }] }),
      ]),
    );
    expect(f).toMatchObject({ due: 5, submitted: 4, onTime: 3, late: 1, missing: 1, assessed: 4 });
    expect(f).toMatchObject({ onSchedule: 1, lagging: 1, severe: 1, completed: 1, findings: 1 });
    expect(f).toMatchObject({ projects: 5, projectsCompleted: 1 });
  });

  it('judge completion on each project’s latest round', () => {
    const a1 = row({ projectId: 'p', roundId: 'r1', computedStatus: '已完成' });
    const a2 = row({ projectId: 'p', roundId: 'r2', computedStatus: '滞后' });
    expect(unitFacts(unit([a1, a2]))).toMatchObject({ projects: 1, projectsCompleted: 0 });
    expect(unitFacts(unit([a2, a1]))).toMatchObject({ projects: 1, projectsCompleted: 1 });
  });
});

describe('scoreUnit', () => {
  const w = { completeness: 20, timeliness: 20, onSchedule: 30, lag: 15, quality: 15 };

  it('gives full marks to a unit with nothing wrong', () => {
    const s = scoreUnit(unit([row(), row({ computedStatus: '已完成' })]), w, P);
    expect(s.total).toBe(100);
    expect(s.max).toBe(100);
    expect(s.deductions).toEqual([]);
    expect(s.components.map((c) => c.key)).toEqual(['completeness', 'timeliness', 'onSchedule', 'lag', 'quality']);
  });

  it('explains every lost point with its rows', () => {
    const late = row({ late: true });
    const missing = row({ status: 'draft', computedStatus: null });
    const lag = row({
      computedStatus: '滞后',
      findings: [{ rule: 'progress-no-data', severity: 'warning', message: '进展情况缺少量化数据' }],
    });
    const s = scoreUnit(unit([row(), late, missing, lag]), w, P);
    const by = (k: string) => s.components.find((c) => c.key === k)!;
    expect(by('completeness').points).toBe(15); // 3 of 4
    expect(by('timeliness').points).toBe(10); // 2 of 4
    expect(by('onSchedule').points).toBe(15); // 2 of 4 due (the draft earns nothing)
    expect(by('lag').points).toBe(15 - P.lagging);
    expect(by('quality').points).toBe(15 - P.finding);
    // The deductions add up to what is missing from the maximum.
    const lost = s.deductions.reduce((x, d) => x + d.points, 0);
    expect(Math.round((s.max - s.total) * 100) / 100).toBe(Math.round(lost * 100) / 100);
    const completeness = s.deductions.filter((d) => d.component === 'completeness');
    expect(completeness).toHaveLength(1);
    expect(completeness[0]!.rows.map((r) => r.reportId)).toEqual([missing.reportId]);
    expect(completeness[0]!.why).toContain('1份填报未报送');
    const timeliness = s.deductions.filter((d) => d.component === 'timeliness').map((d) => d.rows[0]!.reportId);
    expect(timeliness).toEqual([late.reportId, missing.reportId]);
    expect(s.deductions.find((d) => d.component === 'quality')!.why).toContain('进展情况缺少量化数据');
  });

  it('never takes more than a deduction component is worth', () => {
    const rows = Array.from({ length: 10 }, () => row({ computedStatus: '严重滞后' }));
    const s = scoreUnit(unit(rows), { lag: 40, completeness: 60 }, P);
    expect(s.components.find((c) => c.key === 'lag')!.points).toBe(0);
    expect(s.deductions.filter((d) => d.component === 'lag').reduce((x, d) => x + d.points, 0)).toBe(40);
    expect(s.total).toBe(60);
  });

  it('counts 督办 records by level for the 考核', () => {
    const r = row();
    const s = scoreUnit(
      unit(
        [r],
        [
          { id: 's1', level: 'red', projectId: r.projectId, code: r.code, name: r.name, reportId: r.reportId },
          { id: 's2', level: 'yellow', projectId: r.projectId, code: r.code, name: r.name, reportId: null },
        ],
      ),
      DEFAULT_EVALUATION_RULES.assessment,
      P,
    );
    const esc = s.components.find((c) => c.key === 'escalation')!;
    expect(esc.points).toBe(esc.weight - P.red - P.yellow);
    expect(s.deductions.filter((d) => d.component === 'escalation').map((d) => d.why)).toEqual([
      `${r.code} 红色督办单，扣${P.red}分`,
      `${r.code} 黄色督办单，扣${P.yellow}分`,
    ]);
    // Not completed: the completion share is 0.
    expect(s.components.find((c) => c.key === 'completion')!.points).toBe(0);
  });

  it('gives full points when nothing was due (nothing to blame)', () => {
    const s = scoreUnit(unit([]), w, P);
    expect(s.total).toBe(100);
  });
});

describe('rankUnits', () => {
  it('orders by total, ties share a rank', () => {
    const ranked = rankUnits(
      [unit([row({ computedStatus: '滞后' })], [], '甲'), unit([row()], [], '乙'), unit([row()], [], '丙')],
      { onSchedule: 50, lag: 50 },
      P,
    );
    expect(ranked.map((r) => [r.unit, r.rank])).toEqual([
      ['丙', 1],
      ['乙', 1],
      ['甲', 3],
    ]);
    expect(ranked[2]!.total).toBe(50 - P.lagging);
  });
});

describe('rules', () => {
  it('check weights sum to 100 and each component’s points', () => {
    expect(rulesProblems(DEFAULT_EVALUATION_RULES)).toEqual([]);
    expect(weightSum(DEFAULT_EVALUATION_RULES.assessment)).toBe(100);
    expect(weightProblems({ completeness: 50, timeliness: 40 }, '排名公式')).toEqual([
      '排名公式各项分值之和应为100，现为90',
    ]);
    expect(weightProblems({ completeness: 0 }, '考核公式')).toEqual(['考核公式至少要有一项分值大于0']);
    expect(weightProblems({ completeness: -5, timeliness: 105 }, '排名公式')).toContain(
      '排名公式的“报送完整率”分值应在0到100之间',
    );
    const bad: EvaluationRules = { ...DEFAULT_EVALUATION_RULES, penalties: { ...P, red: -1 } };
    expect(rulesProblems(bad)).toEqual(['扣分标准“每张红色督办单”应在0到100之间']);
  });

  it('fill what is missing from stored rules with the defaults', () => {
    expect(rulesOrDefaults(null)).toEqual(DEFAULT_EVALUATION_RULES);
    const r = rulesOrDefaults({ ranking: { completeness: 100 }, penalties: { red: 10 } });
    expect(r.ranking).toEqual({ completeness: 100 });
    expect(r.assessment).toEqual(DEFAULT_EVALUATION_RULES.assessment);
    expect(r.penalties.red).toBe(10);
    expect(r.penalties.yellow).toBe(P.yellow);
  });

  it('map computed statuses to filter keys and classes', () => {
    expect(statusKeyOf('严重滞后')).toBe('severe');
    expect(statusKeyOf(null)).toBe('unassessed');
    expect(statusKeyOf('胡说')).toBe('unassessed');
    expect(statusClass('超额完成')).toBe('completed');
    expect(statusClass('超序时进度')).toBe('onSchedule');
    for (const [k, label] of Object.entries(STATUS_KEY_LABELS))
      if (k !== 'unassessed') expect(statusKeyOf(label)).toBe(k);
  });
});
