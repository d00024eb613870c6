/**
 * Commit an import preview: one transaction updates projects by code (by name where there is no code), adds units in
 * roles and period targets, and stores progress as a new version of the round's report. Unknown units are never
 * created silently: the caller maps each to an existing organisation or lists it under `createUnits`.
 * The programme is read once per table, every row is decided in memory, and the writes are set-based (multi-row
 * statements in repositories/imports.repo.ts) — no query per row inside the transaction.
 */
import type { Insertable } from 'kysely';
import type { ImportItem, ImportPreview, OrgRef } from '../../../domain/collect/import/types';
import { DEFAULT_ROUND_COLUMNS } from '../../../domain/model/types';
import { parsePeriodKey, periodLabel } from '../../../domain/plan/periods';
import { type Actor, actsFor } from '../../../domain/policies/policies';
import { isLocked } from '../../../domain/review/review-workflow';
import type { ImportCommitSummary } from '../../../shared/api-types';
import type { DbOrTx } from '../../db/connect';
import type {
  CategoriesTable,
  MattersTable,
  ProjectsTable,
  ProjectUnitsTable,
  ReportVersionsTable,
} from '../../db/database';
import { AppError, notFound } from '../../errors';
import { enqueueJob } from '../../jobs/enqueue';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/imports.repo';
import { insertOrganizations, listOrgNames } from '../../repositories/orgs.repo';
import { findProgramme, findRoundByPeriod } from '../../repositories/programmes.repo';
import { keySupervisionOf } from '../../repositories/project-flags';
import { newId } from '../../util';
import { assessVersions } from '../assess/assessments';
import { authorize, authorizeRead, type Ctx } from '../context';
import { recordedUserId } from '../local-operator';

export type CommitOptions = {
  programmeId: string;
  /** Period of the round to store progress in (e.g. 2023-Q3); defaults to the one read from the title. */
  periodKey?: string | null;
  asOf?: string | null;
  /** Unknown unit name → existing organisation id. */
  unitMapping?: Record<string, string>;
  /** Unknown unit names the user chose to create (as kind 'other' under the programme owner). */
  createUnits?: string[];
  /**
   * Store the imported progress as approved (or published) reports: the table is an issued document, not a unit's
   * draft (`shishi import --approved`). Without it, new reports are drafts and existing ones keep their state.
   */
  markAs?: 'approved' | 'published' | null;
};

const clean = (s: string | null | undefined) => (s ?? '').trim();

/** Organisations with their aliases parsed: what unit names in an import are matched against (preview and commit). */
export async function listOrgsForMatching(db: DbOrTx, actor?: Actor | null): Promise<OrgRef[]> {
  return (await listOrgNames(db))
    .filter((o) => actor === undefined || actsFor(actor, o.id))
    .map((o) => ({ id: o.id, name: o.name, aliases: JSON.parse(o.aliases) as string[] }));
}

/** Write a preview into a programme. Everything or nothing. */
export async function commitImport(
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
): Promise<ImportCommitSummary> {
  return ctx.db.transaction().execute((trx) => commitImportIn(trx, ctx, preview, opts));
}

/**
 * The commit inside the caller's transaction (the command line creates the programme first, in the same transaction:
 * import-bootstrap.ts). Reads, checks and writes all go through `trx`.
 */
