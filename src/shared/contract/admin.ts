/**
 * 系统管理 (issue 10 §2): the first run of an empty installation, the organisation tree and the accounts. The request
 * schemas are the forms' schemas too (web/src/features/admin, web/src/features/setup).
 */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { FIELD_LABELS } from '../schemas';
import { ORG_KINDS, ROLES } from '../statuses';
import { EmptyBodySchema, idParams, OkSchema } from './common';
import { endpoint } from './endpoint';

/** Chinese names of this file's fields, for validation messages (shared/schemas describeIssues). */
export const ADMIN_FIELD_LABELS: Record<string, string> = {
  government: '政府名称',
  shortName: '简称',
  displayName: '姓名',
  kind: '类型',
  parentId: '上级单位',
  aliases: '别名',
  role: '角色',
  units: '所属单位',
  orgId: '单位',
  duty: '职责',
  phone: '手机',
  email: '邮箱',
  targetId: '并入的单位',
  active: '启用状态',
  content: '文件内容',
};
for (const [k, v] of Object.entries(ADMIN_FIELD_LABELS)) FIELD_LABELS[k] ??= v;

/** Organisation kinds in Chinese. */
export const ORG_KIND_LABELS: Record<(typeof ORG_KINDS)[number], string> = {
  government: '政府',
  district: '区（县）',
  street: '街道（镇）',
  community: '社区（村）',
  bureau: '区直部门',
  other: '其他（人大、督查室等）',
};

/** A person's duty for one of their units. */
export const UNIT_DUTIES = ['联络员', '分管领导'] as const;
export type UnitDuty = (typeof UNIT_DUTIES)[number];

const trimmed = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字符`);
const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}个字符`).nullable().optional();

/** 手机: 11 digits starting with 1 (mainland mobile), or empty. */
export const PHONE_RE = /^1[3-9]\d{9}$/;
/** 邮箱: something@something.tld. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phone = z
  .string()
  .trim()
  .refine((s) => s === '' || PHONE_RE.test(s), '手机号应为11位数字（以1开头）')
  .nullable()
  .optional();
const email = z
  .string()
  .trim()
  .max(LIMITS.shortText, `邮箱不能超过${LIMITS.shortText}个字符`)
  .refine((s) => s === '' || EMAIL_RE.test(s), '邮箱格式不正确（如 name@example.gov.cn）')
  .nullable()
  .optional();
const username = z
  .string()
  .trim()
  .min(2, '用户名至少2个字符')
  .max(LIMITS.usernameMax, `用户名不能超过${LIMITS.usernameMax}个字符`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, '用户名只能包含字母、数字、下划线、点和连字符，并以字母或数字开头');

// ---- First run ---------------------------------------------------------------------------------------------------

export const SetupStateSchema = z.object({
  /** True while the installation has no account: the setup page is shown instead of the login page. */
  needed: z.boolean(),
});

export const SetupSchema = z.strictObject({
  government: trimmed('政府名称', LIMITS.shortText),
  shortName: optionalText('简称', 50),
  username,
  displayName: trimmed('姓名', 100),
  password: z.string().min(1, '请输入密码').max(LIMITS.passwordMax, `密码不能超过${LIMITS.passwordMax}个字符`),
});
export type SetupInput = z.infer<typeof SetupSchema>;

// ---- Organisations -----------------------------------------------------------------------------------------------

export const AdminOrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORG_KINDS),
  parentId: z.string().nullable(),
  aliases: z.array(z.string()),
  active: z.boolean(),
  seq: z.number(),
  /** Accounts with this unit. */
  users: z.number(),
  /** Projects, indicators, reports and programmes that name it (a referenced organisation is never deleted). */
  references: z.number(),
});

export const OrgInputSchema = z.strictObject({
  name: trimmed('名称', LIMITS.shortText),
  shortName: optionalText('简称', 50),
  kind: z.enum(ORG_KINDS, { message: '请选择类型' }),
  parentId: z.string().max(64).nullable().optional(),
  aliases: z
    .array(z.string().trim().min(1, '别名不能为空').max(LIMITS.shortText, `别名不能超过${LIMITS.shortText}个字符`))
    .max(50, '别名最多50个')
    .optional(),
});
export type OrgInput = z.infer<typeof OrgInputSchema>;

