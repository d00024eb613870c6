/** The service itself: health, and the API's own description (OpenAPI 3, generated on the server from the routes). */
import { z } from 'zod';
import { OkSchema } from './common';
import { endpoint } from './endpoint';

export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
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
  openapi: endpoint({
    method: 'GET',
    path: '/api/openapi.json',
    summary: '接口说明（OpenAPI 3；默认仅管理员和督查室可见）',
    tag: 'system',
    response: OpenApiDocumentSchema,
  }),
};
