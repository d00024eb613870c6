import { describe, expect, it } from 'vitest';
import { latestVisible, latestVisibleByReport, redactTable } from './redact';
import { resultOf, voteState } from './votes';
import { confirmationProblem, judgeYearEnd, type YearEndReport } from './year-end';

const rep = (over: Partial<YearEndReport>): YearEndReport => ({
  reportId: 'r1',
  projectId: 'p',
  orgId: 'a',
  unit: '东湖街道',
  roundId: 'q4',
  roundName: '第四季度',
  asOf: '2026-12-31',
  versionNo: 3,
  status: 'approved',
  completedAnnualTarget: false,
  computedStatus: '按序时推进',
  completionRatio: 0.9,
  ...over,
});

describe('year end', () => {
  it('completed only when every unit of the last round of the year says so', () => {
    const a = rep({ reportId: 'a', orgId: 'a', completedAnnualTarget: true });
    const b = rep({ reportId: 'b', orgId: 'b', unit: '西岭街道', computedStatus: '已完成' });
    expect(judgeYearEnd(2026, [a, b]).computed).toBe(true);
    const c = rep({ reportId: 'c', orgId: 'c', unit: '民政局' });
    const v = judgeYearEnd(2026, [a, b, c]);
    expect(v.computed).toBe(false);
    expect(v.basis?.reports.map((r) => r.completed)).toEqual([true, true, false]);
  });

  it('an earlier round does not count when a later one of the year exists; nothing approved → null', () => {
    const q3 = rep({ reportId: 'q3', roundId: 'q3', asOf: '2026-09-30', completedAnnualTarget: true });
    const q4 = rep({ reportId: 'q4', asOf: '2026-12-31' });
    expect(judgeYearEnd(2026, [q3, q4]).computed).toBe(false);
    expect(judgeYearEnd(2026, []).computed).toBeNull();
  });

  it('the newest approved version of a report decides', () => {
    const v3 = rep({ versionNo: 3 });
    const v6 = rep({ versionNo: 6, completedAnnualTarget: true });
    expect(judgeYearEnd(2026, [v6, v3]).computed).toBe(true);
  });

  it('finished after year end: a later report says completed', () => {
    const q4 = rep({});
    const jan = rep({
      reportId: 'j',
      roundId: 'j',
      roundName: '年后补报',
      asOf: '2027-01-20',
      completedAnnualTarget: true,
    });
    expect(judgeYearEnd(2026, [q4, jan]).finishedAfterYearEnd).toEqual({ asOf: '2027-01-20', roundName: '年后补报' });
    expect(judgeYearEnd(2026, [rep({ completedAnnualTarget: true }), jan]).finishedAfterYearEnd).toBeNull();
  });

  it('a correction needs a reason', () => {
    expect(confirmationProblem(false, true, '')).toContain('更正原因');
    expect(confirmationProblem(false, true, '已验收')).toBeNull();
    expect(confirmationProblem(true, true, '')).toBeNull();
    expect(confirmationProblem(null, false, '')).toBeNull();
  });
});

describe('votes', () => {
  it('state from the times', () => {
    const v = { opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2026-12-08T00:00:00.000Z' };
    expect(voteState(v, new Date('2026-11-30T23:59:59Z'))).toBe('upcoming');
    expect(voteState(v, new Date('2026-12-01T00:00:00Z'))).toBe('open');
    expect(voteState(v, new Date('2026-12-08T00:00:00Z'))).toBe('closed');
  });
  it('rates: 满意率 = (满意 + 基本满意) / total, 满意 share', () => {
    const r = resultOf([
      { rating: 'satisfied', count: 5 },
      { rating: 'basic', count: 3 },
      { rating: 'unsatisfied', count: 2 },
    ]);
    expect(r).toEqual({
      satisfied: 5,
      basic: 3,
      unsatisfied: 2,
      total: 10,
      satisfactionRate: 0.8,
      satisfiedShare: 0.5,
    });
    expect(resultOf([]).satisfactionRate).toBeNull();
  });
});

describe('redaction', () => {
  it('picks the newest approved or published version', () => {
    const vs = [
      { reportId: 'r', versionNo: 1, status: 'draft' },
      { reportId: 'r', versionNo: 3, status: 'approved' },
      { reportId: 'r', versionNo: 4, status: 'published' },
      { reportId: 'r', versionNo: 5, status: 'submitted' },
      { reportId: 's', versionNo: 2, status: 'returned' },
    ];
    expect(latestVisible(vs)?.versionNo).toBe(4);
    const m = latestVisibleByReport(vs);
    expect(m.get('r')?.versionNo).toBe(4);
    expect(m.has('s')).toBe(false);
  });

  it('a table keeps rows with approved content only, without comments, 督办 or the chase list', () => {
    const row = {
      reportId: 'r',
      projectId: 'p',
      seq: 1,
      code: '1-1',
      category: null,
      matter: null,
      matterNumber: null,
      name: '项目',
      levels: [],
      flags: ['key_supervision', 'listed_supervision'],
      annualTarget: '',
      periodTarget: '',
      progress: '草稿',
      selfAssessment: null,
      problems: '',
      nextSteps: '',
      leadUnits: [],
      assistUnits: [],
      cohostUnits: [],
      unitId: 'a',
      unit: '东湖街道',
      status: 'draft' as const,
      versionNo: 5,
      submittedAt: null,
      late: false,
      lastComment: '退回意见',
      completedAnnualTarget: false,
      supervision: { id: 's', level: 'red' as const, status: 'open' as const },
    };
    const table = {
      programme: { id: 'x', name: '', year: 2026, owner: '' },
      round: { id: 'q', name: '', periodKey: '2026-Q3', periodLabel: '', asOf: '', dueDate: '', status: 'open' },
      periodTargetLabel: '',
      rows: [row, { ...row, reportId: 'gone', projectId: 'p2' }],
      missing: [{ unitId: 'a', unit: '东湖街道', pending: 1, total: 1 }],
      counts: { draft: 2, submitted: 0, returned: 0, approved: 0, published: 0 },
    };
    const visible = new Map([
      [
        'r',
        {
          status: 'approved' as const,
          versionNo: 3,
          progress: '审核稿',
          selfAssessment: null,
          problems: '',
          nextSteps: '',
          completedAnnualTarget: false,
        },
      ],
    ]);
    const out = redactTable(table, visible, new Map([['p', ['key_supervision']]]));
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({ progress: '审核稿', status: 'approved', versionNo: 3, lastComment: null });
    expect(out.rows[0]!.flags).toEqual(['key_supervision']);
    expect('supervision' in out.rows[0]!).toBe(false);
    expect(out.missing).toEqual([]);
    expect(out.counts.approved).toBe(1);
    expect(out.counts.draft).toBe(0);
  });
});
