/** Load a whole Dataset (demo or fixture) in one transaction. */
import type { Dataset } from '../../domain/model/dataset';
import { hashPassword } from '../auth/passwords';
import type { Db, DbOrTx } from '../db/connect';
import type { Database } from '../db/database';
import { nowIso } from '../util';

async function insertChunks<T extends keyof Database & string>(
  db: DbOrTx,
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are mapped to the table's columns by each caller
      .values(rows.slice(i, i + 200) as any)
      .execute();
  }
}

const json = (v: unknown) => JSON.stringify(v);
const bool = (b: boolean) => (b ? 1 : 0);

/** Insert every entity of the dataset; passwords are hashed here. Returns counts. */
export async function seedDataset(db: Db, ds: Dataset): Promise<Record<string, number>> {
  const now = nowIso();
  // Hash distinct passwords once (demo users share one) to keep seeding fast.
  const hashes = new Map<string, string>();
  for (const u of ds.users) if (!hashes.has(u.password)) hashes.set(u.password, await hashPassword(u.password));
  await db.transaction().execute(async (trx) => {
    // Parents before children: sort organizations so a parent is always inserted first.
    const byId = new Map(ds.organizations.map((o) => [o.id, o]));
    const depth = (id: string | null, n = 0): number => (id && byId.get(id) ? depth(byId.get(id)!.parentId, n + 1) : n);
    const orgs = [...ds.organizations].sort((a, b) => depth(a.parentId) - depth(b.parentId));
    await insertChunks(
      trx,
      'organizations',
      orgs.map((o, i) => ({ ...o, aliases: json(o.aliases), seq: i, createdAt: now })),
    );
    await insertChunks(
      trx,
      'users',
      ds.users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        passwordHash: hashes.get(u.password)!,
        role: u.role,
        active: 1,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
      })),
    );
    await insertChunks(
      trx,
      'userUnits',
      ds.users.flatMap((u) => u.unitIds.map((orgId) => ({ userId: u.id, orgId }))),
    );
    await insertChunks(
      trx,
      'programmes',
      ds.programmes.map((p) => ({
        id: p.id,
        name: p.name,
        year: p.year,
        level: p.level,
        ownerOrgId: p.ownerOrgId,
        statusVocabulary: json(p.statusVocabulary),
        schedule: json(p.schedule),
        status: p.status,
        createdAt: now,
      })),
    );
    await insertChunks(trx, 'categories', ds.categories);
    await insertChunks(trx, 'matters', ds.matters);
    const parentsFirst = [...ds.projects].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
    await insertChunks(
      trx,
      'projects',
      parentsFirst.map((p) => ({ ...p, levels: json(p.levels), flags: json(p.flags), createdAt: now, updatedAt: now })),
    );
    await insertChunks(trx, 'projectUnits', ds.projectUnits);
    await insertChunks(trx, 'indicators', ds.indicators);
    await insertChunks(
      trx,
      'periodTargets',
      ds.periodTargets.map((t) => ({ ...t, cumulative: bool(t.cumulative) })),
    );
    await insertChunks(trx, 'targetVersions', ds.targetVersions);
    await insertChunks(
      trx,
      'rounds',
      ds.rounds.map((r) => ({ ...r, columns: json(r.columns), createdBy: null, createdAt: now })),
    );
    await insertChunks(trx, 'reports', ds.reports);
    await insertChunks(
      trx,
      'reportVersions',
      ds.reportVersions.map((v) => ({
        id: v.id,
        reportId: v.reportId,
        versionNo: v.versionNo,
        status: v.status,
        action: v.action,
        progressText: v.progressText,
        selfAssessment: v.selfAssessment,
        problems: v.problems,
        nextSteps: v.nextSteps,
        targetAdjustmentNote: v.targetAdjustmentNote,
        completedAnnualTarget: bool(v.completedAnnualTarget),
        lagAnalysis: v.lagAnalysis ? json(v.lagAnalysis) : null,
        comment: v.comment,
        createdBy: v.createdBy,
        createdAt: v.createdAt,
      })),
    );
    await insertChunks(
      trx,
      'reportValues',
      ds.reportVersions.flatMap((v) =>
        v.values.map((val, i) => ({
          id: `${v.id}-v${i}`,
          versionId: v.id,
          indicatorId: val.indicatorId,
          value: val.value,
          note: val.note ?? '',
        })),
      ),
    );
  });
  return {
    organizations: ds.organizations.length,
    users: ds.users.length,
    projects: ds.projects.length,
    rounds: ds.rounds.length,
    reports: ds.reports.length,
    reportVersions: ds.reportVersions.length,
  };
}
