/**
 * The built-in layouts against the seeds (read from ../shared/seeds at run time when present): each layout's header
 * row equals its seed's header texts; and compose's rules — included states only, empty markers, merges, name cells.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, type TableBlock, validateTable } from '../document/model';
import {
  BUILTIN_LAYOUTS,
  MONTHLY_PROGRESS,
  NARRATIVE_REPORT,
  OVERVIEW_TABLE,
  QUARTERLY_PROGRESS,
  YEAR_END_SUMMARY,
} from './builtin';
import { compose, composeName } from './compose';
import type { LayoutData, LayoutRow } from './data';
import { LayoutSchema } from './schema';

const SEEDS = resolve(import.meta.dirname, '../../../../../shared/seeds');
const seed = (prefix: string) => {
  if (!existsSync(SEEDS)) return null;
  const f = readdirSync(SEEDS).find((n) => n.startsWith(prefix));
  return f ? readFileSync(resolve(SEEDS, f), 'utf8').replace(/^\uFEFF/, '') : null;
};

/** Header texts of a seed as printed, whitespace collapsed. */
function seedHeaders(prefix: string): string[] | null {
  const t = seed(prefix);
  if (!t) return null;
  const lines = t.split(/\r?\n/);
  if (prefix === '000') return lines.find((l) => l.startsWith('序号\t'))!.split('\t');
  if (prefix === '003') {
    const out: string[] = [];
    for (const l of lines) {
      const cell = l.replace(/\s*\|\s*$/, '').trim();
      if (/^\d+$/.test(cell)) break;
      if (cell) out.push(cell);
    }
    return out;
  }
  // 001/002: one cell per line after a tab; the header is the first run of tab-led lines (a cell may continue on the next line).
  const start = lines.findIndex((l) => l.startsWith('\t'));
  const cells: string[] = [];
  for (let i = start; i < lines.length && lines[i] !== ''; i++) {
    if (lines[i]!.startsWith('\t')) cells.push(lines[i]!.slice(1));
    else cells[cells.length - 1] += `\n${lines[i]}`;
  }
  return cells;
}

const norm = (s: string) => s.replace(/\s+/g, '');

const row = (over: Partial<LayoutRow> = {}): LayoutRow => ({
  projectId: 'p1',
  code: '19-2',
  name: '实施社区长者饭堂建设',
  category: '民生保障',
  matter: '1.新增长者饭堂12个。',
  matterNumber: '1',
  levels: ['市级', '区级'],
  annualTarget: '新增长者饭堂12个。',
  originalAnnualTarget: null,
  adjustments: [],
  periodTarget: '完成选址8个。',
  leadUnits: ['东湖街道'],
  assistUnits: [],
  cohostUnits: [],
  unit: '东湖街道',
  report: {
    status: 'approved',
    progress: '1.已完成选址9个。\n2.已开工3个。',
    selfAssessment: '按计划推进',
    problems: '',
    nextSteps: '加快施工。',
    completedAnnualTarget: false,
  },
  computedStatus: '按序时推进',
  light: 'green',
  completionRatio: 0.25,
  gapPoints: 0,
  ...over,
});

const data = (rows: LayoutRow[], periodKey = '2023-Q3', asOf = '2023-09-30'): LayoutData => ({
  government: '示范区',
  office: '示范区人民政府督查室',
  year: 2023,
  periodKey,
  asOf,
  issuedOn: '2023-10-08',
  rows,
});
const tableOf = (layout = OVERVIEW_TABLE, d = data([row()])) =>
  compose(layout, d).blocks.find((b): b is TableBlock => b.kind === 'table')!;
const headerTexts = (t: TableBlock) => t.header[0]!.map(cellText);

describe('the built-in layouts', () => {
  it('are valid layouts', () => {
    for (const l of BUILTIN_LAYOUTS) expect(LayoutSchema.safeParse(l).success, l.id).toBe(true);
  });

  it.each([
    ['000', QUARTERLY_PROGRESS, '2021-Q2', '2021-06-30'],
    ['001', OVERVIEW_TABLE, '2023-Q3', '2023-09-30'],
    ['002', YEAR_END_SUMMARY, '2022', '2022-12-31'],
    ['003', MONTHLY_PROGRESS, '2023-M08', '2023-08-31'],
  ] as const)('print the header texts of seed %s', (prefix, layout, periodKey, asOf) => {
    const expected = seedHeaders(prefix);
    if (!expected) return; // seeds not present on this machine
    const got = headerTexts(tableOf(layout, data([row()], periodKey, asOf)));
    expect(got.map(norm)).toEqual(expected.map(norm));
  });

  it('compose sound tables for every layout and size', () => {
    const rows = Array.from({ length: 9 }, (_, i) =>
      row({
        projectId: `p${i}`,
        code: `${Math.floor(i / 3) + 1}-${(i % 3) + 1}`,
        matter: `事项${Math.floor(i / 3)}`,
        matterNumber: String(Math.floor(i / 3) + 1),
        leadUnits: [i % 2 ? '东湖街道' : '区民政局'],
      }),
    );
    for (const l of BUILTIN_LAYOUTS) {
      const doc = compose(l, data(rows));
      for (const b of doc.blocks) if (b.kind === 'table') expect(validateTable(b), l.id).toEqual([]);
    }
  });
});

