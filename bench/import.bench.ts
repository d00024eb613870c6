/**
 * Import benchmark: parse + map + validate (no commit) of a 2,000-row .docx and .xlsx, side by side with mammoth
 * converting the same .docx; then peak memory for growing files (each measured in a fresh child process).
 *   npx tsx bench/import.bench.ts            (prints the figures)
 *   npx tsx bench/import.bench.ts --rows 4000
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { buildImportPreview } from '../src/domain/collect/import/preview';
import { readImportFile } from '../src/server/files/import/read-import-file';

const self = fileURLToPath(import.meta.url);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const HEADER = [
  '序号',
  '项目名称',
  '年度目标',
  '第三季度目标',
  '第三季度进展情况',
  '存在问题',
  '下一步工作计划',
  '进度评价',
  '主办单位',
  '协办单位',
];

function rowValues(i: number): string[] {
  const n = i + 1;
  return [
    `${Math.floor(i / 10) + 1}-${(i % 10) + 1}`,
    `第${n}号街心公园提升工程（区共同主办单位：区城管局）区民生实事第${Math.floor(i / 10) + 1}-${(i % 10) + 1}项`,
    `完成${n}号公园提升改造，新增绿地${(n % 50) + 10}亩，服务周边居民约${n * 13}人。`,
    `完成工程量${(n % 9) * 10 + 10}%。`,
    `1、已完成总体形象进度${(n % 9) * 10 + 5}%，正开展竣工验收相关工作。\n2、已举办${n % 7}次培训，参加人数达${n * 3}人次。\n3、已梳理排查问题${n % 20}项，完成整改${n % 15}项（按计划推进）。`,
    n % 5 === 0 ? '因管线迁改未完成，预计影响工期1个月。' : '无',
    n % 5 === 0 ? '协调供电局10月底前完成迁改。' : '加快施工进度。',
    n % 3 === 0 ? '已完成' : '▋',
    `第${(n % 6) + 1}街道（工务）`,
    n % 4 === 0 ? '/' : `第${(n % 11) + 1}社区工作站 第${(n % 13) + 1}社区工作站`,
  ];
}

/** A Word-like document.xml (run properties, rsids, vMerge/gridSpan) zipped with the parts mammoth needs. */
function makeDocx(rows: number): Uint8Array {
  const rPr =
    '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>';
  const para = (t: string) =>
    `<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3"><w:pPr><w:jc w:val="left"/>${rPr}</w:pPr><w:r>${rPr}<w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
  const cell = (t: string, props = '') =>
    `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}<w:vAlign w:val="center"/></w:tcPr>${t.split('\n').map(para).join('')}</w:tc>`;
  const parts: string[] = [];
  parts.push(para('龙华区2023年第三季度民生实事项目进展情况一览表'), para('（截至2023年9月30日）'));
  parts.push('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>');
  for (let i = 0; i < HEADER.length; i++) parts.push('<w:gridCol w:w="1000"/>');
  parts.push('</w:tblGrid>');
  parts.push(`<w:tr><w:trPr><w:tblHeader/></w:trPr>${HEADER.map((h) => cell(h)).join('')}</w:tr>`);
  for (let i = 0; i < rows; i++) {
    const v = rowValues(i);
    const first = i % 10 === 0 ? cell(v[0]!, '<w:vMerge w:val="restart"/>') : cell(v[0]!);
    const rest = v
      .slice(1)
      .map((t, j) =>
        j === 7 && t === '▋' ? cell(t, '<w:shd w:val="clear" w:color="auto" w:fill="00B050"/>') : cell(t),
      );
    parts.push(`<w:tr>${first}${rest.join('')}</w:tr>`);
  }
  parts.push('</w:tbl>', para('注：滞后项目须报送书面分析报告。'));
  const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${parts.join('')}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(doc),
  });
}

async function makeXlsx(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进展情况');
  ws.addRow(['龙华区2023年第三季度民生实事项目进展情况一览表']);
  ws.mergeCells(1, 1, 1, HEADER.length);
  ws.addRow(HEADER);
  for (let i = 0; i < rows; i++) ws.addRow(rowValues(i));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function importOnce(bytes: Uint8Array, name: string): number {
  const read = readImportFile(bytes, name);
  return buildImportPreview(read).items.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Child mode: one import (or one mammoth conversion) of a file; prints the max-RSS growth in KB. */
async function child(kind: string, file: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  const mammoth = kind === 'mammoth' ? await import('mammoth') : null;
  const before = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  let n = 0;
  if (mammoth) n = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value.length;
  else n = importOnce(bytes, file);
  const ms = performance.now() - t0;
  const after = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ peakKB: after - before, ms, n }));
}

function measureChild(kind: string, file: string): { peakKB: number; ms: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', kind, file], { encoding: 'utf8' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { peakKB: number; ms: number };
  } catch {
    throw new Error(`child failed: ${r.stderr}`);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1]!, argv[2]!);
  const rows = Number(argv[argv.indexOf('--rows') + 1]) || 2000;
  const dir = mkdtempSync(path.join(tmpdir(), 'shishi-bench-'));
  try {
    const docx = makeDocx(rows);
    const xlsx = await makeXlsx(rows);
    const docxFile = path.join(dir, 'bench.docx');
    const xlsxFile = path.join(dir, 'bench.xlsx');
    writeFileSync(docxFile, docx);
    writeFileSync(xlsxFile, xlsx);
    const n = importOnce(docx, 'bench.docx');
    const nx = importOnce(xlsx, 'bench.xlsx');
    if (n !== rows || nx !== rows) throw new Error(`expected ${rows} items, got docx ${n}, xlsx ${nx}`);

    const mammoth = await import('mammoth');
    const tDocx = timeIt(() => importOnce(docx, 'bench.docx'), 7);
    const tXlsx = timeIt(() => importOnce(xlsx, 'bench.xlsx'), 7);
    const mTimes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      await mammoth.convertToHtml({ buffer: Buffer.from(docx) });
      if (i > 0) mTimes.push(performance.now() - t0);
    }
    const tMammoth = median(mTimes);

    const memDocx = measureChild('docx', docxFile);
    const memXlsx = measureChild('xlsx', xlsxFile);
    const memMammoth = measureChild('mammoth', docxFile);

    const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
    console.log(`Import benchmark — ${rows} rows × ${HEADER.length} columns (parse + map + validate, no commit)`);
    console.log(`  .docx ${kb(docx.length)}   .xlsx ${kb(xlsx.length)}`);
    console.log('');
    console.log('  what                          median time    peak RSS growth (fresh process)');
    console.log(
      `  shishi import .docx           ${tDocx.toFixed(1).padStart(8)} ms    ${(memDocx.peakKB / 1024).toFixed(1).padStart(6)} MB`,
    );
    console.log(
      `  shishi import .xlsx           ${tXlsx.toFixed(1).padStart(8)} ms    ${(memXlsx.peakKB / 1024).toFixed(1).padStart(6)} MB`,
    );
    console.log(
      `  mammoth .docx → HTML          ${tMammoth.toFixed(1).padStart(8)} ms    ${(memMammoth.peakKB / 1024).toFixed(1).padStart(6)} MB`,
    );
    console.log('');
    const ratio = tDocx / tMammoth;
    console.log(
      `  docx import / mammoth = ${(ratio * 100).toFixed(1)}%  (target ≤ 25%: ${ratio <= 0.25 ? 'PASS' : 'FAIL'})`,
    );
    console.log(
      `  docx import < 500 ms: ${tDocx < 500 ? 'PASS' : 'FAIL'}   xlsx import < 500 ms: ${tXlsx < 500 ? 'PASS' : 'FAIL'}`,
    );
    console.log('');
    console.log('  memory vs file size (peak RSS growth, fresh process per run):');
    console.log('  rows     docx size   docx peak     per 1k rows   xlsx size   xlsx peak     per 1k rows');
    for (const r of [500, 1000, 2000, 4000, 8000]) {
      const d = makeDocx(r);
      const x = await makeXlsx(r);
      const df = path.join(dir, `m${r}.docx`);
      const xf = path.join(dir, `m${r}.xlsx`);
      writeFileSync(df, d);
      writeFileSync(xf, x);
      const md = measureChild('docx', df);
      const mx = measureChild('xlsx', xf);
      console.log(
        `  ${String(r).padEnd(8)} ${kb(d.length).padStart(9)}   ${(md.peakKB / 1024).toFixed(1).padStart(7)} MB   ${((md.peakKB / 1024 / r) * 1000).toFixed(1).padStart(7)} MB   ${kb(x.length).padStart(9)}   ${(mx.peakKB / 1024).toFixed(1).padStart(7)} MB   ${((mx.peakKB / 1024 / r) * 1000).toFixed(1).padStart(7)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
