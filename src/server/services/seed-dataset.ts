/** Load a whole Dataset (demo or fixture) in one transaction; the rows are written set-based by repositories/seed.repo. */
import type { Dataset } from '../../domain/model/dataset';
import { hashPassword } from '../auth/passwords';
import type { Db, DbOrTx } from '../db/connect';
import { analyzeAll } from '../repositories/maintenance.repo';
import { keySupervisionOf } from '../repositories/project-flags';
import { hasProgrammes, insertSeedRows } from '../repositories/seed.repo';
import { assessVersions } from './assess/assessments';
import { systemClock } from './context';
import { seedEvaluateDemo } from './evaluate/demo';

/** True when the database holds no programme yet (`serve --demo` and `seed-demo` only seed an empty database). */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  return !(await hasProgrammes(db));
}

const json = (v: unknown) => JSON.stringify(v);
const bool = (b: boolean) => (b ? 1 : 0);

/** Insert every entity of the dataset; passwords are hashed here; `now` stamps the rows. Returns counts. */
export async function seedDataset(
  db: Db,
  ds: Dataset,
  at: Date = systemClock(),
  hashes: Map<string, string> = new Map(),
): Promise<Record<string, number>> {
  const now = at.toISOString();
  // Hash distinct passwords once (demo users share one) to keep seeding fast; parts of one demo share the map.
  for (const u of ds.users) if (!hashes.has(u.password)) hashes.set(u.password, await hashPassword(u.password));
  // Parents before children: sort organizations so a parent is always inserted first.
  const byId = new Map(ds.organizations.map((o) => [o.id, o]));
  const depth = (id: string | null, n = 0): number => (id && byId.get(id) ? depth(byId.get(id)!.parentId, n + 1) : n);
  const orgs = [...ds.organizations].sort((a, b) => depth(a.parentId) - depth(b.parentId));
  const parentsFirst = [...ds.projects].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
  await db.transaction().execute(async (trx) => {
    await insertSeedRows(trx, {
      organizations: orgs.map((o, i) => ({ ...o, aliases: json(o.aliases), seq: i, createdAt: now })),
      users: ds.users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        passwordHash: hashes.get(u.password)!,
        role: u.role,
        active: 1,
        failedLogins: 0,
        lockedUntil: null,
        email: u.email ?? null,
        createdAt: now,
      })),
      userUnits: ds.users.flatMap((u) => u.unitIds.map((orgId) => ({ userId: u.id, orgId }))),
      programmes: ds.programmes.map((p) => ({
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
      categories: ds.categories,
      matters: ds.matters,
      projects: parentsFirst.map((p) => ({
        ...p,
        levels: json(p.levels),
        flags: json(p.flags),
        keySupervision: keySupervisionOf(p.flags),
        createdAt: now,
        updatedAt: now,
      })),
      projectUnits: ds.projectUnits,
      indicators: ds.indicators,
      periodTargets: ds.periodTargets.map((t) => ({ ...t, cumulative: bool(t.cumulative) })),
      targetVersions: ds.targetVersions,
      rounds: ds.rounds.map((r) => ({ ...r, columns: json(r.columns), createdBy: null, createdAt: now })),
      reports: ds.reports,
      reportVersions: ds.reportVersions.map((v) => ({
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
      reportValues: ds.reportVersions.flatMap((v) =>
        v.values.map((val, i) => ({
          id: `${v.id}-v${i}`,
          versionId: v.id,
          indicatorId: val.indicatorId,
          value: val.value,
          note: val.note ?? '',
        })),
      ),
    });
    // Every version carries its assessment from the start (reads never judge).
    await assessVersions(
      trx,
      ds.reportVersions.map((v) => v.id),
      at,
    );
  });
  return {
    organizations: ds.organizations.length,
    users: ds.users.length,
    programmes: ds.programmes.length,
    projects: ds.projects.length,
    rounds: ds.rounds.length,
    reports: ds.reports.length,
    reportVersions: ds.reportVersions.length,
    reportValues: ds.reportVersions.reduce((n, v) => n + v.values.length, 0),
  };
}

/**
 * Seed a demo given in parts (the city, then one district per part; domain/demo generateDemoParts): one transaction
 * per part, so a large demo never holds one huge transaction and each district is whole or absent. Returns the
 * summed counts; `onPart` hears each part's counts and time.
 */
export async function seedDatasetParts(
  db: Db,
  parts: Iterable<Dataset>,
  onPart?: (i: number, counts: Record<string, number>, ms: number) => void,
  at: Date = systemClock(),
): Promise<Record<string, number>> {
  const hashes = new Map<string, string>();
  const total: Record<string, number> = {};
  let i = 0;
  for (const part of parts) {
    const t0 = performance.now();
    const counts = await seedDataset(db, part, at, hashes);
    for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
    onPart?.(i++, counts, performance.now() - t0);
  }
  await seedEvaluateDemo(db, at); // 人大监督小组 and a 满意度测评 per programme (services/evaluate/demo.ts)
  // Fresh statistics for the planner (a bulk load leaves them empty or stale).
  await analyzeAll(db);
  return total;
}
