/** What the evaluate use cases share: choosing the programme, candidates for members and voters, the audit entry. */
import { type Action, can } from '../../../domain/policies/policies';
import type { Role } from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/evaluate.repo';
import { loadActor } from '../actor';
import { authorize, type Ctx, requireActor } from '../context';

export type ProgrammeRef = { id: string; name: string; year: number; ownerOrgId: string };

/** The programmes the actor may do `action` on, newest year first. */
export async function programmesFor(ctx: Ctx, action: Action): Promise<ProgrammeRef[]> {
  requireActor(ctx);
  const rows = await repo.findProgrammesOf(ctx.db, ctx.actor.programmeOwnerIds);
  return rows
    .filter((p) => can(ctx.actor, action, { ownerOrgId: p.ownerOrgId }))
    .sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'zh'));
}

/** The programme asked for (404 unless the actor may do `action` on it), or the newest one; null when none. */
export async function pickProgramme(
  ctx: Ctx,
  action: Action,
  id: string | undefined,
): Promise<{ programmes: ProgrammeRef[]; programme: ProgrammeRef | null }> {
  const programmes = await programmesFor(ctx, action);
  if (id === undefined) return { programmes, programme: programmes[0] ?? null };
  const programme = programmes.find((p) => p.id === id);
  if (!programme) throw notFound('实事计划');
  return { programmes, programme };
}

/** One programme the actor may see (404 otherwise) and do `action` on (403 otherwise). */
export async function programmeFor(ctx: Ctx, action: Action, id: string): Promise<ProgrammeRef> {
  const programme = (await programmesFor(ctx, 'programme:read')).find((p) => p.id === id);
  if (!programme) throw notFound('实事计划');
  authorize(ctx, action, { ownerOrgId: programme.ownerOrgId });
  return programme;
}

/**
 * Active accounts who may do `action` on the programme (deputies for groups, voters). Acting for a programme means a
 * unit at or above its owner, so only accounts of the owner's parent chain are considered.
 */
export async function candidatesFor(ctx: Ctx, action: Action, programme: ProgrammeRef) {
  requireActor(ctx);
  const users = await repo.findActiveUsersInOrgs(ctx.db, await repo.findOrgChain(ctx.db, programme.ownerOrgId));
  const out: { id: string; name: string; username: string }[] = [];
  for (const u of users) {
    const { actor } = await loadActor(ctx.db, { id: u.id, role: u.role as Role, displayName: u.displayName });
    if (can(actor, action, { ownerOrgId: programme.ownerOrgId }))
      out.push({ id: u.id, name: u.displayName, username: u.username });
  }
  return out;
}

/** Every id must be one of the allowed ones; else a 400 naming how many are not. */
export function requireAmong(ids: readonly string[], allowed: ReadonlySet<string>, what: string): void {
  const bad = ids.filter((id) => !allowed.has(id));
  if (bad.length) throw new AppError('VALIDATION', `${bad.length}个${what}不在可选范围内`);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', `${what}有重复`);
}

/** An audit entry from the use case's actor and clock. */
export async function audit(
  db: DbOrTx,
  ctx: Ctx,
  action: string,
  entity: string,
  entityId: string,
  after: unknown,
): Promise<void> {
  await insertAudit(db, {
    at: ctx.now().toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action,
    entity,
    entityId,
    after,
    ip: ctx.ip,
  });
}

/** A unique or primary-key violation on either engine (SQLite SQLITE_CONSTRAINT_*, PostgreSQL 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const x = e as { code?: unknown; message?: unknown } | null;
  if (!x) return false;
  if (x.code === '23505') return true;
  return typeof x.code === 'string' && /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(x.code);
}
