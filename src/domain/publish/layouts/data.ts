/**
 * What a layout is filled with: the round's facts and one row per project × reporting unit, in the programme's order.
 * Built by the server from the stored round (services/publish/export-document.ts) or by tests; pure data.
 */
import { formatCnDate, parsePeriodKey, periodTargetLabel } from '../../plan/periods';

export type LayoutReport = {
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
  progress: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  completedAnnualTarget: boolean;
};

export type LayoutRow = {
  projectId: string;
  code: string;
  name: string;
  category: string | null;
  matter: string | null;
  matterNumber: string | null;
  levels: string[];
  /** The annual target in force (adjusted when adjusted). */
  annualTarget: string;
  /** The first annual target when it was adjusted since, else null. */
  originalAnnualTarget: string | null;
  /** Target adjustments in words ("年度目标由…调整为…，原因：…（批准：…）"), oldest first. */
  adjustments: string[];
  periodTarget: string;
  leadUnits: string[];
  assistUnits: string[];
  cohostUnits: string[];
  /** The unit that reports this row. */
  unit: string;
  /** The unit's report this round (null: none yet). */
  report: LayoutReport | null;
  /** The system's judgement of the report, when assessed. */
  computedStatus: string | null;
  light: 'green' | 'yellow' | 'red' | null;
  completionRatio: number | null;
  gapPoints: number | null;
  /** Numeric columns of an imported table (issue 14), when the row has them. */
  numbers?: {
    unit: string | null;
    target: number | null;
    actual: number | null;
    publishedRatio: number | null;
    investmentPlanned: number | null;
    investmentDone: number | null;
  } | null;
};

export type LayoutData = {
  /** 龙华区 (the government's short name as titles print it). */
  government: string;
  /** The issuing office (督查室) for signatures and 制表单位. */
  office: string;
  year: number;
  periodKey: string;
  /** YYYY-MM-DD. */
  asOf: string;
  /** YYYY-MM-DD: the date printed at the end (today by default). */
  issuedOn: string;
  rows: LayoutRow[];
};

const CN_Q = ['一', '二', '三', '四'];

/** 第三季度 / 8月 / 上半年 / 年度. */
function periodName(key: string): string {
  const p = parsePeriodKey(key);
  if (!p) return key;
  if (p.type === 'year') return '年度';
  if (p.type === 'month') return `${p.index}月`;
  if (p.type === 'quarter') return `第${CN_Q[p.index - 1]}季度`;
  return `${p.index === 1 ? '上' : '下'}半年`;
}

/** The placeholder values of a round (see schema.ts). */
export function placeholders(d: LayoutData, extra: Record<string, string> = {}): Record<string, string> {
  const p = parsePeriodKey(d.periodKey);
  const asOfMonth = Number(d.asOf.slice(5, 7));
  const period = periodName(d.periodKey);
  return {
    government: d.government,
    year: String(d.year),
    period,
    periodShort: p?.type === 'quarter' ? period.replace(/^第/, '') : period,
    months: asOfMonth > 1 ? `1-${asOfMonth}月` : '1月',
    month: p?.type === 'month' ? String(p.index) : String(asOfMonth),
    asOf: formatCnDate(d.asOf),
    asOfMonthDay: formatCnDate(d.asOf).replace(/^\d{4}年/, ''),
    periodTarget: p ? periodTargetLabel(d.periodKey) : '本期目标',
    office: d.office,
    issuedOn: formatCnDate(d.issuedOn),
    host: '',
    ...extra,
  };
}

/** Fill "{name}" placeholders; unknown names stay as written. */
export function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}
