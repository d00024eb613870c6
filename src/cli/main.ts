/** The `shishi` command line. */
import { configureAuditDigest } from '../server/repositories/audit.repo';
import { adminCommand } from './admin';
import { auditCommand } from './audit';
import { backupCommand, restoreCommand } from './backup';
import { checkCommand } from './check';
import { exportCommand, layoutsCommand } from './export';
import { importWithDb } from './import-db';
import { remindersCommand } from './reminders';
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
  import 文件 [--dry-run] [--json] [--programme ID] [--as 用户名] [--create-units] [--approved|--published]
         [--government 龙华区] [--period 2023-Q3] [--db …]
                         导入 Word/Excel/文本表格（--dry-run 只预览不写入；未知单位须先建立，
                         或加 --create-units 明确新建）。不加 --as 以命令行本地操作员身份导入；
                         没有该年度的计划时按标题新建政府、督查室和计划；--approved 将导入的进展记为已审核
  layouts [--json]       列出导出文书的版式（ID、名称、说明）
  export (--round ID | [--programme ID] --latest) [--layout overview-table] --format docx|xlsx|pdf
         --out 文件 [--as 用户名] [--db …]
                         按版式导出一期填报为正式文书（--latest 取截至日期最新的一期）
  admin create --username 用户名 --name 姓名 [--role admin] [--org 单位] [--gov 政府名称] [--password-stdin] [--db …]
                         建立账号；空数据库时即首次使用（--gov 同时建立本级政府，第一个管理员）
  audit verify [--db …]  校验审计日志哈希链（不通过时退出码为 1）
  audit export [--from 日期] [--to 日期] [--format csv|jsonl] [--out 文件] [--db …]
                         导出审计日志（CSV 可用 Excel 打开；jsonl 为原始记录）
  backup [--db …] [--out 文件]
                         备份数据库（SQLite 在线备份，服务运行时也可执行，默认写到 ./data/backups/；
                         PostgreSQL 调用 pg_dump，未安装时打印应执行的命令），并校验备份
  reminders run [--at ISO时间] [--dry-run] [--json] [--programme ID] [--db …]
                         按提醒、催办与督办规则评估一次（--at 指定时刻；--dry-run 只列出不写入），重复运行不会重复发送
  restore 备份文件 [--db …] [--force]
                         从备份恢复数据库（须先停止服务；目标数据库已有数据时须加 --force，原文件另存）
`;

export async function main(argv: string[]): Promise<number> {
  // A new audit chain is written with SM3 under the 国密 provider (an existing chain keeps its recorded algorithm).
  if (process.env.CRYPTO_PROVIDER?.trim().toLowerCase() === 'sm') configureAuditDigest('sm3');
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
    case 'layouts':
      return layoutsCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    case 'audit':
      return auditCommand(rest, io);
    case 'admin':
      return adminCommand(rest, io);
    case 'backup':
      return backupCommand(rest);
    case 'restore':
      return restoreCommand(rest);
    case 'reminders':
      return remindersCommand(rest, io);
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
