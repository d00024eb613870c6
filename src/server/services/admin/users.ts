/**
 * 账号管理 (系统管理员): list, create (a generated temporary password shown once, or an initial password that passes
 * the policy; the first login must change it), edit role, units with each unit's duty (联络员 / 分管领导), phone and
 * e-mail, deactivate (every session of the account ends at once) and reactivate. Passwords, locks and sessions
 * otherwise stay with the 安全管理员 (services/account-security.ts). 三员分立: domain/policies/user.ts.
 */
import { randomBytes } from 'node:crypto';
import { can, mayEver } from '../../../domain/policies/policies';
import { accountRoleProblem, THREE_ADMINISTRATOR_ROLES } from '../../../domain/policies/user';
import type {
  AdminUser,
  CreateUserSchema,
  UnitDuty,
  UpdateUserSchema,
  UserListQuerySchema,
} from '../../../shared/contract/admin';
import { generatePassword, passwordProblems } from '../../../shared/password-policy';
import { ROLE_LABELS, type Role } from '../../../shared/statuses';
import { hashPassword } from '../../auth/passwords';
import type { DbOrTx } from '../../db/connect';
import { AppError, forbidden, notFound } from '../../errors';
import * as repo from '../../repositories/admin.repo';
import { insertAudit } from '../../repositories/audit.repo';
import { deleteUserSessions } from '../../repositories/users.repo';
import { newId } from '../../util';
import { type Ctx, requireActor } from '../context';
import { recordedUserId } from '../local-operator';
import { type FieldCrypto, openContact, sealContact } from './contact';

type CreateInput = import('zod').infer<typeof CreateUserSchema>;
type UpdateInput = import('zod').infer<typeof UpdateUserSchema>;
type ListQuery = import('zod').infer<typeof UserListQuerySchema>;
export type AccountSettings = { crypto: FieldCrypto & Parameters<typeof hashPassword>[1] };

type Unit = { orgId: string; name: string; duty: string | null };

function present(ctx: Ctx, u: repo.UserRow, units: Unit[], crypto: FieldCrypto): AdminUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    active: Boolean(u.active),
    units: units.map((x) => ({ id: x.orgId, name: x.name, duty: (x.duty as UnitDuty | null) ?? null })),
    phone: openContact(crypto, u.phone, 'users.phone'),
    email: openContact(crypto, u.email, 'users.email'),
    mustChangePassword: Boolean(u.mustChangePassword),
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    self: u.id === ctx.actor?.id,
  };
}

function requireManager(ctx: Ctx): asserts ctx is Ctx & { actor: NonNullable<Ctx['actor']> } {
  requireActor(ctx);
  if (!mayEver(ctx.actor, 'user:manage')) throw forbidden('仅系统管理员可管理账号');
}

async function unitsByUser(db: DbOrTx, ids: string[]): Promise<Map<string, Unit[]>> {
  const out = new Map<string, Unit[]>();
  for (const r of await repo.unitsOfUsers(db, ids))
    out.set(r.userId, [...(out.get(r.userId) ?? []), { orgId: r.orgId, name: r.name, duty: r.duty }]);
  return out;
}

/** The account with its units, when the actor manages it (else 404). */
async function managedUser(ctx: Ctx, id: string) {
  requireManager(ctx);
  const u = await repo.findUser(ctx.db, id);
  const units = u ? ((await unitsByUser(ctx.db, [u.id])).get(u.id) ?? []) : [];
  if (!u || !can(ctx.actor, 'user:manage', { unitIds: units.map((x) => x.orgId) })) throw notFound('账号');
  return { user: u, units };
}

