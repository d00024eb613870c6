/**
 * 全市汇总 over HTTP (issue 12 §4): three demo districts (2–4) under one city next to the fixture's governments. The city's
 * leader sees the three districts side by side (counts that agree with each district's own table, laggards, ranking,
 * 市级 items across districts); a district's office sees only its own district and cannot read another's table; units
 * and the fixture's offices see none of the city's districts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoParts } from '../../domain/demo';
import type { TableRow } from '../../shared/api-types';
import { API } from '../../shared/contract';
import type { DbHandle } from '../db/connect';
import { seedDatasetParts } from '../services/seed-dataset';
import { as, createTestApp, loginAs, type Session } from '../test/test-app';
import { TEST_ENGINE } from '../test/test-db';

type Rollup = ReturnType<typeof API.rollup.response.parse>;
const DEMO_PASSWORD = 'shishi2026';

describe(`全市汇总 (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let city: Session;
  let d2: Session;
  let rollup: Rollup;
  const get = async (s: Session, url: string, status = 200) => {
    const res = await app.inject({ method: 'GET', url, headers: as(s) });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    // The city and districts 2–4 (district 1's unprefixed names, e.g. 区民政局, are the fixture's too).
    const parts = [...generateDemoParts({ districts: 4, projects: 12 })];
    await seedDatasetParts(h.db, [parts[0]!, ...parts.slice(2)]);
    city = await loginAs(app, 'city-leader', DEMO_PASSWORD);
    d2 = await loginAs(app, 'supervisor-2', DEMO_PASSWORD);
    rollup = await get(city, '/api/rollup');
  }, 120_000);
  afterAll(async () => close?.());

  it('the city leader sees the three districts, and the menu ability says so', async () => {
    expect(API.rollup.response.safeParse(rollup).success).toBe(true);
    expect(rollup.districts).toHaveLength(3);
    expect(rollup.scopeName).toMatch(/市人民政府/);
    expect(rollup.year).toBe(2026);
    for (const d of rollup.districts) expect(d.round).not.toBeNull();
    const me = await get(city, '/api/auth/me');
    expect(me.abilities.readRollup).toBe(true);
  });

  it("each district's counts agree with its own consolidated table", async () => {
    for (const d of rollup.districts) {
      const t = await get(city, `/api/rounds/${d.round!.id}/table`);
      const rows = t.rows as TableRow[];
      const n = (words: string[]) => rows.filter((r) => words.includes(r.computedStatus ?? '')).length;
      expect(d.counts.rows).toBe(rows.length);
      expect(d.counts.completed).toBe(n(['已完成', '超额完成']));
      expect(d.counts.onSchedule).toBe(n(['超序时进度', '按序时推进']));
      expect(d.counts.lagging).toBe(n(['滞后']));
      expect(d.counts.severe).toBe(n(['严重滞后']));
      expect(d.counts.red).toBe(rows.filter((r) => r.light === 'red').length);
    }
    const sum = rollup.districts.reduce((a, d) => a + d.counts.rows, 0);
    expect(rollup.totals.rows).toBe(sum);
  });

  it('laggards come from every district, largest lag first; ranks order the districts by the stated rule', () => {
    const lagging = rollup.districts.reduce((a, d) => a + d.counts.lagging + d.counts.severe, 0);
    expect(rollup.laggardsTotal).toBe(lagging);
    const lags = rollup.laggards.map((l) => -(l.gapPoints ?? 0));
    expect(lags).toEqual([...lags].sort((a, b) => b - a));
    expect(rollup.laggards.every((l) => l.computedStatus === '滞后' || l.computedStatus === '严重滞后')).toBe(true);
    const ranked = [...rollup.districts].filter((d) => d.rank !== null).sort((a, b) => a.rank! - b.rank!);
    expect(ranked.length).toBe(3);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1]!.onScheduleShare!).toBeGreaterThanOrEqual(ranked[i]!.onScheduleShare!);
  });

  it('市级 items are followed across the districts that carry them', () => {
    expect(rollup.cityItems.length).toBeGreaterThan(0);
    const shared = rollup.cityItems.filter((i) => i.districts > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const i of shared) {
      expect(new Set(i.entries.map((e) => e.orgId)).size).toBe(i.entries.length);
      expect(i.entries.length).toBe(i.districts);
    }
  });

  it('a district office sees only its own district, and not another district’s table', async () => {
    const own = (await get(d2, '/api/rollup')) as Rollup;
    expect(own.districts).toHaveLength(1);
    const mine = rollup.districts.find((d) => d.programmeId === own.districts[0]!.programmeId)!;
    expect(own.districts[0]!.counts).toEqual(mine.counts);
    expect(own.laggards.every((l) => l.orgId === mine.orgId)).toBe(true);
    expect(own.cityItems.every((i) => i.entries.every((e) => e.orgId === mine.orgId))).toBe(true);
    const other = rollup.districts.find((d) => d.programmeId !== mine.programmeId)!;
    const res = await app.inject({ method: 'GET', url: `/api/rounds/${other.round!.id}/table`, headers: as(d2) });
    expect([403, 404]).toContain(res.statusCode);
  });

  it("the fixture's office sees none of the city's districts; a unit may not read the roll-up", async () => {
    const sup = await loginAs(app, 'sup');
    const theirs = (await get(sup, '/api/rollup')) as Rollup;
    const demo = new Set(rollup.districts.map((d) => d.programmeId));
    expect(theirs.districts.some((d) => demo.has(d.programmeId))).toBe(false);
    const rep = await loginAs(app, 'reporter-2', DEMO_PASSWORD);
    await get(rep, '/api/rollup', 403);
    expect((await get(rep, '/api/auth/me')).abilities.readRollup).toBe(false);
  });

  it('a period picks the same period in every district; a malformed period is a 400', async () => {
    const q1 = (await get(city, '/api/rollup?period=2026-Q1')) as Rollup;
    expect(q1.districts.every((d) => d.round?.periodKey === '2026-Q1')).toBe(true);
    expect(JSON.stringify(await get(city, '/api/rollup?period=Q9', 400))).toMatch(/报告期/);
    expect(h).toBeTruthy();
  });
});
