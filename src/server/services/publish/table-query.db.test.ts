/**
 * The consolidated table's filters and sort over HTTP (issue 12 §1), on a demo district's closed Q2 round (40
 * projects, every judgement), next to the fixture. Expected rows are worked out here from the whole table.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoParts } from '../../../domain/demo';
import type { TableRow } from '../../../shared/api-types';
import { API } from '../../../shared/contract';
import type { DbHandle } from '../../db/connect';
import { as, createTestApp, loginAs, type Session } from '../../test/test-app';
import { TEST_ENGINE } from '../../test/test-db';
import { seedDatasetParts } from '../seed-dataset';
import { readCacheOf } from './read-cache';

const DEMO_PASSWORD = 'shishi2026';

type Table = { rows: TableRow[]; totalRows?: number; counts: Record<string, number> };

describe(`consolidated table filters and sort (${TEST_ENGINE})`, () => {
  let app: FastifyInstance;
  let h: DbHandle;
  let close: () => Promise<void>;
  let sup: Session;
  let dep: Session;
  let roundId: string;
  let whole: Table;
  const get = async (s: Session, query: string, status = 200) => {
    const res = await app.inject({ method: 'GET', url: `/api/rounds/${roundId}/table${query}`, headers: as(s) });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const ids = (t: Table) => t.rows.map((r) => r.reportId);

  beforeAll(async () => {
    ({ app, h, close } = await createTestApp());
    // District 2 of the demo (district 1's unprefixed names, e.g. 区民政局, are the fixture's too).
    const [, district] = [...generateDemoParts({ districts: 2, projects: 40, city: false })];
    await seedDatasetParts(h.db, [district!]);
    sup = await loginAs(app, 'supervisor-2', DEMO_PASSWORD);
    dep = await loginAs(app, 'deputy-2', DEMO_PASSWORD);
    const programmeId = district!.programmes[0]!.id;
    roundId = district!.rounds.find((r) => r.programmeId === programmeId && r.periodKey === '2026-Q2')!.id;
    whole = await get(sup, '');
  }, 120_000);
  afterAll(async () => close?.());

  it('the round has rows of several judgements to filter', () => {
    expect(whole.totalRows).toBeUndefined();
    expect(new Set(whole.rows.map((r) => r.computedStatus ?? null)).size).toBeGreaterThan(1);
  });

  it('status=lagging,severe gives exactly the 滞后 and 严重滞后 rows; severe only 严重滞后; unassessed those without', async () => {
    const lag = await get(sup, '?status=lagging,severe');
    const want = whole.rows.filter((r) => r.computedStatus === '滞后' || r.computedStatus === '严重滞后');
    expect(want.length).toBeGreaterThan(0);
    expect(ids(lag)).toEqual(want.map((r) => r.reportId));
    expect(lag.totalRows).toBe(whole.rows.length);
    expect(API.table.response.safeParse(lag).success).toBe(true);
    const severe = await get(sup, '?status=severe');
    expect(ids(severe)).toEqual(whole.rows.filter((r) => r.computedStatus === '严重滞后').map((r) => r.reportId));
    const none = await get(sup, '?status=unassessed');
    expect(ids(none)).toEqual(whole.rows.filter((r) => !r.computedStatus).map((r) => r.reportId));
    const two = await get(sup, '?status=completed,on_schedule');
    expect(ids(two)).toEqual(
      whole.rows.filter((r) => ['已完成', '按序时推进'].includes(r.computedStatus ?? '')).map((r) => r.reportId),
    );
  });

  it('a text search for 严重滞后 finds the severely lagging rows (the computed status is searched too)', async () => {
    const t = await get(sup, `?q=${encodeURIComponent('严重滞后')}`);
    for (const r of whole.rows.filter((x) => x.computedStatus === '严重滞后')) expect(ids(t)).toContain(r.reportId);
    expect(t.rows.length).toBeGreaterThan(0);
  });

  it('light, completion range, gap, unit, level, flag and matter filter; they combine', async () => {
    const red = await get(sup, '?light=red,yellow');
    expect(ids(red)).toEqual(
      whole.rows.filter((r) => r.light === 'red' || r.light === 'yellow').map((r) => r.reportId),
    );
    const mid = await get(sup, '?minRatio=0.2&maxRatio=0.8');
    expect(ids(mid)).toEqual(
      whole.rows
        .filter((r) => r.completionRatio != null && r.completionRatio >= 0.2 && r.completionRatio <= 0.8)
        .map((r) => r.reportId),
    );
    const behind = await get(sup, '?minGap=10');
    expect(ids(behind)).toEqual(
      whole.rows.filter((r) => r.gapPoints != null && -r.gapPoints >= 10).map((r) => r.reportId),
    );
    const unitId = whole.rows[0]!.unitId;
    const unit = await get(sup, `?unit=${unitId}`);
    expect(ids(unit)).toEqual(whole.rows.filter((r) => r.unitId === unitId).map((r) => r.reportId));
    const level = whole.rows.flatMap((r) => r.levels)[0]!;
    const byLevel = await get(sup, `?level=${encodeURIComponent(level)}`);
    expect(ids(byLevel)).toEqual(whole.rows.filter((r) => r.levels.includes(level)).map((r) => r.reportId));
    const flagged = await get(sup, '?flag=key_supervision');
    expect(ids(flagged)).toEqual(whole.rows.filter((r) => r.flags.includes('key_supervision')).map((r) => r.reportId));
    const matterId = whole.rows.find((r) => r.matterId)?.matterId;
    expect(matterId).toBeTruthy();
    const matter = await get(sup, `?matter=${matterId}`);
    expect(ids(matter)).toEqual(whole.rows.filter((r) => r.matterId === matterId).map((r) => r.reportId));
    const both = await get(sup, `?unit=${unitId}&status=lagging,severe`);
    expect(ids(both)).toEqual(
      whole.rows
        .filter((r) => r.unitId === unitId && (r.computedStatus === '滞后' || r.computedStatus === '严重滞后'))
        .map((r) => r.reportId),
    );
  });

  it('sorts by gap (largest lag first with -gap), ratio and unit; rows without the value go last', async () => {
    const byLag = (await get(sup, '?sort=-gap')).rows as TableRow[];
    expect(byLag.length).toBe(whole.rows.length);
    const lags = byLag.map((r) => (r.gapPoints == null ? null : -r.gapPoints));
    const judged = lags.filter((x): x is number => x !== null);
    expect(judged).toEqual([...judged].sort((a, b) => b - a));
    expect(lags.slice(judged.length).every((x) => x === null)).toBe(true);
    const byRatio = ((await get(sup, '?sort=ratio')).rows as TableRow[])
      .map((r) => r.completionRatio)
      .filter((x): x is number => x != null);
    expect(byRatio).toEqual([...byRatio].sort((a, b) => a - b));
    const byUnit = ((await get(sup, '?sort=-unit')).rows as TableRow[]).map((r) => r.unit);
    expect(byUnit).toEqual([...byUnit].sort((a, b) => b.localeCompare(a, 'zh-CN')));
    const worst = ((await get(sup, '?sort=status')).rows as TableRow[])[0]!;
    if (whole.rows.some((r) => r.computedStatus === '严重滞后')) expect(worst.computedStatus).toBe('严重滞后');
  });

  it('a deputy filters within the key-supervision rows only; every status key together is the whole table', async () => {
    const own = (await get(dep, '')) as Table;
    const all = (await get(
      dep,
      '?sort=-gap&status=completed,exceeded,ahead,on_schedule,lagging,severe,unassessed',
    )) as Table;
    expect(new Set(ids(all))).toEqual(new Set(ids(own)));
    expect(own.rows.every((r) => r.flags.includes('key_supervision'))).toBe(true);
    expect(own.rows.length).toBeLessThan(whole.rows.length);
    const lag = (await get(dep, '?status=lagging,severe')) as Table;
    expect(ids(lag)).toEqual(
      own.rows.filter((r) => r.computedStatus === '滞后' || r.computedStatus === '严重滞后').map((r) => r.reportId),
    );
  });

  it('bad words are a 400 naming the parameter', async () => {
    const bad = await get(sup, '?status=late', 400);
    expect(JSON.stringify(bad)).toMatch(/研判状态/);
    expect(JSON.stringify(await get(sup, '?sort=name', 400))).toMatch(/排序/);
    expect(JSON.stringify(await get(sup, '?minGap=abc', 400))).toMatch(/落后序时进度/);
  });

  it('a filtered view is cached under its query and still never stale', async () => {
    const cache = readCacheOf(h.db);
    const first = await get(sup, '?status=lagging,severe&sort=-gap');
    const hits = cache.hits;
    expect(await get(sup, '?status=lagging,severe&sort=-gap')).toEqual(first);
    // PostgreSQL's stamp (pg_current_snapshot) moves with any transaction on the server, other test databases too:
    // a hit is certain only on SQLite.
    if (TEST_ENGINE === 'sqlite') expect(cache.hits).toBe(hits + 1);
    const target = whole.rows.find((r) => r.computedStatus === '滞后' || r.computedStatus === '严重滞后')!;
    await h.db.updateTable('projects').set({ name: '筛选后改名的项目' }).where('id', '=', target.projectId).execute();
    const after = (await get(sup, '?status=lagging,severe&sort=-gap')) as Table;
    expect(after.rows.find((r) => r.reportId === target.reportId)?.name).toBe('筛选后改名的项目');
  });
});
