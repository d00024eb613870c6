import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../errors';
import { droppedFields, ResponseContractError, zodSerializerCompiler, zodValidatorCompiler } from './contract';

const compileSerializer = (strict: boolean, schema: z.ZodType) =>
  zodSerializerCompiler(strict)({ schema, method: 'GET', url: '/api/x', httpStatus: '200' } as never);
const compileValidator = (schema: z.ZodType, httpPart: string, contentType?: string) =>
  zodValidatorCompiler({ schema, method: 'PUT', url: '/api/x/:id', httpPart, contentType } as never);

describe('response serialisation', () => {
  const Row = z.object({
    id: z.string(),
    note: z.string().nullable().optional(),
    tags: z.array(z.object({ a: z.number() })),
  });
  it('strips undeclared fields when not strict, and names them when strict', () => {
    const data = { id: '1', secret: 'x', tags: [{ a: 1, b: 2 }] };
    expect(JSON.parse(compileSerializer(false, Row)(data) as string)).toEqual({ id: '1', tags: [{ a: 1 }] });
    expect(() => compileSerializer(true, Row)(data)).toThrow(ResponseContractError);
    expect(() => compileSerializer(true, Row)(data)).toThrow(/\.secret, \.tags\[0\]\.b/);
  });
  it('rejects a wrong shape (null where the schema has no null)', () => {
    expect(() => compileSerializer(false, Row)({ id: null, tags: [] })).toThrow();
    expect(() => compileSerializer(true, Row)({ id: null, tags: [] })).toThrow(/id/);
  });
  it('lists dropped fields only for values that were present', () => {
    expect(droppedFields({ a: 1, b: undefined, c: { d: 1 } }, { a: 1, c: {} })).toEqual(['.c.d']);
  });
});

describe('request validation', () => {
  const Body = z.strictObject({ baseVersion: z.number().int(), comment: z.string().optional() });
  it('answers 400 VALIDATION naming the field, with paths', () => {
    const res = compileValidator(Body, 'body')({ baseVersion: 'x', extra: 1 }) as { error: AppError };
    expect(res.error).toBeInstanceOf(AppError);
    expect(res.error.code).toBe('VALIDATION');
    expect(res.error.message).toMatch(/基准版本号/);
    expect(res.error.message).toMatch(/不允许的字段/);
    expect(res.error.details).toMatchObject({ issues: [{ path: ['baseVersion'] }, { path: [] }] });
  });
  it('reads a missing body as {} so required fields are named', () => {
    const res = compileValidator(Body, 'body')(null) as { error: AppError };
    expect(res.error.message).toMatch(/基准版本号.*为必填项/);
  });
  it('answers 404 with the schema message for malformed params', () => {
    const Params = z.strictObject({ id: z.string().regex(/^\w+$/, '项目不存在或无权访问') });
    const res = compileValidator(Params, 'params')({ id: 'a b' }) as { error: AppError };
    expect(res.error.code).toBe('NOT_FOUND');
    expect(res.error.message).toBe('项目不存在或无权访问');
    expect(compileValidator(Params, 'params')({ id: 'ab' })).toEqual({ value: { id: 'ab' } });
  });
  it('leaves multipart bodies to the route', () => {
    expect(compileValidator(Body, 'body', 'multipart/form-data')(undefined)).toEqual({ value: undefined });
  });
});

describe('strict mode on a live app', () => {
  it('checks JSON sent as ready-made text against the response schema too', async () => {
    const { default: Fastify } = await import('fastify');
    const { registerContract } = await import('./contract');
    const app = Fastify();
    registerContract(app, { strictResponses: true });
    const response = { 200: z.object({ id: z.string() }) };
    app.get('/ok', { schema: { response } }, async (_req, reply) =>
      reply.header('content-type', 'application/json').send('{"id":"1"}'),
    );
    app.get('/extra', { schema: { response } }, async (_req, reply) =>
      reply.header('content-type', 'application/json').send('{"id":"1","secret":true}'),
    );
    expect((await app.inject({ url: '/ok' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/extra' })).statusCode).toBe(500);
    await app.close();
  });
});
