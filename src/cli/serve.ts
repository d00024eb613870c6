/** `shishi serve`: open the database (SQLite file by default, PostgreSQL with DATABASE_URL), seed demo data, listen. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_LOGINS, generateDemoDataset } from '../domain/demo';
import { openDb } from '../server/db/connect';
import { buildApp } from '../server/http/app';
import { seedDataset } from '../server/services/seed-dataset';
import { parseArgs } from './args';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The database URL: --db, else DATABASE_URL, else ./data/shishi.sqlite. */
export function databaseUrl(flag: string | true | undefined): string {
  if (typeof flag === 'string') return flag;
  return process.env.DATABASE_URL || resolve(ROOT, 'data', 'shishi.sqlite');
}

export async function serveCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['demo']);
  const port = Number(args.flags.port ?? process.env.PORT ?? 3000);
  const host = String(args.flags.host ?? process.env.HOST ?? '127.0.0.1');
  const url = databaseUrl(args.flags.db);
  const handle = await openDb(url);
  const empty = !(await handle.db.selectFrom('programmes').select('id').limit(1).executeTakeFirst());
  if (args.flags.demo && empty) {
    const counts = await seedDataset(handle.db, generateDemoDataset({ scale: Number(args.flags.scale ?? 1) }));
    console.log(`已写入演示数据：${counts.projects} 个项目，${counts.reports} 份填报，${counts.users} 个账号`);
  }
  const app = await buildApp({ db: handle.db, webDir: resolve(ROOT, 'web', 'dist'), logger: false });
  await app.listen({ port, host });
  const shown = handle.engine === 'sqlite' ? url : url.replace(/\/\/[^@]*@/, '//***@');
  console.log(`\n实事 Shishi 已启动：http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`);
  console.log(`数据库：${handle.engine}（${shown}）`);
  if (args.flags.demo) {
    console.log('\n演示账号（密码均为下列所示）：');
    for (const l of DEMO_LOGINS)
      console.log(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}  ${l.note}`);
  }
  const stop = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}
