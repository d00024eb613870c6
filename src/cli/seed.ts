/** `shishi seed-demo`: write the demo programme into an empty database. */
import { generateDemoDataset } from '../domain/demo';
import { openDb } from '../server/db/connect';
import { isDatabaseEmpty, seedDataset } from '../server/services/seed-dataset';
import { parseArgs } from './args';
import { databaseUrl } from './serve';

export async function seedCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const scale = Number(args.flags.scale ?? 1);
  if (!Number.isInteger(scale) || scale < 1 || scale > 200) {
    process.stderr.write('参数 --scale 应为 1 到 200 之间的整数\n');
    return 2;
  }
  const handle = await openDb(databaseUrl(args.flags.db));
  try {
    if (!(await isDatabaseEmpty(handle.db))) {
      process.stderr.write('数据库中已有数据，未写入演示数据（请使用空数据库）\n');
      return 1;
    }
    const t0 = performance.now();
    const counts = await seedDataset(handle.db, generateDemoDataset({ scale }));
    process.stdout.write(`${JSON.stringify({ ...counts, ms: Math.round(performance.now() - t0) })}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}