describe('compose', () => {
  it('prints approved content only: a draft or submitted report leaves its cells empty, never 无', () => {
    const draft = row({ report: { ...row().report!, status: 'draft', progress: '草稿内容' } });
    const t = tableOf(QUARTERLY_PROGRESS, data([draft]));
    const texts = t.body[0]!.map(cellText);
    expect(texts.join('|')).not.toContain('草稿内容');
    expect(texts[4]).toBe('');
    expect(texts[5]).toBe(''); // problems: no report → blank, not 无
    const approved = tableOf(QUARTERLY_PROGRESS, data([row()])).body[0]!.map(cellText);
    expect(approved[5]).toBe('无'); // an approved report without problems → the layout's marker
    expect(approved[4]).toBe('1.已完成选址9个。\n2.已开工3个（按计划推进）。');
  });

  it('merges grouped columns down within their parents and keeps the grid sound', () => {
    const rows = [
      row({ projectId: 'a', code: '1-1' }),
      row({ projectId: 'b', code: '1-2' }),
      row({ projectId: 'c', code: '2-1', matter: '2.改造老旧小区。', matterNumber: '2' }),
    ];
    const t = tableOf(YEAR_END_SUMMARY, data(rows, '2023', '2023-12-31'));
    expect(validateTable(t)).toEqual([]);
    expect(t.body[0]![0]).toMatchObject({ rowSpan: 3 }); // category over all three
    expect(t.body[0]![1]).toMatchObject({ rowSpan: 2 }); // matter 1 over its two projects
    expect(cellText(t.body[2]![0]!)).toBe('2.改造老旧小区。');
  });

  it('composes the name cell as each seed writes it', () => {
    const r = row({ cohostUnits: ['区民政局'] });
    expect(composeName(QUARTERLY_PROGRESS, r)).toBe(
      '实施社区长者饭堂建设（区共同主办单位：区民政局）区民生实事第19-2项',
    );
    expect(composeName(QUARTERLY_PROGRESS, row())).toBe('实施社区长者饭堂建设 区民生实事第19-2项');
    expect(composeName(MONTHLY_PROGRESS, row())).toBe('实施社区长者饭堂建设(市级、区级)');
  });

  it('shows the 示例 row, the ▋ marks and 已完成, and names units of a split project', () => {
    const rows = [
      row({ projectId: 'a', light: 'red', report: { ...row().report!, selfAssessment: '滞后' } }),
      row({ projectId: 'b', report: { ...row().report!, completedAnnualTarget: true } }),
      row({ projectId: 'c', unit: '西岭街道', leadUnits: ['西岭街道'] }),
      row({
        projectId: 'c',
        unit: '南山街道',
        leadUnits: ['南山街道'],
        report: { ...row().report!, progress: '已开工2个。' },
      }),
    ];
    const t = tableOf(OVERVIEW_TABLE, data(rows));
    expect(cellText(t.body[0]![0]!)).toBe('示  例');
    expect(t.body[0]![0]!.colSpan).toBe(6);
    const markCol = OVERVIEW_TABLE.columns.findIndex((c) => c.value.field === 'selfAssessment');
    const first = t.body[1]!;
    // The first project row still carries the merged matter cells (2 columns), so indexes match the layout.
    expect(first[markCol]!.paras[0]!.runs[0]).toEqual({ text: '▋', color: 'FF0000' });
    expect(cellText(t.body[2]!.at(-3)!)).toBe('已完成');
    expect(cellText(t.body[3]!.find((c) => cellText(c).includes('西岭街道：'))!)).toMatch(
      /^西岭街道：1\.已完成选址9个。\n2\.已开工3个。\n南山街道：已开工2个。$/,
    );
  });

  it('splits the quarterly table by 主办 unit, one titled table per unit on its own page', () => {
    const rows = [row({ projectId: 'a' }), row({ projectId: 'b', leadUnits: ['区民政局'], unit: '区民政局' })];
    const doc = compose(QUARTERLY_PROGRESS, data(rows));
    const titles = doc.blocks
      .filter((b) => b.kind === 'paragraph' && b.style === 'title')
      .map((b) => (b as { para: { runs: { text: string }[] } }).para.runs[0]!.text);
    expect(titles).toEqual([
      '示范区2023年民生实事项目三季度进展情况表（东湖街道主办）',
      '示范区2023年民生实事项目三季度进展情况表（区民政局主办）',
    ]);
    expect(doc.blocks.filter((b) => b.kind === 'pageBreak')).toHaveLength(1);
  });

  it('writes the narrative as numbered items with units and 完成情况', () => {
    const doc = compose(
      NARRATIVE_REPORT,
      data([row({ assistUnits: ['各街道'] }), row({ projectId: 'b', name: '改造老旧小区' })]),
    );
    const texts = doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.para.runs.map((r) => r.text).join('')] : []));
    expect(texts[0]).toBe('关于示范区2023年政府实事项目1-9月推进情况');
    expect(texts).toContain('1、实施社区长者饭堂建设。');
    expect(texts).toContain('主责部门：东湖街道，配合部门：各街道');
    expect(texts).toContain('主责部门：东湖街道');
    expect(texts).toContain('完成情况：1.已完成选址9个。');
    expect(texts.slice(-2)).toEqual(['示范区人民政府督查室', '2023年10月8日']);
  });
});
