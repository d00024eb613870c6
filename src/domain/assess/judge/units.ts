/** The unit table shipped with the engine; extensible by passing extra UnitDef entries. */
import type { UnitCategory, UnitDef } from './types';

const c = (unit: string, category: UnitCategory, base = unit, factor = 1, aliases?: string[]): UnitDef =>
  aliases ? { unit, category, base, factor, aliases } : { unit, category, base, factor };

/** Built-in units (seeds and published tables). */
export const DEFAULT_UNITS: UnitDef[] = [
  // counts of things
  ...[
    '个',
    '家',
    '张',
    '台',
    '户',
    '件',
    '所',
    '座',
    '条',
    '套',
    '处',
    '项',
    '批',
    '次',
    '场',
    '期',
    '栋',
    '幢',
    '片',
    '辆',
    '部',
    '支',
    '棵',
    '株',
    '盏',
    '根',
    '本',
    '册',
    '份',
    '门',
    '宗',
    '起',
    '节',
    '间',
    '块',
    '组',
    '类',
    '届',
    '孔',
    '具',
    '只',
    '轮',
    '趟',
    '班',
  ].map((u) => c(u, 'count')),
  c('场次', 'count'),
  c('批次', 'count'),
  c('家次', 'count'),
  c('户次', 'count'),
  c('车次', 'count'),
  c('点位', 'count', '点位', 1, ['个点位']),
  c('站', 'count'),
  c('课时', 'count', '课时', 1, ['个课时']),
  c('学时', 'count', '课时', 1, ['个学时']),
  c('剂次', 'count'),
  c('例', 'count'),
  c('床', 'count', '张'),
  c('吨', 'weight'),
  c('公斤', 'weight', '吨', 0.001),
  // people
  c('人', 'person'),
  c('名', 'person', '人'),
  c('位', 'person', '人'),
  c('人次', 'person'),
  c('人·次', 'person', '人次'),
  c('人月', 'person'),
  // length
  c('米', 'length'),
  c('延米', 'length', '米'),
  c('公里', 'length', '米', 1000),
  c('千米', 'length', '米', 1000),
  c('km', 'length', '米', 1000),
  // area
  c('平方米', 'area'),
  c('平米', 'area', '平方米'),
  c('㎡', 'area', '平方米'),
  c('万平方米', 'area', '平方米', 1e4),
  c('平方公里', 'area', '平方米', 1e6),
  c('公顷', 'area', '平方米', 1e4),
  c('亩', 'area', '亩'),
  c('万亩', 'area', '亩', 1e4),
  c('立方米', 'volume'),
  c('万立方米', 'volume', '立方米', 1e4),
  // money
  c('元', 'money'),
  c('千元', 'money', '元', 1e3),
  c('万元', 'money', '元', 1e4),
  c('亿元', 'money', '元', 1e8),
  // time
  c('小时', 'time', '小时', 1, ['个小时']),
  c('天', 'time', '天'),
  c('个工作日', 'time', '天'),
  c('工作日', 'time', '天'),
  c('个月', 'time', '月'),
  c('周', 'time', '天', 7),
  // power
  c('千瓦', 'power'),
  // percent
  c('%', 'percent'),
  c('‰', 'percent', '%', 0.1),
  c('个百分点', 'points'),
  c('百分点', 'points', '个百分点'),
];

type Spelling = { text: string; def: UnitDef };

/**
 * A compiled unit table: every spelling (unit and aliases) sorted longest first, and the same list split by first
 * character (so that matching at a position only tries the spellings that can start there; an empty spelling, which
 * matches anywhere, is kept apart).
 */
export type UnitTable = {
  spellings: Spelling[];
  byFirst: Map<number, Spelling[]>;
  empty: Spelling | null;
  byUnit: Map<string, UnitDef>;
};

/** Build a unit table from the defaults plus extra entries (extras win on conflicts). */
export function buildUnitTable(extra: UnitDef[] = []): UnitTable {
  const byUnit = new Map<string, UnitDef>();
  for (const u of [...DEFAULT_UNITS, ...extra]) byUnit.set(u.unit, u);
  const spellings: Spelling[] = [];
  for (const def of byUnit.values()) {
    spellings.push({ text: def.unit, def });
    for (const a of def.aliases ?? []) spellings.push({ text: a, def });
  }
  spellings.sort((a, b) => b.text.length - a.text.length);
  const byFirst = new Map<number, Spelling[]>();
  for (const s of spellings) {
    const first = s.text.charCodeAt(0);
    if (s.text !== '') byFirst.set(first, [...(byFirst.get(first) ?? []), s]);
  }
  return { spellings, byFirst, empty: spellings.find((s) => s.text === '') ?? null, byUnit };
}

const DEFAULT_TABLE = buildUnitTable();
const NO_SPELLINGS: Spelling[] = [];

/** The default table, or a table with extras. */
export function unitTable(extra?: UnitDef[]): UnitTable {
  return extra && extra.length > 0 ? buildUnitTable(extra) : DEFAULT_TABLE;
}

/** Longest unit spelling at position i of text, or null. */
export function matchUnit(text: string, i: number, table: UnitTable): { text: string; def: UnitDef } | null {
  for (const s of table.byFirst.get(text.charCodeAt(i)) ?? NO_SPELLINGS) if (text.startsWith(s.text, i)) return s;
  return table.empty;
}

/** Look up a unit (or an "元/月"-style rate: the part before the slash). */
export function unitDef(unit: string, table: UnitTable = DEFAULT_TABLE): UnitDef | null {
  return table.byUnit.get(unit) ?? table.byUnit.get(unit.split('/')[0] ?? '') ?? null;
}

/** Convert a value to the base unit of its unit; null when the unit is unknown. */
export function toBase(
  value: number,
  unit: string,
  table: UnitTable = DEFAULT_TABLE,
): { value: number; base: string } | null {
  const d = unitDef(unit, table);
  if (!d) return null;
  return { value: value * d.factor, base: unit.includes('/') ? `${d.base}${unit.slice(unit.indexOf('/'))}` : d.base };
}

/** Units whose values are compared (same base). */
export function sameBase(a: string, b: string, table: UnitTable = DEFAULT_TABLE): boolean {
  const x = toBase(1, a, table);
  const y = toBase(1, b, table);
  return x !== null && y !== null && x.base === y.base;
}

/** Category of a unit, or null. */
export function unitCategory(unit: string, table: UnitTable = DEFAULT_TABLE): UnitCategory | null {
  return unitDef(unit, table)?.category ?? null;
}

/** A unit as written (a unit name or one of its spellings), or null. */
function lookupUnit(unit: string, table: UnitTable): UnitDef | null {
  return unitDef(unit, table) ?? table.spellings.find((s) => s.text === unit)?.def ?? null;
}

/** The value in another unit of the same base (3960 米 → 3.96 公里); null when the units cannot be compared. */
export function convertValue(value: number, from: string, to: string, table: UnitTable = DEFAULT_TABLE): number | null {
  const target = to.trim();
  if (!target) return null;
  if (target === from) return value;
  const a = lookupUnit(from, table);
  const b = lookupUnit(target, table);
  if (!a || !b || a.base !== b.base || !b.factor) return null;
  return Math.round(((value * a.factor) / b.factor) * 1e6) / 1e6;
}
