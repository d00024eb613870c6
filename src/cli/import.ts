/**
 * `shishi import FILE [--dry-run] [--json] [--map 表头=字段 …] [--max-mb N]`
 * Reads a Word/Excel/text/HTML progress table and prints the preview. With --dry-run nothing is written;
 * without it the optional `commit` dependency (wired by the server side) receives the preview.
 */
import { readFile, stat } from 'node:fs/promises';
import { buildImportPreview } from '../domain/collect/import/preview';
import type {
  ColumnMappingOverride,
  ImportField,
  ImportItem,
  ImportPreview,
  OrgRef,
} from '../domain/collect/import/types';
import { IMPORT_FIELDS } from '../domain/collect/import/types';
import { DEFAULT_IMPORT_LIMITS, ImportFileError } from '../server/files/import/errors';
import { readImportFile } from '../server/files/import/read-import-file';

export type ImportIO = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
export type ImportDeps = {
  /** Persist the preview; returns a one-line summary. Not called with --dry-run. */
  commit?: (preview: ImportPreview) => Promise<string>;
  /** Organisation tree for unit matching. */
  orgs?: OrgRef[];
};

const USAGE = `用法：shishi import 文件 [--dry-run] [--json] [--map 表头=字段] [--max-mb 数字]
  --dry-run   只预览，不写入
  --json      以 JSON 输出 {"round", "items", "totals", "warnings"}（items 为项目，totals 为合计行）
  --map       指定列映射，如 --map "完成情况=progress"（字段：${IMPORT_FIELDS.join(', ')}；ignore = 忽略该列）
  --max-mb    文件大小上限（MB，默认 20）
`;

/** Fields printed only when the row has them: numeric columns, remarks, a breakdown, unmapped columns. */
function jsonExtras(it: ImportItem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const optional = {
    matterNumber: it.matterNumber,
    targetNumber: it.targetNumber,
    actual: it.actual,
    rate: it.rate,
    investmentPlanned: it.investmentPlanned,
    investmentDone: it.investmentDone,
    remarks: it.remarks,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  if (it.breakdown.length) out.breakdown = it.breakdown;
  if (Object.keys(it.extra).length) out.extra = it.extra;
  return out;
}

/** The item as printed by --json: the documented fields first, then the extras that carry data. */
function jsonItem(it: ImportItem): Record<string, unknown> {
  return {
    code: it.code,
    name: it.name,
    category: it.category,
    matter: it.matter,
    annualTarget: it.annualTarget,
    periodTarget: it.periodTarget,
    progress: it.progress,
    selfAssessment: it.selfAssessment,
    evaluation: it.evaluation,
    problems: it.problems,
    nextSteps: it.nextSteps,
    leadUnits: it.leadUnits,
    assistUnits: it.assistUnits,
    levels: it.levels,
    flags: it.flags,
    cohostUnits: it.cohostUnits,
    subTargets: it.subTargets,
    unit: it.unit,
    region: it.region,
    parentCode: it.parentCode,
    row: it.row,
    ...jsonExtras(it),
  };
}

/** A 合计/全市 row as printed by --json: its label, numbers and place (a total, not a project). */
function jsonTotal(it: ImportItem): Record<string, unknown> {
  return { name: it.name, progress: it.progress, row: it.row, ...jsonExtras(it) };
}

function progressBar(stderr: NodeJS.WritableStream, enabled: boolean): (fraction: number) => void {
  let last = -1;
  return (fraction: number) => {
    if (!enabled) return;
    const pct = Math.floor(fraction * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    stderr.write(`\r解析中 [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`);
    if (pct >= 100) stderr.write('\n');
  };
}

type ImportArgs = {
  file?: string;
  dryRun: boolean;
  json: boolean;
  mapping: ColumnMappingOverride[];
  maxMb?: number;
  help: boolean;
  error?: string;
};

/** `--map 表头=字段` (field `ignore` = drop the column). */
function parseMapping(out: ImportArgs, v: string | undefined): void {
  const m = v ? /^(.+)=(\w+)$/.exec(v) : null;
  const field = m?.[2];
  if (!m?.[1] || !field || (field !== 'ignore' && !(IMPORT_FIELDS as readonly string[]).includes(field))) {
    out.error = `无效的列映射：${v ?? ''}`;
    return;
  }
  out.mapping.push({ header: m[1], field: field === 'ignore' ? null : (field as ImportField) });
}

function parseMaxMb(out: ImportArgs, v: string | undefined): void {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) out.error = '无效的 --max-mb';
  else out.maxMb = n;
}

/** The value of an option given as `--name value` (consumes the next argument) or `--name=value`; else null. */
function optionValue(args: string[], i: number, name: string): { value: string | undefined; next: number } | null {
  const a = args[i]!;
  if (a === name) return { value: args[i + 1], next: i + 1 };
  if (a.startsWith(`${name}=`)) return { value: a.slice(name.length + 1), next: i };
  return null;
}

const SWITCHES: Record<string, (out: ImportArgs) => void> = {
  '--dry-run': (out) => {
    out.dryRun = true;
  },
  '--json': (out) => {
    out.json = true;
  },
  '--help': (out) => {
    out.help = true;
  },
  '-h': (out) => {
    out.help = true;
  },
};

/** An unknown option, the file name, or one argument too many. */
function positional(out: ImportArgs, a: string): void {
  if (a.startsWith('--')) out.error = `未知选项：${a}`;
  else if (!out.file) out.file = a;
  else out.error = `多余的参数：${a}`;
}

function parseArgs(argv: string[]): ImportArgs {
  const out: ImportArgs = { dryRun: false, json: false, mapping: [], help: false };
  const args = argv[0] === 'import' && argv.length > 1 ? argv.slice(1) : argv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const map = optionValue(args, i, '--map');
    const maxMb = map ? null : optionValue(args, i, '--max-mb');
    const toggle = Object.hasOwn(SWITCHES, a) ? SWITCHES[a] : undefined;
    if (toggle) toggle(out);
    else if (map) {
      i = map.next;
      parseMapping(out, map.value);
    } else if (maxMb) {
      i = maxMb.next;
      parseMaxMb(out, maxMb.value);
    } else positional(out, a);
  }
  return out;
}

