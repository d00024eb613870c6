/** What every use case receives: the database, the actor and the client address. */
import { type Action, type Actor, can, mayEver, type SubjectOf } from '../../domain/policies/policies';
import type { Db } from '../db/connect';
import { AppError } from '../errors';

/** The clock every use case reads time from (tests move it); never call `new Date()` in services or domain. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export type Ctx = { db: Db; actor: Actor | null; ip: string | null; now: Clock };

/** Throw 401 unless someone is logged in (list use cases then filter by the actor's scope). */
export function requireActor(ctx: Ctx): asserts ctx is Ctx & { actor: Actor } {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
}

/** Throw 401/403 unless the actor may do the action on the subject (a record the actor can already see). */
export function authorize<A extends Action>(
  ctx: Ctx,
  action: A,
  subject: SubjectOf[A],
): asserts ctx is Ctx & { actor: Actor } {
  requireActor(ctx);
  if (!can(ctx.actor, action, subject)) throw new AppError('FORBIDDEN', '无权执行此操作');
}

/** Like authorize, but hides the existence of records the actor may not read (404). */
export function authorizeRead<A extends Action>(
  ctx: Ctx,
  action: A,
  subject: SubjectOf[A],
  what: string,
): asserts ctx is Ctx & { actor: Actor } {
  requireActor(ctx);
  if (!can(ctx.actor, action, subject)) throw new AppError('NOT_FOUND', `${what}不存在或无权访问`);
}

/** True when the actor may do the action somewhere in their scope (menus, the API description). */
export function mayEverDo(actor: Actor | null, action: Action): boolean {
  return mayEver(actor, action);
}
