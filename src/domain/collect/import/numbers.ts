/**
 * Numeric columns of an imported table (计量单位, 年度目标数, 完成数, 完成率, 计划投资, 完成投资) as data: strings as
 * written → numbers with their unit. Pure; used by the import commit, `shishi check` and the tests.
 *
 * - Empty markers (—, /, -, 无, 空白) are no value; thousands separators (1,234 and 1，234) and full-width digits are read.
 * - 万 folding: a count in a 万人 (万户, 万人次, 万个…) column is stored in the base unit (5.6 万人 = 56,000 人); money
 *   stays in 万元 / 亿元 (the unit governments budget in), and units that are themselves units of the engine's table
 *   (万平方米, 万亩, 万立方米) stay as written.
 * - A 完成率 cell is the **published** ratio as a fraction (108% → 1.08), checked against 完成数 ÷ 年度目标数.
 */

/** How a published ratio compares with the one computed from the numbers. */
export type RatioCheck =
  | { status: 'consistent'; computed: number }
  | { status: 'inconsistent'; computed: number }
  | { status: 'none'; computed: number | null };

/** The numeric columns of one row, parsed. Investment amounts are in 万元. */
export type NumericColumns = {
  unit: string | null;
  target: number | null;
  actual: number | null;
  /** Fraction: 1.08 for "108%". */
  publishedRatio: number | null;
  investmentPlanned: number | null;
  investmentDone: number | null;
  ratioCheck: RatioCheck;
};

/** The cells as the import preview carries them. */
export type NumericCells = {
  unit?: string | null;
  targetNumber?: string | null;
  actual?: string | null;
  rate?: string | null;
  investmentPlanned?: string | null;
  investmentDone?: string | null;
};

const EMPTY = /^(?:[—–\-－/／\\、.。…]+|无|暂无|空|空白|n\/?a|null)$/i;

/** Full-width ASCII → ASCII, ideographic space → space (length-preserving). */
function halfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** A cell's number and what follows it ("2160张" → 2160, "张"); null when the cell holds no number. */
export function parseNumberCell(cell: string | null | undefined): { value: number; rest: string } | null {
  if (cell === null || cell === undefined) return null;
  const s = halfWidth(cell)
    .replace(/\s+/g, '')
    .replace(/^(?:约|近|超|共|累计|合计)/, '');
  if (!s || EMPTY.test(s)) return null;
  const m = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(.*)$/.exec(s);
  if (!m) return null;
  const value = Number((m[1] ?? '').replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return { value, rest: (m[2] ?? '').replace(/^(?:余|多)/, '') };
}

/** Units that keep their 万/亿 (money, and the engine's own 万-units). */
const KEEP_MAGNITUDE = new Set(['万元', '亿元', '千元', '万平方米', '万亩', '万立方米']);

/** A value in a 万-unit folded into the base unit: (5.6, 万人) → (56000, 人); money and 万平方米 kept. */
export function foldUnit(value: number, unit: string | null): { value: number; unit: string | null } {
  const u = (unit ?? '').trim().replace(/^[(（]|[)）]$/g, '');
  if (!u) return { value, unit: null };
  if (KEEP_MAGNITUDE.has(u)) return { value, unit: u };
  const m = /^(万|亿|千)(.+)$/.exec(u);
  if (!m) return { value, unit: u };
  const factor = m[1] === '万' ? 1e4 : m[1] === '亿' ? 1e8 : 1e3;
  return { value: Number((value * factor).toPrecision(12)), unit: m[2] ?? null };
}

/** A 完成率 cell as a fraction: "108%" → 1.08, "96.5" → 0.965, "0.85" → 0.85; null when empty. */
export function parseRateCell(cell: string | null | undefined): { ratio: number; decimals: number } | null {
  const n = parseNumberCell(cell);
  if (!n) return null;
  const decimals = (/\.(\d+)/.exec(halfWidth(cell ?? ''))?.[1] ?? '').length;
  const percent = /^[%％]/.test(n.rest) || n.rest.startsWith('百分');
  // without a % sign: a number above 2 is a percentage (96.5), below is a fraction (0.85)
  const ratio = percent || n.value > 2 ? n.value / 100 : n.value;
  return {
    ratio: Number(ratio.toPrecision(12)),
    decimals: percent || n.value > 2 ? decimals : Math.max(0, decimals - 2),
  };
}

/** An amount in 万元 ("120" in a 万元 column, "1.2亿元", "300万", "850000元"). */
export function parseMoneyCell(cell: string | null | undefined): number | null {
  const n = parseNumberCell(cell);
  if (!n) return null;
  const rest = n.rest.replace(/^[(（]|[)）]$/g, '');
  if (rest.startsWith('亿')) return Number((n.value * 1e4).toPrecision(12));
  if (rest.startsWith('千元')) return Number((n.value / 10).toPrecision(12));
  if (rest === '元') return Number((n.value / 1e4).toPrecision(12));
  return n.value;
}

/** A count cell with the row's unit column (or the unit written in the cell) folded: value in the base unit. */
function countOf(
  cell: string | null | undefined,
  unitColumn: string | null,
): { value: number; unit: string | null } | null {
  const n = parseNumberCell(cell);
  if (!n) return null;
  const written = n.rest.replace(/^[(（]|[)）]$/g, '').trim();
  return foldUnit(n.value, unitColumn || written || null);
}

/** Published ratio vs actual ÷ target: consistent within half a unit of the published last decimal (+0.05 point). */
export function checkRatio(
  published: { ratio: number; decimals: number } | null,
  target: number | null,
  actual: number | null,
): RatioCheck {
  const computed = target && actual !== null ? actual / target : null;
  if (!published || computed === null) return { status: 'none', computed };
  const tolerancePoints = 0.5 * 10 ** -published.decimals + 0.05;
  const off = Math.abs(published.ratio - computed) * 100;
  return { status: off <= tolerancePoints ? 'consistent' : 'inconsistent', computed };
}

/** Parse a row's numeric cells. */
export function parseNumericColumns(cells: NumericCells): NumericColumns {
  const unitColumn = (cells.unit ?? '').trim() || null;
  const target = countOf(cells.targetNumber, unitColumn);
  const actual = countOf(cells.actual, unitColumn);
  const rate = parseRateCell(cells.rate);
  const unit = target?.unit ?? actual?.unit ?? foldUnit(1, unitColumn).unit;
  return {
    unit,
    target: target?.value ?? null,
    actual: actual?.value ?? null,
    publishedRatio: rate?.ratio ?? null,
    investmentPlanned: parseMoneyCell(cells.investmentPlanned),
    investmentDone: parseMoneyCell(cells.investmentDone),
    ratioCheck: checkRatio(rate, target?.value ?? null, actual?.value ?? null),
  };
}

/** True when the row has any numeric cell. */
export function hasNumbers(n: NumericColumns): boolean {
  return (
    n.target !== null ||
    n.actual !== null ||
    n.publishedRatio !== null ||
    n.investmentPlanned !== null ||
    n.investmentDone !== null
  );
}
