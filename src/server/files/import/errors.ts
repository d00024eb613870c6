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
  | 'MACRO'
  | 'XML_DOCTYPE'
  | 'XML_INVALID'
  | 'TOO_MANY_ROWS'
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
  /** Most rows read from one table/sheet. */
  maxRows: number;
  /** Most columns read from one table/sheet. */
  maxColumns: number;
};

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: LIMITS.importMaxBytes,
  maxZipEntries: 1000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxRows: 50_000,
  maxColumns: 200,
};

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}