export async function commitImportIn(
  trx: DbOrTx,
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
): Promise<ImportCommitSummary> {
  const programme = await findProgramme(trx, opts.programmeId);
  if (!programme) throw notFound('实事计划');
  authorizeRead(ctx, 'programme:read', programme, '实事计划');
  authorize(ctx, 'import:commit', programme);
  const actor = ctx.actor;
  const userId = recordedUserId(actor);
  // Units are matched within the organisations the actor acts for, never another district's.
  const orgs = await listOrgsForMatching(trx, actor);
  const { byName, toCreate } = resolveUnits(orgs, preview, opts);
  const periodKey = opts.periodKey ?? preview.round.periodKey;
  if (periodKey && !periodKey.startsWith(String(programme.year)))
    throw new AppError(
      'VALIDATION',
      `导入文件的期次（${periodLabel(periodKey)}）不属于计划年度${programme.year}年，请选择正确的计划或期次`,
    );
  const now = ctx.now().toISOString();
  const summary: ImportCommitSummary = {
    projectsCreated: 0,
    projectsUpdated: 0,
    reportsVersioned: 0,
    unitsCreated: 0,
    roundId: null,
    skipped: [],
    notes: [],
  };
  summary.unitsCreated = await createUnits(trx, toCreate, programme.ownerOrgId, now, byName);
  let roundId: string | null = null;
  if (periodKey && preview.items.some(hasReportContent))
    roundId = await ensureRound(trx, programme.id, periodKey, opts.asOf ?? preview.round.asOf, userId, now);
  summary.roundId = roundId;

  // Read once, decide row by row in memory, write set-based.
  const plan = new ImportPlan(
    programme.id,
    periodKey,
    roundId,
    now,
    userId,
    opts.markAs ?? null,
    await repo.loadProgrammeForImport(trx, programme.id, periodKey),
    roundId ? await repo.findRoundReports(trx, roundId) : [],
  );
  planItems(plan, preview.items, { periodKey, roundId, byName }, summary);
  await plan.write(trx);
  // The imported versions carry their assessment; the targets this import changed re-assess the rest, in the background.
  await assessVersions(trx, plan.versionIds, ctx.now());
  await enqueueJob(trx, 'reassess.programme', { programmeId: programme.id }, { now: ctx.now() });
  await insertAudit(trx, {
    at: now,
    actorId: userId,
    actorName: actor.displayName,
    action: 'import.commit',
    entity: 'programme',
    entityId: programme.id,
    after: {
      source: preview.source,
      title: preview.round.title,
      periodKey,
      ...(opts.markAs ? { markAs: opts.markAs } : {}),
      ...summary,
    },
    ip: ctx.ip,
  });
  return summary;
}

async function ensureRound(
  trx: DbOrTx,
  programmeId: string,
  periodKey: string,
  asOf: string | null,
  by: string | null,
  now: string,
) {
  const existing = await findRoundByPeriod(trx, programmeId, periodKey);
  if (existing) return existing.id;
  const id = newId();
  const date = asOf ?? now.slice(0, 10);
  await repo.insertRoundRow(trx, {
    id,
    programmeId,
    name: `${periodLabel(periodKey)}进展情况（导入）`,
    periodType: parsePeriodKey(periodKey)?.type ?? 'year',
    periodKey,
    asOf: date,
    dueDate: date,
    columns: JSON.stringify(DEFAULT_ROUND_COLUMNS),
    status: 'open',
    createdBy: by,
    createdAt: now,
  });
  return id;
}

/** The row carries report content: progress, problems, next steps, a self-assessment, or 已完成 as its evaluation. */
const hasReportContent = (i: ImportItem) =>
  Boolean(
    clean(i.progress) ||
      clean(i.problems) ||
      clean(i.nextSteps) ||
      clean(i.selfAssessment) ||
      i.evaluation === '已完成',
  );

/** Names compared loosely: no spaces or punctuation. */
const sameName = (a: string, b: string) =>
  a.replace(/[\s，,。.、（）()“”"]/g, '') === b.replace(/[\s，,。.、（）()“”"]/g, '');

type Loaded = Awaited<ReturnType<typeof repo.loadProgrammeForImport>>;
type ProjectRow = Loaded['projects'][number];
type PeriodTargetRow = Loaded['periodTargets'][number];
type ReportState = {
  id: string;
  projectId: string;
  orgId: string;
  status: string;
  versionNo: number;
  /** Versions this import adds. */
  versions: number;
  created: boolean;
};

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};
const firstWins = <K, V>(m: Map<K, V>, k: K, v: V) => {
  if (!m.has(k)) m.set(k, v);
};

/**
 * The commit's decisions, made row by row against the programme as loaded plus what earlier rows of the same import
 * added (exactly what per-row queries inside the transaction would have seen), then written with a few set-based
 * statements per table.
 */
class ImportPlan {
  private readonly categoryByName = new Map<string, string>();
  private readonly matterByGoal = new Map<string, string>();
  private readonly matterByKey = new Map<string, string>();
  /** Projects of the programme by code, in load order, including the ones this import creates. */
  private readonly projectsByCode = new Map<string, { id: string; name: string }[]>();
  /** Projects as loaded, by name (rows this import creates or updates are claimed and never matched by name). */
  private readonly projectsByName = new Map<string, ProjectRow[]>();
  private readonly claimed = new Set<string>();
  private readonly unitsOf = new Map<string, { orgId: string; role: string }[]>();
  private readonly targetOf = new Map<string, PeriodTargetRow>();
  private readonly reports = new Map<string, ReportState>();

