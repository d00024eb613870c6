/**
 * The access table: every role × every action × a subject of the actor's own district and of a foreign one.
 * Read a row as: action, which subject, then one mark per actor — Y allowed, . refused.
 */
import { describe, expect, it } from 'vitest';
import { abilitiesFor, homeFor } from './abilities';
import { type OrgNode, subtreeOf } from './actor';
import { ACTIONS, type Action, type Actor, can, makeActor, mayEver, reportScope, type SubjectOf } from './policies';

// Two districts: A (government, a street with a community, a bureau) and B (government, a street).
const TREE: (OrgNode & { kind: string })[] = [
  { id: 'govA', parentId: null, kind: 'government' },
  { id: 'streetA', parentId: 'govA', kind: 'street' },
  { id: 'communityA', parentId: 'streetA', kind: 'community' },
  { id: 'bureauA', parentId: 'govA', kind: 'bureau' },
  { id: 'govB', parentId: null, kind: 'government' },
  { id: 'streetB', parentId: 'govB', kind: 'street' },
];
const actor = (role: Actor['role'], unitIds: string[]) =>
  makeActor({ id: role, role, displayName: role }, unitIds, TREE);

/** The columns of the table, in order. */
const ACTORS = {
  root: actor('admin', []), // system admin: the whole installation
  adminA: actor('admin', ['govA']), // admin of district A
  supA: actor('supervisor', ['govA']),
  leadA: actor('leader', ['govA']),
  depA: actor('deputy', ['govA']),
  repA: actor('reporter', ['streetA']),
  sec: actor('secadmin', []), // 安全管理员
  aud: actor('auditor', []), // 审计管理员
};
const COLUMNS = Object.keys(ACTORS) as (keyof typeof ACTORS)[];

/** `any`: actions about no record (the answer depends on the actor alone). */
type Which = 'own' | 'foreign' | 'own, not key' | 'any';
const prog = (o: string) => ({ ownerOrgId: o });
const SUBJECTS: { [A in Action]: Partial<Record<Which, SubjectOf[A]>> } = {
  'programme:read': { own: prog('govA'), foreign: prog('govB') },
  'programme:configure': { own: prog('govA'), foreign: prog('govB') },
  'programme:create': { own: prog('govA'), foreign: prog('govB') },
  'round:read': { own: prog('govA'), foreign: prog('govB') },
  'round:open': { own: prog('govA'), foreign: prog('govB') },
  'round:readTable': { own: prog('govA'), foreign: prog('govB') },
  'round:publish': { own: prog('govA'), foreign: prog('govB') },
  'round:close': { own: prog('govA'), foreign: prog('govB') },
  'round:manage': { own: prog('govA'), foreign: prog('govB') },
  'round:archive': { own: prog('govA'), foreign: prog('govB') },
  'round:chase': { own: prog('govA'), foreign: prog('govB') },
  'report:revoke': {
    own: { ownerOrgId: 'govA', orgId: 'streetA', keySupervision: true },
    foreign: { ownerOrgId: 'govB', orgId: 'streetB', keySupervision: true },
  },
  ...Object.fromEntries(
    (['report:read', 'report:save', 'report:submit', 'report:return', 'report:approve', 'report:publish'] as const).map(
      (a) => [
        a,
        {
          own: { ownerOrgId: 'govA', orgId: 'streetA', keySupervision: true },
          'own, not key': { ownerOrgId: 'govA', orgId: 'streetA', keySupervision: false },
          foreign: { ownerOrgId: 'govB', orgId: 'streetB', keySupervision: true },
        },
      ],
    ),
  ),
  'project:read': {
    own: { ownerOrgId: 'govA', unitIds: ['streetA', 'bureauA'], keySupervision: true },
    'own, not key': { ownerOrgId: 'govA', unitIds: ['streetA'], keySupervision: false },
    foreign: { ownerOrgId: 'govB', unitIds: ['streetB'], keySupervision: true },
  },
  'indicator:adjust': { own: prog('govA'), foreign: prog('govB') },
  'import:preview': { own: prog('govA'), foreign: prog('govB') },
  'import:commit': { own: prog('govA'), foreign: prog('govB') },
  'export:table': { own: prog('govA'), foreign: prog('govB') },
  'user:read': { own: { unitIds: ['streetA'] }, foreign: { unitIds: ['streetB'] } },
  'user:manage': { own: { unitIds: ['streetA'] }, foreign: { unitIds: ['streetB'] } },
  'user:secure': { any: { unitIds: [] } },
  'organisation:read': { own: { orgId: 'streetA' }, foreign: { orgId: 'streetB' } },
  'organisation:manage': { own: { orgId: 'streetA' }, foreign: { orgId: 'streetB' } },
  'audit:read': { own: prog('govA'), foreign: prog('govB') },
  'audit:readLog': { any: {} },
  'system:readApiDocs': { any: {} },
  'dashboard:read': { own: prog('govA'), foreign: prog('govB') },
  'rollup:read': { own: prog('govA'), foreign: prog('govB') },
  'evaluation:configure': { own: prog('govA'), foreign: prog('govB') },
  'report:readInternal': { own: prog('govA'), foreign: prog('govB') },
  'oversight:read': { own: prog('govA'), foreign: prog('govB') },
  'oversight:opine': { own: prog('govA'), foreign: prog('govB') },
  'oversight:manage': { own: prog('govA'), foreign: prog('govB') },
  'yearEnd:read': { own: prog('govA'), foreign: prog('govB') },
  'yearEnd:confirm': { own: prog('govA'), foreign: prog('govB') },
  'vote:manage': { own: prog('govA'), foreign: prog('govB') },
  'vote:cast': { own: prog('govA'), foreign: prog('govB') },
  ...Object.fromEntries(
    (['supervision:read', 'supervision:raise', 'supervision:respond', 'supervision:close'] as const).map((a) => [
      a,
      { own: { ownerOrgId: 'govA', orgId: 'streetA' }, foreign: { ownerOrgId: 'govB', orgId: 'streetB' } },
    ]),
  ),
} as never;

