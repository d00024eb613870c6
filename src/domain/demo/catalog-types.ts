/** Shapes of the demo programme catalog (categories → matters → project specs) and small spec helpers. */
import type { IndicatorKind, ProjectLevel, ProjectType } from '../../shared/statuses';
import type { BureauKey } from './orgs';

/** A target value, or a [min, max] range drawn per expanded project. */
export type SpecValue = number | null | [number, number];

export type IndSpec = {
  k: IndicatorKind;
  name: string;
  unit: string;
  v: SpecValue;
  /** Target phrase; {n} is replaced by the value. */
  t: string;
  /** Progress phrase (defaults to t); {n} is the value reached. */
  p?: string;
  /** MM-DD for deadline indicators. */
  d?: string;
  /** Previous standard (for 'standard' indicators raised during the year). */
  base?: number;
};

/** How progress text is written. */
export type Tpl = 'build' | 'count' | 'service' | 'rate' | 'fund' | 'deadline';

/** Vocabulary for the stages of construction work. */
export type WorkKey = 'slope' | 'park' | 'road' | 'school' | 'building' | 'pipe' | 'station' | 'generic';

/**
 * Unit references: a BureauKey, 'S' (the street the expanded project is bound to, or each street of a shared project),
 * 'C' (communities of that street), 'S2'/'S3'/'S4' (that many streets as assisting units).
 */
export type UnitRef = BureauKey | 'S' | 'C' | 'S2' | 'S3' | 'S4';

export type ProjSpec = {
  /** Name template (or alternatives): {street} {road} {road2} {estate} {school} {dir} {d}. */
  name: string | string[];
  type: ProjectType;
  tpl: Tpl;
  lead: UnitRef[];
  assist?: UnitRef[];
  cohost?: BureauKey;
  /** Annual target text; default from the indicators. */
  target?: string;
  ind: IndSpec[];
  lv?: ProjectLevel[];
  /** Expand into one project per street for this many streets. */
  per?: number;
  /** One project whose target is split across this many streets (per-street indicators). */
  shared?: number;
  routine?: boolean;
  key?: boolean;
  listed?: boolean;
  sub?: ProjSpec[];
  /** Extra topic sentences for progress text. */
  det?: string[];
  w?: WorkKey;
  /** Mid-year target adjustment of the first indicator. */
  adjust?: { to: number; reason: string };
};

export type MatterSpec = { title: string; goals: string[]; projects: ProjSpec[]; bare?: boolean };
export type CategorySpec = { name: string; matters: MatterSpec[] };

export const q = (name: string, unit: string, v: SpecValue, t: string, p?: string): IndSpec => ({
  k: 'quantity',
  name,
  unit,
  v,
  t,
  p,
});
export const pc = (name: string, v: number, t: string, p?: string): IndSpec => ({
  k: 'percent',
  name,
  unit: '%',
  v,
  t,
  p,
});
export const money = (name: string, v: SpecValue, t: string, p?: string): IndSpec => ({
  k: 'money',
  name,
  unit: '万元',
  v,
  t,
  p,
});
export const std = (name: string, unit: string, v: number, base: number, t: string, p: string): IndSpec => ({
  k: 'standard',
  name,
  unit,
  v,
  base,
  t,
  p,
});
export const low = (name: string, v: number, t: string, p: string): IndSpec => ({
  k: 'lower_better',
  name,
  unit: '%',
  v,
  t,
  p,
});
/** 形象进度: v = 100 means 完工; a range picks 70/80/100 per project. */
export const ms = (v: SpecValue = 100): IndSpec => ({
  k: 'milestone',
  name: '形象进度',
  unit: '%',
  v,
  t: '完成{n}%工程量',
});
export const dl = (name: string, d: string, t: string): IndSpec => ({ k: 'deadline', name, unit: '', v: null, t, d });
