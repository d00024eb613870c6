/** What every use case receives: the database, the actor and the client address. */
import { type Action, type Actor, can, type Subject } from '../../domain/policies/policies';
import type { Db } from '../db/connect';
import { AppError } from '../errors';

/** The clock every use case reads time from (tests move it); never call `new Date()` in services or domain. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export type Ctx = { db: Db; actor: Actor | null; ip: string | null; now: Clock };

/** Throw 401/403 unless the actor may act; callers pass the subject for scoped checks. */
export function authorize(ctx: Ctx, action: Action, subject?: Subject): asserts ctx is Ctx & { actor: Actor } {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!can(ctx.actor, action, subject)) throw new AppError('FORBIDDEN', '无权执行此操作');
}

/** Like authorize, but hides the existence of records the actor may not read (404). */
export function authorizeRead(
  ctx: Ctx,
  action: Action,
  subject: Subject,
  what: string,
): asserts ctx is Ctx & { actor: Actor } {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!can(ctx.actor, action, subject)) throw new AppError('NOT_FOUND', `${what}不存在或无权访问`);
}
