import { describe, expect, it } from 'vitest';
import { chinaDate } from '../collect/round-rules';
import { addDays, type ChaseAction, type ChaseReport, type ChaseRound, type ChaseState, evaluate } from './evaluate';
import { LADDER, LADDER_LABELS } from './ladder';
import { type ChaseRules, DEFAULT_CHASE_RULES, describeRule, inQuietHours } from './rules';

const report = (id: string, orgId: string, projectId: string, extra: Partial<ChaseReport> = {}): ChaseReport => ({
  id,
  projectId,
  projectCode: projectId.toUpperCase(),
  projectName: `项目${projectId}`,
  orgId,
  status: 'draft',
  versionNo: 0,
  submittedAt: null,
  returnedAt: null,
  assessedStatus: null,
  gapPoints: null,
  contradicted: false,
  lagAnalysisRequired: false,
  lagAnalysisPresent: false,
  ...extra,
});

/** A year of quarterly rounds: Q1..Q4 of 2026, each due on the 8th of the month after the quarter. */
function yearState(): ChaseState {
  const quarters = [
    ['2026-Q1', '2026-03-31', '2026-04-08'],
    ['2026-Q2', '2026-06-30', '2026-07-08'],
    ['2026-Q3', '2026-09-30', '2026-10-08'],
    ['2026-Q4', '2026-12-31', '2027-01-08'],
  ] as const;
  return {
    programmeId: 'prog',
    programmeName: '民生实事',
    units: {
      'org-a': { name: '东湖街道', reporters: ['u-a'], leaders: ['u-a-lead'] },
      'org-b': { name: '西岭街道', reporters: ['u-b'], leaders: ['u-b-lead'] },
    },
    rounds: quarters.map(
      ([periodKey, asOf, dueDate], i): ChaseRound => ({
        id: `r${i + 1}`,
        name: `${periodKey}填报`,
        periodKey,
        asOf,
        dueDate,
        status: 'draft',
        unitDueDates: {},
        reports: [report(`a${i + 1}`, 'org-a', 'p1'), report(`b${i + 1}`, 'org-b', 'p2')],
      }),
    ),
  };
}

/** Run evaluate every hour from `from` to `to` (UTC), storing the sent (user, key) pairs like the UNIQUE index. */
function simulate(
  state: ChaseState,
  from: string,
  to: string,
  onTick: (now: Date, state: ChaseState) => void,
  rules: ChaseRules = DEFAULT_CHASE_RULES,
) {
  const sent = new Map<string, { at: Date; action: ChaseAction; user: string }>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += 3_600_000) {
    const now = new Date(t);
    onTick(now, state);
    for (const a of evaluate(rules, state, now))
      for (const u of a.recipients) {
        const k = `${u}|${a.key}`;
        if (!sent.has(k)) sent.set(k, { at: now, action: a, user: u });
      }
  }
  return [...sent.values()];
}

/** Beijing hour of an instant. */
const bjHour = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCHours();

describe('ladder and rules in words', () => {
  it('has the five levels with their Chinese names', () => {
    expect(LADDER.map((l) => LADDER_LABELS[l])).toEqual(['提醒', '催办', '黄色督办单', '红色督办单', '挂牌督办']);
  });
  it('describes each rule in words', () => {
    expect(
      describeRule({
        id: 'x',
        trigger: 'lagRounds',
        rounds: 2,
        severeOnly: false,
        minGapPoints: 10,
        level: 'yellow',
        enabled: true,
      }),
    ).toBe('连续两期落后序时进度超过10个百分点 → 黄色督办单');
    expect(DEFAULT_CHASE_RULES.escalation.map(describeRule)).toEqual([
      '逾期5天仍未报送 → 黄色督办单',
      '逾期10天仍未报送 → 红色督办单',
      '连续两期研判为滞后或严重滞后 → 黄色督办单',
      '连续三期研判为滞后或严重滞后 → 红色督办单',
      '连续两期进度自评与数据不符 → 黄色督办单',
      '退回后3天内未重新提交 → 催办',
      '滞后项目在截止日期前未报送书面滞后分析 → 催办',
    ]);
  });
  it('knows the quiet hours across midnight (Beijing time)', () => {
    expect(inQuietHours(DEFAULT_CHASE_RULES, new Date('2026-10-05T14:30:00Z'))).toBe(true); // 22:30
    expect(inQuietHours(DEFAULT_CHASE_RULES, new Date('2026-10-05T23:59:00Z'))).toBe(true); // 07:59
    expect(inQuietHours(DEFAULT_CHASE_RULES, new Date('2026-10-06T00:00:00Z'))).toBe(false); // 08:00
    expect(inQuietHours({ quietHours: null }, new Date('2026-10-05T14:30:00Z'))).toBe(false);
  });
});

