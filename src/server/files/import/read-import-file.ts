/**
 * Entry points: bytes of an uploaded file → ReadResult (neutral grids + paragraphs); pasted text → ReadResult.
 * Limits: file size first, then the zip checks in SafeZip, DOCTYPE refusal in every XML part, row/column caps, and
 * the expanded-grid bound (maxGridCells: every slot a span or merge covers, counted while expanding). The HTTP
 * routes call these through parse-in-worker.ts (a worker thread with a time and a heap limit).
 */
import type { ReadResult } from '../../../domain/collect/import/types';
import { decodeText, detectKind, detectZipKind } from './detect';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, type ImportLimits, mb } from './errors';
import { readDocx } from './read-docx';
import { readHtml } from './read-html';
import { readText } from './read-text';
import { readXlsx } from './read-xlsx';
import { SafeZip } from './safe-zip';

export type ReadImportOptions = {
  limits?: Partial<ImportLimits>;
  /** Progress of the parse, 0..1 (large files). */
  onProgress?: (fraction: number) => void;
};

export function readImportFile(bytes: Uint8Array, fileName: string, options: ReadImportOptions = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (bytes.length === 0) throw new ImportFileError('EMPTY_FILE', '文件是空的（0 字节），请检查后重新选择');
  if (bytes.length > limits.maxFileBytes) {
    throw new ImportFileError(
      'FILE_TOO_LARGE',
      `文件过大（${mb(bytes.length)}），导入文件不能超过 ${mb(limits.maxFileBytes)}`,
      413,
    );
  }
  const kind = detectKind(bytes, fileName);
  const readOptions = { limits, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  if (kind === 'zip') {
    const zip = new SafeZip(bytes, limits);
    const office = detectZipKind(zip);
    return office === 'docx' ? readDocx(zip, readOptions) : readXlsx(zip, readOptions);
  }
  const text = decodeText(bytes);
  if (!text.trim()) throw new ImportFileError('EMPTY_FILE', '文件中没有任何文字，请检查后重新选择');
  if (/\.html?$/i.test(fileName) || /^\s*<(!doctype html|html|table)[\s>]/i.test(text)) return readHtml(text, limits);
  return readText(text, limits);
}

/** Text pasted into the web app: HTML table markup (from a web page, Word or WPS) or tab-separated text. */
export function readPastedText(text: string, options: { limits?: Partial<ImportLimits> } = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  if (text.length > limits.maxFileBytes) {
    throw new ImportFileError(
      'FILE_TOO_LARGE',
      `粘贴的内容过大（${mb(text.length)}），不能超过 ${mb(limits.maxFileBytes)}`,
      413,
    );
  }
  if (!text.trim()) throw new ImportFileError('EMPTY_FILE', '粘贴的内容是空的');
  if (/<table[\s>]/i.test(text)) return readHtml(text, limits);
  return readText(text, limits);
}
