/**
 * The HTTP contract: every endpoint of the API with its method, path and schemas. The server registers exactly these
 * routes (a test checks that each has a response schema and that OpenAPI lists them); the web calls them by name.
 */
import { ADMIN_ENDPOINTS } from './admin';
import { AUDIT_ENDPOINTS } from './audit';
import { AUTH_ENDPOINTS } from './auth';
import { CHASE_ENDPOINTS } from './chase';
import { DASHBOARD_ENDPOINTS } from './dashboard';
import { DISCLOSURE_ENDPOINTS } from './disclosure';
import { DOCUMENT_ENDPOINTS } from './documents';
import { EVALUATE_ENDPOINTS } from './evaluate';
import { IMPORT_ENDPOINTS } from './imports';
import { LAYOUT_ENDPOINTS } from './layouts';
import { NOTIFY_ENDPOINTS } from './notify';
import { PLAN_ENDPOINTS } from './plan';
import { PROJECT_ENDPOINTS } from './projects';
import { REPORT_ENDPOINTS } from './reports';
import { ROLLOVER_ENDPOINTS } from './rollover';
import { ROLLUP_ENDPOINTS } from './rollup';
import { ROUND_ENDPOINTS } from './rounds';
import { SECURITY_ENDPOINTS } from './security';
import { SUPERVISION_ENDPOINTS } from './supervision';
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
  ...AUDIT_ENDPOINTS,
  ...SECURITY_ENDPOINTS,
  ...DOCUMENT_ENDPOINTS,
  ...LAYOUT_ENDPOINTS,
  ...PLAN_ENDPOINTS,
  ...ROLLOVER_ENDPOINTS,
  ...ADMIN_ENDPOINTS,
  ...CHASE_ENDPOINTS,
  ...NOTIFY_ENDPOINTS,
  ...SUPERVISION_ENDPOINTS,
  ...DASHBOARD_ENDPOINTS,
  ...EVALUATE_ENDPOINTS,
  ...ROLLUP_ENDPOINTS,
  ...DISCLOSURE_ENDPOINTS,
};
export type Api = typeof API;
export type EndpointName = keyof Api;

export * from './endpoint';
