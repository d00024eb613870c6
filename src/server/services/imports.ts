/**
 * Commit an import preview: one transaction updates projects by code (by name where there is no code), adds units in
 * roles and period targets, and stores progress as a new version of the round's report. Unknown units are never
 * created silently: the caller maps each to an existing organisation or lists it under `createUnits`.
 */
import type { ImportItem, ImportPreview } from '../../domain/import/types';
import { parsePeriodKey, periodLabel } from '../../domain/periods/periods';
import { isLocked } from '../../domain/review/review-workflow';
import type { ImportCommitSummary } from '../../shared/api-types';
import type { DbOrTx } from '../db/connect';
import { AppError, notFound } from '../errors';
import { insertAudit } from '../repositories/audit.repo';
import { findProgramme, findRoundByPeriod } from '../repositories/programmes.repo';
import { newId, nowIso } from '../util';
import { authorize, type Ctx } from './context';
import { DEFAULT_COLUMNS } from './rounds';

export type CommitOptions = {
  programmeId: string;
  /** Period of the round to store progress in (e.g. 2023-Q3); defaults to the one read from the title. */
  periodKey?: string | null;
  asOf?: string | null;
  /** Unknown unit name → existing organisation id. */
  unitMapping?: Record<string, string>;
  /** Unknown unit names the user chose to create (as kind 'other' under the programme owner). */
  createUnits?: string[];
};

const clean = (s: string | null | undefined) => (s ?? '').trim();

