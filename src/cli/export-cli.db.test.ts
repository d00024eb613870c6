/**
 * End to end on the command line: a fresh SQLite file, `shishi import` of a real table (../shared/seeds, read at run
 * time), `shishi export --latest` as .docx, and the exported file read back by the importer. Plus the Chinese errors.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildImportPreview } from '../domain/collect/import/preview';
import { readImportFile } from '../server/files/import/read-import-file';
import { type ExportIO, exportCommand, layoutsCommand } from './export';
import { main } from './main';

const SEEDS = resolve(import.meta.dirname, '../../../shared/seeds');
const seed001 = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('001_')) : undefined;

/** Run a command with its output captured. */
async function run(fn: (io: ExportIO) => Promise<number> | number) {
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    ({
      write: (s: string) => {
        out[key] += s;
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await fn({ stdout: sink('stdout'), stderr: sink('stderr') });
  return { code, ...out };
}

/** `main(argv)` with process output captured (main writes to the process streams). */
async function cli(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const spy = (key: 'stdout' | 'stderr') =>
    vi.spyOn(process[key], 'write').mockImplementation((s: string | Uint8Array) => {
      out[key] += String(s);
      return true;
    });
  const spies = [spy('stdout'), spy('stderr')];
  try {
    return { code: await main(argv), ...out };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe('shishi layouts', () => {
  it('lists the built-in layouts with id, name and description', async () => {
    const r = await run((io) => layoutsCommand([], io));
    expect(r.code).toBe(0);
    for (const id of [
      'quarterly-progress',
      'overview-table',
      'year-end-summary',
      'monthly-progress',
      'narrative-report',
    ])
      expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('进展情况一览表');
    const json = await run((io) => layoutsCommand(['--json'], io));
    expect(JSON.parse(json.stdout)).toHaveLength(5);
    expect((await run((io) => layoutsCommand(['--bogus'], io))).code).toBe(2);
  });
});

describe('shishi export: errors before the database', () => {
  const bad = async (...argv: string[]) => run((io) => exportCommand(argv, io));
  it('says in Chinese what is wrong', async () => {
    expect((await bad()).stderr).toContain('请用 --round 指定填报批次，或用 --latest');
    expect((await bad('--programme', 'p1')).stderr).toContain('请加 --latest');
    expect((await bad('--round', 'r1', '--latest')).stderr).toContain('只能选一种');
    expect((await bad('--latest', '--format', 'doc')).stderr).toContain('不支持的格式：doc');
    expect((await bad('--latest', '--format', 'pdf', '--out', 'a.docx')).stderr).toContain('不一致');
    expect((await bad('--latest', '--layout', 'No Such')).stderr).toContain('版式不存在');
    expect((await bad('--latest', '--db', '/nonexistent/none.sqlite')).stderr).toContain('数据库文件不存在');
    expect((await bad('--latest', '--what')).stderr).toContain('未知选项：--what');
    expect((await bad('--latest')).code).toBe(2);
  });
});

// Rendering loads docx/ExcelJS on first use: slow on a busy machine.
describe.skipIf(!seed001)('shishi import → shishi export on a fresh file', { timeout: 120_000 }, () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shishi-export-cli-'));
    db = join(dir, 'fresh.sqlite');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = () => join(SEEDS, seed001!);

  it('an export before any import finds no programme', async () => {
    const r = await cli('import', file(), '--db', db); // unknown units, no --create-units: nothing is written
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--create-units');
    const e = await cli('export', '--latest', '--out', join(dir, 'x.docx'), '--db', db);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain('还没有实事计划');
  });

  it('imports the table as the local operator, creating the programme and units', async () => {
    const r = await cli('import', file(), '--db', db, '--create-units', '--approved');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('新建实事计划：龙华区2023年民生实事');
    expect(r.stderr).toContain('新建组织机构：龙华区人民政府督查室');
    expect(r.stderr).toMatch(/已导入：新建项目9个/);
    expect(r.stderr).toContain('进展（已审核）');
  });

  it('exports the latest round as .docx, which imports back', async () => {
    const out = join(dir, 'out', '一览表.docx');
    const r = await cli(
      'export',
      '--latest',
      '--layout',
      'overview-table',
      '--format',
      'docx',
      '--out',
      out,
      '--db',
      db,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已导出：${out}`);
    expect(r.stdout).toMatch(/行数：9 {2}大小：\d+ 字节/);
    const back = buildImportPreview(readImportFile(new Uint8Array(readFileSync(out)), out));
    const seed = buildImportPreview(readImportFile(new Uint8Array(readFileSync(file())), file()));
    expect(back.round).toMatchObject({ government: '龙华区', year: 2023, periodKey: '2023-Q3', asOf: '2023-09-30' });
    expect(back.items.map((i) => i.code)).toEqual(seed.items.map((i) => i.code));
    const ws = (s: string | null) => (s ?? '').replace(/\s+/g, '');
    expect(back.items.map((i) => ws(i.progress))).toEqual(seed.items.map((i) => ws(i.progress)));
  });

  it('exports by round id, and says which round or layout does not exist', async () => {
    const unknownRound = await cli('export', '--round', 'no-such-round', '--out', join(dir, 'y.docx'), '--db', db);
    expect(unknownRound.code).toBe(1);
    expect(unknownRound.stderr).toContain('填报批次不存在或无权访问：no-such-round');
    const layout = await cli('export', '--latest', '--layout', 'no-such', '--out', join(dir, 'y.docx'), '--db', db);
    expect(layout.code).toBe(1);
    expect(layout.stderr).toContain('版式不存在：no-such');
    const who = await cli('export', '--latest', '--as', 'nobody', '--out', join(dir, 'y.docx'), '--db', db);
    expect(who.code).toBe(2);
    expect(who.stderr).toContain('用户“nobody”不存在');
  });

  it('without --approved the imported progress stays a draft, and documents print the plan only', async () => {
    const db2 = join(dir, 'draft.sqlite');
    const r = await cli('import', file(), '--db', db2, '--create-units');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--approved');
    const out = join(dir, 'draft.xlsx');
    expect((await cli('export', '--latest', '--out', out, '--db', db2)).code).toBe(0);
    const back = buildImportPreview(readImportFile(new Uint8Array(readFileSync(out)), out));
    expect(back.items).toHaveLength(9);
    expect(back.items.every((i) => !i.progress)).toBe(true);
    expect(back.items.every((i) => i.annualTarget)).toBe(true);
  });
});
