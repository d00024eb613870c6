/** The audit log: append-only, who/when/what/before/after. */
import type { DbOrTx } from '../db/connect';
import { newId } from '../util';

export type AuditEntry = {
  /** When it happened (ISO), from the caller's clock (`ctx.now()`). */
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/** Append one audit record inside the caller's transaction. */
export async function insertAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(),
      at: e.at,
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? null,
    })
    .execute();
}

/** Audit records for an entity, newest first. */
export async function findAudit(db: DbOrTx, entity: string, entityId: string) {
  return db
    .selectFrom('auditLog')
    .selectAll()
    .where('entity', '=', entity)
    .where('entityId', '=', entityId)
    .orderBy('at', 'desc')
    .execute();
}