export const MergeOrgSchema = z.strictObject({ targetId: z.string().min(1, '请选择并入的单位').max(64) });

export const MergeResultSchema = z.object({
  target: AdminOrgSchema,
  /** Rows moved from the source to the target, per kind (用户单位, 项目单位, 指标, 填报, 实事计划, 下级单位). */
  moved: z.record(z.string(), z.number()),
});

export const ActiveSchema = z.strictObject({ active: z.boolean() });

// ---- Accounts ----------------------------------------------------------------------------------------------------

export const AccountUnitSchema = z.strictObject({
  orgId: z.string().min(1, '请选择单位').max(64),
  duty: z.enum(UNIT_DUTIES, { message: '职责应为联络员或分管领导' }).nullable().optional(),
});

export const AdminUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  units: z.array(z.object({ id: z.string(), name: z.string(), duty: z.enum(UNIT_DUTIES).nullable() })),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  /** The administrator's own account (its role, units and active state are changed by another administrator). */
  self: z.boolean(),
});

export const UserListQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
  orgId: z.string().max(64).optional(),
  active: z.enum(['true', 'false']).optional(),
});

const accountFields = {
  displayName: trimmed('姓名', 100),
  role: z.enum(ROLES, { message: '请选择角色' }),
  units: z.array(AccountUnitSchema).max(50, '所属单位最多50个').default([]),
  phone,
  email,
};

export const CreateUserSchema = z.strictObject({
  username,
  ...accountFields,
  /** An initial password (must pass the policy); omitted = a generated temporary password, shown once. */
  password: z.string().max(LIMITS.passwordMax, `密码不能超过${LIMITS.passwordMax}个字符`).nullable().optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject(accountFields);
export type UpdateUserInput = z.input<typeof UpdateUserSchema>;

export const CreatedUserSchema = z.object({
  user: AdminUserSchema,
  /** The generated temporary password, shown once (null when an initial password was given). */
  temporaryPassword: z.string().nullable(),
});

/** A spreadsheet (.xlsx or .csv) of 单位, 姓名, 手机, 邮箱[, 角色], sent as base64. */
export const BulkUsersSchema = z.strictObject({
  fileName: z.string().trim().min(1, '请选择文件').max(200),
  content: z.string().min(1, '文件为空').max(1_300_000, '文件过大（请分批，每批不超过约900KB）'),
});

export const BulkRowSchema = z.object({
  row: z.number(),
  unit: z.string(),
  unitId: z.string().nullable(),
  displayName: z.string(),
  phone: z.string(),
  email: z.string(),
  role: z.enum(ROLES).nullable(),
  /** The username the account will get. */
  username: z.string(),
  /** What is wrong with the row, in Chinese (empty = fine). */
  errors: z.array(z.string()),
});

export const BulkPreviewSchema = z.object({
  rows: z.array(BulkRowSchema),
  /** Problems with the file as a whole (missing columns, unreadable). */
  errors: z.array(z.string()),
  ok: z.boolean(),
});

export const BulkCommitSchema = z.object({
  accounts: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      unit: z.string(),
      role: z.enum(ROLES),
      temporaryPassword: z.string(),
    }),
  ),
  /** The same list as an .xlsx file (base64), to download once. */
  xlsx: z.string(),
});

const org = idParams('单位');
const user = idParams('账号');

