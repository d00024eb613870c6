/**
 * `shishi admin create`: an account from the command line, on the configured database (--db or DATABASE_URL), by
 * whoever holds it. On an empty database this is the first run: with --gov the government organisation is created
 * too, and the first administrator keeps the password typed; later accounts must change theirs at the first login.
 */
import { createInterface } from 'node:readline';
import { CryptoError, createCryptoProvider } from '../server/crypto/provider';
import { openDb } from '../server/db/connect';
import { AppError } from '../server/errors';
import { createAccountAsOperator } from '../server/services/admin/setup';
import { systemClock } from '../server/services/context';
import { ROLE_LABELS, ROLES, type Role } from '../shared/statuses';
import { parseArgs } from './args';
import { configOrExit, databaseUrl } from './serve';

export type AdminIO = {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
};

const HELP = `用法：
  shishi admin create --username 用户名 --name 姓名 [--role admin|secadmin|auditor|supervisor|reporter|leader|deputy]
                      [--org 单位名称] [--gov 政府名称] (--password-stdin | 交互输入密码) [--db 文件或postgres://…]
      建立账号（默认角色 admin，即系统管理员；不属于任何单位的管理员管理全系统）。
      空数据库时即“首次使用”：加 --gov 龙华区人民政府 同时建立本级政府；第一个账号使用输入的密码，
      之后建立的账号首次登录须修改密码。密码须符合密码策略（至少8位，含大写字母、小写字母、数字、符号中的3类）。
      --password-stdin 从标准输入读取密码（如 echo "$PW" | shishi admin create …），否则在终端提示输入两次。
`;

/** Read the whole of stdin; the first line is the password. */
async function readStdinPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}

/** Ask for the password on a terminal without echoing it. */
function prompt(io: AdminIO, question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput?: (s: string) => void };
    io.stderr.write(question);
    out._writeToOutput = () => {};
    rl.question('', (answer) => {
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function passwordFrom(io: AdminIO, fromStdin: boolean): Promise<string | { error: string }> {
  if (fromStdin) return readStdinPassword(io.stdin);
  if (!io.stdin.isTTY) return { error: '没有终端可输入密码：请加 --password-stdin 从标准输入读取' };
  const a = await prompt(io, '密码：');
  const b = await prompt(io, '再输入一次：');
  return a === b ? a : { error: '两次输入的密码不一致' };
}

const str = (v: string | true | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The options of `admin create`, or what is wrong with them. */
function createOptions(
  rest: string[],
): { error: string } | { args: ReturnType<typeof parseArgs>; username: string; name: string; role: Role } {
  const args = parseArgs(rest, ['password-stdin']);
  const username = str(args.flags.username);
  const name = str(args.flags.name);
  const role = (str(args.flags.role) ?? 'admin') as Role;
  if (!username || !name) return { error: `请用 --username 和 --name 指定用户名和姓名\n${HELP}` };
  if (!ROLES.includes(role)) return { error: `未知的角色：${role}（可选：${ROLES.join('、')}）\n` };
  return { args, username, name, role };
}

export async function adminCommand(argv: string[], io: AdminIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === 'help' || sub === '--help' || sub === '-h') {
    io.stdout.write(HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'create') {
    io.stderr.write(`未知的子命令：${sub}\n${HELP}`);
    return 2;
  }
  const opts = createOptions(rest);
  if ('error' in opts) {
    io.stderr.write(opts.error);
    return 2;
  }
  const { args, username, name, role } = opts;
  const config = configOrExit({});
  if (!config) return 2;
  let crypto: ReturnType<typeof createCryptoProvider>;
  try {
    crypto = createCryptoProvider(config.cryptoProvider, config.dataKey);
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return 2;
  }
  const password = await passwordFrom(io, Boolean(args.flags['password-stdin']));
  if (typeof password !== 'string') {
    io.stderr.write(`${password.error}\n`);
    return 2;
  }
  if (!password) {
    io.stderr.write('密码不能为空\n');
    return 2;
  }
  const handle = await openDb(databaseUrl(args.flags.db));
  try {
    const r = await createAccountAsOperator(
      handle.db,
      { username, displayName: name, role, org: str(args.flags.org), government: str(args.flags.gov), password },
      crypto,
      systemClock,
    );
    const lines: string[] = [];
    if (r.government?.created) lines.push(`新建组织机构：${r.government.name}（政府）`);
    lines.push(`已建立账号：${username}（${name}，${ROLE_LABELS[role]}）`);
    lines.push(r.first ? '这是本系统的第一个账号，可直接登录。' : '该账号首次登录须修改密码。');
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      io.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await handle.close();
  }
}
