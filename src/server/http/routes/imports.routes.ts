/** Import: upload (multipart) or paste (JSON) → preview; the same input + options → commit. */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildImportPreview } from '../../../domain/import';
import { type ColumnMappingOverride, IMPORT_FIELDS, type ImportField } from '../../../domain/import/types';
import { type ImportOptions, ImportOptionsSchema, PasteImportSchema } from '../../../shared/schemas';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, readImportFile, readPastedText } from '../../files/import';
import { authorize } from '../../services/context';
import { commitImport } from '../../services/imports';
import { ctxOf } from '../plugins/auth';
import { parseInput } from '../validate';

const MAX = DEFAULT_IMPORT_LIMITS.maxFileBytes;

async function readInput(req: FastifyRequest) {
  if (req.isMultipart()) {
    let file: { bytes: Buffer; name: string } | null = null;
    let options: unknown = {};
    for await (const part of req.parts({ limits: { fileSize: MAX, files: 1, fields: 5, fieldSize: 1_000_000 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new ImportFileError('FILE_TOO_LARGE', `文件过大，导入文件不能超过 ${MAX / 1024 / 1024} MB`, 413);
        file = { bytes, name: part.filename };
      } else if (part.fieldname === 'options') {
        try {
          options = JSON.parse(String(part.value));
        } catch {
          throw new AppError('VALIDATION', '字段“options”不是合法的 JSON');
        }
      }
    }
    if (!file) throw new AppError('VALIDATION', '请选择要导入的文件');
    return { read: () => readImportFile(file.bytes, file.name), options: parseInput(ImportOptionsSchema, options) };
  }
  const body = parseInput(PasteImportSchema, req.body);
  return { read: () => readPastedText(body.text), options: body.options ?? {} };
}

function toMapping(options: ImportOptions): ColumnMappingOverride[] | undefined {
  return options.mapping?.map((m) => {
    if (m.field !== null && !IMPORT_FIELDS.includes(m.field as ImportField))
      throw new AppError('VALIDATION', `列映射的目标字段“${m.field}”不存在`);
    return { ...m, field: m.field as ImportField | null };
  });
}

async function preview(db: Db, req: FastifyRequest) {
  const { read, options } = await readInput(req);
  let result: ReturnType<typeof read>;
  try {
    result = read();
  } catch (e) {
    if (e instanceof ImportFileError)
      throw new AppError(e.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', e.message, { code: e.code });
    throw e;
  }
  const orgs = (await db.selectFrom('organizations').select(['id', 'name', 'aliases']).execute()).map((o) => ({
    id: o.id,
    name: o.name,
    aliases: JSON.parse(o.aliases) as string[],
  }));
  const mapping = toMapping(options);
  return { preview: buildImportPreview(result, { orgs, ...(mapping ? { mapping } : {}) }), options, orgs };
}

export async function importsRoutes(app: FastifyInstance, db: Db) {
  await app.register(multipart, { limits: { fileSize: MAX, files: 1 } });
  const bodyLimit = MAX + 1_000_000;
  app.post('/api/imports/preview', { bodyLimit }, async (req) => {
    const ctx = ctxOf(req, db);
    authorize(ctx, 'round:open');
    const { preview: p, orgs } = await preview(db, req);
    return { preview: p, orgs: orgs.map((o) => ({ id: o.id, name: o.name })) };
  });
  app.post('/api/imports/commit', { bodyLimit }, async (req) => {
    const ctx = ctxOf(req, db);
    authorize(ctx, 'round:open');
    const { preview: p, options } = await preview(db, req);
    if (!options.programmeId) throw new AppError('VALIDATION', '字段“实事计划”（programmeId）为必填项');
    return commitImport(ctx, p, {
      programmeId: options.programmeId,
      periodKey: options.periodKey ?? null,
      asOf: options.asOf ?? null,
      unitMapping: options.unitMapping ?? {},
      createUnits: options.createUnits ?? [],
    });
  });
}
