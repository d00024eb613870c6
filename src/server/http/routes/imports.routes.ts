/** Import: upload (multipart) or paste (JSON) → preview; the same input + options → commit. */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PreviewOptions } from '../../../domain/collect/import/preview';
import { type ColumnMappingOverride, IMPORT_FIELDS, type ImportField } from '../../../domain/collect/import/types';
import { API } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/errors';
import { type ImportOptions, ImportOptionsSchema, PasteImportSchema } from '../../../shared/schemas';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import { DEFAULT_IMPORT_LIMITS, ImportFileError } from '../../files/import';
import { previewInWorker, warmParseWorkers } from '../../files/import/parse-in-worker';
import { commitImport, importDifferences, listOrgsForMatching } from '../../services/collect/import-commit';
import { authorize } from '../../services/context';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';
import { parseInput } from '../validate';

/** The upload limit: AppOptions.uploadLimit (UPLOAD_LIMIT), at most the readers' default. */
const maxOf = (app: FastifyInstance) => Math.min(app.uploadLimit, DEFAULT_IMPORT_LIMITS.maxFileBytes);

/** A rejected file: too large → 413, not a readable type (picture, .doc, macro) → 415, unreadable content → 400. */
const IMPORT_ERROR_CODES: Record<number, ErrorCode> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

async function readInput(req: FastifyRequest) {
  const MAX = maxOf(req.server);
  if (req.isMultipart()) {
    let file: { bytes: Buffer; name: string } | null = null;
    let options: unknown = {};
    for await (const part of req.parts({ limits: { fileSize: MAX, files: 1, fields: 5, fieldSize: 1_000_000 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new ImportFileError(
            'FILE_TOO_LARGE',
            `文件过大，导入文件不能超过 ${+(MAX / 1024 / 1024).toFixed(1)} MB`,
            413,
          );
        file = { bytes, name: part.filename };
      } else if (part.fieldname === 'options') {
        try {
          options = JSON.parse(String(part.value));
        } catch {
          throw new AppError('VALIDATION', '字段“options”不是合法的 JSON', {
            issues: [{ path: ['options'], message: '不是合法的 JSON' }],
          });
        }
      }
    }
    if (!file)
      throw new AppError('VALIDATION', '请选择要导入的文件', {
        issues: [{ path: ['file'], message: '请选择要导入的文件' }],
      });
    return {
      read: (preview: PreviewOptions) =>
        previewInWorker(
          { kind: 'file', bytes: file.bytes, fileName: file.name, limits: { maxFileBytes: MAX } },
          preview,
        ),
      options: parseInput(ImportOptionsSchema, options),
    };
  }
  // JSON (pasted text): already validated by the route schema when sent as application/json.
  const body = parseInput(PasteImportSchema, req.body);
  return {
    read: (preview: PreviewOptions) => previewInWorker({ kind: 'paste', text: body.text }, preview),
    options: body.options ?? {},
  };
}

function toMapping(options: ImportOptions): ColumnMappingOverride[] | undefined {
  return options.mapping?.map((m) => {
    if (m.field !== null && !IMPORT_FIELDS.includes(m.field as ImportField))
      throw new AppError('VALIDATION', `列映射的目标字段“${m.field}”不存在`, {
        issues: [{ path: ['options', 'mapping'], message: `目标字段“${m.field}”不存在` }],
      });
    return { ...m, field: m.field as ImportField | null };
  });
}

async function preview(db: Db, req: FastifyRequest) {
  const { read, options } = await readInput(req);
  // Only the organisations the actor acts for can be matched or mapped to.
  const orgs = await listOrgsForMatching(db, req.session?.actor ?? null);
  const mapping = toMapping(options);
  // Read and previewed in a worker thread (time and memory limits): the event loop keeps serving other requests.
  try {
    const preview = await read({ orgs, ...(mapping ? { mapping } : {}) });
    return { preview, options, orgs };
  } catch (e) {
    if (e instanceof ImportFileError)
      throw new AppError(IMPORT_ERROR_CODES[e.status] ?? 'BAD_REQUEST', e.message, { code: e.code });
    throw e;
  }
}

export async function importsRoutes(app: FastifyInstance, db: Db) {
  const MAX = maxOf(app);
  await app.register(multipart, { limits: { fileSize: MAX, files: 1 } });
  // A listening server starts a parse worker ahead of the first import (not app.inject() in tests).
  app.addHook('onListen', async () => warmParseWorkers());
  const bodyLimit = MAX + 1_000_000;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.importPreview),
    bodyLimit,
    handler: async (req) => {
      const ctx = ctxOf(req, db);
      authorize(ctx, 'import:preview', {});
      const { preview: p, orgs, options } = await preview(db, req);
      // With a programme chosen: what the file would change in its existing data (re-import).
      const differences = options.programmeId
        ? await importDifferences(ctx, p, { ...options, programmeId: options.programmeId })
        : [];
      return { preview: p, orgs: orgs.map((o) => ({ id: o.id, name: o.name })), differences };
    },
  });
  r.route({
    ...routeOf(API.importCommit),
    bodyLimit,
    handler: async (req) => {
      const ctx = ctxOf(req, db);
      // Reading the file needs the import right somewhere; commitImport checks it on the chosen programme.
      authorize(ctx, 'import:preview', {});
      const { preview: p, options } = await preview(db, req);
      if (!options.programmeId)
        throw new AppError('VALIDATION', '请选择要导入的实事计划（字段“实事计划”为必填项）', {
          issues: [{ path: ['options', 'programmeId'], message: '为必填项' }],
        });
      return commitImport(ctx, p, {
        programmeId: options.programmeId,
        periodKey: options.periodKey ?? null,
        asOf: options.asOf ?? null,
        unitMapping: options.unitMapping ?? {},
        createUnits: options.createUnits ?? [],
        accept: options.accept ?? [],
        approvedBy: options.approvedBy ?? null,
        adjustReason: options.adjustReason ?? null,
      });
    },
  });
}
