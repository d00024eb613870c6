/**
 * `shishi backup [--db …] [--out 文件]` and `shishi restore 文件 [--db …] [--force]` (server/ops/backup.ts). The
 * database comes from --db, else DATABASE_URL, else ./data/shishi.sqlite — the same one `shishi serve` uses. Only the
 * database address is read, so an unrelated configuration mistake never blocks a backup.
 */
import { dirname } from 'node:path';
import { redactUrl } from '../server/config';
import {
  backupDatabase,
  defaultBackupFile,
  describeBackup,
  describeRestore,
  OpsError,
  restoreDatabase,
} from '../server/ops/backup';
import { parseArgs } from './args';
import { DEFAULT_DATABASE, databaseUrl } from './serve';

type Io = { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } };
const defaultIo: Io = { stdout: process.stdout, stderr: process.stderr };

/** Print the outcome; exit 1 when the work was not done (an OpsError, or only the command to run was printed). */
async function runAndReport(io: Io, run: () => Promise<{ lines: string[]; done: boolean }>): Promise<number> {
  try {
    const { lines, done } = await run();
    io.stdout.write(`${lines.join('\n')}\n`);
    return done ? 0 : 1;
  } catch (e) {
    if (!(e instanceof OpsError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return 1;
  }
}

export async function backupCommand(argv: string[], io: Io = defaultIo): Promise<number> {
  const args = parseArgs(argv);
  const url = databaseUrl(args.flags.db);
  if (args.flags.out === true) {
    io.stderr.write('参数 --out 需要一个文件名\n');
    return 2;
  }
  const out = args.flags.out ?? defaultBackupFile(url, new Date(), dirname(DEFAULT_DATABASE));
  io.stdout.write(`正在备份数据库（${redactUrl(url)}）…\n`);
  return runAndReport(io, async () => {
    const r = await backupDatabase(url, out);
    return { lines: describeBackup(r), done: !('command' in r) };
  });
}

export async function restoreCommand(argv: string[], io: Io = defaultIo): Promise<number> {
  const args = parseArgs(argv, ['force']);
  const [file, extra] = args.positional;
  if (!file || extra !== undefined) {
    io.stderr.write('用法：shishi restore 备份文件 [--db 文件或postgres://…] [--force]\n');
    return 2;
  }
  const url = databaseUrl(args.flags.db);
  io.stdout.write(`正在把 ${file} 恢复到数据库（${redactUrl(url)}）…\n`);
  return runAndReport(io, async () => {
    const r = await restoreDatabase(file, url, { force: args.flags.force === true, now: new Date() });
    return { lines: describeRestore(r, file), done: !('command' in r) };
  });
}