  private readonly newCategories: Insertable<CategoriesTable>[] = [];
  private readonly newMatters: Insertable<MattersTable>[] = [];
  private readonly newProjects: Insertable<ProjectsTable>[] = [];
  private readonly changedProjects = new Map<string, Insertable<ProjectsTable>>();
  private readonly newUnits: Insertable<ProjectUnitsTable>[] = [];
  private readonly newTargets = new Set<PeriodTargetRow>();
  private readonly changedTargets = new Set<PeriodTargetRow>();
  private readonly newVersions: Insertable<ReportVersionsTable>[] = [];

  constructor(
    private readonly programmeId: string,
    private readonly periodKey: string | null,
    private readonly roundId: string | null,
    private readonly now: string,
    private readonly by: string | null,
    /** Store the imported progress as approved or published (the table was issued), instead of in the report's state. */
    private readonly markAs: 'approved' | 'published' | null,
    loaded: Loaded,
    reports: Awaited<ReturnType<typeof repo.findRoundReports>>,
  ) {
    for (const c of loaded.categories) firstWins(this.categoryByName, c.name, c.id);
    for (const m of loaded.matters) firstWins(this.matterByGoal, m.goalText, m.id);
    for (const p of loaded.projects) {
      push(this.projectsByCode, p.code, p);
      push(this.projectsByName, p.name, p);
    }
    for (const u of loaded.units) push(this.unitsOf, u.projectId, { orgId: u.orgId, role: u.role });
    for (const t of loaded.periodTargets) firstWins(this.targetOf, t.projectId, t);
    for (const r of reports) this.reports.set(`${r.projectId}|${r.orgId}`, { ...r, versions: 0, created: false });
  }

  /** The matter a row belongs to (created when new); its category is created when new. */
  matter(item: ImportItem, seq: number): string | null {
    const title = clean(item.matter);
    if (!title) return null;
    const key = `${item.matterNumber ?? ''}|${title}`;
    const cached = this.matterByKey.get(key);
    if (cached) return cached;
    let categoryId: string | null = null;
    const cat = clean(item.category);
    if (cat) {
      categoryId = this.categoryByName.get(cat) ?? null;
      if (!categoryId) {
        categoryId = newId();
        this.newCategories.push({ id: categoryId, programmeId: this.programmeId, seq: 0, name: cat });
        this.categoryByName.set(cat, categoryId);
      }
    }
    let id = this.matterByGoal.get(title);
    if (!id) {
      id = newId();
      const number = item.matterNumber ?? (item.code?.split('-')[0] || '');
      const shortTitle = title.split(/[：:\n]/)[0]!.slice(0, 60);
      this.newMatters.push({
        id,
        programmeId: this.programmeId,
        categoryId,
        number,
        title: shortTitle,
        goalText: title,
        // In the file's order, on the same scale as the projects' seq (1000 + row).
        seq: 1000 + seq,
      });
      this.matterByGoal.set(title, id);
    }
    this.matterByKey.set(key, id);
    return id;
  }

  /**
   * Find the project a row updates: by code, else by name. A row never merges into a project another row of the same
   * import already updated, and a bare row number ("2") only matches a project of the same name — so a different table
   * whose 序号 2 is another project cannot overwrite it.
   */
  private findExisting(code: string, name: string) {
    if (code) {
      const byCode = (this.projectsByCode.get(code) ?? []).filter((p) => !this.claimed.has(p.id));
      const hit = /^\d+$/.test(code)
        ? byCode.find((p) => sameName(p.name, name))
        : (byCode.find((p) => sameName(p.name, name)) ?? byCode[0]);
      if (hit) return hit as ProjectRow;
    }
    return (this.projectsByName.get(name) ?? []).find((p) => !this.claimed.has(p.id));
  }

  /** Update the row's project or create it; returns its id. */
  project(item: ImportItem, matterId: string | null, seq: number, summary: ImportCommitSummary): string {
    const code = clean(item.code);
    const name = clean(item.name) || code;
    const existing = this.findExisting(code, name);
    if (!existing && code) {
      const other = this.projectsByCode.get(code)?.[0];
      if (other) summary.notes.push(`编号“${code}”已有项目“${other.name}”，与本行“${name}”不同，已作为新项目导入`);
    }
    const fields = {
      name,
      annualTargetText: clean(item.annualTarget),
      levels: JSON.stringify(item.levels),
      flags: JSON.stringify(item.flags),
      keySupervision: keySupervisionOf(item.flags),
      updatedAt: this.now,
    };
    if (existing) {
      const row = { ...existing, ...fields, ...(matterId ? { matterId } : {}) };
      existing.name = name;
      this.changedProjects.set(existing.id, row);
      summary.projectsUpdated++;
      this.claimed.add(existing.id);
      return existing.id;
    }
    const id = newId();
    const row = {
      id,
      programmeId: this.programmeId,
      matterId,
      parentId: null,
      code: code || `导入-${seq}`,
      type: '其他',
      seq: 1000 + seq,
      createdAt: this.now,
      ...fields,
    };
    this.newProjects.push(row);
    push(this.projectsByCode, row.code, { id, name });
    summary.projectsCreated++;
    this.claimed.add(id);
    return id;
  }

