/**
 * buildTable reads a round's rows through its programme (issue 12 §5, the city-wide export): the owner backstop is
 * checked once against the programme's owner instead of as a sub-query over the actor's organisations. The table must
 * be the one the sub-query gives, for every kind of scope, and empty when the programme is not owned within the scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoParts } from '../../../domain/demo';
import type { ReportScope } from '../../../domain/policies/policies';
import type { DbHandle } from '../../db/connect';
import { findProgramme, findRound } from '../../repositories/programmes.repo';
import { findRoundRows } from '../../repositories/reports.repo';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { seedDatasetParts } from '../seed-dataset';
import { buildTable } from './consolidated-table';

describe(`consolidated table through the round's programme (${TEST_ENGINE})`, () => {
  let h: DbHandle;
  let roundId: string;
  let owner: string;
  let unitIds: string[];

  beforeAll(async () => {
    h = await createTestDb();
    // Two districts: the other district's programme owner is a real organisation that does not own this round.
    const [first, second] = [...generateDemoParts({ districts: 2, projects: 12, city: false })];
    await seedDatasetParts(h.db, [first!, second!]);
    const programme = second!.programmes[0]!;
    owner = programme.ownerOrgId;
    roundId = second!.rounds.find((r) => r.programmeId === programme.id && r.periodKey === '2026-Q2')!.id;
    const rows = await findRoundRows(h.db, roundId, { kind: 'all', ownerOrgIds: 'all' });
    unitIds = [...new Set(rows.map((r) => r.orgId))].slice(0, 2);
  }, 120_000);
  afterAll(async () => h?.close());

  const otherOwner = async () => {
    const round = await findRound(h.db, roundId);
    const mine = await findProgramme(h.db, round!.programmeId);
    const rows = await h.db.selectFrom('programmes').select('ownerOrgId').where('id', '<>', mine!.id).execute();
    return rows.map((r) => r.ownerOrgId).find((o) => o !== owner)!;
  };

  it('gives the rows the owner sub-query gives, for every kind of scope', async () => {
    const other = await otherOwner();
    const scopes: ReportScope[] = [
      { kind: 'all', ownerOrgIds: 'all' },
      { kind: 'all', ownerOrgIds: [other, owner] },
      { kind: 'key', ownerOrgIds: [owner] },
      { kind: 'units', orgIds: unitIds, ownerOrgIds: [owner, other] },
    ];
    const round = await findRound(h.db, roundId);
    const programme = await findProgramme(h.db, round!.programmeId);
    for (const scope of scopes) {
      const viaSubQuery = await findRoundRows(h.db, roundId, scope);
      const viaProgramme = await findRoundRows(h.db, roundId, scope, {
        programme: { id: programme!.id, ownerOrgId: programme!.ownerOrgId },
      });
      expect(viaProgramme, scope.kind).toEqual(viaSubQuery);
    }
    const all = await findRoundRows(h.db, roundId, { kind: 'all', ownerOrgIds: 'all' });
    expect(all.length).toBeGreaterThan(0);
    expect((await findRoundRows(h.db, roundId, scopes[3]!)).length).toBeLessThan(all.length);
  });

  it('builds the same table for the owner as for everyone, and nothing outside the owner', async () => {
    const other = await otherOwner();
    const everyone = await buildTable(h.db, roundId, { kind: 'all', ownerOrgIds: 'all' }, false);
    expect(everyone.rows.length).toBeGreaterThan(0);
    expect(await buildTable(h.db, roundId, { kind: 'all', ownerOrgIds: [other, owner] }, false)).toEqual(everyone);
    const outside = await buildTable(h.db, roundId, { kind: 'all', ownerOrgIds: [other] }, false);
    expect(outside.rows).toEqual([]);
    expect(outside.missing).toEqual([]);
    expect(await findRoundRows(h.db, roundId, { kind: 'all', ownerOrgIds: [other] })).toEqual([]);
  });
});
