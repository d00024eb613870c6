/**
 * OpenAPI 3 generated from the routes' zod schemas (@fastify/swagger + the type provider's JSON-schema transform),
 * served at /api/openapi.json and browsable at /api/docs (Swagger UI, assets served locally). Staff only by default.
 */
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createJsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API } from '../../../shared/contract';
import { ApiErrorBodySchema } from '../../../shared/errors';
import { AppError } from '../../errors';
import { mayEverDo } from '../../services/context';
import { SESSION_COOKIE } from './auth';
import { routeOf } from './contract';

/** Who may read the API description: staff (admin, supervisor), nobody (not served), or everyone. */
export type ApiDocsMode = 'staff' | 'off' | 'public';

export const DOCS_PREFIX = '/api/docs';

const base = createJsonSchemaTransform({ skipList: [] });

const errorJson = (() => {
  const { $schema: _, ...json } = z.toJSONSchema(ApiErrorBodySchema, { target: 'openapi-3.0' }) as Record<
    string,
    unknown
  >;
  return json;
})();

/**
 * The type provider's transform, plus: routes outside /api (the web app's files) and the docs UI itself are hidden;
 * per-content-type bodies (JSON or multipart) are converted one by one; every operation documents the error shape.
 */
const transform: SwaggerTransform = (doc) => {
  const { url } = doc;
  const schema = (doc.schema ?? {}) as Record<string, unknown>;
  if (!url.startsWith('/api/') || url.startsWith(DOCS_PREFIX)) return { schema: { hide: true } as never, url };
  const body = schema.body as { content?: Record<string, { schema: unknown }> } | undefined;
  const { body: _, ...rest } = schema;
  const out = base({ ...doc, schema: (body?.content ? rest : schema) as never });
  const result = out.schema as Record<string, unknown>;
  if (body?.content)
    result.body = {
      content: Object.fromEntries(
        Object.entries(body.content).map(([type, c]) => [
          type,
          { schema: (base({ ...doc, schema: { body: c.schema } as never }).schema as { body: unknown }).body },
        ]),
      ),
    };
  if (!result.hide)
    result.response = {
      // Each success answer is described by the operation's summary (the default would be "Default Response").
      ...Object.fromEntries(
        Object.entries((result.response ?? {}) as Record<string, Record<string, unknown>>).map(([status, r]) => [
          status,
          r.description ? r : { ...r, description: String(result.summary ?? '成功') },
        ]),
      ),
      '4XX': { ...errorJson, description: '请求错误（统一错误格式）' },
      '5XX': { ...errorJson, description: '服务器错误（统一错误格式）' },
    };
  return { ...out, schema: result as never };
};

/** Register the OpenAPI generator. Before any route, so it sees them all. */
export async function registerOpenApi(app: FastifyInstance, mode: ApiDocsMode) {
  if (mode === 'off') return;
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Shishi 民生实事 API',
        description:
          '所有接口使用 JSON；错误统一为 { error: { code, message, details? } }，message 为中文，校验错误的 details.issues 列出字段路径。登录后以会话 Cookie 访问；修改数据的请求须带 x-csrf-token 请求头（登录应答中的 csrfToken）。',
        version: '1',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform,
  });
}

/** Serve /api/openapi.json and the Swagger UI at /api/docs. After the routes. */
export async function registerApiDocs(app: FastifyInstance, mode: ApiDocsMode) {
  if (mode === 'off') return;
  const guard = async (req: FastifyRequest) => {
    if (mode === 'public') return;
    if (!req.session) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (!mayEverDo(req.session.actor, 'system:readApiDocs'))
      throw new AppError('FORBIDDEN', '接口说明仅向系统管理员和督查室开放');
  };
  app.withTypeProvider<ZodTypeProvider>().route({
    ...routeOf(API.openapi),
    preHandler: guard,
    handler: async () => app.swagger() as z.output<typeof API.openapi.response>,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiHooks: { preHandler: guard },
    uiConfig: { deepLinking: true },
    // The app's CSP (self-hosted scripts and styles, inline styles, data: images) already fits Swagger UI.
  });
}