  /** Add the row's units in roles that the project does not have yet. */
  units(projectId: string, item: ImportItem, byName: Map<string, string>) {
    const roles: [string, string[]][] = [
      ['lead', item.leadUnits],
      ['assist', item.assistUnits],
      ['cohost', item.cohostUnits],
    ];
    const existing = this.unitsOf.get(projectId) ?? [];
    this.unitsOf.set(projectId, existing);
    let seq = existing.length;
    for (const [role, list] of roles) {
      for (const n of list) {
        const orgId = byName.get(n);
        if (!orgId || existing.some((e) => e.orgId === orgId && e.role === role)) continue;
        this.newUnits.push({ id: newId(), projectId, orgId, role, shareNote: '', seq: ++seq });
        existing.push({ orgId, role });
      }
    }
  }

  /** Set the project's whole-project target for the import's period. */
  periodTarget(projectId: string, text: string) {
    const found = this.targetOf.get(projectId);
    if (found) {
      found.targetText = text;
      if (!this.newTargets.has(found)) this.changedTargets.add(found);
      return;
    }
    const row: PeriodTargetRow = {
      id: newId(),
      projectId,
      indicatorId: null,
      periodKey: this.periodKey!,
      targetText: text,
      targetValue: null,
      cumulative: 1,
    };
    this.targetOf.set(projectId, row);
    this.newTargets.add(row);
  }

  /** The unit's report on the project in the round, created (draft, no version yet) when it has none. */
  ensureReport(projectId: string, orgId: string): ReportState {
    const key = `${projectId}|${orgId}`;
    let report = this.reports.get(key);
    if (!report) {
      report = { id: newId(), projectId, orgId, status: 'draft', versionNo: 0, versions: 0, created: true };
      this.reports.set(key, report);
    }
    return report;
  }

  /** Store the row's progress as the next version of the unit's report in the round (unless it is locked). */
  version(projectId: string, orgId: string, item: ImportItem): 'locked' | 'versioned' {
    const report = this.ensureReport(projectId, orgId);
    // Locked before this import (approved or published); the import's own marking does not lock its later rows out.
    if (report.versions === 0 && isLocked(report.status as never)) return 'locked';
    if (this.markAs) report.status = this.markAs;
    report.versions++;
    this.newVersions.push({
      id: newId(),
      reportId: report.id,
      versionNo: report.versionNo + report.versions,
      status: report.status,
      action: 'import',
      progressText: clean(item.progress),
      selfAssessment: item.selfAssessment,
      problems: clean(item.problems),
      nextSteps: clean(item.nextSteps),
      targetAdjustmentNote: '',
      completedAnnualTarget: item.evaluation === '已完成' || item.selfAssessment === '已完成' ? 1 : 0,
      lagAnalysis: null,
      comment: null,
      createdBy: this.by,
      createdAt: this.now,
    });
    return 'versioned';
  }

  /** Ids of the report versions this import writes. */
  get versionIds(): string[] {
    return this.newVersions.map((v) => v.id as string);
  }

  /** Parents before children: categories → matters → projects → units, targets → reports → versions. */
  async write(trx: DbOrTx) {
    await repo.insertCategories(trx, this.newCategories);
    await repo.insertMatters(trx, this.newMatters);
    await repo.insertProjects(trx, this.newProjects);
    await repo.updateImportedProjects(trx, [...this.changedProjects.values()]);
    await repo.insertProjectUnits(trx, this.newUnits);
    await repo.insertPeriodTargets(trx, [...this.newTargets]);
    await repo.updatePeriodTargetTexts(trx, [...this.changedTargets]);
    const reports = [...this.reports.values()].filter((r) => r.versions > 0 || r.created);
    await repo.insertReportRows(
      trx,
      reports
        .filter((r) => r.created)
        .map((r) => ({
          id: r.id,
          roundId: this.roundId!,
          projectId: r.projectId,
          orgId: r.orgId,
          status: r.status,
          versionNo: r.versions,
          approvedAt: this.markAs && r.versions > 0 ? this.now : null,
          updatedAt: this.now,
        })),
    );
    const advanced = new Map<number, string[]>();
    for (const r of reports) if (!r.created && r.versions > 0) push(advanced, r.versions, r.id);
    const marked = this.markAs ? { status: this.markAs, approvedAt: this.now } : undefined;
    for (const [by, ids] of advanced) await repo.advanceReportVersions(trx, ids, by, this.now, marked);
    await repo.insertReportVersions(trx, this.newVersions);
  }
}

