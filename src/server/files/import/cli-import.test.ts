/** `shishi import FILE --dry-run --json` prints {round, items, totals, warnings} and writes nothing. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../../cli/import';
import { seedFile } from './__fixtures__/make-files';
import { docxFromBody, p, tbl, tc, tr } from './__fixtures__/minimal';

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { text: () => string };
  w.text = () => chunks.join('');
  return w;
}

const dir = mkdtempSync(path.join(tmpdir(), 'shishi-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const docx = docxFromBody(
  p('某区2023年民生实事项目第二季度进展情况') +
    tbl([
      tr([tc('序号'), tc('项目名称'), tc('进展情况'), tc('牵头单位')]),
      tr([tc('1'), tc('公园（市级）'), tc('完工（已完成）'), tc('区城管局')]),
    ]),
);

describe('shishi import', () => {
  it('--dry-run --json prints the documented JSON', async () => {
    const file = path.join(dir, 'a.docx');
    writeFileSync(file, docx);
    const out = sink();
    const err = sink();
    let committed = false;
    const code = await importCommand(
      [file, '--dry-run', '--json'],
      { stdout: out, stderr: err },
      {
        commit: async () => {
          committed = true;
          return 'x';
        },
      },
    );
    expect(code).toBe(0);
    expect(committed).toBe(false);
    const json = JSON.parse(out.text());
    expect(Object.keys(json)).toEqual(['round', 'items', 'totals', 'warnings']);
    expect(json.totals).toEqual([]);
    expect(json.round).toMatchObject({ year: 2023, period: { type: 'quarter', index: 2 } });
    const item = json.items[0];
    for (const k of [
      'code',
      'name',
      'category',
      'matter',
      'annualTarget',
      'periodTarget',
      'progress',
      'selfAssessment',
      'evaluation',
      'problems',
      'nextSteps',
      'leadUnits',
      'assistUnits',
      'levels',
      'flags',
    ]) {
      expect(item).toHaveProperty(k);
    }
    expect(item).toMatchObject({
      code: '1',
      name: '公园',
      progress: '完工',
      selfAssessment: '已完成',
      leadUnits: ['区城管局'],
      levels: ['市级'],
    });
  });

  it('--json lists projects with their numeric columns, and 合计 rows apart as totals', async () => {
    const file = path.join(dir, 'numbers.txt');
    writeFileSync(
      file,
      [
        '项目名称\t责任单位\t计量单位\t年度目标数\t完成数\t完成率',
        '新建口袋公园\t区城管局\t个\t8\t6\t75%',
        '改造农贸市场\t区商务局\t个\t4\t3\t75%',
        '合计\t\t\t12\t9\t75%',
      ].join('\n'),
    );
    const out = sink();
    const err = sink();
    expect(await importCommand([file, '--dry-run', '--json'], { stdout: out, stderr: err })).toBe(0);
    const json = JSON.parse(out.text());
    expect(json.items.map((i: { name: string }) => i.name)).toEqual(['新建口袋公园', '改造农贸市场']);
    expect(json.items[0]).toMatchObject({ unit: '个', targetNumber: '8', actual: '6', rate: '75%' });
    expect(json.totals).toEqual([expect.objectContaining({ name: '合计', targetNumber: '12', actual: '9' })]);
    const text = sink();
    expect(await importCommand([file, '--dry-run'], { stdout: text, stderr: sink() })).toBe(0);
    expect(text.text()).toMatch(/识别项目 2 个/);
    expect(text.text()).toMatch(/合计行 1 个（核对用，不作为项目导入）：合计/);
  });

  it('without --dry-run calls the commit dependency; errors are Chinese with exit 1', async () => {
    const file = path.join(dir, 'b.docx');
    writeFileSync(file, docx);
    const out = sink();
    const err = sink();
    const code = await importCommand(
      [file],
      { stdout: out, stderr: err },
      { commit: async (prev) => `已导入 ${prev.items.length} 个项目` },
    );
    expect(code).toBe(0);
    expect(err.text()).toContain('已导入 1 个项目');
    expect(out.text()).toContain('公园');

    const png = path.join(dir, 'c.docx');
    writeFileSync(png, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const o2 = sink();
    const e2 = sink();
    expect(await importCommand([png, '--dry-run', '--json'], { stdout: o2, stderr: e2 })).toBe(1);
    expect(JSON.parse(o2.text()).error.code).toBe('UNSUPPORTED_TYPE');
    expect(e2.text()).toMatch(/PNG/);
    expect(await importCommand([path.join(dir, 'none.docx'), '--dry-run'], { stdout: sink(), stderr: sink() })).toBe(1);
    expect(await importCommand([], { stdout: sink(), stderr: sink() })).toBe(2);
    expect(await importCommand([file, '--max-mb', '0.0001', '--dry-run'], { stdout: sink(), stderr: sink() })).toBe(1);
  });

  it.skipIf(!seedFile('000'))('imports a seed text copy', async () => {
    const seed = seedFile('000')!;
    const file = path.join(dir, seed.name);
    writeFileSync(file, seed.bytes);
    const out = sink();
    expect(await importCommand(['import', file, '--dry-run', '--json'], { stdout: out, stderr: sink() })).toBe(0);
    expect(JSON.parse(out.text()).items).toHaveLength(10);
  });
});