/** Write a preview into a programme. Everything or nothing. */
export async function commitImport(
  ctx: Ctx,
  preview: ImportPreview,
  opts: CommitOptions,
): Promise<ImportCommitSummary> {
  authorize(ctx, 'round:open');
  const actor = ctx.actor;
  const programme = await findProgramme(ctx.db, opts.programmeId);
  if (!programme) throw notFound('实事计划');
  const orgRows = await ctx.db.selectFrom('organizations').select(['id', 'name', 'aliases']).execute();
  const byName = new Map<string, string>();
  for (const o of orgRows) {
    byName.set(o.name, o.id);
    for (const a of JSON.parse(o.aliases) as string[]) if (!byName.has(a)) byName.set(a, o.id);
  }
  for (const m of preview.units.matched) byName.set(m.name, m.orgId);
  for (const [name, id] of Object.entries(opts.unitMapping ?? {})) {
    if (!orgRows.some((o) => o.id === id)) throw new AppError('VALIDATION', `单位映射“${name}”指向的单位不存在`);
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
  const periodKey = opts.periodKey ?? preview.round.periodKey;
  if (periodKey && !periodKey.startsWith(String(programme.year)))
    throw new AppError(
      'VALIDATION',
      `导入文件的期次（${periodLabel(periodKey)}）不属于计划年度${programme.year}年，请选择正确的计划或期次`,
    );
  const now = nowIso();
  const summary: ImportCommitSummary = {
    projectsCreated: 0,
    projectsUpdated: 0,
    reportsVersioned: 0,
    unitsCreated: 0,
    roundId: null,
    skipped: [],
    notes: [],
  };
  await ctx.db.transaction().execute(async (trx) => {
    for (const name of toCreate) {
      const id = newId();
      await trx
        .insertInto('organizations')
        .values({
          id,
          name,
          shortName: null,
          kind: 'other',
          parentId: programme.ownerOrgId,
          aliases: '[]',
          seq: 9999,
          createdAt: now,
        })
        .execute();
      byName.set(name, id);
      summary.unitsCreated++;
    }
    let roundId: string | null = null;
    const hasProgress = preview.items.some((i) => clean(i.progress));
    if (periodKey && hasProgress)
      roundId = await ensureRound(trx, programme.id, periodKey, opts.asOf ?? preview.round.asOf, actor.id, now);
    summary.roundId = roundId;
    const matters = new Map<string, string>();
    const claimed = new Set<string>();
    let seq = 0;
    for (const item of preview.items) {
      seq++;
      if (!clean(item.name) && !clean(item.code)) {
        summary.skipped.push({ code: item.code, name: item.name, reason: '缺少项目名称和编号' });
        continue;
      }
      const matterId = await ensureMatter(trx, programme.id, item, matters);
      const projectId = await upsertProject(trx, programme.id, item, matterId, seq, now, summary, claimed);
      await addUnits(trx, projectId, item, byName);
      if (periodKey && clean(item.periodTarget))
        await upsertPeriodTarget(trx, projectId, periodKey, clean(item.periodTarget));
      if (roundId && clean(item.progress)) {
        const lead = item.leadUnits.map((n) => byName.get(n)).find(Boolean);
        if (!lead) {
          summary.skipped.push({ code: item.code, name: item.name, reason: '没有可识别的牵头单位，进展未导入' });
          continue;
        }
        const res = await versionReport(trx, roundId, projectId, lead, item, actor.id, now);
        if (res === 'locked')
          summary.skipped.push({ code: item.code, name: item.name, reason: '该期填报已审核锁定，进展未覆盖' });
        else summary.reportsVersioned++;
      }
    }
    await insertAudit(trx, {
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'import.commit',
      entity: 'programme',
      entityId: programme.id,
      after: { source: preview.source, title: preview.round.title, periodKey, ...summary },
      ip: ctx.ip,
    });
  });
  return summary;
}

async function ensureRound(
  trx: DbOrTx,
  programmeId: string,
  periodKey: string,
  asOf: string | null,
  by: string,
  now: string,
) {
  const existing = await findRoundByPeriod(trx, programmeId, periodKey);
  if (existing) return existing.id;
  const id = newId();
  const date = asOf ?? now.slice(0, 10);
  await trx
    .insertInto('rounds')
    .values({
      id,
      programmeId,
      name: `${periodLabel(periodKey)}进展情况（导入）`,
      periodType: parsePeriodKey(periodKey)?.type ?? 'year',
      periodKey,
      asOf: date,
      dueDate: date,
      columns: JSON.stringify(DEFAULT_COLUMNS),
      status: 'open',
      createdBy: by,
      createdAt: now,
    })
    .execute();
  return id;
}

async function ensureMatter(trx: DbOrTx, programmeId: string, item: ImportItem, cache: Map<string, string>) {
  const title = clean(item.matter);
  if (!title) return null;
  const key = `${item.matterNumber ?? ''}|${title}`;
  if (cache.has(key)) return cache.get(key)!;
  let categoryId: string | null = null;
  const cat = clean(item.category);
  if (cat) {
    const found = await trx
      .selectFrom('categories')
      .select('id')
      .where('programmeId', '=', programmeId)
      .where('name', '=', cat)
      .executeTakeFirst();
    categoryId = found?.id ?? newId();
    if (!found) await trx.insertInto('categories').values({ id: categoryId, programmeId, seq: 0, name: cat }).execute();
  }
  const found = await trx
    .selectFrom('matters')
    .select('id')
    .where('programmeId', '=', programmeId)
    .where('goalText', '=', title)
    .executeTakeFirst();
  const id = found?.id ?? newId();
  if (!found) {
    const number = item.matterNumber ?? (item.code?.split('-')[0] || '');
    const shortTitle = title.split(/[：:\n]/)[0]!.slice(0, 60);
    await trx
      .insertInto('matters')
      .values({ id, programmeId, categoryId, number, title: shortTitle, goalText: title, seq: 0 })
      .execute();
  }
  cache.set(key, id);
  return id;
}

/** Names compared loosely: no spaces or punctuation. */
const sameName = (a: string, b: string) =>
  a.replace(/[\s，,。.、（）()“”"]/g, '') === b.replace(/[\s，,。.、（）()“”"]/g, '');

/**
 * Find the project a row updates: by code, else by name. A row never merges into a project another row of the same
 * import already updated, and a bare row number ("2") only matches a project of the same name — so a different table
 * whose 序号 2 is another project cannot overwrite it.
 */
async function findExisting(trx: DbOrTx, programmeId: string, code: string, name: string, claimed: Set<string>) {
  const base = () => trx.selectFrom('projects').select(['id', 'name']).where('programmeId', '=', programmeId);
  if (code) {
    const byCode = (await base().where('code', '=', code).execute()).filter((p) => !claimed.has(p.id));
    const hit = /^\d+$/.test(code)
      ? byCode.find((p) => sameName(p.name, name))
      : (byCode.find((p) => sameName(p.name, name)) ?? byCode[0]);
    if (hit) return hit;
  }
  const byName = await base().where('name', '=', name).execute();
  return byName.find((p) => !claimed.has(p.id));
}

async function upsertProject(
  trx: DbOrTx,
  programmeId: string,
  item: ImportItem,
  matterId: string | null,
  seq: number,
  now: string,
  summary: ImportCommitSummary,
  claimed: Set<string>,
) {
  const code = clean(item.code);
  const name = clean(item.name) || code;
  const existing = await findExisting(trx, programmeId, code, name, claimed);
  if (!existing && code) {
    const other = await trx
      .selectFrom('projects')
      .select('name')
      .where('programmeId', '=', programmeId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (other) summary.notes.push(`编号“${code}”已有项目“${other.name}”，与本行“${name}”不同，已作为新项目导入`);
  }
  const fields = {
    name,
    annualTargetText: clean(item.annualTarget),
    levels: JSON.stringify(item.levels),
    flags: JSON.stringify(item.flags),
    updatedAt: now,
  };
  if (existing) {
    await trx
      .updateTable('projects')
      .set({ ...fields, ...(matterId ? { matterId } : {}) })
      .where('id', '=', existing.id)
      .execute();
    summary.projectsUpdated++;
    claimed.add(existing.id);
    return existing.id;
  }
  const id = newId();
  await trx
    .insertInto('projects')
    .values({
      id,
      programmeId,
      matterId,
      parentId: null,
      code: code || `导入-${seq}`,
      type: '其他',
      seq: 1000 + seq,
      createdAt: now,
      ...fields,
    })
    .execute();
  summary.projectsCreated++;
  claimed.add(id);
  return id;
}

async function addUnits(trx: DbOrTx, projectId: string, item: ImportItem, byName: Map<string, string>) {
  const roles: [string, string[]][] = [
    ['lead', item.leadUnits],
    ['assist', item.assistUnits],
    ['cohost', item.cohostUnits],
  ];
  const existing = await trx
    .selectFrom('projectUnits')
    .select(['orgId', 'role'])
    .where('projectId', '=', projectId)
    .execute();
  let seq = existing.length;
  for (const [role, list] of roles) {
    for (const n of list) {
      const orgId = byName.get(n);
      if (!orgId || existing.some((e) => e.orgId === orgId && e.role === role)) continue;
      await trx
        .insertInto('projectUnits')
        .values({ id: newId(), projectId, orgId, role, shareNote: '', seq: ++seq })
        .execute();
      existing.push({ orgId, role });
    }
  }
}

async function upsertPeriodTarget(trx: DbOrTx, projectId: string, periodKey: string, text: string) {
  const found = await trx
    .selectFrom('periodTargets')
    .select('id')
    .where('projectId', '=', projectId)
    .where('periodKey', '=', periodKey)
    .where('indicatorId', 'is', null)
    .executeTakeFirst();
  if (found) await trx.updateTable('periodTargets').set({ targetText: text }).where('id', '=', found.id).execute();
  else
    await trx
      .insertInto('periodTargets')
      .values({
        id: newId(),
        projectId,
        indicatorId: null,
        periodKey,
        targetText: text,
        targetValue: null,
        cumulative: 1,
      })
      .execute();
}

async function versionReport(
  trx: DbOrTx,
  roundId: string,
  projectId: string,
  orgId: string,
  item: ImportItem,
  by: string,
  now: string,
) {
  let report = await trx
    .selectFrom('reports')
    .select(['id', 'status', 'versionNo'])
    .where('roundId', '=', roundId)
    .where('projectId', '=', projectId)
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  if (!report) {
    report = { id: newId(), status: 'draft', versionNo: 0 };
    await trx
      .insertInto('reports')
      .values({ ...report, roundId, projectId, orgId, updatedAt: now })
      .execute();
  }
  if (isLocked(report.status as never)) return 'locked' as const;
  const versionNo = report.versionNo + 1;
  await trx.updateTable('reports').set({ versionNo, updatedAt: now }).where('id', '=', report.id).execute();
  await trx
    .insertInto('reportVersions')
    .values({
      id: newId(),
      reportId: report.id,
      versionNo,
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
      createdBy: by,
      createdAt: now,
    })
    .execute();
  return 'versioned' as const;
}