export async function listUsers(ctx: Ctx, query: ListQuery, settings: AccountSettings): Promise<AdminUser[]> {
  requireManager(ctx);
  const rows = await repo.listUsers(ctx.db, {
    role: query.role,
    orgId: query.orgId,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  const q = query.q?.trim().toLowerCase();
  const matching = q
    ? rows.filter((r) => r.username.toLowerCase().includes(q) || r.displayName.toLowerCase().includes(q))
    : rows;
  const units = await unitsByUser(
    ctx.db,
    matching.map((r) => r.id),
  );
  return matching
    .map((r) => ({ r, u: units.get(r.id) ?? [] }))
    .filter(({ u }) => can(ctx.actor, 'user:manage', { unitIds: u.map((x) => x.orgId) }))
    .map(({ r, u }) => present(ctx, r, u, settings.crypto));
}

/** Whether a value was changed (a role is data here: the policies decided who may change it). */
const changed = (a: string, b: string) => a.localeCompare(b) !== 0;

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION', message, { issues: [{ path: [path], message }] });

/** 三员分立: the last active 系统管理员, 安全管理员 or 审计管理员 is neither deactivated nor given another role. */
async function keepLastOfRole(ctx: Ctx, user: repo.UserRow, nextRole: Role | null) {
  const role = user.role as Role;
  if (!THREE_ADMINISTRATOR_ROLES.includes(role) || !user.active) return;
  if (nextRole !== null && !changed(nextRole, role)) return;
  const others = (await repo.listUsers(ctx.db, { role, active: true })).filter((u) => u.id !== user.id);
  if (others.length === 0)
    throw fieldError(
      'role',
      `“${user.displayName}”是唯一启用的${ROLE_LABELS[role]}，不能${nextRole === null ? '停用' : '改为其他角色'}（三员分立：须始终各有至少一人）`,
    );
}

/** The units asked for: distinct, existing and active; the scope and 三员分立 checks against the actor. */
async function checkUnits(
  ctx: Ctx & { actor: NonNullable<Ctx['actor']> },
  target: { id: string | null; role: Role | null; unitIds: string[] },
  role: Role,
  units: readonly { orgId: string; duty?: string | null | undefined }[],
) {
  const seen = new Map<string, string | null>();
  for (const u of units) if (!seen.has(u.orgId)) seen.set(u.orgId, u.duty ?? null);
  const ids = [...seen.keys()];
  const all = new Map((await repo.listAllOrgs(ctx.db)).map((o) => [o.id, o]));
  for (const id of ids) {
    const o = all.get(id);
    if (!o || !can(ctx.actor, 'organisation:read', { orgId: id }) || !can(ctx.actor, 'user:manage', { unitIds: [id] }))
      throw fieldError('units', '所选单位不存在或不在您管理的范围内');
    if (!o.active && !target.unitIds.includes(id)) throw fieldError('units', `“${o.name}”已停用，不能选为所属单位`);
  }
  const problem = accountRoleProblem(ctx.actor, target, { role, unitIds: ids });
  if (problem) throw fieldError(/单位/.test(problem) ? 'units' : 'role', problem);
  return ids.map((orgId) => ({ orgId, duty: seen.get(orgId) ?? null }));
}

const unitNames = async (db: DbOrTx, units: { orgId: string; duty: string | null }[]) => {
  const names = new Map((await repo.listAllOrgs(db)).map((o) => [o.id, o.name]));
  return units.map((u) => `${names.get(u.orgId) ?? u.orgId}${u.duty ? `（${u.duty}）` : ''}`);
};

/** What the audit log keeps of an account (contact details only as set / not set). */
const snapshot = (
  u: { displayName: string; role: string; phone: string | null; email: string | null },
  units: string[],
) => ({
  displayName: u.displayName,
  role: u.role,
  units,
  phone: u.phone ? '已填写' : '未填写',
  email: u.email ? '已填写' : '未填写',
});

/** A new account (the first login must change its password). Also used by the first run and the command line. */
export async function insertAccount(
  trx: DbOrTx,
  ctx: Ctx,
  a: {
    username: string;
    displayName: string;
    role: Role;
    units: { orgId: string; duty: string | null }[];
    phone?: string | null | undefined;
    email?: string | null | undefined;
    passwordHash: string;
    mustChangePassword: boolean;
  },
  crypto: FieldCrypto,
  via?: string,
): Promise<string> {
  const id = newId();
  const taken = await repo.takenUsernames(trx, [a.username]);
  if (taken.size) throw fieldError('username', `用户名“${a.username}”已被使用，请换一个`);
  const phone = sealContact(crypto, a.phone, 'users.phone');
  const email = sealContact(crypto, a.email, 'users.email');
  await repo.insertUser(trx, {
    id,
    username: a.username,
    displayName: a.displayName,
    passwordHash: a.passwordHash,
    role: a.role,
    active: 1,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: ctx.now().toISOString(),
    mustChangePassword: a.mustChangePassword ? 1 : 0,
    passwordChangedAt: null,
    lastLoginAt: null,
    lastLoginIp: null,
    phone,
    email,
  });
  await repo.replaceUserUnits(trx, id, a.units);
  await insertAudit(trx, {
    at: ctx.now().toISOString(),
    actorId: recordedUserId(ctx.actor),
    actorName: ctx.actor?.displayName ?? null,
    action: 'user.create',
    entity: 'user',
    entityId: id,
    after: {
      username: a.username,
      ...snapshot({ ...a, phone, email }, await unitNames(trx, a.units)),
      ...(via ? { via } : {}),
    },
    ip: ctx.ip,
  });
  return id;
}

/** The password an administrator gives a new account, or a generated temporary one; null → generated. */
export function initialPassword(
  given: string | null | undefined,
  who: { username: string; displayName: string },
): { password: string; generated: boolean } {
  if (given) {
    const problems = passwordProblems(given, who);
    if (problems.length)
      throw new AppError('VALIDATION', `初始密码不符合要求：${problems.join('；')}`, {
        issues: problems.map((message) => ({ path: ['password'], message })),
      });
    return { password: given, generated: false };
  }
  return { password: generatePassword((n) => randomBytes(n)), generated: true };
}

export async function createUser(ctx: Ctx, input: CreateInput, settings: AccountSettings) {
  requireManager(ctx);
  const units = await checkUnits(ctx, { id: null, role: null, unitIds: [] }, input.role, input.units);
  const { password, generated } = initialPassword(input.password, input);
  const passwordHash = await hashPassword(password, settings.crypto);
  const id = await ctx.db.transaction().execute((trx) =>
    insertAccount(
      trx,
      ctx,
      {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        units,
        phone: input.phone,
        email: input.email,
        passwordHash,
        mustChangePassword: true,
      },
      settings.crypto,
    ),
  );
  const { user, units: rows } = await managedUser(ctx, id);
  return { user: present(ctx, user, rows, settings.crypto), temporaryPassword: generated ? password : null };
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateInput, settings: AccountSettings) {
  const { user, units: current } = await managedUser(ctx, id);
  await keepLastOfRole(ctx, user, input.role);
  const units = await checkUnits(
    ctx as Ctx & { actor: NonNullable<Ctx['actor']> },
    { id: user.id, role: user.role as Role, unitIds: current.map((u) => u.orgId) },
    input.role,
    input.units,
  );
  const phone = sealContact(settings.crypto, input.phone, 'users.phone');
  const email = sealContact(settings.crypto, input.email, 'users.email');
  const roleChanged = changed(input.role, user.role);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { displayName: input.displayName, role: input.role, phone, email });
    await repo.replaceUserUnits(trx, id, units);
    // A new role takes effect at once: the account logs in again.
    const sessionsEnded = roleChanged ? await deleteUserSessions(trx, id) : 0;
    await insertAudit(trx, {
      at: ctx.now().toISOString(),
      actorId: recordedUserId(ctx.actor),
      actorName: ctx.actor?.displayName ?? null,
      action: 'user.update',
      entity: 'user',
      entityId: id,
      before: snapshot(
        user,
        current.map((u) => `${u.name}${u.duty ? `（${u.duty}）` : ''}`),
      ),
      after: {
        ...snapshot({ ...input, phone, email }, await unitNames(trx, units)),
        ...(sessionsEnded ? { sessionsEnded } : {}),
      },
      ip: ctx.ip,
    });
  });
  const after = await managedUser(ctx, id);
  return present(ctx, after.user, after.units, settings.crypto);
}

/** 停用 ends every session of the account at once; 启用 lets it log in again. */
export async function setUserActive(ctx: Ctx, id: string, active: boolean, settings: AccountSettings) {
  const { user } = await managedUser(ctx, id);
  if (user.id === ctx.actor?.id && !active) throw forbidden('不能停用自己的账号（须由另一位系统管理员操作）');
  if (!active) await keepLastOfRole(ctx, user, null);
  const sessionsEnded = await ctx.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, { active: active ? 1 : 0 });
    const ended = active ? 0 : await deleteUserSessions(trx, id);
    await insertAudit(trx, {
      at: ctx.now().toISOString(),
      actorId: recordedUserId(ctx.actor),
      actorName: ctx.actor?.displayName ?? null,
      action: active ? 'user.activate' : 'user.deactivate',
      entity: 'user',
      entityId: id,
      before: { active: Boolean(user.active) },
      after: { username: user.username, active, sessionsEnded: ended },
      ip: ctx.ip,
    });
    return ended;
  });
  const after = await managedUser(ctx, id);
  return { user: present(ctx, after.user, after.units, settings.crypto), sessionsEnded };
}
