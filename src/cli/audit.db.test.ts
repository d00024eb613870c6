/** `shishi audit verify|export` on both engines. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../server/db/connect';
import { insertAudit } from '../server/repositories/audit.repo';
import { createTestDb, TEST_ENGINE } from '../server/test/test-db';
import { auditCommand } from './audit';

let h: DbHandle;
let dir: string;
beforeAll(async () => {
  h = await createTestDb();
  dir = mkdtempSync(join(tmpdir(), 'shishi-audit-cli-'));
  for (let i = 1; i <= 3; i++)
    await insertAudit(h.db, {
      at: `2026-0${i}-15T04:00:00.000Z`,
      actorId: 'u-1',
      actorName: i === 2 ? '@SUM(A1)' : '张三',
      action: i === 3 ? 'login.fail' : 'report.save',
      entity: 'report',
      entityId: `r-${i}`,
      after: { i },
      ip: '10.0.0.1',
    });
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    ({
      write: (s: string) => {
        out[key] += s;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await auditCommand([...argv, '--db', h.url], { stdout: sink('stdout'), stderr: sink('stderr') });
  return { code, ...out };
}

describe(`shishi audit (${TEST_ENGINE})`, () => {
  it('verify prints 通过 with the head, and records itself', async () => {
    const r = await cli('verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^审计日志校验：通过/);
    expect(r.stdout).toMatch(/链头：第 3 条，哈希 [0-9a-f]{64}/);
    const last = await h.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'audit.verify', seq: 4 });
    expect(last.actorName).toMatch(/^命令行/);
  });

  it('export writes CSV to a file (BOM, Chinese headers, Excel-safe), filtered by Beijing dates', async () => {
    const out = join(dir, 'audit.csv');
    const r = await cli('export', '--from', '2026-02-01', '--to', '2026-02-28', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/已导出 1 条/);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF"序号"')).toBe(true);
    expect(text).toContain('"\'@SUM(A1)"');
    expect(text).toContain('"保存填报","report.save"');
    expect(text.trim().split('\r\n')).toHaveLength(2);
  });

  it('export writes JSON Lines to standard output', async () => {
    const r = await cli('export', '--format', 'jsonl');
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6]); // 4: verify, 5: the CSV export, 6: this one
    expect(rows.at(-1)).toMatchObject({ action: 'audit.export' });
  });

  it('refuses a malformed date and an unknown format', async () => {
    expect((await cli('export', '--from', '上周')).code).toBe(2);
    expect((await cli('export', '--format', 'xlsx')).code).toBe(2);
  });

  it('verify prints 不通过 with the broken entry and exits 1', async () => {
    if (h.engine === 'postgres') await sql.raw('drop trigger audit_log_guard on audit_log').execute(h.db);
    else await sql.raw('drop trigger audit_log_no_update').execute(h.db);
    await sql.raw(`update audit_log set actor_name = '李四' where seq = 2`).execute(h.db);
    const r = await cli('verify');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^审计日志校验：不通过/);
    expect(r.stdout).toMatch(/首个断点：第 2 条（第 2 条记录的内容与其哈希不符/);
  });
});
