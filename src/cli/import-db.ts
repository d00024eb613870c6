/**
 * Wires `shishi import FILE` (without --dry-run) to the database: unit matching against the tree, then the commit.
 * Without --as it acts as the local operator (whoever holds the database file); without --programme it imports into
 * the programme of the file's year, creating it (with its government and 督查室) on a fresh database.
 */
import type { ImportPreview } from '../domain/collect/import/types';
import { parsePeriodKey, periodLabel } from '../domain/plan/periods';
import type { Actor } from '../domain/policies/policies';
import { openDb } from '../server/db/connect';
import { AppError } from '../server/errors';
import { createdLines, type ImportIntoResult, importIntoProgramme } from '../server/services/collect/import-bootstrap';
import { listOrgsForMatching } from '../server/services/collect/import-commit';
import { type Ctx, systemClock } from '../server/services/context';
import { type Args, parseArgs } from './args';
import { cliActor } from './cli-actor';
import { type ImportIO, importCommand } from './import';
import { databaseUrl } from './serve';

/** Options of this wrapper (the database, who, where to) that the preview command does not know. */
const VALUE_FLAGS = ['programme', 'as', 'db', 'government', 'period'];
const BOOLEAN_FLAGS = ['create-units', 'approved', 'published'];

/** Remove the database flags that only this wrapper understands. */
function stripDbFlags(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.startsWith('--') ? a.slice(2).split('=', 1)[0]! : '';
    if (BOOLEAN_FLAGS.includes(name)) continue;
    if (VALUE_FLAGS.includes(name)) {
      if (!a.includes('=')) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

const str = (v: string | true | undefined) => (typeof v === 'string' ? v : null);

/** Problems with the wrapper's own flags, in Chinese; null when fine. */
function flagError(args: Args): string | null {
  for (const f of VALUE_FLAGS) if (args.flags[f] === true) return `--${f} 后须写值`;
  const period = str(args.flags.period);
  if (period && !parsePeriodKey(period)) return `无效的 --period：${period}（如 2023-Q3、2022-M08、2022-H1、2022）`;
  if (args.flags.approved && args.flags.published) return '--approved 与 --published 只能选一个';
  return null;
}

/** The lines printed after a commit: what was created, where the progress went, what to do next. */
function resultLines(r: ImportIntoResult, markAs: 'approved' | 'published' | null): string {
  const s = r.summary;
  const lines = [...createdLines(r.created), ...r.notes];
  lines.push(
    `已导入：新建项目${s.projectsCreated}个，更新项目${s.projectsUpdated}个，写入填报版本${s.reportsVersioned}份，新建单位${s.unitsCreated}个`,
  );
  for (const x of s.skipped) lines.push(`  未导入：${x.code ?? ''} ${x.name ?? ''}（${x.reason}）`);
  for (const n of s.notes) lines.push(`  提示：${n}`);
  if (s.notApplied > 0)
    lines.push(
      `  与已有数据不同的${s.notApplied}处未应用（单位已报的内容、年度目标、项目标记、责任单位）：请在网页“导入表格”中预览，勾选要采用的差异后确认导入`,
    );
  if (s.roundId && r.periodKey) {
    const state = markAs === 'published' ? '（已发布）' : markAs === 'approved' ? '（已审核）' : '（草稿）';
    lines.push(`填报批次：${periodLabel(r.periodKey)} ID ${s.roundId}，进展${state}`);
    if (!markAs) lines.push('  正式文书只印已审核的内容；从已印发的正式表格导入时可加 --approved（或 --published）');
    lines.push(`导出：shishi export --round ${s.roundId} --format docx --out 文件.docx`);
  } else if (s.reportsVersioned === 0) lines.push('表格没有期次或进展，只导入了项目');
  return lines.join('\n');
}

/** The Chinese message of a failed import; unknown units get the command-line hint. */
function failureMessage(e: unknown, createUnits: boolean): string {
  const msg = e instanceof Error ? e.message : String(e);
  const unresolved = e instanceof AppError && (e.details as { unresolved?: string[] } | undefined)?.unresolved;
  if (unresolved && !createUnits)
    return `${msg}\n  加 --create-units 在本级政府下新建这些单位，或先在组织机构中建立（可设别名）后再导入`;
  return msg;
}

async function commitWith(ctx: Ctx & { actor: Actor }, args: Args, preview: ImportPreview): Promise<string> {
  const markAs = args.flags.published ? 'published' : args.flags.approved ? 'approved' : null;
  const r = await importIntoProgramme(ctx, preview, {
    programmeId: str(args.flags.programme),
    government: str(args.flags.government),
    periodKey: str(args.flags.period),
    createUnits: args.flags['create-units'] ? preview.units.unknown : [],
    markAs,
  });
  return resultLines(r, markAs);
}

export async function importWithDb(argv: string[], io: ImportIO): Promise<number> {
  const args = parseArgs(argv, ['dry-run', 'json', ...BOOLEAN_FLAGS]);
  const rest = stripDbFlags(argv);
  if (args.flags['dry-run']) return importCommand(rest, io);
  const bad = flagError(args);
  if (bad) {
    io.stderr.write(`${bad}\n`);
    return 2;
  }
  const handle = await openDb(databaseUrl(args.flags.db));
  try {
    const db = handle.db;
    const who = await cliActor(db, args.flags.as, 'import:commit', '导入（需要督查室或管理员账号）');
    if ('error' in who) {
      io.stderr.write(`${who.error}\n`);
      return 2;
    }
    const ctx = { db, actor: who.actor, ip: null, now: systemClock };
    const orgs = await listOrgsForMatching(db, who.actor);
    return await importCommand(rest, io, { commit: (preview) => commitWith(ctx, args, preview), orgs });
  } catch (e) {
    io.stderr.write(`${failureMessage(e, Boolean(args.flags['create-units']))}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
