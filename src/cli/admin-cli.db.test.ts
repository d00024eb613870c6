/**
 * Issue 10 §2 on the command line, on fresh SQLite files: `shishi admin create` (the first administrator, with the
 * government; later accounts), and `shishi import FILE --create-units --db FRESH.sqlite` — as the local operator and
 * `--as` the administrator just created (which used to answer "--as admin 不存在").
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../server/db/connect';
import { adminCommand } from './admin';
import { main } from './main';

const SEEDS = resolve(import.meta.dirname, '../../../shared/seeds');
const seed001 = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('001_')) : undefined;
const GOOD = 'Chu-Shi9#Mima';

/** `shishi admin …` with the password on stdin and the output captured. */
async function admin(stdin: string, ...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    ({
      write: (s: string) => {
        out[key] += s;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await adminCommand(argv, {
    stdin: Readable.from([stdin]),
    stdout: sink('stdout'),
    stderr: sink('stderr'),
  });
  return { code, ...out };
}

/** `main(argv)` with process output captured. */
async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const spy = (key: 'stdout' | 'stderr') =>
    vi.spyOn(process[key], 'write').mockImplementation((s: string | Uint8Array) => {
      out[key] += String(s);
      return true;
    });
  const spies = [spy('stdout'), spy('stderr')];
  try {
    return { code: await main(argv), ...out };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe('shishi admin create', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shishi-admin-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says what is missing', async () => {
    expect((await admin('', 'create', '--name', '王')).stderr).toContain('请用 --username 和 --name');
    expect((await admin('', 'create', '--username', 'a', '--name', '王', '--role', 'king')).stderr).toContain(
      '未知的角色：king',
    );
    expect((await admin('', 'frobnicate')).code).toBe(2);
  });

  it('creates the government and the first administrator on an empty database; the password policy holds', async () => {
    const db = join(dir, 'first.sqlite');
    const weak = await admin(
      'abc\n',
      'create',
      '--username',
      'admin',
      '--name',
      '王管理',
      '--password-stdin',
      '--db',
      db,
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('密码至少8位');
    const r = await admin(
      `${GOOD}\n`,
      'create',
      '--username',
      'admin',
      '--name',
      '王管理',
      '--gov',
      '龙华区人民政府',
      '--password-stdin',
      '--db',
      db,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('新建组织机构：龙华区人民政府（政府）');
    expect(r.stdout).toContain('已建立账号：admin（王管理，系统管理员）');
    expect(r.stdout).toContain('第一个账号，可直接登录');
    // A reporter of a unit that does not exist is refused; of the government, accepted (must change its password).
    const bad = await admin(
      `${GOOD}\n`,
      'create',
      '--username',
      'r1',
      '--name',
      '填报',
      '--role',
      'reporter',
      '--org',
      '无此单位',
      '--password-stdin',
      '--db',
      db,
    );
    expect(bad.stderr).toContain('单位“无此单位”不存在');
    const sup = await admin(
      `${GOOD}\n`,
      'create',
      '--username',
      'sup',
      '--name',
      '督查',
      '--role',
      'supervisor',
      '--org',
      '龙华区人民政府',
      '--password-stdin',
      '--db',
      db,
    );
    expect(sup.code).toBe(0);
    expect(sup.stdout).toContain('首次登录须修改密码');
    const dup = await admin(
      `${GOOD}\n`,
      'create',
      '--username',
      'admin',
      '--name',
      '又一个',
      '--password-stdin',
      '--db',
      db,
    );
    expect(dup.stderr).toContain('用户名“admin”已被使用');
    const h = await openDb(db);
    try {
      const users = await h.db
        .selectFrom('users')
        .select(['username', 'role', 'mustChangePassword'])
        .orderBy('username')
        .execute();
      expect(users).toEqual([
        { username: 'admin', role: 'admin', mustChangePassword: 0 },
        { username: 'sup', role: 'supervisor', mustChangePassword: 1 },
      ]);
      const audit = await h.db.selectFrom('auditLog').select('action').orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['org.create', 'user.create', 'user.create']);
    } finally {
      await h.close();
    }
  });

  it.skipIf(!seed001)(
    'then `shishi import FILE --create-units` works on the fresh file, also --as the admin',
    async () => {
      const file = join(SEEDS, seed001!);
      // As the local operator, on a brand-new file.
      const fresh = join(dir, 'fresh.sqlite');
      const r = await cli('import', file, '--create-units', '--db', fresh);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/已导入：新建项目9个/);
      // --as before any account exists: told what to do.
      const none = await cli('import', file, '--create-units', '--as', 'admin', '--db', join(dir, 'none.sqlite'));
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('还没有任何账号');
      expect(none.stderr).toContain('shishi admin create --username admin');
      // --as the administrator created by `shishi admin create`.
      const db = join(dir, 'as-admin.sqlite');
      expect(
        (await admin(`${GOOD}\n`, 'create', '--username', 'admin', '--name', '王管理', '--password-stdin', '--db', db))
          .code,
      ).toBe(0);
      const asAdmin = await cli('import', file, '--create-units', '--as', 'admin', '--db', db);
      expect(asAdmin.code).toBe(0);
      expect(asAdmin.stderr).toContain('新建实事计划：龙华区2023年民生实事');
      expect(asAdmin.stderr).toMatch(/已导入：新建项目9个/);
      const h = await openDb(db);
      try {
        const entry = await h.db
          .selectFrom('auditLog')
          .select(['actorName'])
          .where('action', '=', 'programme.create')
          .executeTakeFirst();
        expect(entry?.actorName).toBe('王管理');
      } finally {
        await h.close();
      }
    },
  );
});