export const ADMIN_ENDPOINTS = {
  setupState: endpoint({
    method: 'GET',
    path: '/api/setup',
    summary: '首次使用：系统是否还没有任何账号（是则显示初始化页面）',
    tag: 'admin',
    anonymous: true,
    response: SetupStateSchema,
  }),
  setup: endpoint({
    method: 'POST',
    path: '/api/setup',
    summary: '首次使用：建立本级政府和第一个系统管理员（仅在没有任何账号时可用）',
    tag: 'admin',
    anonymous: true,
    body: SetupSchema,
    status: 201,
    response: z.object({ government: z.object({ id: z.string(), name: z.string() }), username: z.string() }),
  }),
  adminOrgs: endpoint({
    method: 'GET',
    path: '/api/admin/orgs',
    summary: '组织机构（系统管理员；管理范围内的全部单位，含已停用）',
    tag: 'admin',
    response: z.array(AdminOrgSchema),
  }),
  createOrg: endpoint({
    method: 'POST',
    path: '/api/admin/orgs',
    summary: '新建单位',
    tag: 'admin',
    body: OrgInputSchema,
    status: 201,
    response: AdminOrgSchema,
  }),
  updateOrg: endpoint({
    method: 'PUT',
    path: '/api/admin/orgs/:id',
    summary: '修改单位名称、简称、类型、上级和别名',
    tag: 'admin',
    params: org,
    body: OrgInputSchema,
    response: AdminOrgSchema,
  }),
  mergeOrg: endpoint({
    method: 'POST',
    path: '/api/admin/orgs/:id/merge',
    summary: '合并单位：把本单位的全部引用移到目标单位，名称和别名记为目标的别名，本单位停用',
    tag: 'admin',
    params: org,
    body: MergeOrgSchema,
    response: MergeResultSchema,
  }),
  setOrgActive: endpoint({
    method: 'POST',
    path: '/api/admin/orgs/:id/active',
    summary: '停用或启用单位',
    tag: 'admin',
    params: org,
    body: ActiveSchema,
    response: AdminOrgSchema,
  }),
  deleteOrg: endpoint({
    method: 'DELETE',
    path: '/api/admin/orgs/:id',
    summary: '删除未被引用的单位（有账号、项目、填报等引用时拒绝，请停用）',
    tag: 'admin',
    params: org,
    body: EmptyBodySchema,
    response: OkSchema,
  }),
  adminUsers: endpoint({
    method: 'GET',
    path: '/api/admin/users',
    summary: '账号（系统管理员；可按姓名/用户名、角色、单位、状态筛选）',
    tag: 'admin',
    query: UserListQuerySchema,
    response: z.array(AdminUserSchema),
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/admin/users',
    summary: '新建账号（首次登录须修改密码；未给初始密码时生成临时密码，仅显示一次）',
    tag: 'admin',
    body: CreateUserSchema,
    status: 201,
    response: CreatedUserSchema,
  }),
  updateUser: endpoint({
    method: 'PUT',
    path: '/api/admin/users/:id',
    summary: '修改账号：姓名、角色、所属单位与职责、手机、邮箱',
    tag: 'admin',
    params: user,
    body: UpdateUserSchema,
    response: AdminUserSchema,
  }),
  setUserActive: endpoint({
    method: 'POST',
    path: '/api/admin/users/:id/active',
    summary: '停用（同时结束该账号全部会话）或启用账号',
    tag: 'admin',
    params: user,
    body: ActiveSchema,
    response: z.object({ user: AdminUserSchema, sessionsEnded: z.number() }),
  }),
  bulkUsersPreview: endpoint({
    method: 'POST',
    path: '/api/admin/users/bulk/preview',
    summary: '批量建账号：预览表格（单位、姓名、手机、邮箱[、角色]），逐行列出问题',
    tag: 'admin',
    body: BulkUsersSchema,
    response: BulkPreviewSchema,
  }),
  bulkUsersCommit: endpoint({
    method: 'POST',
    path: '/api/admin/users/bulk/commit',
    summary: '批量建账号：一次性建立全部账号（有任一行出错则全部不建），返回用户名和临时密码（仅此一次）',
    tag: 'admin',
    body: BulkUsersSchema,
    status: 201,
    response: BulkCommitSchema,
  }),
};

export type AdminOrg = z.infer<typeof AdminOrgSchema>;
export type AdminUser = z.infer<typeof AdminUserSchema>;
export type BulkPreview = z.infer<typeof BulkPreviewSchema>;
export type BulkCommit = z.infer<typeof BulkCommitSchema>;
