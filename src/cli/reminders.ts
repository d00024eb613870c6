/**
 * `shishi reminders run [--at ISO_DATETIME] [--dry-run] [--json] [--programme ID] [--db …]`: evaluate the chase rules
 * once, at the given time (default now), and print the actions due — or perform them (notifications, 督办 records,
 * channel deliveries; the same as the scheduler's `chase.evaluate`). Running it twice sends nothing twice.
 */
import { LADDER_LABELS } from '../domain/chase/ladder';
import { openDb } from '../server/db/connect';
import { configureNotify, notifySettingsFrom } from '../server/notify/settings';
import { type ChaseRunSummary, runChase } from '../server/services/chase/run';
import { systemClock } from '../server/services/context';
import { parseArgs } from './args';
import { configOrExit, databaseUrl } from './serve';

export type RemindersIO = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const HELP = `用法：
  shishi reminders run [--at 2026-10-09T09:00:00+08:00] [--dry-run] [--json] [--programme ID] [--db 文件或postgres://…]
      按各计划的提醒、催办与督办规则评估一次（--at 指定评估时刻，默认当前时间）：
      --dry-run 只列出应执行的动作，不写入；--json 以 JSON 输出。重复运行不会重复发送。
`;

const KIND_LABELS: Record<string, string> = {
  remind: '提醒',
  chase: '催办',
  escalate: '催办（升级）',
  supervision: '督办',
};

export function formatSummary(s: ChaseRunSummary): string {
  const lines = [
    `评估时刻：${s.at}${s.dryRun ? '（试运行，未写入）' : ''}`,
    `计划：${s.programmes} 个；应执行动作：提醒 ${s.counts.remind}、催办 ${s.counts.chase}、升级催办 ${s.counts.escalate}、督办 ${s.counts.supervision}`,
  ];
  if (!s.dryRun)
    lines.push(`新通知：${s.notifications} 条；新督办记录：${s.supervisions} 个；排队外发：${s.deliveries} 条`);
  for (const a of s.actions)
    lines.push(
      `  [${KIND_LABELS[a.kind] ?? a.kind}·${LADDER_LABELS[a.level]}] ${a.unit}：${a.title}（${a.recipients.length}人）`,
    );
  return `${lines.join('\n')}\n`;
}

export async function remindersCommand(argv: string[], io: RemindersIO): Promise<number> {
  const [sub, ...rest] = argv;
  const args = parseArgs(rest, ['dry-run', 'json']);
  if (sub !== 'run') {
    io.stdout.write(HELP);
    return sub === undefined || sub === 'help' || sub === '--help' ? 0 : 2;
  }
  let now = systemClock();
  if (typeof args.flags.at === 'string') {
    now = new Date(args.flags.at);
    if (Number.isNaN(now.getTime())) {
      io.stderr.write(`--at 不是有效的时间：${args.flags.at}（应为 ISO 格式，如 2026-10-09T09:00:00+08:00）\n`);
      return 2;
    }
  } else if (args.flags.at === true) {
    io.stderr.write('--at 需要一个时间，如 2026-10-09T09:00:00+08:00\n');
    return 2;
  }
  // E-mail and robots need the configured channels (SMTP_URL, PUBLIC_URL, the key that opens stored addresses).
  const config = configOrExit(args.flags);
  if (!config) return 2;
  configureNotify(notifySettingsFrom(config));
  const handle = await openDb(databaseUrl(args.flags.db));
  try {
    const summary = await runChase(handle.db, {
      now,
      dryRun: args.flags['dry-run'] === true,
      programmeId: typeof args.flags.programme === 'string' ? args.flags.programme : undefined,
      actorName: '命令行（提醒与催办）',
    });
    io.stdout.write(args.flags.json === true ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
    return 0;
  } catch (e) {
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
