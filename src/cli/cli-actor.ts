/**
 * Who a command acts as: `--as 用户名` (an active account, with its units and rights), else the local operator — the
 * person holding the database file (services/local-operator.ts: a system administrator named 命令行, not a user).
 */
import { type Action, type Actor, mayEver } from '../domain/policies/policies';
import type { Db } from '../server/db/connect';
import { countUsers } from '../server/repositories/admin.repo';
import { findUserByUsername } from '../server/repositories/users.repo';
import { loadActor } from '../server/services/actor';
import { localOperator } from '../server/services/local-operator';

/** The actor, or a Chinese message saying why not. */
export async function cliActor(
  db: Db,
  as: string | true | undefined,
  action: Action,
  what: string,
): Promise<{ actor: Actor } | { error: string }> {
  if (as === undefined) return { actor: localOperator() };
  if (as === true || !as.trim()) return { error: '--as 后须写用户名' };
  const user = await findUserByUsername(db, as);
  const actor = user?.active ? (await loadActor(db, user)).actor : null;
  if (!actor && (await countUsers(db)) === 0)
    return {
      error: `用户“${as}”不存在：数据库中还没有任何账号（不加 --as 即以命令行本地操作员身份执行，或先用 shishi admin create --username ${as} --name 姓名 建立管理员）`,
    };
  if (!actor) return { error: `用户“${as}”不存在或已停用（不加 --as 则以命令行本地操作员身份执行）` };
  if (!mayEver(actor, action)) return { error: `用户“${as}”无权${what}` };
  return { actor };
}