// biome-ignore format: the table is aligned by hand
const TABLE: [Action, Which, string][] = [
  //                                         root adminA supA leadA depA repA sec  aud
  ['programme:read',      'own',              'Y    Y     Y    Y     Y    Y    .    .'],
  ['programme:read',      'foreign',          'Y    .     .    .     .    .    .    .'],
  ['programme:configure', 'own',              'Y    Y     Y    .     .    .    .    .'],
  ['programme:configure', 'foreign',          'Y    .     .    .     .    .    .    .'],
  ['programme:create',    'own',              'Y    Y     Y    .     .    .    .    .'],
  ['programme:create',    'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:read',          'own',              'Y    Y     Y    Y     Y    Y    .    .'],
  ['round:read',          'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:open',          'own',              'Y    Y     Y    .     .    .    .    .'],
  ['round:open',          'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:readTable',     'own',              'Y    Y     Y    Y     Y    .    .    .'],
  ['round:readTable',     'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:publish',       'own',              'Y    Y     Y    .     .    .    .    .'],
  ['round:publish',       'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:close',         'own',              'Y    Y     Y    .     .    .    .    .'],
  ['round:close',         'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:manage',        'own',              'Y    Y     Y    .     .    .    .    .'],
  ['round:manage',        'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:archive',       'own',              'Y    Y     Y    .     .    .    .    .'],
  ['round:archive',       'foreign',          'Y    .     .    .     .    .    .    .'],
  ['round:chase',         'own',              'Y    Y     Y    .     .    .    .    .'],
  ['round:chase',         'foreign',          'Y    .     .    .     .    .    .    .'],
  ['report:read',         'own',              'Y    Y     Y    Y     Y    Y    .    .'],
  ['report:read',         'own, not key',     'Y    Y     Y    Y     .    Y    .    .'],
  ['report:read',         'foreign',          'Y    .     .    .     .    .    .    .'],
  ['report:save',         'own',              '.    .     .    .     .    Y    .    .'],
  ['report:save',         'foreign',          '.    .     .    .     .    .    .    .'],
  ['report:submit',       'own',              '.    .     .    .     .    Y    .    .'],
  ['report:submit',       'foreign',          '.    .     .    .     .    .    .    .'],
  ['report:return',       'own',              'Y    Y     Y    .     .    .    .    .'],
  ['report:return',       'foreign',          'Y    .     .    .     .    .    .    .'],
  ['report:approve',      'own',              'Y    Y     Y    .     .    .    .    .'],
  ['report:approve',      'foreign',          'Y    .     .    .     .    .    .    .'],
  ['report:publish',      'own',              'Y    Y     Y    .     .    .    .    .'],
  ['report:publish',      'foreign',          'Y    .     .    .     .    .    .    .'],
  ['report:revoke',       'own',              'Y    Y     Y    .     .    .    .    .'],
  ['report:revoke',       'foreign',          'Y    .     .    .     .    .    .    .'],
  ['project:read',        'own',              'Y    Y     Y    Y     Y    Y    .    .'],
  ['project:read',        'own, not key',     'Y    Y     Y    Y     .    Y    .    .'],
  ['project:read',        'foreign',          'Y    .     .    .     .    .    .    .'],
  ['indicator:adjust',    'own',              'Y    Y     Y    .     .    .    .    .'],
  ['indicator:adjust',    'foreign',          'Y    .     .    .     .    .    .    .'],
  ['import:preview',      'own',              'Y    Y     Y    .     .    .    .    .'],
  ['import:preview',      'foreign',          'Y    .     .    .     .    .    .    .'],
  ['import:commit',       'own',              'Y    Y     Y    .     .    .    .    .'],
  ['import:commit',       'foreign',          'Y    .     .    .     .    .    .    .'],
  ['export:table',        'own',              'Y    Y     Y    Y     Y    .    .    .'],
  ['export:table',        'foreign',          'Y    .     .    .     .    .    .    .'],
  ['user:read',           'own',              'Y    Y     Y    .     .    .    .    .'],
  ['user:read',           'foreign',          'Y    .     .    .     .    .    .    .'],
  ['user:manage',         'own',              'Y    Y     .    .     .    .    .    .'],
  ['user:manage',         'foreign',          'Y    .     .    .     .    .    .    .'],
  ['user:secure',         'any',              '.    .     .    .     .    .    Y    .'],
  ['organisation:read',   'own',              'Y    Y     Y    Y     Y    Y    .    .'],
  ['organisation:read',   'foreign',          'Y    .     .    .     .    .    .    .'],
  ['organisation:manage', 'own',              'Y    Y     .    .     .    .    .    .'],
  ['organisation:manage', 'foreign',          'Y    .     .    .     .    .    .    .'],
  ['audit:read',          'own',              'Y    Y     Y    .     .    .    .    .'],
  ['audit:read',          'foreign',          'Y    .     .    .     .    .    .    .'],
  ['audit:readLog',       'any',              '.    .     .    .     .    .    .    Y'],
  ['system:readApiDocs',  'any',              'Y    Y     Y    .     .    .    .    .'],
  ['supervision:read',    'own',              'Y    Y     Y    Y     .    Y    .    .'],
  ['supervision:read',    'foreign',          'Y    .     .    .     .    .    .    .'],
  ['supervision:raise',   'own',              'Y    Y     Y    .     .    .    .    .'],
  ['supervision:raise',   'foreign',          'Y    .     .    .     .    .    .    .'],
  ['supervision:respond', 'own',              '.    .     .    .     .    Y    .    .'],
  ['supervision:respond', 'foreign',          '.    .     .    .     .    .    .    .'],
  ['supervision:close',   'own',              'Y    Y     Y    .     .    .    .    .'],
  ['supervision:close',   'foreign',          'Y    .     .    .     .    .    .    .'],
  ['dashboard:read',      'own',              'Y    Y     Y    Y     .    .    .    .'],
  ['dashboard:read',      'foreign',          'Y    .     .    .     .    .    .    .'],
  ['evaluation:configure', 'own',             'Y    Y     Y    .     .    .    .    .'],
  ['evaluation:configure', 'foreign',         'Y    .     .    .     .    .    .    .'],
  ['report:readInternal', 'own',             'Y    Y     Y    Y     .    Y    .    .'],
  ['report:readInternal', 'foreign',         'Y    .     .    .     .    .    .    .'],
  ['oversight:read',     'own',             'Y    Y     Y    Y     Y    .    .    .'],
  ['oversight:read',     'foreign',         'Y    .     .    .     .    .    .    .'],
  ['oversight:opine',    'own',             '.    .     .    .     Y    .    .    .'],
  ['oversight:opine',    'foreign',         '.    .     .    .     .    .    .    .'],
  ['oversight:manage',   'own',             'Y    Y     Y    .     .    .    .    .'],
  ['oversight:manage',   'foreign',         'Y    .     .    .     .    .    .    .'],
  ['yearEnd:read',       'own',             'Y    Y     Y    Y     .    .    .    .'],
  ['yearEnd:read',       'foreign',         'Y    .     .    .     .    .    .    .'],
  ['yearEnd:confirm',    'own',             'Y    Y     Y    .     .    .    .    .'],
  ['yearEnd:confirm',    'foreign',         'Y    .     .    .     .    .    .    .'],
  ['vote:manage',        'own',             'Y    Y     Y    .     .    .    .    .'],
  ['vote:manage',        'foreign',         'Y    .     .    .     .    .    .    .'],
  ['vote:cast',          'own',             '.    .     .    .     Y    .    .    .'],
  ['vote:cast',          'foreign',         '.    .     .    .     .    .    .    .'],
  ['rollup:read',        'own',             'Y    Y     Y    Y     .    .    .    .'],
  ['rollup:read',        'foreign',         'Y    .     .    .     .    .    .    .'],
];

