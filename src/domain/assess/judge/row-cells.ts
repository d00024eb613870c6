/**
 * A table row's cells joined by " | " (what `shishi check` gets when someone pastes a row): a lone percentage cell is
 * the published ratio, a lone number (with or without a unit) the reported value in the target's unit; the other cells
 * are the progress text. Pure; the engine then judges it like any statement.
 */
import { normalizeText } from './numerals';
import { parseTarget } from './targets';

/** What a row's cells say: the progress text and the numbers given as data. */
export type RowCells = {
  progress: string;
  values: { value: number; unit: string | null }[];
  publishedRatio: number | null;
};

const LONE_PERCENT = /^(?:约|近)?(\d+(?:\.\d+)?)\s*[%％]$/;
const LONE_NUMBER = /^(?:约|近|累计|共)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([^\d\s%％.,;；。、]{0,4})$/;
const EMPTY = /^(?:[—–\-－/／]+|无|暂无)$/;

/** True when the text looks like cells joined by " | ". */
export function isRowCells(text: string): boolean {
  return /\s\|\s/.test(text);
}

/**
 * Read a row's cells. With a target, a lone number equal to the target's value (the 年度目标数 column) is not the
 * reported value; a 计量单位 cell (a unit alone) gives the unit of the lone numbers.
 */
export function readRowCells(text: string, target?: string): RowCells {
  const cells = text
    .split(/\s*\|\s*/)
    .map((c) => c.trim())
    .filter((c) => c && !EMPTY.test(c));
  // a 序号 cell first ("3 | 新增…") is not a number of the row
  if (cells.length > 2 && /^\d{1,3}[.、]?$/.test(cells[0] ?? '')) cells.shift();
  const subs = target ? parseTarget(target) : [];
  const targetValues = new Set(subs.map((s) => s.value).filter((v): v is number => v !== null));
  const words: string[] = [];
  const numbers: { value: number; unit: string | null }[] = [];
  let publishedRatio: number | null = null;
  let unitCell: string | null = null;
  for (const cell of cells) {
    const c = classifyCell(cell);
    if (c.kind === 'percent' && publishedRatio === null) publishedRatio = c.ratio;
    else if (c.kind === 'number') numbers.push({ value: c.value, unit: c.unit });
    else if (c.kind === 'unit') unitCell = c.unit;
    else words.push(cell);
  }
  // the 年度目标数 cell restates the target; the reported value is the lone number left
  const folded = numbers.map((n) => ({ raw: n, ...fold(n.value, n.unit ?? unitCell) }));
  const reported = folded.length > 1 ? folded.filter((n) => !targetValues.has(n.value)) : folded;
  const values = (reported.length === 1 ? reported : []).map((n) => ({ value: n.value, unit: n.unit }));
  if (reported.length !== 1) words.push(...numbers.map((n) => `${n.value}${n.unit ?? unitCell ?? ''}`));
  return { progress: words.join('；'), values, publishedRatio };
}

type Cell =
  | { kind: 'percent'; ratio: number }
  | { kind: 'number'; value: number; unit: string | null }
  | { kind: 'unit'; unit: string }
  | { kind: 'text' };

/** What one cell is: a lone percentage, a lone number (with its unit), a 计量单位 cell, or text. */
function classifyCell(cell: string): Cell {
  const t = normalizeText(cell).replace(/\s+/g, '');
  const pm = LONE_PERCENT.exec(t);
  if (pm) return { kind: 'percent', ratio: Number((Number(pm[1]) / 100).toPrecision(12)) };
  const nm = LONE_NUMBER.exec(t);
  if (nm) {
    const value = Number(`${(nm[1] ?? '').replace(/,/g, '')}${nm[2] ? `.${nm[2]}` : ''}`);
    return { kind: 'number', value, unit: nm[3] || null };
  }
  if (/^(?:万)?[\u4e00-\u9fff]{1,3}$/.test(t) && !/完成|推进|滞后|正常|偏慢|是|否/.test(t))
    return { kind: 'unit', unit: t };
  return { kind: 'text' };
}

/** 5.6 in a 万人 cell is 56,000 人; 万元/亿元 stay. */
function fold(value: number, unit: string | null): { value: number; unit: string | null } {
  if (!unit || unit === '万元' || unit === '亿元' || !unit.startsWith('万') || unit.length < 2) return { value, unit };
  return { value: Number((value * 1e4).toPrecision(12)), unit: unit.slice(1) };
}
