/**
 * `shishi serve`: read the configuration (server/config.ts), open the database (SQLite file by default, PostgreSQL
 * with DATABASE_URL), seed demo data, start the job worker (unless --no-worker / WORKER=off) and listen.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_LOGINS, generateDemoDataset } from '../domain/demo';
import { type Config, ConfigError, loadConfig, redactUrl } from '../server/config';
import { CryptoError, type CryptoProvider, createCryptoProvider } from '../server/crypto/provider';
import { openDb } from '../server/db/connect';
import { buildApp } from '../server/http/app';
import { createAppJobs } from '../server/jobs';
import { configureNotify, notifySettingsFrom } from '../server/notify/settings';
import { queueStaleAssessments } from '../server/services/assess/assessments';
import { systemClock } from '../server/services/context';
import { isDatabaseEmpty, seedDataset } from '../server/services/seed-dataset';
import { parseArgs } from './args';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_DATABASE = resolve(ROOT, 'data', 'shishi.sqlite');

/** The database URL: --db, else DATABASE_URL, else ./data/shishi.sqlite. */
export function databaseUrl(flag: string | true | undefined): string {
  if (typeof flag === 'string') return flag;
  return process.env.DATABASE_URL || DEFAULT_DATABASE;
}

/** Flags that take no value (so `--no-worker --port 80` is read right). */
export const CONFIG_BOOLEAN_FLAGS = ['no-worker', 'worker', 'secure-cookies', 'no-secure-cookies'];

/** The configuration from the environment and flags, or null after printing what is wrong. */
export function configOrExit(flags: Record<string, string | true>): Config | null {
  try {
    return loadConfig(process.env, flags, { databaseUrl: DEFAULT_DATABASE });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n（各项说明见 README.md“配置（环境变量）”）\n`);
    return null;
  }
}

export async function serveCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['demo', ...CONFIG_BOOLEAN_FLAGS]);
  const config = configOrExit(args.flags);
  if (!config) return 2;
  // Fails at boot, not at the first login, when CRYPTO_PROVIDER=sm and this OpenSSL lacks SM3/SM4 or DATA_KEY is bad.
  let crypto: CryptoProvider;
  try {
    crypto = createCryptoProvider(config.cryptoProvider, config.dataKey);
  } catch (e) {
    if (!(e instanceof CryptoError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  // Channels of notifications (e-mail, robots): SMTP_URL/SMTP_FROM, PUBLIC_URL, the crypto provider (server/notify).
  configureNotify(notifySettingsFrom(config, crypto));
  const handle = await openDb(config.databaseUrl);
  if (args.flags.demo && (await isDatabaseEmpty(handle.db))) {
    const counts = await seedDataset(handle.db, generateDemoDataset({ scale: Number(args.flags.scale ?? 1) }));
    console.log(`已写入演示数据：${counts.projects} 个项目，${counts.reports} 份填报，${counts.users} 个账号`);
  }
  // Jobs: schema first (PostgreSQL: graphile-worker's), so use cases can enqueue even when the worker runs elsewhere.
  const jobs = createAppJobs(handle, {
    auditRetentionDays: config.auditRetentionDays,
    sessionIdleMinutes: config.sessionIdleMinutes,
    reminderEveryMinutes: config.reminderEveryMinutes,
  });
  await jobs.prepare();
  // Reports not yet assessed by this engine version (an upgrade): re-assessed in the background, reads never wait.
  const stale = await queueStaleAssessments(handle.db, systemClock());
  if (config.worker) await jobs.start();
  const app = await buildApp({
    db: handle.db,
    webDir: resolve(ROOT, 'web', 'dist'),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimit,
    uploadLimit: config.uploadLimit,
    loginRateMax: config.loginRateMax,
    apiDocs: config.apiDocs,
    security: {
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionAbsoluteHours: config.sessionAbsoluteHours,
      maxSessions: config.maxSessions,
      passwordExpiryDays: config.passwordExpiryDays,
      publicRateMax: config.publicRateMax,
      // Served over https (secure cookies): ask browsers to upgrade; on a plain-http intranet it would blank every page.
      upgradeInsecureRequests: config.secureCookies,
      crypto,
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const { host, port } = config;
  console.log(`\n实事 Shishi 已启动：http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`);
  if (config.publicBaseUrl) console.log(`对外地址：${config.publicBaseUrl}`);
  console.log(`数据库：${handle.engine}（${redactUrl(config.databaseUrl)}）`);
  console.log(config.worker ? '后台任务：本进程处理' : '后台任务：本进程不处理（请另行运行 shishi worker）');
  if (stale.length) console.log(`研判引擎已更新：${stale.length} 个实事计划的研判结果将在后台重新计算`);
  if (args.flags.demo) {
    console.log('\n演示账号（密码均为下列所示）：');
    for (const l of DEMO_LOGINS)
      console.log(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}  ${l.note}`);
  }
  const stop = async () => {
    await app.close();
    await jobs.stop();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}
