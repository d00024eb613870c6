/**
 * `shishi worker`: run the job worker as its own process (several may run against one PostgreSQL; on SQLite it
 * shares the file with `shishi serve --no-worker`). Stops cleanly on SIGINT/SIGTERM, finishing running jobs.
 */
import { redactUrl } from '../server/config';
import { openDb } from '../server/db/connect';
import { createAppJobs } from '../server/jobs';
import { JOB_HANDLERS, JOB_SCHEDULES } from '../server/jobs/registry';
import { configureNotify, notifySettingsFrom } from '../server/notify/settings';
import { parseArgs } from './args';
import { CONFIG_BOOLEAN_FLAGS, configOrExit } from './serve';

export async function workerCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, CONFIG_BOOLEAN_FLAGS);
  const config = configOrExit(args.flags);
  if (!config) return 2;
  const concurrency = Number(args.flags.concurrency ?? 2);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    process.stderr.write('参数 --concurrency 应为 1 到 32 之间的整数\n');
    return 2;
  }
  // notify.deliver sends e-mail and robot messages: SMTP, PUBLIC_URL and the key that opens stored addresses.
  configureNotify(notifySettingsFrom(config));
  const handle = await openDb(config.databaseUrl);
  const jobs = createAppJobs(handle, {
    concurrency,
    auditRetentionDays: config.auditRetentionDays,
    sessionIdleMinutes: config.sessionIdleMinutes,
    reminderEveryMinutes: config.reminderEveryMinutes,
  });
  await jobs.start();
  console.log(
    `实事 Shishi 后台任务进程已启动（${handle.engine}：${redactUrl(config.databaseUrl)}，并发 ${concurrency}）`,
  );
  console.log(`处理：${Object.keys(JOB_HANDLERS).join('、')}`);
  console.log(`定时：${JOB_SCHEDULES.map((s) => `${s.name} 每${s.everyMinutes}分钟`).join('、') || '无'}`);
  return new Promise<number>((done) => {
    const stop = async () => {
      console.log('正在停止（等待进行中的任务完成）…');
      await jobs.stop();
      await handle.close();
      done(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
