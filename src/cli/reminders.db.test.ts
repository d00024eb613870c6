/** `shishi reminders run` on both engines: dry run prints and writes nothing; a run performs once, a second run sends nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../server/db/connect';
import { seedDataset } from '../server/services/seed-dataset';
import { smallDataset } from '../server/test/fixture';
import { createTestDb, TEST_ENGINE } from '../server/test/test-db';
import { remindersCommand } from './reminders';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await seedDataset(h.db, smallDataset(), new Date('2026-07-01T00:00:00.000Z'));
  // 西岭街道 has not handed in the open Q2 round (due 2026-07-05).
  await h.db.updateTable('reports').set({ status: 'draft' }).where('id', '=', 'rep-q2-2').execute();
});
afterAll(async () => h?.close());

async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    ({
      write: (s: string) => {
        out[key] += s;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await remindersCommand([...argv, '--db', h.url], { stdout: sink('stdout'), stderr: sink('stderr') });
  return { code, ...out };
}

const count = async () => (await h.db.selectFrom('notifications').select('id').execute()).length;

describe(`shishi reminders run (${TEST_ENGINE})`, () => {
  it('--dry-run lists the actions due at --at and writes nothing', async () => {
    const r = await cli('run', '--at', '2026-07-04T10:00:00+08:00', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('试运行');
    expect(r.stdout).toContain('[提醒·提醒] 西岭街道');
    expect(await count()).toBe(0);
  });

  it('performs once; running again sends nothing twice; --json prints the summary', async () => {
    const first = await cli('run', '--at', '2026-07-04T10:00:00+08:00', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ notifications: 1, counts: { remind: 1 } });
    const again = await cli('run', '--at', '2026-07-04T11:00:00+08:00', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ notifications: 0 });
    expect(await count()).toBe(1);
    const audit = await h.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('action', '=', 'chase.run')
      .execute();
    expect(audit).toEqual([{ action: 'chase.run', actorName: '命令行（提醒与催办）' }]);
  });

  it('refuses a malformed --at', async () => {
    const r = await cli('run', '--at', 'tomorrow');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是有效的时间');
  });
});
