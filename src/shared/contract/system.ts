/** The service itself: health, and the API's own description (OpenAPI 3, generated on the server from the routes). */
import { z } from 'zod';
import { OkSchema } from './common';
import { endpoint } from './endpoint';

export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

const ReadinessCheckSchema = z.object({
  ok: z.boolean(),
  /** How long the check took, milliseconds. */
  ms: z.number(),
  /** Why it failed (Chinese). */
  message: z.string().optional(),
});

/** `/api/ready`: 200 when ready; the same shape with `ready: false` and Chinese `reasons` comes with status 503. */
export const ReadinessSchema = z.object({
  ready: z.boolean(),
  db: z.enum(['sqlite', 'postgres']),
  checks: z.object({
    database: ReadinessCheckSchema,
    migrations: ReadinessCheckSchema.extend({
      applied: z.number(),
      expected: z.number(),
      pending: z.array(z.string()),
    }),
  }),
  reasons: z.array(z.string()),
});

export const SYSTEM_ENDPOINTS = {
  health: endpoint({
    method: 'GET',
    path: '/api/health',
    summary: '健康检查',
    tag: 'system',
    anonymous: true,
    response: OkSchema,
  }),
  ready: endpoint({
    method: 'GET',
    path: '/api/ready',
    summary: '就绪检查（数据库可访问、迁移已全部执行；未就绪时返回 503 及中文原因）',
    tag: 'system',
    anonymous: true,
    response: ReadinessSchema,
  }),
  openapi: endpoint({
    method: 'GET',
    path: '/api/openapi.json',
    summary: '接口说明（OpenAPI 3；默认仅管理员和督查室可见）',
    tag: 'system',
    response: OpenApiDocumentSchema,
  }),
};
