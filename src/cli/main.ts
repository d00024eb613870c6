/** The `shishi` command line. */
import { checkCommand } from './check';
import { importWithDb } from './import-db';
import { seedCommand } from './seed';
import { serveCommand } from './serve';
import { workerCommand } from './worker';

const HELP = `用法：shishi <命令> [选项]

命令：
  serve [--demo] [--port 3000] [--host 127.0.0.1] [--db 文件或postgres://…] [--no-worker]
                         启动服务（默认 SQLite ./data/shishi.sqlite；设置 DATABASE_URL 使用 PostgreSQL）；
                         默认在本进程处理后台任务，--no-worker 则不处理（另行运行 shishi worker）。
                         其余设置见 README“配置（环境变量）”，如 --public-base-url、--trust-proxy、
                         --secure-cookies、--api-docs、--log-level
  worker [--concurrency 2] [--db …]
                         单独运行后台任务进程（可多个进程共用一个 PostgreSQL 数据库，任务不会重复执行）
  seed-demo [--scale N] [--db …]
                         向空数据库写入演示数据（N 个区）
  check [--text "…" --target "…"]
                         研判进展文字：从标准输入逐行读取 JSON，或检查一段文字
  import 文件 [--dry-run] [--json] [--programme ID] [--as 用户名] [--create-units] [--db …]
                         导入 Word/Excel/文本表格（--dry-run 只预览不写入；未知单位须先建立，
                         或加 --create-units 明确新建）
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  switch (cmd) {
    case 'serve':
      return serveCommand(rest);
    case 'worker':
      return workerCommand(rest);
    case 'seed-demo':
      return seedCommand(rest);
    case 'check':
      return checkCommand(rest, io);
    case 'import':
      return importWithDb(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    default:
      process.stderr.write(`未知命令：${cmd}\n\n${HELP}`);
      return 2;
  }
}
