/** The calls of the administrator's pages (组织机构, 账号管理) and the first run, from the shared contract (admin.ts). */
import type { z } from 'zod';
import { API, type ResponseOf } from '../../../../src/shared/contract';
import type {
  CreateUserInput,
  OrgInput,
  SetupInput,
  UpdateUserInput,
  UserListQuerySchema,
} from '../../../../src/shared/contract/admin';
import { ApiError, call } from '../../api/client';

export type AdminOrg = ResponseOf<typeof API.adminOrgs>[number];
export type AdminUser = ResponseOf<typeof API.adminUsers>[number];
export type BulkPreview = ResponseOf<typeof API.bulkUsersPreview>;
export type BulkCommit = ResponseOf<typeof API.bulkUsersCommit>;
type File64 = { fileName: string; content: string };

export const adminApi = {
  setupState: () => call(API.setupState, {}, { allow401: true }),
  setup: (body: SetupInput) => call(API.setup, { body }, { allow401: true }),
  orgs: () => call(API.adminOrgs, {}),
  createOrg: (body: OrgInput) => call(API.createOrg, { body }),
  updateOrg: (id: string, body: OrgInput) => call(API.updateOrg, { params: { id }, body }),
  mergeOrg: (id: string, targetId: string) => call(API.mergeOrg, { params: { id }, body: { targetId } }),
  setOrgActive: (id: string, active: boolean) => call(API.setOrgActive, { params: { id }, body: { active } }),
  deleteOrg: (id: string) => call(API.deleteOrg, { params: { id }, body: {} }),
  users: (query: z.input<typeof UserListQuerySchema>) => call(API.adminUsers, { query }),
  createUser: (body: CreateUserInput) => call(API.createUser, { body }),
  updateUser: (id: string, body: UpdateUserInput) => call(API.updateUser, { params: { id }, body }),
  setUserActive: (id: string, active: boolean) => call(API.setUserActive, { params: { id }, body: { active } }),
  bulkPreview: (body: File64) => call(API.bulkUsersPreview, { body }),
  bulkCommit: (body: File64) => call(API.bulkUsersCommit, { body }),
};

/** Field path (first key) → Chinese message, from a zod result or a 400 answer's `details.issues`. */
export type FieldErrors = Record<string, string>;

/** Check a form's values with the shared schema: the parsed value, or the message of each field. */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, value: r.data };
  const errors: FieldErrors = {};
  for (const i of r.error.issues) {
    const key = String(i.path[0] ?? '_');
    errors[key] ??= i.message;
  }
  return { ok: false, errors };
}

/** The fields a server answer names (400 VALIDATION with details.issues), else the message under `_`. */
export function serverErrors(e: unknown): FieldErrors {
  if (e instanceof ApiError) {
    const issues = (e.details as { issues?: { path: (string | number)[]; message: string }[] } | undefined)?.issues;
    if (issues?.length) {
      const out: FieldErrors = {};
      for (const i of issues) out[String(i.path[0] ?? '_')] ??= i.message;
      return { ...out, _: e.message };
    }
    return { _: e.message };
  }
  return { _: e instanceof Error ? e.message : String(e) };
}

/** The Form.Item props that highlight a field with its message. */
export const fieldStatus = (errors: FieldErrors, key: string) =>
  errors[key] ? { validateStatus: 'error' as const, help: errors[key] } : {};

/** A browser File as base64 (the bulk account upload). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取文件'));
    reader.readAsDataURL(file);
  });
}

/** Save base64 bytes as a file download. */
export function downloadBase64(base64: string, fileName: string, type: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
