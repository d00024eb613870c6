/**
 * The HTTP contract: every endpoint of the API with its method, path and schemas. The server registers exactly these
 * routes (a test checks that each has a response schema and that OpenAPI lists them); the web calls them by name.
 */
import { AUTH_ENDPOINTS } from './auth';
import { IMPORT_ENDPOINTS } from './imports';
import { PROJECT_ENDPOINTS } from './projects';
import { REPORT_ENDPOINTS } from './reports';
import { ROUND_ENDPOINTS } from './rounds';
import { SYSTEM_ENDPOINTS } from './system';
import { TABLE_ENDPOINTS } from './table';

export const API = {
  ...AUTH_ENDPOINTS,
  ...ROUND_ENDPOINTS,
  ...TABLE_ENDPOINTS,
  ...REPORT_ENDPOINTS,
  ...PROJECT_ENDPOINTS,
  ...IMPORT_ENDPOINTS,
  ...SYSTEM_ENDPOINTS,
};
export type Api = typeof API;
export type EndpointName = keyof Api;

export * from './endpoint';
