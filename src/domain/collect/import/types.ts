/**
 * Import engine data shapes. The readers (server/files/import) turn a Word/Excel/text/HTML file into the neutral
 * `ReadResult`; the pure mapping here turns it into an `ImportPreview`. Nothing in this folder does I/O.
 */
import { IMPORT_FIELDS, type ImportPreviewWire } from '../../../shared/contract/imports';

/** One cell of a neutral grid. `text` is already carried into every cell a merge covers. */
export type GridCell = {
  text: string;
  /** Background colour as RRGGBB (upper case) when the source had one (w:shd w:fill, xlsx patternFill, HTML bgcolor). */
  fill?: string;
  /** Colour of a "▋"-like glyph in the cell (run colour / highlight), RRGGBB. */
  glyphColor?: string;
  /** Set on cells that a merge covers: 'h' = copied from the cell to the left, 'v' = from the cell above. */
  merged?: 'h' | 'v';
  /** Where the merge starts (row, column) when `merged` is set. */
  origin?: [number, number];
  /** True when the source stored a number (xlsx numeric cell). */
  numeric?: boolean;
  /** True when the source could not decode the cell (xlsx error value, undecodable bytes). */
  unreadable?: boolean;
};

export type GridRow = GridCell[];

export type GridSource = 'docx' | 'xlsx' | 'text' | 'html';

export type Grid = {
  /** Sheet name (xlsx) or "表格N". */
  name: string;
  source: GridSource;
  rows: GridRow[];
  /** Index into `ReadResult.paragraphs` of the first paragraph after this table (= number of paragraphs before it). */
  paragraphIndex: number;
  /** Rows flagged by the source as repeated header rows (w:tblHeader). */
  headerRows?: number[];
  /** True when rows may have different widths because the source lost merge information (text copies). */
  ragged?: boolean;
};

export type ReadKind = 'docx' | 'xlsx' | 'text' | 'html';

/** What a reader returns: tables in document order plus the text outside tables. */
export type ReadResult = {
  kind: ReadKind;
  /** Text form detected for text copies: tsv, lines (one cell per line), pipe (cells ending in " |"), narrative, html. */
  form?: string;
  tables: Grid[];
  /** Paragraphs outside tables, in document order (titles, date lines, notes, narrative items). */
  paragraphs: string[];
  /** Non-fatal problems found while reading (Chinese messages). */
  warnings: ImportWarning[];
};

/** Fields a column can be mapped to (the list is part of the HTTP contract: shared/contract/imports.ts). */
export { IMPORT_FIELDS };
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Chinese label of each field (for previews and messages). */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  seq: '序号',
  code: '项目编号',
  category: '项目分类',
  matter: '民生事项',
  name: '项目名称',
  annualTarget: '年度目标',
  periodTarget: '本期目标',
  progress: '进展情况',
  selfAssessment: '进度自评',
  evaluation: '进度评价',
  problems: '存在问题',
  nextSteps: '下一步工作',
  problemsAndNextSteps: '存在问题及下一步工作计划',
  leadUnits: '牵头单位',
  assistUnits: '协办单位',
  cohostUnits: '共同主办单位',
  unit: '计量单位',
  region: '县区',
  actual: '完成数',
  rate: '完成率',
  remarks: '备注',
  people: '责任人',
  investment: '投资',
  deadline: '完成时限',
  targetNumber: '年度目标数',
  investmentPlanned: '计划投资',
  investmentDone: '完成投资',
};

export type ImportWarning = {
  code: string;
  message: string;
  /** Table index (0-based) in ReadResult.tables. */
  table?: number;
  /** Row index (0-based) in that table's grid, or paragraph index for narrative items. */
  row?: number;
  /** Column index (0-based). */
  column?: number;
};

export type PeriodInfo =
  | { type: 'month'; index: number }
  | { type: 'quarter'; index: number }
  | { type: 'half'; index: number }
  | { type: 'year' }
  | { type: 'range'; from: number; to: number };

