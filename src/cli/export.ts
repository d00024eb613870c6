/**
 * `shishi layouts` — the layouts (版式) a round can be exported in.
 * `shishi export --round ID | [--programme ID] --latest [--layout ID] --format docx|xlsx|pdf --out 文件 [--as 用户名]`
 * — one round as an official document, through the same use case as the web (services/publish/export-document.ts),
 * acting as `--as` or the local operator (cli-actor.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { Actor } from '../domain/policies/policies';
import { type DbHandle, openDb } from '../server/db/connect';
import { AppError } from '../server/errors';
import { listRounds } from '../server/services/collect/rounds';
import { type Ctx, systemClock } from '../server/services/context';
import { listProgrammes } from '../server/services/plan/programmes';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportRoundDocument,
  listLayouts,
} from '../server/services/publish/export-document';
import { listProgrammeLayouts } from '../server/services/publish/layouts';
import { type Args, parseArgs } from './args';
import { cliActor } from './cli-actor';
import { databaseUrl } from './serve';

export type ExportIO = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

export const DEFAULT_LAYOUT = 'overview-table';

const LAYOUTS_USAGE = `用法：shishi layouts [--programme 计划ID [--as 用户名] [--db …]] [--json]
  不加 --programme 列出内置版式；加 --programme 同时列出该计划督查室自定义的版式
`;
const USAGE = `用法：shishi export (--round 批次ID | [--programme 计划ID] --latest) [--layout 版式ID] --format docx|xlsx|pdf
                    --out 文件 [--as 用户名] [--db …]
  --round     要导出的填报批次
  --latest    计划中截至日期最新的一期（不加 --programme 时取唯一或最新年度的计划）
  --layout    版式（默认 ${DEFAULT_LAYOUT}；shishi layouts 列出全部）
  --format    docx、xlsx 或 pdf（不写时按 --out 的扩展名，默认 docx）
  --out       输出文件（不写时用文书标题作文件名，写到当前目录）
  --as        以该用户身份导出（不写则以命令行本地操作员身份）
`;

type LayoutLine = { id: string; name: string; description: string; kind: string; builtin: boolean };

/** The layouts: the built-in ones, or with --programme also the office's own (read as --as or the local operator). */
async function layoutLines(args: Args, io: ExportIO): Promise<LayoutLine[] | number> {
  const programmeId = args.flags.programme;
  if (programmeId === undefined)
    return listLayouts().map((l) => ({ ...l, description: l.description ?? '', builtin: true }));
  if (programmeId === true) {
    io.stderr.write(`--programme 后须写计划ID\n${LAYOUTS_USAGE}`);
    return 2;
  }
  const db = await openExisting(args, io);
  if (typeof db === 'number') return db;
  try {
    const who = await cliActor(db.db, args.flags.as, 'programme:read', '查看该计划');
    if ('error' in who) {
      io.stderr.write(`${who.error}\n`);
      return 2;
    }
    const ctx = { db: db.db, actor: who.actor, ip: null, now: systemClock };
    return (await listProgrammeLayouts(ctx, programmeId)).layouts;
  } catch (e) {
    const which = e instanceof AppError && e.code === 'NOT_FOUND' ? `：${programmeId}` : '';
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}${which}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

/** `shishi layouts`: id, name and description of every layout. */
export async function layoutsCommand(argv: string[], io: ExportIO): Promise<number> {
  const args = parseArgs(argv, ['json', 'help']);
  if (args.flags.help) {
    io.stdout.write(LAYOUTS_USAGE);
    return 0;
  }
  const unknown = Object.keys(args.flags).find((f) => !['json', 'programme', 'as', 'db'].includes(f));
  if (unknown || args.positional[0]) {
    io.stderr.write(`未知参数：${unknown ? `--${unknown}` : args.positional[0]}\n${LAYOUTS_USAGE}`);
    return 2;
  }
  const layouts = await layoutLines(args, io);
  if (typeof layouts === 'number') return layouts;
  if (args.flags.json) {
    const rows = layouts.map((l) => ({
      id: l.id,
      name: l.name,
      description: l.description,
      kind: l.kind,
      builtin: l.builtin,
    }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...layouts.map((l) => l.id.length));
  for (const l of layouts) {
    const tags = [l.id === DEFAULT_LAYOUT ? '默认' : '', l.builtin ? '' : '自定义'].filter(Boolean).join('，');
    io.stdout.write(`${l.id.padEnd(width)}  ${l.name}${tags ? `（${tags}）` : ''}\n`);
    if (l.description) io.stdout.write(`${' '.repeat(width)}  ${l.description}\n`);
  }
  return 0;
}

/** Open the database named by --db / DATABASE_URL; a SQLite file must exist (nothing is created by a typo). */
async function openExisting(args: Args, io: ExportIO): Promise<DbHandle | number> {
  const url = databaseUrl(args.flags.db);
  const file = url.replace(/^sqlite:/, '');
  if (!/^postgres(ql)?:\/\//.test(url) && file !== ':memory:' && !existsSync(file)) {
    io.stderr.write(`数据库文件不存在：${url}（用 --db 指定，或设置 DATABASE_URL）\n`);
    return 2;
  }
  return openDb(url);
}

type ExportArgs = {
  roundId: string | null;
  programmeId: string | null;
  latest: boolean;
  layoutId: string;
  format: ExportFormat;
  out: string | null;
};

const KNOWN = new Set(['round', 'programme', 'latest', 'layout', 'format', 'out', 'as', 'db', 'help']);
const VALUED = ['round', 'programme', 'layout', 'format', 'out', 'as', 'db'];

/** The format from --format, else from the --out extension, else docx. */
function formatOf(flag: string | null, out: string | null): ExportFormat | { error: string } {
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  const f = (flag ?? (ext || 'docx')).toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(f))
    return { error: `不支持的格式：${flag ?? ext}（可用：${EXPORT_FORMATS.join('、')}）` };
  if (flag && ext && ext !== f && (EXPORT_FORMATS as readonly string[]).includes(ext))
    return { error: `--format ${f} 与输出文件的扩展名 .${ext} 不一致` };
  return f as ExportFormat;
}

/** Check the flags without the database: unknown options, missing values, the layout and the format. */
function readArgs(args: Args): ExportArgs | { error: string } {
  const unknown = Object.keys(args.flags).find((f) => !KNOWN.has(f));
  if (unknown) return { error: `未知选项：--${unknown}` };
  if (args.positional.length) return { error: `多余的参数：${args.positional[0]}` };
  const missing = VALUED.find((f) => args.flags[f] === true);
  if (missing) return { error: `--${missing} 后须写值` };
  const s = (k: string) => (typeof args.flags[k] === 'string' ? (args.flags[k] as string) : null);
  const roundId = s('round');
  const latest = args.flags.latest === true;
  if (roundId && (latest || s('programme'))) return { error: '--round 与 --programme/--latest 只能选一种' };
  if (!roundId && !latest)
    return {
      error: s('programme')
        ? '请加 --latest 导出该计划最新的一期，或用 --round 指定批次'
        : '请用 --round 指定填报批次，或用 --latest 导出最新的一期',
    };
  // A built-in layout or the programme's own: the use case checks (404 with the list of built-in ones).
  const layoutId = s('layout') ?? DEFAULT_LAYOUT;
  if (!/^[a-z0-9-]{1,64}$/.test(layoutId)) return { error: `版式不存在：${layoutId}（shishi layouts 列出可用的版式）` };
  const out = s('out');
  const format = formatOf(s('format'), out);
  if (typeof format !== 'string') return format;
  return { roundId, programmeId: s('programme'), latest, layoutId, format, out };
}

/** The programme --latest means: the one named, else the only one, else the one of the latest year (when unique). */
async function pickProgramme(ctx: Ctx, programmeId: string | null): Promise<{ id: string; name: string }> {
  const all = await listProgrammes(ctx);
  if (programmeId) {
    const p = all.find((x) => x.id === programmeId);
    if (!p) throw new Error(`实事计划不存在或无权访问：${programmeId}`);
    return p;
  }
  if (all.length === 0) throw new Error('数据库中还没有实事计划（可先 shishi import 表格）');
  const newest = all.filter((p) => p.year === Math.max(...all.map((x) => x.year)));
  if (newest.length > 1)
    throw new Error(
      `有${newest.length}个${newest[0]!.year}年度的实事计划，请用 --programme 指定：\n${newest.map((p) => `  ${p.id}  ${p.name}`).join('\n')}`,
    );
  return newest[0]!;
}

/** The round to export: --round, or the programme's round with the latest as-of date. */
async function pickRound(ctx: Ctx, a: ExportArgs): Promise<string> {
  if (a.roundId) return a.roundId;
  const programme = await pickProgramme(ctx, a.programmeId);
  const rounds = await listRounds(ctx, programme.id);
  const latest = rounds[0];
  if (!latest) throw new Error(`实事计划“${programme.name}”还没有填报批次`);
  return latest.id;
}

async function run(ctx: Ctx & { actor: Actor }, a: ExportArgs, io: ExportIO): Promise<number> {
  const roundId = await pickRound(ctx, a);
  const doc = await exportRoundDocument(ctx, { roundId, layoutId: a.layoutId, format: a.format });
  const out = resolve(a.out ?? doc.name);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, doc.buf);
  const name = listLayouts().find((l) => l.id === a.layoutId)?.name;
  io.stdout.write(
    `已导出：${out}\n  版式：${name ? `${name}（${a.layoutId}）` : a.layoutId}  格式：${a.format}  行数：${doc.rows}  大小：${doc.buf.length} 字节\n`,
  );
  return 0;
}

export async function exportCommand(argv: string[], io: ExportIO): Promise<number> {
  const args = parseArgs(argv, ['latest', 'help']);
  if (args.flags.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const a = readArgs(args);
  if ('error' in a) {
    io.stderr.write(`${a.error}\n${USAGE}`);
    return 2;
  }
  const handle = await openExisting(args, io);
  if (typeof handle === 'number') return handle;
  try {
    const who = await cliActor(handle.db, args.flags.as, 'export:table', '导出（需要督查室、管理员或领导账号）');
    if ('error' in who) {
      io.stderr.write(`${who.error}\n`);
      return 2;
    }
    return await run({ db: handle.db, actor: who.actor, ip: null, now: systemClock }, a, io);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const which = e instanceof AppError && /^填报批次/.test(msg) && a.roundId ? `：${a.roundId}` : '';
    io.stderr.write(`导出失败：${msg}${which}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