describe('the access table', () => {
  it('covers every action, own and foreign', () => {
    for (const a of ACTIONS) {
      if (TABLE.some(([x, w]) => x === a && w === 'any')) continue;
      expect(
        TABLE.some(([x, w]) => x === a && w === 'own'),
        a,
      ).toBe(true);
      expect(
        TABLE.some(([x, w]) => x === a && w === 'foreign'),
        a,
      ).toBe(true);
    }
  });

  it.each(TABLE)('%s on a %s subject: %s', (action, which, marks) => {
    const subject = SUBJECTS[action][which];
    if (!subject) throw new Error(`no ${which} subject for ${action}`);
    const expected = marks.split(/\s+/);
    expect(expected).toHaveLength(COLUMNS.length);
    const got = COLUMNS.map((c) => (can(ACTORS[c], action, subject as never) ? 'Y' : '.'));
    expect(got.join(' ')).toBe(expected.join(' '));
  });

  it('refuses everything to the anonymous public', () => {
    for (const [action, which] of TABLE) expect(can(null, action, SUBJECTS[action][which] as never)).toBe(false);
  });
});

describe('the scope an actor acts for', () => {
  it('is the subtree of the government for office roles, never the other district', () => {
    expect([...(ACTORS.supA.orgIds as string[])].sort()).toEqual(['bureauA', 'communityA', 'govA', 'streetA']);
    expect(ACTORS.leadA.orgIds).not.toContain('govB');
    expect(ACTORS.root.orgIds).toBe('all');
    expect(subtreeOf(['streetA'], TREE).sort()).toEqual(['communityA', 'streetA']);
  });

  it('is the units for reporters, who see the programmes of the governments above them', () => {
    expect(ACTORS.repA.orgIds).toEqual(['streetA']);
    expect([...(ACTORS.repA.programmeOwnerIds as string[])].sort()).toEqual(['govA', 'streetA']);
  });

  it('is nothing for an office account without a unit', () => {
    const lost = actor('supervisor', []);
    expect(lost.orgIds).toEqual([]);
    expect(can(lost, 'round:open', prog('govA'))).toBe(false);
    expect(mayEver(lost, 'round:open')).toBe(false);
    expect(reportScope(lost)).toEqual({ kind: 'none' });
  });

  it('turns into list scopes filtered by programme owner', () => {
    expect(reportScope(ACTORS.repA)).toEqual({ kind: 'units', orgIds: ['streetA'], ownerOrgIds: ['streetA', 'govA'] });
    expect(reportScope(ACTORS.depA)).toMatchObject({ kind: 'key' });
    expect(reportScope(ACTORS.supA)).toMatchObject({ kind: 'all', ownerOrgIds: ACTORS.supA.orgIds });
    expect(reportScope(ACTORS.root)).toEqual({ kind: 'all', ownerOrgIds: 'all' });
    expect(reportScope(null)).toEqual({ kind: 'none' });
  });
});