const OPENS = ['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31'];

/** A round over the year: opened at its period's end, closed 20 days after its due date; both units hand in two days
 * before the due date; A's project is judged 滞后 every round, B's on schedule. */
function yearTick(round: ChaseRound, today: string, opens: string): void {
  if (today >= opens && round.status === 'draft') round.status = 'open';
  if (today > addDays(round.dueDate, 20) && round.status === 'open') round.status = 'closed';
  if (today < addDays(round.dueDate, -2)) return;
  for (const rep of round.reports) {
    rep.status = 'submitted';
    rep.assessedStatus = rep.orgId === 'org-a' ? '滞后' : '按序时推进';
  }
}

describe('evaluate with a moving clock', () => {
  it('reminds 3 and 1 days before, on the due date, chases every 2 days after, leaders from day 3, then escalates', () => {
    const state = yearState();
    const sent = simulate(state, '2026-09-25T00:00:00Z', '2026-10-21T00:00:00Z', (now, s) => {
      s.rounds[2]!.status = now >= new Date('2026-09-30T00:00:00Z') ? 'open' : 'draft';
      // Unit A hands in on 10-06 at 10:00 Beijing time; unit B never does.
      if (now >= new Date('2026-10-06T02:00:00Z')) s.rounds[2]!.reports[0]!.status = 'submitted';
    });
    const forB = sent.filter((x) => x.user === 'u-b' && x.action.kind !== 'supervision');
    expect(forB.map((x) => [chinaDate(x.at), x.action.key.split(':').at(-1)])).toEqual([
      ['2026-10-05', 'd-3'],
      ['2026-10-07', 'd-1'],
      ['2026-10-08', 'd0'],
      ['2026-10-09', 'd+1'],
      ['2026-10-11', 'd+3'],
      ['2026-10-13', 'd+5'],
      ['2026-10-15', 'd+7'],
      ['2026-10-17', 'd+9'],
      ['2026-10-19', 'd+11'],
      ['2026-10-21', 'd+13'],
    ]);
    // Never during quiet hours: the first of each day waits for 08:00.
    for (const x of sent) expect(bjHour(x.at)).toBeGreaterThanOrEqual(8);
    for (const x of sent) expect(bjHour(x.at)).toBeLessThan(22);
    expect(forB.filter((x) => x.action.kind === 'remind').every((x) => bjHour(x.at) === 8)).toBe(true);
    // The 分管领导 from 3 days overdue.
    expect(sent.filter((x) => x.user === 'u-b-lead' && x.action.kind === 'chase').map((x) => chinaDate(x.at))).toEqual([
      '2026-10-11',
      '2026-10-13',
      '2026-10-15',
      '2026-10-17',
      '2026-10-19',
      '2026-10-21',
    ]);
    // Unit A: reminded 3 days before, nothing after it handed in.
    const forA = sent.filter((x) => x.user === 'u-a');
    expect(forA.map((x) => x.action.key)).toEqual(['remind:r3:org-a:d-3']);
    // Escalation of B's overdue report: yellow at 5 days, red at 10.
    const esc = sent.filter((x) => x.user === 'u-b' && x.action.kind === 'supervision');
    expect(esc.map((x) => [chinaDate(x.at), x.action.level])).toEqual([
      ['2026-10-13', 'yellow'],
      ['2026-10-18', 'red'],
    ]);
    expect(esc[0]!.action.responseDueDate).toBe('2026-10-18');
    expect(esc[0]!.action.reason).toBe('逾期5天仍未报送');
  });

  it('uses the unit’s extended due date', () => {
    const state = yearState();
    const r = state.rounds[2]!;
    r.status = 'open';
    r.unitDueDates = { 'org-b': '2026-10-15' };
    const acts = evaluate(DEFAULT_CHASE_RULES, state, new Date('2026-10-09T02:00:00Z'));
    expect(acts.filter((a) => a.orgId === 'org-a').map((a) => a.key)).toEqual(['chase:r3:org-a:d+1']);
    expect(acts.filter((a) => a.orgId === 'org-b')).toEqual([]);
    const later = evaluate(DEFAULT_CHASE_RULES, state, new Date('2026-10-12T02:00:00Z'));
    expect(later.filter((a) => a.orgId === 'org-b').map((a) => a.key)).toEqual(['remind:r3:org-b:d-3']);
  });

  it('a whole year: escalates after two lagging rounds even when reports are on time, red after three', () => {
    const state = yearState();
    const sent = simulate(state, '2026-03-20T00:00:00Z', '2027-01-31T00:00:00Z', (now, s) => {
      const today = chinaDate(now);
      s.rounds.forEach((round, i) => {
        yearTick(round, today, OPENS[i]!);
      });
    });
    const overdue = sent.filter((x) => x.action.kind === 'chase');
    expect(overdue).toEqual([]);
    // Reminders 3 days before each due date only (handed in 2 days before): 4 rounds × 2 units.
    expect(sent.filter((x) => x.action.kind === 'remind' && x.user === 'u-a')).toHaveLength(4);
    const esc = sent.filter((x) => x.user === 'u-a' && x.action.kind === 'supervision');
    expect(esc.map((x) => [x.action.roundId, x.action.level, x.action.reportId, chinaDate(x.at)])).toEqual([
      ['r2', 'yellow', 'a2', '2026-07-06'],
      ['r3', 'red', 'a3', '2026-10-06'],
    ]);
    expect(sent.filter((x) => x.user === 'u-b' && x.action.kind === 'supervision')).toEqual([]);
  });

  it('counts 百分点 behind when the rule says so, and self-assessments contradicted twice', () => {
    const state = yearState();
    state.rounds[0]!.status = 'closed';
    state.rounds[1]!.status = 'open';
    Object.assign(state.rounds[0]!.reports[0]!, {
      status: 'approved',
      assessedStatus: '滞后',
      gapPoints: -12,
      contradicted: true,
    });
    Object.assign(state.rounds[1]!.reports[0]!, {
      status: 'submitted',
      assessedStatus: '滞后',
      gapPoints: -8,
      contradicted: true,
    });
    const rules: ChaseRules = {
      ...DEFAULT_CHASE_RULES,
      escalation: [
        {
          id: 'gap',
          trigger: 'lagRounds',
          rounds: 2,
          severeOnly: false,
          minGapPoints: 10,
          level: 'red',
          enabled: true,
        },
        { id: 'contra', trigger: 'contradictedRounds', rounds: 2, level: 'yellow', enabled: true },
      ],
    };
    const acts = evaluate(rules, state, new Date('2026-07-01T02:00:00Z')).filter((a) => a.kind === 'supervision');
    expect(acts.map((a) => [a.ruleId, a.level, a.reportId])).toEqual([['contra', 'yellow', 'a2']]);
    state.rounds[1]!.reports[0]!.gapPoints = -11;
    const again = evaluate(rules, state, new Date('2026-07-01T02:00:00Z')).filter((a) => a.kind === 'supervision');
    expect(again.map((a) => a.ruleId)).toEqual(['gap', 'contra']);
    expect(again[0]!.reason).toBe('连续两期落后序时进度超过10个百分点');
  });

  it('chases a returned report not resubmitted within 3 days and a missing lag analysis after the due date', () => {
    const state = yearState();
    const round = state.rounds[2]!;
    round.status = 'open';
    Object.assign(round.reports[0]!, { status: 'returned', returnedAt: '2026-10-05T03:00:00.000Z' });
    Object.assign(round.reports[1]!, { status: 'submitted', lagAnalysisRequired: true, lagAnalysisPresent: false });
    const at = (iso: string) =>
      evaluate(DEFAULT_CHASE_RULES, state, new Date(iso))
        .filter((a) => a.kind === 'escalate')
        .map((a) => a.key);
    expect(at('2026-10-07T02:00:00Z')).toEqual([]);
    expect(at('2026-10-08T02:00:00Z')).toEqual(['esc:returned:chase:a3:2026-10-05T03:00:00.000Z']);
    expect(at('2026-10-09T02:00:00Z')).toEqual([
      'esc:returned:chase:a3:2026-10-05T03:00:00.000Z',
      'esc:lag-analysis:chase:b3',
    ]);
    round.reports[1]!.lagAnalysisPresent = true;
    expect(at('2026-10-09T02:00:00Z')).toEqual(['esc:returned:chase:a3:2026-10-05T03:00:00.000Z']);
  });

  it('is deterministic: the same inputs give the same keys', () => {
    const state = yearState();
    state.rounds[2]!.status = 'open';
    const now = new Date('2026-10-15T03:00:00Z');
    expect(evaluate(DEFAULT_CHASE_RULES, state, now)).toEqual(evaluate(DEFAULT_CHASE_RULES, state, now));
  });
});
