/** 三员分立 and scope for an account's role and units (accountRoleProblem). */
import { describe, expect, it } from 'vitest';
import { makeActor } from './policies';
import { accountRoleProblem } from './user';

const tree = [
  { id: 'gov', parentId: null },
  { id: 'a', parentId: 'gov' },
  { id: 'gov2', parentId: null },
  { id: 'x', parentId: 'gov2' },
];
const root = makeActor({ id: 'root', role: 'admin', displayName: '系统管理员' }, [], tree);
const adm2 = makeActor({ id: 'adm2', role: 'admin', displayName: '二区管理员' }, ['gov2'], tree);
const fresh = { id: null, role: null, unitIds: [] };

describe('accountRoleProblem', () => {
  it('lets the installation admin give any role with the right units', () => {
    expect(accountRoleProblem(root, fresh, { role: 'reporter', unitIds: ['a', 'x'] })).toBeNull();
    expect(accountRoleProblem(root, fresh, { role: 'secadmin', unitIds: [] })).toBeNull();
    expect(accountRoleProblem(root, fresh, { role: 'admin', unitIds: [] })).toBeNull();
  });
  it('keeps 安全管理员 and 审计管理员 without units, and the others with one', () => {
    expect(accountRoleProblem(root, fresh, { role: 'auditor', unitIds: ['a'] })).toContain('不属于任何单位');
    expect(accountRoleProblem(root, fresh, { role: 'supervisor', unitIds: [] })).toContain('须至少选择一个所属单位');
  });
  it("keeps a district's admin within its district", () => {
    expect(accountRoleProblem(adm2, fresh, { role: 'reporter', unitIds: ['x'] })).toBeNull();
    expect(accountRoleProblem(adm2, fresh, { role: 'reporter', unitIds: ['a'] })).toContain('不在您管理的范围内');
    expect(accountRoleProblem(adm2, fresh, { role: 'secadmin', unitIds: [] })).toContain('全系统的系统管理员');
  });
  it('does not let an administrator change its own role or units', () => {
    const self = { id: 'adm2', role: 'admin' as const, unitIds: ['gov2'] };
    expect(accountRoleProblem(adm2, self, { role: 'supervisor', unitIds: ['gov2'] })).toContain('不能修改自己的角色');
    expect(accountRoleProblem(adm2, self, { role: 'admin', unitIds: ['x'] })).toContain('不能修改自己的所属单位');
    expect(accountRoleProblem(adm2, self, { role: 'admin', unitIds: ['gov2'] })).toBeNull();
  });
});