describe('abilities', () => {
  const own = { ownerOrgId: 'govA', orgId: 'streetA', keySupervision: false };
  it('combine the report state with the policies', () => {
    expect(abilitiesFor(ACTORS.repA, 'report', { ...own, status: 'draft' })).toEqual({
      save: true,
      submit: true,
      return: false,
      approve: false,
      publish: false,
      revoke: false,
    });
    expect(abilitiesFor(ACTORS.supA, 'report', { ...own, status: 'approved' }).revoke).toBe(true);
    expect(abilitiesFor(ACTORS.supA, 'report', { ...own, status: 'published' }).revoke).toBe(false);
    expect(abilitiesFor(ACTORS.supA, 'report', { ...own, status: 'submitted' })).toMatchObject({
      save: false,
      return: true,
      approve: true,
    });
    expect(abilitiesFor(ACTORS.supA, 'report', { ...own, ownerOrgId: 'govB', status: 'submitted' }).approve).toBe(
      false,
    );
    expect(abilitiesFor(ACTORS.repA, 'report', { ...own, status: 'approved' }).save).toBe(false);
  });

  it('tell programmes, rounds and projects apart by owner', () => {
    expect(abilitiesFor(ACTORS.supA, 'programme', prog('govA'))).toEqual({
      openRound: true,
      import: true,
      adjustTargets: true,
      readTable: true,
      configure: true,
    });
    expect(abilitiesFor(ACTORS.leadA, 'programme', prog('govA')).configure).toBe(false);
    expect(Object.values(abilitiesFor(ACTORS.supA, 'programme', prog('govB')))).not.toContain(true);
    expect(abilitiesFor(ACTORS.leadA, 'round', prog('govA'))).toEqual({
      readTable: true,
      exportTable: true,
      review: false,
      publish: false,
      close: false,
      manage: false,
      archive: false,
    });
    expect(abilitiesFor(ACTORS.adminA, 'project', { ...prog('govA'), unitIds: [], keySupervision: false })).toEqual({
      adjustTarget: true,
      exportDocuments: true,
    });
    expect(
      abilitiesFor(ACTORS.repA, 'project', { ...prog('govA'), unitIds: ['streetA'], keySupervision: false }),
    ).toEqual({
      adjustTarget: false,
      exportDocuments: false,
    });
  });

  it('give menus and the home page without role rules in the web', () => {
    expect(abilitiesFor(ACTORS.repA, 'me', null)).toMatchObject({ fillReports: true, readTable: false, import: false });
    expect(abilitiesFor(ACTORS.supA, 'me', null)).toMatchObject({ fillReports: false, readTable: true, import: true });
    expect(abilitiesFor(ACTORS.depA, 'me', null)).toMatchObject({ readTable: true, openRound: false });
    expect(abilitiesFor(ACTORS.root, 'me', null)).toMatchObject({ manageUsers: true, readAudit: true });
    expect(homeFor(ACTORS.repA)).toBe('/mine');
    expect(homeFor(ACTORS.leadA)).toBe('/dashboard');
    expect(homeFor(ACTORS.supA)).toBe('/rounds');
    expect(homeFor(ACTORS.depA)).not.toBe('/dashboard');
    expect(abilitiesFor(ACTORS.leadA, 'me', null).readDashboard).toBe(true);
    expect(abilitiesFor(ACTORS.depA, 'me', null).readDashboard).toBe(false);
    expect(abilitiesFor(ACTORS.repA, 'me', null).readDashboard).toBe(false);
  });
});
