/**
 * Raising a 督办 record (issue 11 §2): by the escalation rules (H5's evaluation, no actor) or by the office by hand.
 * Idempotent by the idempotency key (a second call answers the same record, created: false). On a project × unit with
 * an open (or responded) record of a lower level the record is upgraded — level, reason and response deadline change,
 * it is open again and its history gets an 'upgraded' event; at the same or a higher level nothing changes. A closed
 * record (销号) is final: a new escalation opens a new record. Writes in the caller's transaction, with an audit entry.
 */

import type { SupervisionLevel } from '../../../domain/chase/ladder';
import { raiseDecision, type SupervisionStatus } from '../../../domain/supervision/workflow';
import type { DbOrTx } from '../../db/connect';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/supervision.repo';
import { newId } from '../../util';

export interface RaiseSupervisionInput {
  programmeId: string;
  roundId: string | null;
  projectId: string;
  orgId: string;
  reportId: string | null;
  level: 'yellow' | 'red' | 'listed';
  reason: string;
  idempotencyKey: string;
  responseDueDate: string;
  now: Date;
  actorId: string | null;
}

/** Who raised it, as the history and the audit log name them. */
export type RaiseActor = { name: string | null; ip: string | null };
const RULES_ACTOR: RaiseActor = { name: '系统（督办规则）', ip: null };

export async function raiseSupervision(
  trx: DbOrTx,
  input: RaiseSupervisionInput,
): Promise<{ id: string; created: boolean }> {
  return raiseSupervisionAs(trx, input, RULES_ACTOR);
}

/** raiseSupervision with the actor's name and address (the office raising one by hand). */
export async function raiseSupervisionAs(
  trx: DbOrTx,
  input: RaiseSupervisionInput,
  who: RaiseActor,
): Promise<{ id: string; created: boolean }> {
  const same = await repo.findByIdempotencyKey(trx, input.idempotencyKey);
  if (same) return { id: same.id, created: false };
  const at = input.now.toISOString();
  const open = await repo.findUnclosed(trx, input.projectId, input.orgId);
  const decision = raiseDecision(
    open ? { level: open.level as SupervisionLevel, status: open.status as SupervisionStatus } : null,
    input.level,
  );
  if (open && decision === 'keep') return { id: open.id, created: false };
  const event = (id: string, seq: number, kind: 'raised' | 'upgraded') =>
    repo.insertSupervisionEvent(trx, {
      id: newId(),
      supervisionId: id,
      seq,
      kind,
      level: input.level,
      status: 'open',
      text: input.reason,
      actorId: input.actorId,
      actorName: who.name,
      createdAt: at,
    });
  if (open && decision === 'upgrade') {
    const version = open.version + 1;
    const changed = await repo.updateSupervision(trx, open.id, open.version, {
      level: input.level,
      reason: input.reason,
      responseDueDate: input.responseDueDate,
      status: 'open',
      reportId: input.reportId ?? open.reportId,
      roundId: input.roundId ?? open.roundId,
      version,
    });
    if (!changed) return { id: open.id, created: false };
    await event(open.id, version, 'upgraded');
    await insertAudit(trx, {
      at,
      actorId: input.actorId,
      actorName: who.name,
      action: 'supervision.upgrade',
      entity: 'supervision',
      entityId: open.id,
      before: { level: open.level, status: open.status, version: open.version },
      after: { level: input.level, status: 'open', version, reason: input.reason, key: input.idempotencyKey },
      ip: who.ip,
    });
    return { id: open.id, created: false };
  }
  const id = newId();
  const inserted = await repo.insertSupervisionIfNew(trx, {
    id,
    programmeId: input.programmeId,
    roundId: input.roundId,
    projectId: input.projectId,
    orgId: input.orgId,
    reportId: input.reportId,
    level: input.level,
    reason: input.reason,
    status: 'open',
    responseDueDate: input.responseDueDate,
    responseMeasures: null,
    responseCompletionDate: null,
    respondedAt: null,
    idempotencyKey: input.idempotencyKey,
    createdBy: input.actorId,
    createdAt: at,
    closedAt: null,
    version: 1,
  });
  if (!inserted) {
    // Raised by another worker in the meantime: answer theirs.
    const theirs = await repo.findByIdempotencyKey(trx, input.idempotencyKey);
    return { id: theirs?.id ?? '', created: false };
  }
  await event(id, 1, 'raised');
  await insertAudit(trx, {
    at,
    actorId: input.actorId,
    actorName: who.name,
    action: 'supervision.raise',
    entity: 'supervision',
    entityId: id,
    after: {
      level: input.level,
      reason: input.reason,
      projectId: input.projectId,
      orgId: input.orgId,
      reportId: input.reportId,
      responseDueDate: input.responseDueDate,
      key: input.idempotencyKey,
    },
    ip: who.ip,
  });
  return { id, created: true };
}
