/**
 * Tell a unit about a 督办 the office raised by hand or a response it sent back: an in-app notification ('supervision')
 * to each active user of the unit, linked to the record (#/supervisions?open=<id>), and the configured channels
 * (e-mail, robots) through the delivery queue. Idempotent per record version. In the caller's transaction.
 */
import { ladderColour, type SupervisionLevel } from '../../../domain/chase/ladder';
import type { DbOrTx } from '../../db/connect';
import { findUnitUsers, insertNotifications } from '../../repositories/chase.repo';
import { newId } from '../../util';
import { queueDeliveries } from '../notify/queue';

export type UnitNotice = {
  supervisionId: string;
  version: number;
  programmeId: string;
  roundId: string | null;
  reportId: string | null;
  orgId: string;
  level: SupervisionLevel;
  title: string;
  body: string;
};

export async function notifyUnit(trx: DbOrTx, n: UnitNotice, now: Date): Promise<number> {
  const users = [...new Set((await findUnitUsers(trx, [n.orgId])).map((u) => u.userId))];
  const at = now.toISOString();
  const ids = await insertNotifications(
    trx,
    users.map((userId) => ({
      id: newId(),
      userId,
      kind: 'supervision',
      level: ladderColour(n.level),
      title: n.title,
      body: n.body,
      link: `/supervisions?open=${n.supervisionId}`,
      programmeId: n.programmeId,
      roundId: n.roundId,
      reportId: n.reportId,
      orgId: n.orgId,
      idempotencyKey: `supervision:${n.supervisionId}:v${n.version}`,
      createdAt: at,
      readAt: null,
    })),
  );
  if (ids.length) await queueDeliveries(trx, ids, now);
  return ids.length;
}
