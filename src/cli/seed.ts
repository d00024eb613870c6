/**
 * `shishi seed-demo`: write the demo into an empty database. `--scale N` (or `--districts N`): N complete districts,
 * under one city (澜州市) from N ≥ 2 on; `--projects K`: at most K projects per district. One transaction per
 * district; prints each district's time on stderr and the totals (rows and elapsed ms) as JSON on stdout.
 */
import { districtCount, generateDemoParts } from '../domain/demo';
import { openDb } from '../server/db/connect';
import { isDatabaseEmpty, seedDatasetParts } from '../server/services/seed-dataset';
import { parseArgs } from './args';
import { databaseUrl } from './serve';

const intFlag = (v: string | true | undefined, fallback: number) => (v === undefined ? fallback : Number(v));

export async function seedCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const districts = intFlag(args.flags.districts ?? args.flags.scale, 1);
  if (!Number.isInteger(districts) || districts < 1 || districts > 200) {
    process.stderr.write('参数 --scale（或 --districts）应为 1 到 200 之间的整数\n');
    return 2;
  }
  const projects = intFlag(args.flags.projects, 0);
  if (!Number.isInteger(projects) || projects < 0 || projects > 150) {
    process.stderr.write('参数 --projects 应为 1 到 150 之间的整数（每个区的项目数）\n');
    return 2;
  }
  const handle = await openDb(databaseUrl(args.flags.db));
  try {
    if (!(await isDatabaseEmpty(handle.db))) {
      process.stderr.write('数据库中已有数据，未写入演示数据（请使用空数据库）\n');
      return 1;
    }
    const t0 = performance.now();
    const options = { districts, ...(projects ? { projects } : {}) };
    const total = districtCount(options);
    const quiet = total === 1;
    const counts = await seedDatasetParts(handle.db, generateDemoParts(options), (i, c, ms) => {
      if (quiet) return;
      const elapsed = ((performance.now() - t0) / 1000).toFixed(1);
      const what = c.programmes ? `区（${c.projects} 个项目、${c.reports} 份填报）` : '市级机构与账号';
      process.stderr.write(`[${i}] ${what}：${c.reportVersions} 个版本，${Math.round(ms)} ms（累计 ${elapsed} s）\n`);
    });
    process.stdout.write(`${JSON.stringify({ ...counts, ms: Math.round(performance.now() - t0) })}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
