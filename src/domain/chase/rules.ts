/**
 * A programme's chase rules as data (issue 11 §1): when units are reminded before a round's due date, chased (催办)
 * after it, who receives what, the quiet hours, and the triggers that climb the 督办 ladder. Stored per programme
 * (programmes.chase_rules, JSON; null = DEFAULT_CHASE_RULES); judged by evaluate.ts; each rule printable in words
 * (describeRule). Pure: no I/O.
 */
import { type LadderLevel, ladderLabel } from './ladder';

/** What climbs the ladder. Levels are 'chase' (a 催办 notice) or a 督办 level (a 督办 record is raised). */
export type EscalationRule =
  | { id: string; trigger: 'overdueDays'; days: number; level: EscalationLevel; enabled: boolean }
  | {
      id: string;
      trigger: 'lagRounds';
      rounds: number;
      /** Only 严重滞后 counts (else 滞后 or 严重滞后). */
      severeOnly: boolean;
      /** Count a round only when it is this many 百分点 behind 序时进度 (null: the stored status alone decides). */
      minGapPoints: number | null;
      level: EscalationLevel;
      enabled: boolean;
    }
  | { id: string; trigger: 'contradictedRounds'; rounds: number; level: EscalationLevel; enabled: boolean }
  | { id: string; trigger: 'returnedNotResubmitted'; days: number; level: EscalationLevel; enabled: boolean }
  | { id: string; trigger: 'missingLagAnalysis'; days: number; level: EscalationLevel; enabled: boolean };

export type EscalationLevel = Exclude<LadderLevel, 'remind'>;
export type EscalationTrigger = EscalationRule['trigger'];

export type ChaseRules = {
  /** Remind this many days before the unit's due date (e.g. [3, 1]). */
  remindDaysBefore: number[];
  /** Remind on the due date itself. */
  remindOnDueDate: boolean;
  /** 催办 every N days after the due date until handed in (0 = never). */
  chaseEveryDays: number;
  /** Quiet hours in Beijing time ('HH:MM'); actions then wait (null = none). */
  quietHours: { start: string; end: string } | null;
  /** The unit's 分管领导 also receive the 催办 once this many days overdue (null = never). */
  leaderAfterDaysOverdue: number | null;
  /** Days the unit has to answer a 督办单 (its response deadline). */
  responseDays: number;
  escalation: EscalationRule[];
};

export const DEFAULT_CHASE_RULES: ChaseRules = {
  remindDaysBefore: [3, 1],
  remindOnDueDate: true,
  chaseEveryDays: 2,
  quietHours: { start: '22:00', end: '08:00' },
  leaderAfterDaysOverdue: 3,
  responseDays: 5,
  escalation: [
    { id: 'overdue-yellow', trigger: 'overdueDays', days: 5, level: 'yellow', enabled: true },
    { id: 'overdue-red', trigger: 'overdueDays', days: 10, level: 'red', enabled: true },
    {
      id: 'lag-yellow',
      trigger: 'lagRounds',
      rounds: 2,
      severeOnly: false,
      minGapPoints: null,
      level: 'yellow',
      enabled: true,
    },
    {
      id: 'lag-red',
      trigger: 'lagRounds',
      rounds: 3,
      severeOnly: false,
      minGapPoints: null,
      level: 'red',
      enabled: true,
    },
    { id: 'contradicted', trigger: 'contradictedRounds', rounds: 2, level: 'yellow', enabled: true },
    { id: 'returned', trigger: 'returnedNotResubmitted', days: 3, level: 'chase', enabled: true },
    { id: 'lag-analysis', trigger: 'missingLagAnalysis', days: 0, level: 'chase', enabled: true },
  ],
};

const CN_NUM = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 2 → 两, 3 → 三 … 10 → 十; larger numbers as digits. */
export const cnCount = (n: number): string => (Number.isInteger(n) && n >= 0 && n <= 10 ? CN_NUM[n]! : String(n));

/** One escalation rule in words, e.g. 「连续两期落后序时进度超过10个百分点」. */
export function describeTrigger(rule: EscalationRule): string {
  switch (rule.trigger) {
    case 'overdueDays':
      return `逾期${rule.days}天仍未报送`;
    case 'lagRounds':
      if (rule.minGapPoints !== null)
        return `连续${cnCount(rule.rounds)}期落后序时进度超过${rule.minGapPoints}个百分点`;
      return `连续${cnCount(rule.rounds)}期研判为${rule.severeOnly ? '严重滞后' : '滞后或严重滞后'}`;
    case 'contradictedRounds':
      return `连续${cnCount(rule.rounds)}期进度自评与数据不符`;
    case 'returnedNotResubmitted':
      return `退回后${rule.days}天内未重新提交`;
    case 'missingLagAnalysis':
      return rule.days > 0
        ? `滞后项目在截止日期后${rule.days}天仍未报送书面滞后分析`
        : '滞后项目在截止日期前未报送书面滞后分析';
  }
}

/** The whole rule in words: trigger → measure, e.g. 「连续两期研判为滞后或严重滞后 → 黄色督办单」. */
export function describeRule(rule: EscalationRule): string {
  return `${describeTrigger(rule)} → ${ladderLabel(rule.level)}${rule.enabled ? '' : '（未启用）'}`;
}

/** The reminder rules in words (one line each), for the settings page and the CLI. */
export function describeReminders(r: ChaseRules): string[] {
  const out: string[] = [];
  const before = [...r.remindDaysBefore].sort((a, b) => b - a);
  if (before.length) out.push(`截止日期前${before.join('天、')}天提醒未报送的单位`);
  if (r.remindOnDueDate) out.push('截止日期当天提醒');
  if (r.chaseEveryDays > 0) out.push(`逾期后每${r.chaseEveryDays}天催办一次，直至报送`);
  if (r.leaderAfterDaysOverdue !== null) out.push(`逾期${r.leaderAfterDaysOverdue}天起同时催告单位分管领导`);
  if (r.quietHours) out.push(`免打扰时段 ${r.quietHours.start}–${r.quietHours.end}（北京时间），期间暂缓发送`);
  out.push(`督办单须在${r.responseDays}天内书面回复`);
  return out;
}

/** Stored JSON → rules; anything missing or malformed falls back to the default of that part. */
export function parseChaseRules(json: string | null | undefined): ChaseRules {
  if (!json) return DEFAULT_CHASE_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_CHASE_RULES;
  }
  if (!raw || typeof raw !== 'object') return DEFAULT_CHASE_RULES;
  return { ...DEFAULT_CHASE_RULES, ...(raw as Partial<ChaseRules>) };
}

/** Minutes after midnight of 'HH:MM'. */
export const minutesOf = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** True when `now` (Beijing time) falls in the quiet hours (a span may cross midnight: 22:00–08:00). */
export function inQuietHours(rules: Pick<ChaseRules, 'quietHours'>, now: Date): boolean {
  const q = rules.quietHours;
  if (!q) return false;
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const t = local.getUTCHours() * 60 + local.getUTCMinutes();
  const s = minutesOf(q.start);
  const e = minutesOf(q.end);
  if (s === e) return false;
  return s < e ? t >= s && t < e : t >= s || t < e;
}
