import { roundAllows } from '../../../domain/collect/round-rules';
import { AppError } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import { copyVersionNumbers } from '../../repositories/numbers.repo';
import { findRound } from '../../repositories/programmes.repo';
import * as repo from '../../repositories/reports.repo';
import { newId } from '../../util';
import { assessVersions } from '../assess/assessments';
import { STALE } from '../collect/report-access';
import { authorize, type Ctx } from '../context';
import { type PublishChoice, snapshotIn } from '../disclosure/snapshot';
import { visibleRound } from '../subjects';

/**
 * Publish every approved report of a round, all or none, in a fixed number of set-based statements; in the same
 * transaction the round's 政务公开 snapshot is stored or brought up to date (services/disclosure/snapshot.ts).
 */
export async function publishRound(ctx: Ctx, roundId: string): Promise<{ published: number }> {
  const { published } = await publishRoundWith(ctx, roundId, null);
  return { published };
}

/** publishRound, then a snapshot as the office chose it (`choice`), or the automatic one (null). */
export async function publishRoundWith(
  ctx: Ctx,
  roundId: string,
  choice: PublishChoice | null,
): Promise<{ published: number; publicationId: string | null }> {
  authorize(ctx, 'round:publish', await visibleRound(ctx, roundId));
  // An archived round is read-only forever; a draft one has nothing to publish (domain/collect/round-rules).
  const state = await findRound(ctx.db, roundId);
  const verdict = roundAllows('publish', { status: state?.status ?? 'open', dueDate: state?.dueDate ?? '' }, ctx.now());
  if (!verdict.ok) throw new AppError('LOCKED', verdict.message);
  const actor = ctx.actor;
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findApprovedVersions(trx, roundId);
    if (!current.length) return { published: 0, publicationId: await snapshotIn(trx, ctx, roundId, choice) };
    const moved = await repo.publishApproved(
      trx,
      current.map((c) => c.reportId),
      at,
    );
    if (moved !== current.length) throw new AppError('CONFLICT', STALE);
    const values = await repo.findValuesOfVersions(
      trx,
      current.map((c) => c.id),
    );
    const versions = current.map(({ reportId, ...v }) => ({
      ...v,
      reportId,
      id: newId(),
      versionNo: v.versionNo + 1,
      status: 'published',
      action: 'publish',
      comment: null,
      createdBy: actor.id,
      createdAt: at,
      from: v.id,
    }));
    const newIdOf = new Map(versions.map((v) => [v.from, v.id]));
    await repo.insertVersions(
      trx,
      versions.map(({ from: _from, ...v }) => v),
      values.map((x) => ({
        id: newId(),
        versionId: newIdOf.get(x.versionId)!,
        indicatorId: x.indicatorId,
        value: x.value,
        note: x.note,
      })),
    );
    await copyVersionNumbers(
      trx,
      versions.map((v) => ({ from: v.from, to: v.id })),
      at,
    );
    await assessVersions(
      trx,
      versions.map((v) => v.id),
      now,
    );
    await insertAudit(trx, {
      at,
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'round.publish',
      entity: 'round',
      entityId: roundId,
      after: { published: versions.length, reports: versions.map((v) => v.reportId) },
      ip: ctx.ip,
    });
    return { published: versions.length, publicationId: await snapshotIn(trx, ctx, roundId, choice) };
  });
}
