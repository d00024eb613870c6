/**
 * `shishi audit verify|export`: the audit log from the command line (operators and 测评 with access to the server).
 * verify checks the hash chain from the retention anchor to the head (exit 1 when broken); export writes CSV (BOM,
 * Chinese headers, Excel-safe) or JSON Lines (entries as stored, verifiable offline). Both are recorded in the log.
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { openDb } from '../server/db/connect';
import { AppError } from '../server/errors';
import { insertAudit } from '../server/repositories/audit.repo';
import { type AuditChainCheck, checkAuditChain } from '../server/services/audit/audit-chain';
import {
  type AuditExportFormat,
  type AuditFilterInput,
  auditExportChunks,
  resolveAuditFilter,
} from '../server/services/audit/audit-export';
import { systemClock } from '../server/services/context';
import { parseArgs } from './args';
import { databaseUrl } from './serve';

export type AuditIO = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const HELP = `用法：
  shishi audit verify [--db 文件或postgres://…]
      校验审计日志哈希链（自保存期锚点至最新记录）：打印“通过”或“不通过”及首个断点（序号与原因），不通过时退出码为 1。
  shishi audit export [--from 日期] [--to 日期] [--format csv|jsonl] [--out 文件] [--db …]
      导出审计日志（日期按北京时间，--to 含当天）：csv 带 BOM、中文表头，可用 Excel/WPS 直接打开；
      jsonl 每行一条原始记录（含序号与哈希，可离线校验）。不给 --out 时写到标准输出。
  两个命令本身都记入审计日志（操作人为“命令行”及操作系统用户名）。
`;

/** Who ran the command, as the audit entry names it. */
function cliActor(): string {
  try {
    return `命令行（${userInfo().username}）`;
  } catch {
    return '命令行';
  }
}

const short = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 16)}…` : hash);

/** The verification report, one fact per line. */
export function verifyReport(c: AuditChainCheck): string {
  const lines = [`审计日志校验：${c.ok ? '通过' : '不通过'}`];
  if (c.broken)
    lines.push(`  首个断点：${c.broken.seq === null ? '—' : `第 ${c.broken.seq} 条`}（${c.broken.message}）`);
  lines.push(`  摘要算法：${c.algorithm}`);
  lines.push(
    c.anchor.seq === 0
      ? '  起点：第 1 条（尚未清理过期记录）'
      : `  起点：第 ${c.anchor.seq + 1} 条（第 ${c.anchor.seq} 条及以前已按保存期清理，锚点哈希 ${short(c.anchor.hash)}）`,
  );
  lines.push(`  已校验：${c.checked} 条`);
  lines.push(`  链头：第 ${c.head.seq} 条，哈希 ${c.head.hash}`);
  return `${lines.join('\n')}\n`;
}

async function verify(url: string, io: AuditIO): Promise<number> {
  const handle = await openDb(url);
  try {
    const check = await checkAuditChain(handle.db);
    io.stdout.write(verifyReport(check));
    await insertAudit(handle.db, {
      at: systemClock().toISOString(),
      actorId: null,
      actorName: cliActor(),
      action: 'audit.verify',
      entity: 'audit',
      entityId: null,
      after: {
        ok: check.ok,
        checked: check.checked,
        headSeq: check.head.seq,
        ...(check.broken ? { brokenSeq: check.broken.seq, kind: check.broken.kind } : {}),
      },
    });
    return check.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

function formatOf(flag: string | true | undefined, out: string | null): AuditExportFormat | null {
  if (flag === undefined) return out?.toLowerCase().endsWith('.jsonl') ? 'jsonl' : 'csv';
  return flag === 'csv' || flag === 'jsonl' ? flag : null;
}

async function exportLog(url: string, flags: Record<string, string | true>, io: AuditIO): Promise<number> {
  const out = typeof flags.out === 'string' ? flags.out : null;
  const format = formatOf(flags.format, out);
  if (!format) {
    io.stderr.write('参数 --format 应为 csv 或 jsonl\n');
    return 2;
  }
  const given: AuditFilterInput = {
    from: typeof flags.from === 'string' ? flags.from : undefined,
    to: typeof flags.to === 'string' ? flags.to : undefined,
  };
  const filter = resolveAuditFilter(given);
  const handle = await openDb(url);
  try {
    await insertAudit(handle.db, {
      at: systemClock().toISOString(),
      actorId: null,
      actorName: cliActor(),
      action: 'audit.export',
      entity: 'audit',
      entityId: null,
      after: { filter: Object.fromEntries(Object.entries(given).filter(([, v]) => v)), format, out },
    });
    const sink = out ? createWriteStream(out) : io.stdout;
    let rows = 0;
    const chunks = auditExportChunks(handle.db, filter, format, { onRows: (n) => (rows += n) });
    for await (const chunk of chunks) {
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
    if (out) {
      const file = sink as ReturnType<typeof createWriteStream>;
      file.end();
      await once(file, 'finish');
      io.stderr.write(`已导出 ${rows} 条审计记录到 ${out}\n`);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

export async function auditCommand(argv: string[], io: AuditIO): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest);
  const url = databaseUrl(args.flags.db);
  try {
    if (sub === 'verify') return await verify(url, io);
    if (sub === 'export') return await exportLog(url, args.flags, io);
  } catch (e) {
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof AppError ? 2 : 1;
  }
  io.stdout.write(HELP);
  return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
}