/** Unit names of the file → organisation ids (names, aliases, the preview's matches, the user's mapping); what to create. */
function resolveUnits(
  orgs: OrgRef[],
  preview: ImportPreview,
  opts: CommitOptions,
): { byName: Map<string, string>; toCreate: string[] } {
  const byName = new Map<string, string>();
  for (const o of orgs) {
    byName.set(o.name, o.id);
    for (const a of o.aliases ?? []) if (!byName.has(a)) byName.set(a, o.id);
  }
  for (const m of preview.units.matched) byName.set(m.name, m.orgId);
  for (const [name, id] of Object.entries(opts.unitMapping ?? {})) {
    if (!orgs.some((o) => o.id === id)) throw new AppError('VALIDATION', `单位映射“${name}”指向的单位不存在`);
    byName.set(name, id);
  }
  const toCreate = (opts.createUnits ?? []).filter((n) => !byName.has(n));
  const collective = new Set(preview.units.collective);
  const names = preview.items.flatMap((i) => [...i.leadUnits, ...i.assistUnits, ...i.cohostUnits]);
  const unresolved = [...new Set(names.filter((n) => !byName.has(n) && !toCreate.includes(n) && !collective.has(n)))];
  if (unresolved.length)
    throw new AppError('VALIDATION', `以下单位不在组织机构中，请先映射到已有单位或选择新建：${unresolved.join('、')}`, {
      unresolved,
    });
  return { byName, toCreate };
}

/** The units the user chose to create, under the programme's owner; their ids join `byName`. */
async function createUnits(
  trx: DbOrTx,
  toCreate: string[],
  parentId: string,
  now: string,
  byName: Map<string, string>,
): Promise<number> {
  const units = toCreate.map((name) => ({
    id: newId(),
    name,
    shortName: null,
    kind: 'other',
    parentId,
    aliases: '[]',
    seq: 9999,
    createdAt: now,
  }));
  await insertOrganizations(trx, units);
  for (const u of units) byName.set(u.name, u.id);
  return units.length;
}

/** Decide every row in memory: project, units in roles, period target, the round's report version. */
function planItems(
  plan: ImportPlan,
  items: ImportPreview['items'],
  ctx: { periodKey: string | null; roundId: string | null; byName: Map<string, string> },
  summary: ImportCommitSummary,
) {
  const { periodKey, roundId, byName } = ctx;
  let seq = 0;
  for (const item of items) {
    seq++;
    if (!clean(item.name) && !clean(item.code)) {
      summary.skipped.push({ code: item.code, name: item.name, reason: '缺少项目名称和编号' });
      continue;
    }
    const matterId = plan.matter(item, seq);
    const projectId = plan.project(item, matterId, seq, summary);
    plan.units(projectId, item, byName);
    if (periodKey && clean(item.periodTarget)) plan.periodTarget(projectId, clean(item.periodTarget));
    if (roundId) planReport(plan, projectId, item, byName, summary);
  }
}

/**
 * The row's report in the round: its content as a new version; a row without content still gets its lead unit's
 * (empty, draft) report, as opening a round does, so the project is in the round's table and documents.
 */
function planReport(
  plan: ImportPlan,
  projectId: string,
  item: ImportItem,
  byName: Map<string, string>,
  summary: ImportCommitSummary,
) {
  const lead = item.leadUnits.map((n) => byName.get(n)).find(Boolean);
  if (!hasReportContent(item)) {
    if (lead) plan.ensureReport(projectId, lead);
    return;
  }
  if (!lead) {
    summary.skipped.push({ code: item.code, name: item.name, reason: '没有可识别的牵头单位，进展未导入' });
    return;
  }
  const res = plan.version(projectId, lead, item);
  if (res === 'locked')
    summary.skipped.push({ code: item.code, name: item.name, reason: '该期填报已审核锁定，进展未覆盖' });
  else summary.reportsVersioned++;
}
