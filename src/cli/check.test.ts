import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkCommand } from './check';

async function run(argv: string[], input = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d) => {
    out += d;
  });
  const code = await checkCommand(argv, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out };
}

describe('shishi check', () => {
  it('answers one JSON line per input line, with the documented fields', async () => {
    const lines = [
      JSON.stringify({
        progress: '8月为1200名职工提供服务，累计为15300名职工提供服务。',
        target: '为2万名职工提供服务',
        asOf: '2026-08-31',
      }),
      JSON.stringify({ progress: '已完成总工程量45%（按计划推进）。', target: '完工。', asOf: '2026-06-30' }),
    ];
    const { code, out } = await run([], `${lines.join('\n')}\n`);
    expect(code).toBe(0);
    const res = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(res).toHaveLength(2);
    for (const r of res)
      for (const k of [
        'quantities',
        'targetQuantities',
        'publishedRatio',
        'computedRatio',
        'completionRatio',
        'selfAssessment',
        'computedStatus',
        'findings',
      ])
        expect(r).toHaveProperty(k);
    expect(res[0].quantities.map((q: { value: number; kind: string }) => [q.value, q.kind])).toEqual([
      [1200, 'period'],
      [15300, 'cumulative'],
    ]);
    expect(res[0].targetQuantities[0]).toMatchObject({ value: 20000, unit: '名' });
    expect(res[0].computedRatio).toBeCloseTo(15300 / 20000, 4);
    expect(res[1]).toMatchObject({ publishedRatio: 0.45, completionRatio: 0.45, selfAssessment: '按计划推进' });
  });
  it('reports a bad line and carries on', async () => {
    const { code, out } = await run([], '{"progress": \n{"progress":"已建成3个。"}\n');
    expect(code).toBe(1);
    const res = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(res[0].error).toMatch(/第1行不是合法的JSON/);
    expect(res[1].quantities[0]).toMatchObject({ value: 3, unit: '个' });
  });
  it('prints a readable report for --text', async () => {
    const { code, out } = await run([
      '--text',
      '累计培养355名企业新型学徒。',
      '--target',
      '支持培养800名企业新型学徒',
      '--as-of',
      '2026-08-31',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/355/);
    expect(out).toMatch(/滞后/);
  });

  it('judges through the same assembly as the server: programme plan and a unit share', async () => {
    const line = (extra: object) =>
      JSON.stringify({ progress: '累计新增8台。', target: '新增40台', asOf: '2026-09-30', ...extra });
    const { out } = await run(
      [],
      `${line({})}\n${line({ schedule: { mode: 'quarterly', quarterlyPoints: [0.05, 0.1, 0.2, 1] } })}\n${line({ shareNote: '新增8台' })}\n`,
    );
    const [linear, quarterly, share] = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(linear.expectedRatio).toBeCloseTo(0.75);
    expect(linear.light).toBe('red');
    expect(quarterly.expectedRatio).toBeCloseTo(0.2);
    expect(quarterly.light).toBe('green');
    expect(share.computedStatus).toBe('已完成');
    const text = await run([
      '--text',
      '累计新增8台。',
      '--target',
      '新增40台',
      '--as-of',
      '2026-09-30',
      '--plan',
      'deadline:12-31',
    ]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('序时进度：0.0%');
  });
});
