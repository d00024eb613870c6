import { describe, expect, it } from 'vitest';
import { type Actor, can, reportScope } from './policies';

const reporterB: Actor = { id: 'u1', role: 'reporter', unitIds: ['B'], displayName: 'B' };
const leader: Actor = { id: 'u2', role: 'leader', unitIds: [], displayName: 'L' };
const sup: Actor = { id: 'u3', role: 'supervisor', unitIds: [], displayName: 'S' };
const deputy: Actor = { id: 'u4', role: 'deputy', unitIds: [], displayName: 'D' };

describe('policies', () => {
  it('scopes reporters to their own units', () => {
    expect(can(reporterB, 'report:read', { orgId: 'B' })).toBe(true);
    expect(can(reporterB, 'report:read', { orgId: 'A' })).toBe(false);
    expect(can(reporterB, 'report:write', { orgId: 'A' })).toBe(false);
    expect(can(reporterB, 'table:read')).toBe(false);
    expect(can(reporterB, 'report:review', { orgId: 'B' })).toBe(false);
    expect(reportScope(reporterB)).toEqual({ kind: 'units', orgIds: ['B'] });
  });
  it('lets leaders read everything and write nothing', () => {
    expect(can(leader, 'report:read', { orgId: 'A' })).toBe(true);
    expect(can(leader, 'table:read')).toBe(true);
    for (const a of ['report:write', 'report:review', 'round:open', 'report:publish'] as const) {
      expect(can(leader, a, { orgId: 'A' })).toBe(false);
    }
  });
  it('lets supervisors review but not write a unit report', () => {
    expect(can(sup, 'report:review', { orgId: 'A' })).toBe(true);
    expect(can(sup, 'report:write', { orgId: 'A' })).toBe(false);
  });
  it('limits deputies to key-supervision projects and the public to nothing', () => {
    expect(can(deputy, 'report:read', { orgId: 'A', keySupervision: true })).toBe(true);
    expect(can(deputy, 'report:read', { orgId: 'A', keySupervision: false })).toBe(false);
    expect(can(null, 'report:read', { orgId: 'A' })).toBe(false);
  });
});
