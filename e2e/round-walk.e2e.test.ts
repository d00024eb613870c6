/**
 * Issue 2 §5, in Chromium against a real server on SQLite with the demo programme: the supervisor opens a round;
 * the reporter fills one project beside last round's report, saves a draft and submits; the supervisor sees who has
 * not reported, downloads the .xlsx (cells checked), returns with a comment; the reporter corrects and resubmits;
 * the supervisor approves and the report is locked.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, generateDemoDataset } from '../src/domain/demo';
import { browserReady, type E2E, startE2E } from './support';

describe.skipIf(!browserReady)('a reporting round on the demo programme (Chromium)', () => {
  let env: E2E;
  let h: E2E['h'];
  let base = '';
  const loggedIn = (username: string, password?: string) => env.loggedIn(username, password);

  beforeAll(async () => {
    env = await startE2E(generateDemoDataset(), { password: DEMO_PASSWORD });
    ({ h, base } = env);
  });
  afterAll(async () => env?.close());

  it('walks open → fill → draft → submit → table + xlsx → return → resubmit → approve → locked', async () => {
    // 1. The supervisor opens the October round.
    const sup = await loggedIn('supervisor');
    await sup.goto(`${base}/#/rounds`);
    await sup.getByTestId('open-round').click();
    await sup.getByTestId('round-period-type-month').click();
    await sup.getByTestId('round-period-key').fill('2026-M10');
    await sup.getByTestId('round-as-of').fill('2026-10-31');
    await sup.getByTestId('round-due-date').fill('2026-11-25');
    await sup.getByTestId('round-submit').click();
    await sup.getByTestId('round-row-2026-M10').waitFor();
    const round = await h.db
      .selectFrom('rounds')
      .select('id')
      .where('periodKey', '=', '2026-M10')
      .executeTakeFirstOrThrow();

    // 2. The reporter sees the unit's projects in the round and fills one beside last round's report.
    const rep = await loggedIn('reporter');
    await rep.goto(`${base}/#/rounds/${round.id}/mine`);
    const links = rep.locator('[data-testid^="report-link-"]');
    await links.first().waitFor();
    const mine = await h.db
      .selectFrom('reports')
      .innerJoin('userUnits', 'userUnits.orgId', 'reports.orgId')
      .innerJoin('users', 'users.id', 'userUnits.userId')
      .select('reports.id')
      .where('users.username', '=', 'reporter')
      .where('reports.roundId', '=', round.id)
      .execute();
    expect(await links.count()).toBe(mine.length);
    // A project whose third-quarter report was filled in: that report must be shown beside the form.
    const withQ3 = await h.db
      .selectFrom('reports')
      .innerJoin('rounds', 'rounds.id', 'reports.roundId')
      .innerJoin('projects', 'projects.id', 'reports.projectId')
      .select(['projects.code'])
      .where('rounds.periodKey', '=', '2026-Q3')
      .where('reports.versionNo', '>', 0)
      .where(
        'reports.projectId',
        'in',
        h.db
          .selectFrom('reports')
          .select('projectId')
          .where(
            'id',
            'in',
            mine.map((m) => m.id),
          ),
      )
      .where(
        'reports.orgId',
        'in',
        h.db
          .selectFrom('reports')
          .select('orgId')
          .where(
            'id',
            'in',
            mine.map((m) => m.id),
          ),
      )
      .orderBy('projects.code')
      .executeTakeFirstOrThrow();
    await rep.getByTestId(`report-link-${withQ3.code}`).click();
    await expect.poll(() => rep.getByTestId('previous-report').textContent()).toMatch(/2026年第三季度/);
    const reportId = rep.url().split('/').pop()!;
    const progress = '1.已完成主体施工，形象进度达92%。2.10月组织专项检查1次，整改问题3项。';
    await rep.getByTestId('progress-text').fill(progress);
    const values = rep.locator('[data-testid^="value-"] input, input[data-testid^="value-"]');
    if ((await values.count()) > 0) await values.first().fill('92');
    await rep.getByTestId('self-assessment-按计划推进').click();
    await rep.getByTestId('problems').fill('无');
    await rep.getByTestId('next-steps').fill('1.11月底前完成竣工验收。');
    await rep.getByTestId('save-draft').click();
    await expect.poll(() => rep.getByTestId('report-history').textContent()).toContain('第 1 版');
    await rep.getByTestId('submit-report').click();
    await expect.poll(() => rep.getByTestId('report-status').textContent()).toBe('已提交');

    // 3. The supervisor sees the consolidated table, who has not reported, and downloads the .xlsx.
    await sup.goto(`${base}/#/rounds/${round.id}/table`);
    await expect.poll(() => sup.getByTestId(`status-${reportId}`).textContent()).toBe('已提交');
    await expect.poll(() => sup.getByTestId('missing-units').textContent()).toMatch(/青石街道/);
    const [download] = await Promise.all([sup.waitForEvent('download'), sup.getByTestId('download-xlsx').click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toMatch(/云溪区2026年民生实事.*10月.*进展情况表/);
    const header = (ws.getRow(3).values as unknown[]).map(String);
    for (const h of ['序号', '项目名称', '年度目标', '存在问题', '下一步工作', '牵头责任单位', '协办单位'])
      expect(
        header.some((x) => x.includes(h)),
        h,
      ).toBe(true);
    expect(header.some((x) => x.includes('落实情况+进度自评'))).toBe(true);
    let found = false;
    ws.eachRow((row) => {
      row.eachCell((c) => {
        if (String(c.value).includes('已完成主体施工，形象进度达92%') && String(c.value).includes('（按计划推进）'))
          found = true;
      });
    });
    expect(found).toBe(true);
    expect(ws.getCell('A4').alignment?.wrapText ?? ws.getCell('F4').alignment?.wrapText).toBe(true);

    // 4. Return with a comment; the reporter sees it, corrects and resubmits; approve; locked.
    await sup.getByTestId(`return-${reportId}`).click();
    await sup.getByTestId('return-comment').fill('请补充竣工验收的具体安排。');
    await sup.getByTestId('return-confirm').click();
    await expect.poll(() => sup.getByTestId(`status-${reportId}`).textContent()).toBe('已退回');
    await rep.reload();
    await expect.poll(() => rep.getByTestId('review-comment').textContent()).toContain('请补充竣工验收的具体安排');
    await rep.getByTestId('next-steps').fill('1.11月15日前完成资料归档。2.11月底前组织竣工验收。');
    await rep.getByTestId('submit-report').click();
    await expect.poll(() => rep.getByTestId('report-status').textContent()).toBe('已提交');
    await sup.reload();
    await sup.getByTestId(`approve-${reportId}`).click();
    await expect.poll(() => sup.getByTestId(`status-${reportId}`).textContent()).toBe('已审核');
    await rep.reload();
    await rep.getByTestId('locked-notice').waitFor();
    expect(await rep.getByTestId('save-draft').count()).toBe(0);
    expect(await rep.getByTestId('submit-report').count()).toBe(0);
    const versions = await h.db
      .selectFrom('reportVersions')
      .select(['action'])
      .where('reportId', '=', reportId)
      .orderBy('versionNo')
      .execute();
    expect(versions.map((v) => v.action)).toEqual(['save', 'submit', 'return', 'save', 'submit', 'approve']);
  });
});
