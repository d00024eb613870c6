/** `shishi check` with numbers given as data (issue 14 §2): "values", "publishedRatio", and a row's cells joined by " | ". */
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkCommand } from './check';

async function run(lines: object[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d) => {
    out += d;
  });
  const input = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;
  const code = await checkCommand([], { stdin: Readable.from([input]), stdout, stderr });
  return {
    code,
    res: out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
  };
}

describe('shishi check with numbers as data', () => {
  it('takes "values" in the target unit and "publishedRatio" as the published ratio, checked against the values', async () => {
    const { code, res } = await run([
      {
        progress: '已全部投入使用',
        values: [{ value: 2160, unit: '张' }],
        publishedRatio: 1.08,
        target: '新增养老床位2000张',
        asOf: '2026-12-31',
      },
      { progress: '累计帮扶', values: [{ value: 900 }], target: '帮扶就业困难人员1200人', asOf: '2026-06-30' },
      {
        progress: '已完成',
        values: [{ value: 700, unit: '张' }],
        publishedRatio: 0.5,
        target: '新增养老床位2000张',
        asOf: '2026-06-30',
      },
    ]);
    expect(code).toBe(0);
    expect(res[0]).toMatchObject({
      publishedRatio: 1.08,
      computedRatio: 1.08,
      completionRatio: 1.08,
      computedStatus: '超额完成',
    });
    expect(res[0].findings.map((f: { rule: string }) => f.rule)).not.toContain('published-ratio-mismatch');
    // no unit: the target's unit (人)
    expect(res[1]).toMatchObject({ publishedRatio: null, computedRatio: 0.75, computedStatus: '超序时进度' });
    expect(res[1].quantities).toContainEqual(expect.objectContaining({ value: 900, unit: '人', kind: 'cumulative' }));
    // 700/2000 = 35% against a published 50%: flagged
    expect(res[2].findings.map((f: { rule: string }) => f.rule)).toContain('published-ratio-mismatch');
  });

  it('reads a row pasted as cells: a lone percentage is the published ratio, a lone number the reported value', async () => {
    const { res } = await run([
      { progress: '2160 | 108% | 已全部投入使用', target: '新增养老床位2000张', asOf: '2026-12-31' },
      // 序号, the 年度目标数 cell equal to the target, the unit cell and a 万人 value
      { progress: '3 | 万人 | 5.6 | 3.2 | 57.1% | 按计划推进', target: '帮扶就业困难人员5.6万人', asOf: '2026-06-30' },
      { progress: '83%', target: '新建社区食堂12个', asOf: '2026-09-30' },
    ]);
    expect(res[0]).toMatchObject({ publishedRatio: 1.08, computedRatio: 1.08, computedStatus: '超额完成' });
    expect(res[0].quantities).toContainEqual(expect.objectContaining({ value: 2160, unit: '张' }));
    expect(res[1]).toMatchObject({ publishedRatio: 0.571, selfAssessment: '按计划推进', computedStatus: '超序时进度' });
    expect(res[1].quantities).toContainEqual(expect.objectContaining({ value: 32000, unit: '人', kind: 'cumulative' }));
    expect(res[1].computedRatio).toBeCloseTo(32000 / 56000, 6);
    expect(res[2]).toMatchObject({ publishedRatio: 0.83, computedStatus: '超序时进度' });
  });

  it('names bad structured input in Chinese', async () => {
    const { code, res } = await run([
      { progress: 'x', values: 5 },
      { progress: 'x', values: [{ value: '5' }] },
      { progress: 'x', publishedRatio: '108%' },
    ]);
    expect(code).toBe(1);
    expect(res[0].error).toMatch(/values应为数组/);
    expect(res[1].error).toMatch(/values第1项/);
    expect(res[2].error).toMatch(/publishedRatio应为小数/);
  });
});
