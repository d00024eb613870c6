/** Rejections of an import file. `message` is shown to the user as is (Chinese). */
import { LIMITS } from '../../../shared/limits';

export type ImportFileErrorCode =
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  | 'LEGACY_FORMAT'
  | 'UNSUPPORTED_TYPE'
  | 'CORRUPT_ZIP'
  | 'ZIP_TOO_MANY_ENTRIES'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_RATIO'
  | 'ZIP_ENCRYPTED'
  | 'ENCRYPTED'
  | 'MACRO'
  | 'XML_DOCTYPE'
  | 'XML_INVALID'
  | 'TOO_MANY_ROWS'
  | 'GRID_TOO_LARGE'
  | 'PARSE_TIMEOUT'
  | 'PARSE_MEMORY'
  | 'TEXT_ENCODING';

export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  /** HTTP status the lead may use: 413 for size limits, 415 for types, 422 otherwise. */
  readonly status: number;
  constructor(code: ImportFileErrorCode, message: string, status = 422) {
    super(message);
    this.name = 'ImportFileError';
    this.code = code;
    this.status = status;
  }
}

export type ImportLimits = {
  /** Largest accepted file, bytes. */
  maxFileBytes: number;
  /** Most entries in a .docx/.xlsx zip. */
  maxZipEntries: number;
  /** Total uncompressed size of the parts that are read, bytes. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio for an entry bigger than 1 MB. */
  maxCompressionRatio: number;
  /** Most data rows read from one table/sheet (the rows of a title and header come on top: maxHeaderRows). */
  maxRows: number;
  /** Rows above the data (title, multi-row header) not counted in maxRows. */
  maxHeaderRows: number;
  /** Most columns read from one table/sheet (cells further right are dropped). */
  maxColumns: number;
  /**
   * Most cells of the expanded grids of one file, all tables together: every slot a span or merge covers counts.
   * Checked while expanding, so a small file with huge spans is refused before the grid is built.
   */
  maxGridCells: number;
  /** Most lines of pasted or uploaded text. */
  maxTextLines: number;
};

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: LIMITS.importMaxBytes,
  maxZipEntries: 1000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 50_000,
  maxHeaderRows: 20,
  maxColumns: 200,
  maxGridCells: 2_000_000,
  maxTextLines: 200_000,
};

/** A table with more rows than the data-row limit plus the header allowance. */
export function tooManyRows(limits: ImportLimits, what = '表格'): ImportFileError {
  return new ImportFileError('TOO_MANY_ROWS', `${what}超过 ${limits.maxRows} 行数据（表头不计），请拆分后再导入`, 413);
}

/** Whether a table of `rows` rows (header included) exceeds the limit. */
export function exceedsRows(rows: number, limits: ImportLimits): boolean {
  return rows > limits.maxRows + limits.maxHeaderRows;
}

/**
 * The expanded-grid budget of one file: `take(n)` before n cells are created; refuses (413) as soon as the cells of
 * all tables together would exceed maxGridCells.
 */
export class CellBudget {
  private used = 0;
  constructor(private readonly limits: ImportLimits) {}
  take(n: number): void {
    this.ensure(n);
    this.used += n;
  }
  /** Refuse now if `n` more cells would not fit (a span's area, checked before any of its cells is made). */
  ensure(n: number): void {
    if (this.used + n > this.limits.maxGridCells) {
      throw new ImportFileError(
        'GRID_TOO_LARGE',
        `表格展开合并单元格后超过 ${this.limits.maxGridCells.toLocaleString('en-US')} 个单元格（每表最多 ${this.limits.maxColumns} 列、${this.limits.maxRows} 行），请拆分或取消合并后再导入`,
        413,
      );
    }
  }
}

/** The longest row's length, without spreading the rows into a call (safe for any number of rows). */
export function widest(rows: readonly { length: number }[]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

/** A size as people read it: 512 字节, 4.0 KB, 1.5 MB. */
export function mb(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
