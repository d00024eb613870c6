import { describe, expect, it } from 'vitest';
import { isContradicted, manualChase, ratio, unitBoardState } from './board';
import type { ChaseReport, ChaseState } from './evaluate';
import { DEFAULT_CHASE_RULES } from './rules';

const r = (status: string, versionNo = 0, submittedLate = false) => ({ status, versionNo, submittedLate });

describe('the chase board', () => {
  it('says a unit’s state in a round, with completeness and timeliness', () => {
    expect(unitBoardState([r('draft'), r('draft')], '2026-10-08', '2026-10-05')).toMatchObject({
      state: 'not_started',
      label: '未开始',
    });
    expect(unitBoardState([r('draft', 1), r('draft')], '2026-10-08', '2026-10-05').label).toBe('草稿');
    expect(unitBoardState([r('returned', 3), r('submitted', 2)], '2026-10-08', '2026-10-08').label).toBe('已退回');
    expect(unitBoardState([r('draft', 1), r('submitted', 2)], '2026-10-08', '2026-10-11')).toMatchObject({
      state: 'overdue',
      label: '逾期3天',
      daysOverdue: 3,
      expected: 2,
      handedIn: 1,
      onTime: 1,
    });
    expect(unitBoardState([r('approved', 3), r('submitted', 2, true)], '2026-10-08', '2026-10-11')).toMatchObject({
      state: 'submitted',
      label: '已报送',
      handedIn: 2,
      onTime: 1,
    });
    expect(ratio(1, 2)).toBe(0.5);
    expect(ratio(0, 0)).toBe(0);
  });

  it('knows a contradicted self-assessment from the stored findings', () => {
    expect(isContradicted([{ rule: 'self-assessment-optimistic' }])).toBe(true);
    expect(isContradicted([{ rule: 'self-assessment-pessimistic' }])).toBe(false);
  });

  it('one-click 催办: units with something not handed in, once per day, the 分管领导 from 3 days overdue', () => {
    const rep = (id: string, orgId: string, status: string): ChaseReport => ({
      id,
      projectId: id,
      projectCode: id,
      projectName: id,
      orgId,
      status,
      versionNo: 0,
      submittedAt: null,
      returnedAt: null,
      assessedStatus: null,
      gapPoints: null,
      contradicted: false,
      lagAnalysisRequired: false,
      lagAnalysisPresent: false,
    });
    const round = {
      id: 'r3',
      name: '三季度',
      periodKey: '2026-Q3',
      asOf: '2026-09-30',
      dueDate: '2026-10-08',
      status: 'open',
      unitDueDates: {},
      reports: [rep('a', 'org-a', 'submitted'), rep('b', 'org-b', 'draft'), rep('c', 'org-c', 'returned')],
    };
    const state: ChaseState = {
      programmeId: 'prog',
      programmeName: '计划',
      rounds: [round],
      units: {
        'org-a': { name: 'A', reporters: ['ua'], leaders: [] },
        'org-b': { name: 'B', reporters: ['ub'], leaders: ['lb'] },
        'org-c': { name: 'C', reporters: [], leaders: [] },
      },
    };
    const early = manualChase(DEFAULT_CHASE_RULES, state, round, undefined, new Date('2026-10-09T02:00:00Z'));
    expect(early.actions.map((x) => [x.key, x.recipients])).toEqual([['manual:r3:org-b:2026-10-09', ['ub']]]);
    expect(early.skipped).toEqual([{ orgId: 'org-c', reason: '该单位没有可接收通知的账号' }]);
    const late = manualChase(
      DEFAULT_CHASE_RULES,
      state,
      round,
      ['org-a', 'org-b', 'org-x'],
      new Date('2026-10-11T02:00:00Z'),
    );
    expect(late.actions.map((x) => x.recipients)).toEqual([['lb', 'ub']]);
    expect(late.skipped.map((x) => x.reason)).toEqual(['已全部报送', '该单位在本批次没有填报任务']);
  });
});
