/**
 * First run: an installation without any account offers to set itself up — the government organisation and the first
 * system administrator (an installation-wide admin, no unit) — once, race-safe in one transaction (the count of
 * accounts is read inside it, serialisable on PostgreSQL, and a second attempt answers 409). `shishi admin create`
 * (createAccountAsOperator) does the same from the command line, and creates further accounts later.
 */

import { governmentShortName } from '../../../domain/model/org-names';
import { accountRoleProblem } from '../../../domain/policies/user';
import type { SetupInput } from '../../../shared/contract/admin';
import type { Role } from '../../../shared/statuses';
import { hashPassword } from '../../auth/passwords';
import type { DbOrTx } from '../../db/connect';
import { AppError, conflict } from '../../errors';
import * as repo from '../../repositories/admin.repo';
import { insertAudit } from '../../repositories/audit.repo';
import { newId, parseJson } from '../../util';
import type { Ctx } from '../context';
import { localOperator, recordedUserId } from '../local-operator';
import type { FieldCrypto } from './contact';
import { initialPassword, insertAccount } from './users';

type Crypto = FieldCrypto & Parameters<typeof hashPassword>[1];

/** Whether the installation still needs its first run (no account at all). */
export async function setupState(db: DbOrTx): Promise<{ needed: boolean }> {
  return { needed: (await repo.countUsers(db)) === 0 };
}

const ALREADY = '系统已完成初始化（已有账号），请直接登录；如需新账号请联系系统管理员';

/** The government organisation of this name (by name or alias), created when missing. */
async function ensureGovernment(trx: DbOrTx, ctx: Ctx, name: string, shortName: string | null) {
  const all = await repo.listAllOrgs(trx);
  const found = all.find((o) => o.name === name || parseJson<string[]>(o.aliases, []).includes(name));
  if (found) return { id: found.id, name: found.name, created: false };
  const short = shortName || governmentShortName(name);
  const id = newId();
  const aliases = [...new Set([short, `${short}政府`].filter((a) => a && a !== name))];
  await repo.insertOrg(trx, {
    id,
    name,
    shortName: short === name ? null : short,
    kind: 'government',
    parentId: null,
    aliases: JSON.stringify(aliases),
    seq: (await repo.maxSiblingSeq(trx, null)) + 1,
    createdAt: ctx.now().toISOString(),
  });
  await insertAudit(trx, {
    at: ctx.now().toISOString(),
    actorId: recordedUserId(ctx.actor),
    actorName: ctx.actor?.displayName ?? null,
    action: 'org.create',
    entity: 'organization',
    entityId: id,
    after: { name, shortName: short, kind: 'government', aliases },
    ip: ctx.ip,
  });
  return { id, name, created: true };
}

/** PostgreSQL's serialisation failure (two first runs at once): the loser is told setup is done. */
const isSerialisationFailure = (e: unknown) =>
  typeof e === 'object' && e !== null && ['40001', '40P01'].includes(String((e as { code?: unknown }).code));

/** 初始化: the government and the first administrator, only while there is no account. */
export async function runSetup(ctx: Ctx, input: SetupInput, crypto: Crypto) {
  if (!(await setupState(ctx.db)).needed) throw conflict(ALREADY);
  const { password } = initialPassword(input.password, input);
  const passwordHash = await hashPassword(password, crypto);
  const operator: Ctx = { ...ctx, actor: null };
  try {
    return await ctx.db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => {
        if ((await repo.countUsers(trx)) > 0) throw conflict(ALREADY);
        const gov = await ensureGovernment(trx, operator, input.government, input.shortName ?? null);
        await insertAccount(
          trx,
          operator,
          {
            username: input.username,
            displayName: input.displayName,
            role: 'admin',
            units: [],
            passwordHash,
            mustChangePassword: false,
          },
          crypto,
          'setup',
        );
        await insertAudit(trx, {
          at: ctx.now().toISOString(),
          actorId: null,
          actorName: input.displayName,
          action: 'system.setup',
          entity: 'system',
          entityId: null,
          after: { government: gov.name, administrator: input.username },
          ip: ctx.ip,
        });
        return { government: { id: gov.id, name: gov.name }, username: input.username };
      });
  } catch (e) {
    if (isSerialisationFailure(e)) throw conflict(ALREADY);
    throw e;
  }
}

export type OperatorAccountInput = {
  username: string;
  displayName: string;
  role: Role;
  /** A unit by name or alias (must exist, or be the government named by `government`). */
  org: string | null;
  /** On an empty database: the government to create (or reuse), e.g. 龙华区人民政府. */
  government: string | null;
  password: string;
};

/**
 * `shishi admin create`: an account made by whoever holds the database (the local operator). The first account of
 * an installation keeps the typed password; later ones must change it at the first login. Answers what was created.
 */
export async function createAccountAsOperator(
  db: Ctx['db'],
  input: OperatorAccountInput,
  crypto: Crypto,
  now: () => Date,
): Promise<{ userId: string; government: { name: string; created: boolean } | null; first: boolean }> {
  const ctx: Ctx = { db, actor: localOperator(), ip: null, now };
  const first = (await repo.countUsers(db)) === 0;
  const { password } = initialPassword(input.password, input);
  const passwordHash = await hashPassword(password, crypto);
  return db
    .transaction()
    .setIsolationLevel('serializable')
    .execute(async (trx) => {
      const gov = input.government ? await ensureGovernment(trx, ctx, input.government, null) : null;
      const units: { orgId: string; duty: string | null }[] = [];
      if (input.org) {
        const all = await repo.listAllOrgs(trx);
        const o = all.find((x) => x.name === input.org || parseJson<string[]>(x.aliases, []).includes(input.org!));
        if (!o)
          throw new AppError('VALIDATION', `单位“${input.org}”不存在（可先用 --gov 建立本级政府，或在组织机构中建立）`);
        units.push({ orgId: o.id, duty: null });
      }
      const problem = accountRoleProblem(
        ctx.actor!,
        { id: null, role: null, unitIds: [] },
        { role: input.role, unitIds: units.map((u) => u.orgId) },
      );
      if (problem) throw new AppError('VALIDATION', `${problem}${units.length ? '' : '（用 --org 指定单位）'}`);
      const userId = await insertAccount(
        trx,
        ctx,
        {
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          units,
          passwordHash,
          mustChangePassword: !first,
        },
        crypto,
        'command-line',
      );
      return { userId, government: gov ? { name: gov.name, created: gov.created } : null, first };
    });
}
