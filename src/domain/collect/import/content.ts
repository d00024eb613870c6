/**
 * What a cell's content looks like, for decisions the header alone cannot make: a 备注 column that really holds the
 * responsible units, a 单位 column that holds counties rather than units of measurement, a 目标任务 column of bare
 * numbers (a target number, not a target sentence), total rows (合计, 全市) and region rows.
 */
import { toSimplified } from '../../text/hant';
import { cleanText, isEmptyMarker } from './text';

const NUMBER_CELL = /^(?:约|近|超|逾|共|累计)?\s*[-+]?\d[\d,，]*(?:\.\d+)?\s*(?:万|亿|千)?\s*(?:[^\d\s]{0,4})$/;

/** A number as written in a numeric column ("1360", "5.2", "7,854", "139.1%", "60元", "约200"). */
export function isNumberCell(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = cleanText(text).normalize('NFKC');
  if (!t || t.length > 16) return false;
  return NUMBER_CELL.test(t);
}

const MEASURE =
  /^(?:万|亿|千|百)?(?:个|家|张|台|户|人|名|人次|场|场次|件|所|座|条|公里|千米|米|平方米|立方米|套|处|点位|课时|元|吨|亩|%|个百分点|床|张床|辆|间|只|项|次|班|校|园|村|站|剂次|例|册|台套|块|栋|幢|宗|批|部|支|头|株|棵|公顷|千瓦|兆瓦|小时)(?:\/.{1,6})?$/;

/** A unit of measurement ("个", "万人", "公里", "元/月/人", "%"). */
export function isMeasureUnit(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = toSimplified(cleanText(text)).normalize('NFKC').replace(/\s+/g, '');
  return t.length > 0 && t.length <= 8 && MEASURE.test(t);
}

const ORG_END =
  /(局|委|办|院|中心|街道|镇|乡|公司|站|所|会|部|处|队|团|政府|室|署|厅|集团|委员会|支队|大队|办公室|管委会|指挥部|银行|小组|联|科|馆|台)$/;

/** An organisation name ("区民政局", "县教体局", "团区委、区教育局"). */
export function isUnitName(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = toSimplified(cleanText(text));
  if (!t || t.length > 40 || /[。；;：:]/.test(t)) return false;
  const parts = t.split(/[、，,\s/]+/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.length <= 20 && ORG_END.test(p.replace(/[（(][^)）]*[)）]$/, '')));
}

const TOTAL_WORDS =
  /^(?:合计|总计|共计|小计|总体|全市|全省|全区|全县|全州|全镇|全盟|全旗|全市合计|全省合计|全区合计|全县合计|总数)$/;

/** A total row's label (合计, 总计, 全市, 全省, 全区 …; traditional characters too). */
export function isTotalLabel(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = toSimplified(cleanText(text)).normalize('NFKC').replace(/\s+/g, '');
  return TOTAL_WORDS.test(t);
}

const REGION_END = /(区|县|市|镇|乡|街道|社区|村|州|旗|盟|新区|本级|开发区|园区|管委会|示范区|片区)$/;

/** A region / area name as a row label ("东坡区", "仁寿县", "市本级", "东湖街道"). */
export function isRegionName(text: string | null | undefined): boolean {
  if (!text) return false;
  const t = toSimplified(cleanText(text)).replace(/\s+/g, '');
  return t.length >= 2 && t.length <= 12 && !/\d/.test(t) && REGION_END.test(t);
}

/** Share of the non-empty cells (empty markers excluded) that pass `test`; 0 when there are none. */
export function shareOf(cells: (string | undefined)[], test: (t: string) => boolean): { share: number; n: number } {
  let n = 0;
  let ok = 0;
  for (const c of cells) {
    if (!c || isEmptyMarker(c)) continue;
    n++;
    if (test(c)) ok++;
  }
  return { share: n ? ok / n : 0, n };
}

/** Plain numeric value of a cell for the total check ("7,854" → 7854, "5.2" → 5.2, "139.1%" → null). */
export function plainNumber(text: string | null | undefined): number | null {
  if (!text) return null;
  const t = cleanText(text)
    .normalize('NFKC')
    .replace(/[,，\s]/g, '');
  const m = /^(?:约|近|共|累计)?(-?\d+(?:\.\d+)?)(万|亿)?(?:[^\d%.]{0,4})$/.exec(t);
  if (!m) return null;
  const v = Number(m[1]);
  return m[2] === '万' ? v * 1e4 : m[2] === '亿' ? v * 1e8 : v;
}