export type RoundInfo = {
  /** The title line as found (artefacts removed). */
  title: string | null;
  /** 龙华区, 宝山区 … (null when the title does not name one). */
  government: string | null;
  /** 民生实事 / 政府实事项目 / 为民办实事 … */
  programme: string | null;
  /** The unit that reports this table, e.g. "龙华街道" from "（龙华街道主办）". */
  reportingUnit: string | null;
  year: number | null;
  period: PeriodInfo | null;
  /** Period key in the periods.ts format (2023-Q3, 2022-M08, 2022-H1, 2022) when it can be derived. */
  periodKey: string | null;
  /** YYYY-MM-DD. */
  asOf: string | null;
  /** True when asOf was derived from the period rather than read ("截至…"). */
  asOfInferred: boolean;
};

export type SubTarget = { text: string; progress: string | null };

/** One region's / unit's share of a project broken down by region (one table row per city, county or street). */
export type BreakdownEntry = {
  unit: string;
  target: string | null;
  actual: string | null;
  rate: string | null;
  progress: string | null;
};

export type ImportItem = {
  /** Where it came from: table index and grid row (0-based); for narrative items table = -1 and row = paragraph index. */
  row: { table: number; row: number };
  code: string | null;
  /** For sub-items without their own number: the code of the item above them. */
  parentCode: string | null;
  /** 件号 when the table has one next to the project code. */
  matterNumber: string | null;
  name: string | null;
  category: string | null;
  matter: string | null;
  annualTarget: string | null;
  periodTarget: string | null;
  progress: string | null;
  selfAssessment: string | null;
  evaluation: string | null;
  problems: string | null;
  nextSteps: string | null;
  leadUnits: string[];
  assistUnits: string[];
  cohostUnits: string[];
  levels: string[];
  flags: string[];
  /** Value of a 单位 (unit of measurement) column, when the table has one. */
  unit: string | null;
  /** Value of a 县区/地区 column, when the table has one. */
  region: string | null;
  actual: string | null;
  rate: string | null;
  /** Numeric columns as written (计划数/年度目标数, 计划投资, 完成投资); parsed by numbers.ts. */
  targetNumber: string | null;
  investmentPlanned: string | null;
  investmentDone: string | null;
  /** A 合计/全市/全省 row: a total, not a project. */
  isTotal: boolean;
  remarks: string | null;
  subTargets: SubTarget[];
  /** Per-region/per-unit rows of a breakdown table, folded into this one project (empty otherwise). */
  breakdown: BreakdownEntry[];
  /** Cells of columns that map to no item field, keyed by header text (nothing is thrown away). */
  extra: Record<string, string>;
  warnings: ImportWarning[];
};

export type ColumnInfo = { index: number; header: string; field: ImportField | null; overridden?: boolean };

export type TableColumns = {
  table: number;
  name: string;
  /** Grid rows that make up the header (empty when the table continues the previous table's header). */
  headerRows: number[];
  columns: ColumnInfo[];
  /** Table was not imported (no header found, or not a project table). */
  skipped?: boolean;
};

/** A user-supplied column mapping override: by header text, or by column index (optionally limited to one table). */
export type ColumnMappingOverride = {
  header?: string;
  column?: number;
  table?: number;
  /** null = ignore this column. */
  field: ImportField | null;
};

export type OrgRef = { id: string; name: string; aliases?: string[] };

export type UnitMatch = { name: string; orgId: string; orgName: string; via: 'exact' | 'alias' | 'normalized' };

export type UnitMatchResult = {
  matched: UnitMatch[];
  /** Names found in the file that match no organisation: to be mapped or created by the user, never silently. */
  unknown: string[];
  /** Collective names ("各街道", "各相关社区工作站") that stand for several units. */
  collective: string[];
};

export type ImportPreview = {
  round: RoundInfo;
  items: ImportItem[];
  warnings: ImportWarning[];
  columns: TableColumns[];
  units: UnitMatchResult;
  /** Notes found around the table (rules about lagging projects, 注： rows). */
  notes: string[];
  source: { kind: ReadKind; form: string | null; tables: number; paragraphs: number };
};

/**
 * The preview travels as shared/contract/imports.ts ImportPreviewSchema (the response is serialised from it, and
 * unknown fields would be dropped). This fails to compile when the two shapes differ in any field.
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type PreviewMatchesWire = Assert<Same<ImportPreview, ImportPreviewWire>>;
