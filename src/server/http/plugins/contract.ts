/**
 * The HTTP contract on the server: zod validation and serialisation of every route from the schemas in
 * src/shared/contract (through fastify-type-provider-zod's type provider), the route table (for 405 answers and the
 * contract tests), and `routeOf`, which turns a shared endpoint description into Fastify route options.
 */
import type { FastifyInstance, FastifySchemaCompiler, FastifySerializerCompiler, RouteOptions } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Endpoint } from '../../../shared/contract/endpoint';
import { controlCharIssues } from '../../../shared/control-chars';
import { AppError } from '../../errors';
import { validationError } from '../validate';

/** One registered route, as collected by the onRoute hook. */
export type RouteEntry = Pick<RouteOptions, 'method' | 'url' | 'schema'>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered on this app (method, url, schema), in registration order. */
    routeTable: RouteEntry[];
  }
}

/**
 * Request validation. First, every string of params, query and JSON body (values and keys, whatever the schema says)
 * is checked for control characters (shared/control-chars.ts): 400 VALIDATION naming the field. Doing it here rather
 * than in each zod string schema means a future route or field cannot forget it — every route's input passes this
 * compiler — and it also covers record keys and fields a schema would strip. Then zod: params failures answer 404
 * "…不存在或无权访问" (a malformed id is an unknown id); body and query failures answer 400 VALIDATION with a Chinese
 * message naming the field and `details.issues`. A missing JSON body is read as `{}`, so required fields are named.
 * Multipart bodies are read by the route itself, through parseInput (validate.ts), which makes the same check.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart, contentType }) => {
  if (httpPart === 'body' && contentType?.startsWith('multipart/')) return (data) => ({ value: data });
  return (data) => {
    const control = controlCharIssues(data);
    if (control.length) return { error: validationError(control) };
    const res = schema.safeParse(httpPart === 'body' && data == null ? {} : data);
    if (res.success) return { value: res.data };
    if (httpPart === 'params')
      return { error: new AppError('NOT_FOUND', res.error.issues[0]?.message ?? '记录不存在或无权访问') };
    return { error: validationError(res.error.issues) };
  };
};

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);

/** Paths of fields present in `sent` that the serialised `kept` lost (at most `max`). */
export function droppedFields(sent: unknown, kept: unknown, path = '', max = 10, out: string[] = []): string[] {
  if (out.length >= max) return out;
  if (Array.isArray(sent) && Array.isArray(kept)) {
    for (let i = 0; i < sent.length && out.length < max; i++)
      droppedFields(sent[i], kept[i], `${path}[${i}]`, max, out);
  } else if (isRecord(sent) && isRecord(kept)) {
    for (const [k, v] of Object.entries(sent)) {
      if (v === undefined) continue;
      if (!(k in kept)) out.push(`${path}.${k}`);
      else droppedFields(v, kept[k], `${path}.${k}`, max, out);
      if (out.length >= max) break;
    }
  }
  return out;
}

/**
 * Thrown in strict mode (tests) when a response does not match its schema or carries fields the schema does not
 * declare (they would be dropped silently). The error handler shows the reason, so a test failure names the field.
 */
export class ResponseContractError extends Error {
  constructor(method: string, url: string, problem: string) {
    super(`response of ${method} ${url} breaks its schema: ${problem}`);
    this.name = 'ResponseContractError';
  }
}

/**
 * Response serialisation through the route's zod schema (unknown keys are stripped, a wrong shape is a 500). With
 * `strict` (tests), a field the handler returned but the schema does not declare is an error instead of silently
 * dropped, so schemas stay complete.
 */
export function zodSerializerCompiler(strict: boolean): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url }) =>
    (data) => {
      const res = z.safeEncode(schema, data);
      if (!res.success) {
        if (strict) throw new ResponseContractError(method, url, z.prettifyError(res.error));
        throw new ResponseSerializationError(method, url, { cause: res.error });
      }
      if (strict) {
        const lost = droppedFields(data, res.data);
        if (lost.length) throw new ResponseContractError(method, url, `undeclared fields ${lost.join(', ')}`);
      }
      return JSON.stringify(res.data);
    };
}

/** Install the zod compilers and the route table. Call before any route is registered. */
export function registerContract(app: FastifyInstance, opts: { strictResponses: boolean }) {
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler(opts.strictResponses));
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (r) => {
    table.push({ method: r.method, url: r.url, schema: r.schema });
  });
  // JSON sent as ready-made text (cached read models) bypasses the serialiser; in strict mode check it as well.
  if (opts.strictResponses)
    app.addHook('onSend', async (req, reply, payload) => {
      if (typeof payload !== 'string' || !/json/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
      const responses = reply.routeOptions.schema?.response as Record<string, unknown> | undefined;
      const schema = responses?.[reply.statusCode];
      if (!(schema instanceof z.ZodType)) return payload;
      zodSerializerCompiler(true)({
        schema,
        method: req.method,
        url: reply.routeOptions.url ?? req.url,
        httpStatus: String(reply.statusCode),
      })(JSON.parse(payload));
      return payload;
    });
}

/** Fastify path pattern → RegExp matching concrete paths (`:id` = one segment, `*` = the rest). */
function patternOf(url: string): RegExp {
  const src = url
    .split(/(:[A-Za-z_]\w*|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${src}$`);
}

/** Methods some route answers for this concrete path (empty when the path is unknown). */
export function allowedMethods(app: FastifyInstance, path: string): string[] {
  const methods = new Set<string>();
  for (const r of app.routeTable) if (patternOf(r.url).test(path)) for (const m of [r.method].flat()) methods.add(m);
  return [...methods].sort();
}

type StatusOf<E extends Endpoint> = E['status'] extends 201 ? 201 : 200;

/** Route schema of an endpoint, typed so the type provider infers params, body and the reply from it. */
export type RouteSchemaOf<E extends Endpoint> = {
  params: E['params'];
  querystring: E['query'];
  body: E['multipart'] extends z.ZodType ? unknown : E['body'];
  response: { [K in StatusOf<E>]: E['file'] extends string ? unknown : E['response'] };
  summary: string;
  tags: string[];
  security?: Record<string, string[]>[];
};

/** The session cookie (and, on state-changing requests, the CSRF header) an authenticated endpoint needs. */
const security = (e: Endpoint) =>
  e.anonymous ? [] : e.method === 'GET' ? [{ session: [] }] : [{ session: [], csrf: [] }];

/** Fastify route options (method, url, schema) of a shared endpoint description. */
export function routeOf<const E extends Endpoint>(
  e: E,
): { method: E['method']; url: E['path']; schema: RouteSchemaOf<E> } {
  const status = e.status ?? 200;
  const schema: Record<string, unknown> = {
    summary: e.summary,
    tags: [e.tag],
    security: security(e),
    response: {
      [status]: e.file ? { description: e.summary, content: { [e.file]: { schema: e.response } } } : e.response,
    },
  };
  if (e.params) schema.params = e.params;
  if (e.query) schema.querystring = e.query;
  if (e.body)
    schema.body = e.multipart
      ? { content: { 'application/json': { schema: e.body }, 'multipart/form-data': { schema: e.multipart } } }
      : e.body;
  return { method: e.method, url: e.path, schema: schema as RouteSchemaOf<E> };
}
