/**
 * Issue 10 §2 through the HTTP API: organisations (tree, create, edit, merge moving every reference, deactivate,
 * delete refused when referenced) and accounts (create with units and duties, temporary password, edit, 三员分立,
 * deactivate ending sessions, bulk create from a spreadsheet) — and who may do each (admin yes; supervisor,
 * reporter, secadmin, auditor 403; the other district's admin 404).
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/connect';
import { listOrgsForMatching } from '../services/collect/import-commit';
import { as, createTestApp, loginAs, openQ3Round, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

let app: FastifyInstance;
let h: DbHandle;
let close: () => Promise<void>;
let root: Session;
let adm2: Session;

beforeAll(async () => {
  ({ app, h, close } = await createTestApp());
  root = await loginAs(app, 'root');
  adm2 = await loginAs(app, 'adm2');
});
afterAll(async () => close?.());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (s: Session | null, method: Method, url: string, payload?: unknown) =>
  app.inject({
    method,
    url,
    headers: s ? as(s) : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const csv = (text: string) => ({ fileName: '账号.csv', content: Buffer.from(text, 'utf8').toString('base64') });
const lastAudit = async (action: string) =>
  h.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst();

describe(`admin permissions (${TEST_ENGINE})`, () => {
  const ENDPOINTS: [Method, string, unknown?][] = [
    ['GET', '/api/admin/orgs'],
    ['POST', '/api/admin/orgs', { name: '无权新建', kind: 'street', parentId: 'gov' }],
    ['PUT', '/api/admin/orgs/org-a', { name: '东湖街道', kind: 'street', parentId: 'gov' }],
    ['POST', '/api/admin/orgs/org-c/merge', { targetId: 'org-a' }],
    ['POST', '/api/admin/orgs/org-a/active', { active: false }],
    ['DELETE', '/api/admin/orgs/org-a'],
    ['GET', '/api/admin/users'],
    [
      'POST',
      '/api/admin/users',
      { username: 'nope', displayName: '无', role: 'reporter', units: [{ orgId: 'org-a' }] },
    ],
    ['PUT', '/api/admin/users/u-a', { displayName: '东湖', role: 'reporter', units: [{ orgId: 'org-a' }] }],
    ['POST', '/api/admin/users/u-a/active', { active: false }],
    ['POST', '/api/admin/users/bulk/preview', csv('单位,姓名,手机,邮箱\n东湖街道,张三,,\n')],
    ['POST', '/api/admin/users/bulk/commit', csv('单位,姓名,手机,邮箱\n东湖街道,张三,,\n')],
  ];
  it('answers 403 to supervisor, reporter, leader, secadmin and auditor, 401 without a session', async () => {
    for (const who of ['sup', 'repa', 'lead', 'sec', 'aud']) {
      const s = await loginAs(app, who);
      for (const [m, url, body] of ENDPOINTS) {
        const res = await call(s, m, url, body);
        expect([who, m, url, res.statusCode]).toEqual([who, m, url, 403]);
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    for (const [m, url, body] of ENDPOINTS) expect((await call(null, m, url, body)).statusCode).toBe(401);
  });
  it("answers 404 to the other district's admin for this district's organisations and accounts", async () => {
    for (const [m, url, body] of ENDPOINTS.filter(([, u]) => /org-|u-a/.test(u)))
      expect([m, url, (await call(adm2, m, url, body)).statusCode]).toEqual([m, url, 404]);
    const orgs = (await call(adm2, 'GET', '/api/admin/orgs')).json();
    expect(orgs.map((o: { id: string }) => o.id).sort()).toEqual(['gov2', 'org-x']);
    const users = (await call(adm2, 'GET', '/api/admin/users')).json();
    expect(users.map((u: { username: string }) => u.username).sort()).toEqual([
      'adm2',
      'dep2',
      'lead2',
      'rep2x',
      'sup2',
    ]);
    // Creating under another district's organisation, or a new top-level one, is not theirs.
    const foreign = await call(adm2, 'POST', '/api/admin/orgs', {
      name: '越权社区',
      kind: 'community',
      parentId: 'org-a',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('上级单位不存在或不在您管理的范围内');
    const top = await call(adm2, 'POST', '/api/admin/orgs', { name: '某区人民政府', kind: 'government' });
    expect(top.statusCode).toBe(403);
    const acc = await call(adm2, 'POST', '/api/admin/users', {
      username: 'sneaky',
      displayName: '越权',
      role: 'reporter',
      units: [{ orgId: 'org-a' }],
    });
    expect(acc.statusCode).toBe(400);
    expect(acc.json().error.message).toContain('不在您管理的范围内');
  });
});

describe(`organisations (${TEST_ENGINE})`, () => {
  it('lists the whole tree for the installation admin, with counts', async () => {
    const res = await call(root, 'GET', '/api/admin/orgs');
    expect(res.statusCode).toBe(200);
    const a = res.json().find((o: { id: string }) => o.id === 'org-a');
    expect(a).toMatchObject({
      name: '东湖街道',
      kind: 'street',
      parentId: 'gov',
      aliases: ['东湖街道办'],
      active: true,
    });
    expect(a.users).toBe(1);
    expect(a.references).toBeGreaterThan(0);
  });

  it('creates, edits (aliases, parent), refuses duplicates and loops', async () => {
    const created = await call(root, 'POST', '/api/admin/orgs', {
      name: '东湖社区',
      kind: 'community',
      parentId: 'org-a',
      aliases: ['东湖社区工作站', ' '],
    });
    expect(created.statusCode).toBe(400); // an empty alias is refused by the schema
    const ok = await call(root, 'POST', '/api/admin/orgs', {
      name: '东湖社区',
      kind: 'community',
      parentId: 'org-a',
      aliases: ['东湖社区工作站'],
    });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().id;
    expect(ok.json()).toMatchObject({ name: '东湖社区', parentId: 'org-a', aliases: ['东湖社区工作站'], users: 0 });
    expect((await lastAudit('org.create'))?.entityId).toBe(id);
    const dup = await call(root, 'POST', '/api/admin/orgs', { name: '东湖社区', kind: 'community', parentId: 'org-a' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('已有名为“东湖社区”的单位');
    const edit = await call(root, 'PUT', `/api/admin/orgs/${id}`, {
      name: '东湖社区工作站',
      shortName: '东湖社区',
      kind: 'community',
      parentId: 'org-a',
      aliases: ['东湖社区'],
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ name: '东湖社区工作站', shortName: '东湖社区', aliases: ['东湖社区'] });
    const audit = await lastAudit('org.update');
    expect(JSON.parse(audit!.before!)).toMatchObject({ name: '东湖社区' });
    expect(JSON.parse(audit!.after!)).toMatchObject({ name: '东湖社区工作站' });
    const loop = await call(root, 'PUT', '/api/admin/orgs/org-a', { name: '东湖街道', kind: 'street', parentId: id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toContain('上级单位不能是本单位或其下级单位');
    const badKind = await call(root, 'POST', '/api/admin/orgs', { name: '某单位', kind: 'planet', parentId: 'gov' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.message).toContain('请选择类型');
    // Unreferenced: deleted; referenced: refused with what refers to it.
    expect((await call(root, 'DELETE', `/api/admin/orgs/${id}`)).statusCode).toBe(200);
    const used = await call(root, 'DELETE', '/api/admin/orgs/org-a');
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toMatch(/“东湖街道”已被引用（.*账号所属单位1条.*填报.*），不能删除；请改为停用/);
  });

  it('deactivates and reactivates, audited', async () => {
    const off = await call(root, 'POST', '/api/admin/orgs/org-c/active', { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect(await lastAudit('org.deactivate')).toMatchObject({ entityId: 'org-c' });
    const on = await call(root, 'POST', '/api/admin/orgs/org-c/active', { active: true });
    expect(on.json().active).toBe(true);
  });

  it('merges: every reference moves to the target, names become aliases, the source is deactivated', async () => {
    // A unit learned from an import ("东湖街道办事处") with an account, a project role, an indicator.
    const src = (
      await call(root, 'POST', '/api/admin/orgs', {
        name: '东湖街道办事处',
        kind: 'street',
        parentId: 'gov',
        aliases: ['东湖办'],
      })
    ).json().id;
    const acc = await call(root, 'POST', '/api/admin/users', {
      username: 'donghu2',
      displayName: '东湖联络员',
      role: 'reporter',
      units: [{ orgId: src, duty: '联络员' }],
    });
    expect(acc.statusCode).toBe(201);
    await h.db
      .insertInto('projectUnits')
      .values({ id: 'pu-merge', projectId: 'p-2', orgId: src, role: 'assist', shareNote: '', seq: 9 })
      .execute();
    await h.db.updateTable('indicators').set({ orgId: src }).where('id', '=', 'ind-1').execute();
    const res = await call(root, 'POST', `/api/admin/orgs/${src}/merge`, { targetId: 'org-a' });
    expect(res.statusCode).toBe(200);
    expect(res.json().target.aliases).toEqual(['东湖街道办', '东湖街道办事处', '东湖办']);
    expect(res.json().moved).toMatchObject({ 账号所属单位: 1, 项目责任单位: 1, 指标责任单位: 1 });
    const units = await h.db.selectFrom('userUnits').selectAll().where('userId', '=', acc.json().user.id).execute();
    expect(units).toEqual([{ userId: acc.json().user.id, orgId: 'org-a', duty: '联络员' }]);
    expect(
      (await h.db.selectFrom('projectUnits').select('orgId').where('id', '=', 'pu-merge').executeTakeFirst())?.orgId,
    ).toBe('org-a');
    expect(
      (await h.db.selectFrom('indicators').select('orgId').where('id', '=', 'ind-1').executeTakeFirst())?.orgId,
    ).toBe('org-a');
    const source = (await call(root, 'GET', '/api/admin/orgs')).json().find((o: { id: string }) => o.id === src);
    expect(source).toMatchObject({ active: false, users: 0, references: 0 });
    // An import now finds the target by the source's names.
    const matching = await listOrgsForMatching(h.db);
    expect(matching.find((o) => o.id === src)).toBeUndefined();
    expect(matching.find((o) => o.id === 'org-a')?.aliases).toContain('东湖街道办事处');
    const audit = await lastAudit('org.merge');
    expect(JSON.parse(audit!.after!)).toMatchObject({ mergedInto: '东湖街道', moved: { 账号所属单位: 1 } });
    // Merging into itself or into an inactive one is refused.
    expect((await call(root, 'POST', '/api/admin/orgs/org-a/merge', { targetId: 'org-a' })).statusCode).toBe(400);
    expect((await call(root, 'POST', '/api/admin/orgs/org-a/merge', { targetId: src })).json().error.message).toContain(
      '已停用',
    );
  });

  it('refuses a merge when both have a report for the same round and project', async () => {
    const sup = await loginAs(app, 'sup');
    await openQ3Round(app, sup); // p-3 is shared by 东湖 and 西岭: both get a report
    const res = await call(root, 'POST', '/api/admin/orgs/org-a/merge', { targetId: 'org-b' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(
      /不能合并：“东湖街道”和“西岭街道”在同一批次对同一项目都有填报（.*11-3 老旧小区电梯加装/,
    );
    expect(
      (await h.db.selectFrom('organizations').select('active').where('id', '=', 'org-a').executeTakeFirst())?.active,
    ).toBe(1);
  });
});

describe(`accounts (${TEST_ENGINE})`, () => {
  it('creates a reporter with two units and duties: temporary password once, first login must change it', async () => {
    const res = await call(root, 'POST', '/api/admin/users', {
      username: 'liaison1',
      displayName: '赵联络',
      role: 'reporter',
      units: [
        { orgId: 'org-a', duty: '联络员' },
        { orgId: 'org-b', duty: '分管领导' },
      ],
      phone: '13800138000',
      email: 'zhao@example.gov.cn',
    });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(temporaryPassword).toMatch(/^\S{14}$/);
    expect(user).toMatchObject({
      username: 'liaison1',
      role: 'reporter',
      active: true,
      mustChangePassword: true,
      phone: '13800138000',
      email: 'zhao@example.gov.cn',
    });
    expect(user.units.map((u: { name: string; duty: string }) => `${u.name}:${u.duty}`).sort()).toEqual([
      '东湖街道:联络员',
      '西岭街道:分管领导',
    ]);
    const s = await loginAs(app, 'liaison1', temporaryPassword);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: as(s) });
    expect(me.json().mustChangePassword).toBe('first');
    const audit = await lastAudit('user.create');
    expect(audit?.after).not.toContain('13800138000'); // contact details are not copied into the log
  });

  it('validates: policy for an initial password, duplicate username, bad phone, role and unit rules', async () => {
    const base = { displayName: '钱某', role: 'reporter', units: [{ orgId: 'org-a' }] };
    const weak = await call(root, 'POST', '/api/admin/users', { ...base, username: 'qian', password: 'qian12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues[0].path).toEqual(['password']);
    const given = await call(root, 'POST', '/api/admin/users', { ...base, username: 'qian', password: 'Mima#2026x' });
    expect(given.statusCode).toBe(201);
    expect(given.json().temporaryPassword).toBeNull();
    const dup = await call(root, 'POST', '/api/admin/users', { ...base, username: 'qian' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('用户名“qian”已被使用');
    const phone = await call(root, 'POST', '/api/admin/users', { ...base, username: 'qian2', phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.message).toContain('手机号应为11位数字');
    const noUnit = await call(root, 'POST', '/api/admin/users', { ...base, username: 'qian3', units: [] });
    expect(noUnit.json().error.message).toContain('填报单位须至少选择一个所属单位');
    const sec = await call(root, 'POST', '/api/admin/users', { ...base, username: 'sec2', role: 'secadmin' });
    expect(sec.json().error.message).toContain('安全管理员不属于任何单位');
    const unknownUnit = await call(root, 'POST', '/api/admin/users', {
      ...base,
      username: 'q4',
      units: [{ orgId: 'zz' }],
    });
    expect(unknownUnit.json().error.message).toContain('所选单位不存在');
  });

  it('edits an account; the admin cannot change its own role or deactivate itself', async () => {
    const res = await call(root, 'PUT', '/api/admin/users/u-b', {
      displayName: '西岭填报员（新）',
      role: 'reporter',
      units: [{ orgId: 'org-b', duty: '联络员' }],
      phone: '13900139000',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '西岭填报员（新）', phone: '13900139000' });
    const audit = await lastAudit('user.update');
    expect(JSON.parse(audit!.before!)).toMatchObject({ displayName: '西岭填报员' });
    const self = await call(root, 'PUT', '/api/admin/users/u-root', { displayName: '系统管理员', role: 'supervisor' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.message).toContain('不能修改自己的角色');
    const off = await call(root, 'POST', '/api/admin/users/u-root/active', { active: false });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.message).toContain('不能停用自己的账号');
    // 三员分立: the only 安全管理员 and 审计管理员 stay.
    const lastSec = await call(root, 'POST', '/api/admin/users/u-sec/active', { active: false });
    expect(lastSec.statusCode).toBe(400);
    expect(lastSec.json().error.message).toContain('是唯一启用的安全管理员，不能停用');
    const lastAud = await call(root, 'PUT', '/api/admin/users/u-aud', {
      displayName: '审计管理员',
      role: 'supervisor',
    });
    expect(lastAud.json().error.message).toContain('是唯一启用的审计管理员，不能改为其他角色');
    const list = (await call(root, 'GET', '/api/admin/users?q=root')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ username: 'root', self: true });
  });

  it('deactivation ends every session of the account at once; reactivation lets it log in again', async () => {
    const a1 = await loginAs(app, 'repa');
    const a2 = await loginAs(app, 'repa');
    const res = await call(root, 'POST', '/api/admin/users/u-a/active', { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.active).toBe(false);
    expect(res.json().sessionsEnded).toBeGreaterThanOrEqual(2); // these two and the one of the permission test
    for (const s of [a1, a2])
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: as(s) })).statusCode).toBe(401);
    await expect(loginAs(app, 'repa')).rejects.toThrow(/401/);
    const filtered = (await call(root, 'GET', '/api/admin/users?active=false')).json();
    expect(filtered.map((u: { username: string }) => u.username)).toContain('repa');
    expect((await call(root, 'POST', '/api/admin/users/u-a/active', { active: true })).statusCode).toBe(200);
    await loginAs(app, 'repa');
    const byUnit = (await call(root, 'GET', '/api/admin/users?orgId=org-b&role=reporter')).json();
    expect(byUnit.map((u: { username: string }) => u.username).sort()).toEqual(['liaison1', 'repb']);
  });

  it("the district admin manages its own district's accounts", async () => {
    const res = await call(adm2, 'POST', '/api/admin/users', {
      username: 'nanshan2',
      displayName: '南山二号',
      role: 'reporter',
      units: [{ orgId: 'org-x' }],
    });
    expect(res.statusCode).toBe(201);
    expect(
      (await call(adm2, 'POST', `/api/admin/users/${res.json().user.id}/active`, { active: false })).statusCode,
    ).toBe(200);
  });
});

describe(`bulk accounts from a spreadsheet (${TEST_ENGINE})`, () => {
  it('previews with a Chinese error per row and commits nothing while any row is wrong', async () => {
    const file = csv(
      [
        '单位,姓名,手机,邮箱,角色',
        '东湖街道,孙一,13700000001,sun1@example.cn,',
        '不存在街道,孙二,13700000002,,',
        '西岭街道,孙三,123,bad-mail,',
        '西岭街道,孙四,13700000001,,填报单位',
        '东湖街道,孙一,13700000009,,',
        '区民政局,孙五,,,宇航员',
      ].join('\n'),
    );
    const res = await call(root, 'POST', '/api/admin/users/bulk/preview', file);
    expect(res.statusCode).toBe(200);
    const { rows, ok } = res.json();
    expect(ok).toBe(false);
    expect(rows.map((r: { row: number; errors: string[] }) => [r.row, r.errors.join('；')])).toEqual([
      [2, ''],
      [3, '单位“不存在街道”不存在（请先在组织机构中建立，或设为已有单位的别名）'],
      [4, '手机号“123”不正确（应为11位数字，以1开头）；邮箱“bad-mail”格式不正确'],
      [5, '手机号“13700000001”与上面的行重复'],
      [6, '与上面的行重复（同一单位同一姓名）'],
      [7, expect.stringContaining('角色“宇航员”无法识别')],
    ]);
    expect(rows[0]).toMatchObject({ unit: '东湖街道', username: 'sun1', role: 'reporter' });
    const commit = await call(root, 'POST', '/api/admin/users/bulk/commit', file);
    expect(commit.statusCode).toBe(400);
    expect(commit.json().error.message).toContain('有5行存在问题');
    expect(await h.db.selectFrom('users').select('id').where('displayName', 'like', '孙%').execute()).toHaveLength(0);
  });

  it('commits an .xlsx in one transaction, returns usernames and temporary passwords once, as .xlsx too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('账号');
    ws.addRow(['单位', '姓名', '手机', '邮箱', '职责']);
    ws.addRow(['东湖街道办', '周一', '13600000001', 'zhou1@example.cn', '联络员']);
    ws.addRow(['西岭街道', '周二', '', '', '分管领导']);
    ws.addRow(['民政局', '周三', '13600000003', '', '']);
    const file = { fileName: '账号.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const preview = (await call(root, 'POST', '/api/admin/users/bulk/preview', file)).json();
    expect(preview.ok).toBe(true);
    expect(preview.rows.map((r: { unit: string }) => r.unit)).toEqual(['东湖街道', '西岭街道', '区民政局']);
    const res = await call(root, 'POST', '/api/admin/users/bulk/commit', file);
    expect(res.statusCode).toBe(201);
    const { accounts, xlsx } = res.json();
    expect(accounts.map((a: { username: string }) => a.username)).toEqual(['zhou1', 'user0001', 'user0002']);
    for (const a of accounts) expect(a.temporaryPassword).toMatch(/^\S{14}$/);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(xlsx, 'base64') as unknown as ArrayBuffer);
    const sheet = back.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '单位', '姓名', '用户名', '临时密码', '角色']);
    expect(String(sheet.getRow(2).getCell(3).value)).toBe('zhou1');
    const s = await loginAs(app, 'user0001', accounts[1].temporaryPassword);
    const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: as(s) })).json();
    expect(me).toMatchObject({ displayName: '周二', role: 'reporter', mustChangePassword: 'first' });
    const duty = await h.db.selectFrom('userUnits').select('duty').where('userId', '=', me.id).executeTakeFirst();
    expect(duty?.duty).toBe('分管领导');
    expect(await lastAudit('user.bulkCreate')).toMatchObject({ action: 'user.bulkCreate' });
    // The same file again: every person now exists.
    const again = (await call(root, 'POST', '/api/admin/users/bulk/preview', file)).json();
    expect(again.rows[0].errors[0]).toContain('“东湖街道”已有名为“周一”的账号');
  });

  it('says what is wrong with a file without the header or of another type', async () => {
    const none = (await call(root, 'POST', '/api/admin/users/bulk/preview', csv('a,b\n1,2\n'))).json();
    expect(none.errors[0]).toContain('没有找到表头');
    const doc = await call(root, 'POST', '/api/admin/users/bulk/preview', { fileName: 'x.doc', content: 'AAAA' });
    expect(doc.statusCode).toBe(400);
    expect(doc.json().error.message).toContain('只支持 Excel（.xlsx）或 CSV（.csv）文件');
  });
});

describe(`the audit log shows these changes to the auditor (${TEST_ENGINE})`, () => {
  it('filters by unit, action and object, with before and after', async () => {
    const aud = await loginAs(app, 'aud');
    const get = async (q: string) =>
      (await app.inject({ method: 'GET', url: `/api/audit?${q}`, headers: as(aud) })).json();
    const byUnit = await get(`unit=${encodeURIComponent('西岭')}&action=user.update`);
    expect(byUnit.items.map((e: { entityId: string }) => e.entityId)).toContain('u-b');
    expect(byUnit.items[0].before).toMatchObject({ displayName: '西岭填报员' });
    const merges = await get('action=org.merge&entity=organization');
    expect(merges.total).toBe(1);
    expect((await get(`unit=${encodeURIComponent('南山')}&action=user.update`)).total).toBe(0);
  });
});
