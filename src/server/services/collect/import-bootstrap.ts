/**
 * Importing a table into a fresh database (`shishi import 文件` on a new file): when no programme of the file's year
 * exists and none is named, create the government the title names (龙华区 → 龙华区人民政府, reused when it exists),
 * its 督查室 and the programme (龙华区2023年民生实事, default status words and 序时进度 plan) — in the same transaction
 * as the import, so a failed import leaves nothing behind.
 */
import type { ImportPreview, RoundInfo } from '../../../domain/collect/import/types';
import { governmentShortName } from '../../../domain/model/org-names';
import { DEFAULT_SCHEDULE_SETTINGS } from '../../../domain/model/types';
import { periodLabel } from '../../../domain/plan/periods';
import { can } from '../../../domain/policies/policies';
import type { ImportCommitSummary } from '../../../shared/api-types';
import { DEFAULT_SELF_ASSESSMENTS, type ProgrammeLevel } from '../../../shared/statuses';
import type { DbOrTx } from '../../db/connect';
import { AppError, forbidden, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/import-bootstrap.repo';
import { insertOrganizations } from '../../repositories/orgs.repo';
import { findProgramme } from '../../repositories/programmes.repo';
import { newId } from '../../util';
import { authorize, type Ctx } from '../context';
import { recordedUserId } from '../local-operator';
import { type CommitOptions, commitImportIn } from './import-commit';

export type ImportIntoOptions = Omit<CommitOptions, 'programmeId'> & {
  /** The programme to write into; else the one of the file's year (its government's when several), else a new one. */
  programmeId?: string | null;
  /** The government when the title names none (or to override it), e.g. 龙华区. */
  government?: string | null;
};

type Named = { id: string; name: string };

export type ImportIntoResult = {
  programmeId: string;
  /** The period the progress was stored under (null: the file had none, nothing went into a round). */
  periodKey: string | null;
  /** What this import created besides projects and units (null = reused or not needed). */
  created: { government: Named | null; office: Named | null; programme: Named | null };
  /** How the programme and period were chosen, in Chinese (printed by the command line). */
  notes: string[];
  summary: ImportCommitSummary;
};

export { governmentShortName } from '../../../domain/model/org-names';

/** The programme level a government's name implies: …区 → 区, …县/旗 → 县, …市 → 市, …省 → 省, …街道/镇 → 街道. */
export function programmeLevelOf(short: string): ProgrammeLevel {
  if (/区$/.test(short)) return '区';
  if (/[县旗]$/.test(short)) return '县';
  if (/市$/.test(short)) return '市';
  if (/省$/.test(short)) return '省';
  if (/(街道|镇|乡)$/.test(short)) return '街道';
  return '区';
}

/**
 * The period to store a table's progress under. A title with a period gives it; a cumulative "1-9月" is the round
 * that ends with that month (1-12月 → the year, 1-6月 → 上半年, 1-9月 → 第三季度, 1-8月 → 8月); otherwise none.
 */
export function defaultPeriodKey(round: RoundInfo): string | null {
  if (round.periodKey) return round.periodKey;
  const p = round.period;
  if (!round.year || p?.type !== 'range' || p.from !== 1) return null;
  const to = p.to;
  if (to === 12) return String(round.year);
  if (to === 6) return `${round.year}-H1`;
  if (to % 3 === 0) return `${round.year}-Q${to / 3}`;
  return `${round.year}-M${String(to).padStart(2, '0')}`;
}

type Gov = { id: string; name: string; shortName: string | null };

/** The government organisation a short name stands for, when the database has it (a 'government' kind first). */
async function findGovernment(trx: DbOrTx, short: string): Promise<Gov | null> {
  const found = await repo.findOrgsNamed(trx, [`${short}人民政府`, `${short}政府`, short]);
  return found.find((o) => o.kind === 'government') ?? found[0] ?? null;
}

/** The government to own a new programme: the one named (found or created), or the only one there is. */
async function ensureGovernment(
  trx: DbOrTx,
  ctx: Ctx,
  named: string | null,
  now: string,
  created: ImportIntoResult['created'],
): Promise<Gov> {
  if (!named) {
    const govs = await repo.findOrgsOfKind(trx, 'government');
    if (govs.length === 1) return govs[0]!;
    throw new AppError(
      'VALIDATION',
      '表格标题中没有政府名称，无法新建实事计划：请指定政府（命令行 --government 龙华区）或已有的计划（--programme）',
    );
  }
  const short = governmentShortName(named);
  const existing = await findGovernment(trx, short);
  if (existing) return existing;
  const gov = { id: newId(), name: `${short}人民政府`, shortName: short };
  // Only an administrator of the whole installation creates a new top-level organisation.
  if (!can(ctx.actor, 'organisation:manage', { orgId: gov.id }))
    throw forbidden(`组织机构中没有“${gov.name}”，新建需要系统管理员；请先建立或用 --programme 指定计划`);
  await insertOrganizations(trx, [
    { ...gov, kind: 'government', parentId: null, aliases: JSON.stringify([`${short}政府`]), seq: 0, createdAt: now },
  ]);
  created.government = { id: gov.id, name: gov.name };
  return gov;
}

/** The government's 督查室 (a child whose name has 督查), created when it has none. */
async function ensureOffice(trx: DbOrTx, gov: Gov, now: string, created: ImportIntoResult['created']) {
  const children = await repo.findChildOrgs(trx, gov.id);
  if (children.some((c) => c.name.includes('督查'))) return;
  const office = { id: newId(), name: `${gov.name}督查室` };
  await insertOrganizations(trx, [
    {
      ...office,
      shortName: '督查室',
      kind: 'other',
      parentId: gov.id,
      aliases: JSON.stringify([`${governmentShortName(gov.name)}督查室`]),
      seq: 1,
      createdAt: now,
    },
  ]);
  created.office = office;
}

/** Create the programme of a year for the file's government (with the government and its office when missing). */
async function createProgramme(
  trx: DbOrTx,
  ctx: Ctx,
  input: { government: string | null; year: number; programmeWord: string | null },
  created: ImportIntoResult['created'],
): Promise<string> {
  const now = ctx.now().toISOString();
  const gov = await ensureGovernment(trx, ctx, input.government, now, created);
  if (!can(ctx.actor, 'organisation:manage', { orgId: gov.id }))
    throw forbidden(`新建“${gov.name}”的实事计划需要管理员账号；请用 --programme 指定已有的计划`);
  await ensureOffice(trx, gov, now, created);
  const short = governmentShortName(gov.name);
  // 龙华区2023年民生实事 (the title's own word when it has one: 政府实事项目, 为民办实事 …).
  const programme = { id: newId(), name: `${short}${input.year}年${input.programmeWord ?? '民生实事'}` };
  await repo.insertProgramme(trx, {
    ...programme,
    year: input.year,
    level: programmeLevelOf(short),
    ownerOrgId: gov.id,
    statusVocabulary: JSON.stringify([...DEFAULT_SELF_ASSESSMENTS]),
    schedule: JSON.stringify(DEFAULT_SCHEDULE_SETTINGS),
    status: 'active',
    createdAt: now,
  });
  await insertAudit(trx, {
    at: now,
    actorId: recordedUserId(ctx.actor),
    actorName: ctx.actor?.displayName ?? null,
    action: 'programme.create',
    entity: 'programme',
    entityId: programme.id,
    after: {
      name: programme.name,
      year: input.year,
      owner: gov.name,
      createdOrganisations: [created.government?.name, created.office?.name].filter(Boolean),
      via: 'import',
    },
    ip: ctx.ip,
  });
  created.programme = programme;
  return programme.id;
}

/** The programme of the file's year: the named government's (none when it has none yet), else the newest. */
async function findProgrammeOfYear(trx: DbOrTx, year: number, government: string | null) {
  const all = await repo.findProgrammesOfYear(trx, year);
  if (!government) return all[all.length - 1] ?? null;
  const short = governmentShortName(government);
  const mine = all.filter((p) => [p.owner, p.ownerShortName].some((n) => n && governmentShortName(n) === short));
  return mine[mine.length - 1] ?? null;
}

/** The programme to import into, created when the file's year has none. */
async function resolveProgramme(
  trx: DbOrTx,
  ctx: Ctx,
  preview: ImportPreview,
  opts: ImportIntoOptions,
  out: ImportIntoResult,
): Promise<string> {
  if (opts.programmeId) {
    const p = await findProgramme(trx, opts.programmeId);
    if (!p) throw notFound(`实事计划“${opts.programmeId}”`);
    return p.id;
  }
  const year = preview.round.year;
  if (!year) throw new AppError('VALIDATION', '表格标题中没有年度，请用 --programme 指定要导入的实事计划');
  const government = opts.government ?? preview.round.government;
  const found = await findProgrammeOfYear(trx, year, government);
  if (found) {
    out.notes.push(`导入到实事计划“${found.name}”`);
    return found.id;
  }
  return createProgramme(trx, ctx, { government, year, programmeWord: preview.round.programme }, out.created);
}

/**
 * Import a preview into the programme of its year, creating the programme (and its government and 督查室) when the
 * database has none. One transaction: the created programme and the import stand or fall together.
 */
export async function importIntoProgramme(
  ctx: Ctx,
  preview: ImportPreview,
  opts: ImportIntoOptions = {},
): Promise<ImportIntoResult> {
  authorize(ctx, 'import:preview', {});
  return ctx.db.transaction().execute(async (trx) => {
    const out: ImportIntoResult = {
      programmeId: '',
      periodKey: null,
      created: { government: null, office: null, programme: null },
      notes: [],
      summary: null as unknown as ImportCommitSummary,
    };
    out.programmeId = await resolveProgramme(trx, ctx, preview, opts, out);
    const periodKey = opts.periodKey ?? defaultPeriodKey(preview.round);
    const range = preview.round.period?.type === 'range' ? preview.round.period : null;
    if (periodKey && range && !preview.round.periodKey && !opts.periodKey)
      out.notes.push(
        `标题期间为${range.from}-${range.to}月累计，进展记入${periodLabel(periodKey)}（可用 --period 指定）`,
      );
    out.periodKey = periodKey;
    const { government: _g, programmeId: _p, ...commit } = opts;
    out.summary = await commitImportIn(trx, ctx, preview, { ...commit, programmeId: out.programmeId, periodKey });
    return out;
  });
}

/** What was created, in Chinese lines for the command line. */
export function createdLines(created: ImportIntoResult['created']): string[] {
  const out: string[] = [];
  if (created.government) out.push(`新建组织机构：${created.government.name}（政府）`);
  if (created.office) out.push(`新建组织机构：${created.office.name}`);
  if (created.programme) out.push(`新建实事计划：${created.programme.name}（ID ${created.programme.id}）`);
  return out;
}
