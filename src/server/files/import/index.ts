export { DEFAULT_IMPORT_LIMITS, ImportFileError, type ImportFileErrorCode, type ImportLimits } from './errors';
export {
  closeParseWorkers,
  DEFAULT_WORKER_LIMITS,
  type ParseJob,
  parseInWorker,
  type WorkerLimits,
  warmParseWorkers,
} from './parse-in-worker';
export { readDocx } from './read-docx';
export { readHtml } from './read-html';
export { type ReadImportOptions, readImportFile, readPastedText } from './read-import-file';
export { detectTextForm, readText } from './read-text';
export { readXlsx } from './read-xlsx';
export { SafeZip } from './safe-zip';