function summary(preview: ImportPreview): string {
  const r = preview.round;
  const lines: string[] = [];
  lines.push(`标题：${r.title ?? '（未识别）'}`);
  lines.push(
    `政府：${r.government ?? '—'}  年度：${r.year ?? '—'}  期间：${r.periodKey ?? (r.period ? JSON.stringify(r.period) : '—')}  截至：${r.asOf ?? '—'}${r.asOfInferred ? '（推断）' : ''}`,
  );
  const projects = preview.items.filter((it) => !it.isTotal);
  const totals = preview.items.filter((it) => it.isTotal);
  lines.push(`识别项目 ${projects.length} 个：`);
  for (const it of projects) {
    const units = it.leadUnits.join('、');
    lines.push(
      `  ${(it.code ?? '—').padEnd(6)} ${it.name ?? '（无名称）'}${units ? `  [${units}]` : ''}${it.selfAssessment ? `  (${it.selfAssessment})` : ''}`,
    );
  }
  if (totals.length)
    lines.push(
      `合计行 ${totals.length} 个（核对用，不作为项目导入）：${totals.map((t) => t.name ?? '合计').join('、')}`,
    );
  if (preview.units.unknown.length) lines.push(`需对应的单位：${preview.units.unknown.join('、')}`);
  if (preview.warnings.length) {
    lines.push(`提示 ${preview.warnings.length} 条：`);
    for (const w of preview.warnings) lines.push(`  - ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Read and preview the file; size is checked before reading. */
async function previewFile(
  args: ImportArgs & { file: string },
  io: ImportIO,
  deps: ImportDeps,
): Promise<ImportPreview> {
  const limits = args.maxMb ? { maxFileBytes: Math.round(args.maxMb * 1024 * 1024) } : {};
  const maxBytes = limits.maxFileBytes ?? DEFAULT_IMPORT_LIMITS.maxFileBytes;
  const st = await stat(args.file);
  if (!st.isFile()) throw new ImportFileError('UNSUPPORTED_TYPE', `“${args.file}”不是文件`);
  if (st.size > maxBytes) {
    throw new ImportFileError(
      'FILE_TOO_LARGE',
      `文件过大（${(st.size / 1024 / 1024).toFixed(1)} MB），导入文件不能超过 ${(maxBytes / 1024 / 1024).toFixed(0)} MB`,
      413,
    );
  }
  const bytes = new Uint8Array(await readFile(args.file));
  const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  const onProgress = progressBar(io.stderr, tty && bytes.length > 1024 * 1024);
  const read = readImportFile(bytes, args.file, { limits, onProgress });
  onProgress(1);
  return buildImportPreview(read, {
    ...(args.mapping.length ? { mapping: args.mapping } : {}),
    ...(deps.orgs ? { orgs: deps.orgs } : {}),
  });
}

/** The error code and Chinese message for a failed read. */
function describeError(err: unknown, file: string): { code: string; message: string } {
  if (err instanceof ImportFileError) return { code: err.code, message: err.message };
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { code: 'NOT_FOUND', message: `找不到文件“${file}”` };
  return { code: 'INTERNAL', message: `导入失败：${(err as Error).message}` };
}

function printPreview(preview: ImportPreview, json: boolean, io: ImportIO): void {
  if (json) {
    io.stdout.write(
      `${JSON.stringify(
        {
          round: preview.round,
          items: preview.items.filter((it) => !it.isTotal).map(jsonItem),
          totals: preview.items.filter((it) => it.isTotal).map(jsonTotal),
          warnings: preview.warnings,
        },
        null,
        2,
      )}\n`,
    );
  } else io.stdout.write(summary(preview));
}

export async function importCommand(argv: string[], io: ImportIO, deps: ImportDeps = {}): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const { file } = args;
  if (args.error || !file) {
    io.stderr.write(`${args.error ?? '缺少文件名'}\n${USAGE}`);
    return 2;
  }
  let preview: ImportPreview;
  try {
    preview = await previewFile({ ...args, file }, io, deps);
  } catch (err) {
    const { code, message } = describeError(err, file);
    if (args.json) io.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
    io.stderr.write(`${message}\n`);
    return 1;
  }
  printPreview(preview, args.json, io);
  if (!preview.items.some((it) => !it.isTotal)) {
    if (!args.json) io.stderr.write('没有可导入的项目\n');
    return 1;
  }
  if (args.dryRun) return 0;
  if (!deps.commit) {
    io.stderr.write('未配置写入（数据库），本次仅预览；请使用 --dry-run 或在服务端执行导入\n');
    return 2;
  }
  const result = await deps.commit(preview);
  io.stderr.write(`${result}\n`);
  return 0;
}
