/**
 * .xlsx export benchmark (issue 9 §2): the 2,000-project sample document (sampleDocument(2000)) through renderXlsx,
 * against bare exceljs writing the same cell texts with the same merges (no styles, no row heights, no page setup,
 * no formula neutralisation) — the floor any exceljs-based renderer stands on. renderXlsx itself writes the
 * SpreadsheetML directly (xlsx-write.ts, zipped with fflate), with every style, height and print setting.
 *
 *   npx tsx bench/xlsx-export.bench.ts [--projects 2000] [--reps 5] [--warmup 3]
 *
 * Both run in this process, alternating, after `--warmup` runs each (the JIT); medians of `--reps` runs, wall and CPU
 * time, and their ratio (target ≤ 1.2×). Peak RSS is measured in a child process per variant (one render each), so
 * neither sees the other's heap.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { type Cell, cellText, type DocModel, paraText } from '../src/domain/publish/document/model';
import { sampleDocument } from '../src/domain/publish/document/sample';
import { renderXlsx } from '../src/server/files/export/xlsx-render';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const PROJECTS = Number(arg('projects', '2000'));
const REPS = Number(arg('reps', '5'));
const WARMUP = Number(arg('warmup', '3'));

/** Write HTML-style rows at sheet row `first`: texts at their grid slots, one merge per span. */
function bareRows(ws: ExcelJS.Worksheet, rows: Cell[][], width: number, first: number): number {
  const covered = new Array<number>(width).fill(0);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < width && covered[c]! > 0) c++;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      ws.getRow(first + r).getCell(c + 1).value = cellText(cell); // the fast access renderXlsx uses too
      if (cs > 1 || rs > 1) ws.mergeCells(first + r, c + 1, first + r + rs - 1, c + cs);
      for (let k = c; k < c + cs; k++) covered[k] = rs;
      c += cs;
    }
    for (let k = 0; k < width; k++) covered[k] = Math.max(0, covered[k]! - 1);
  });
  return first + rows.length;
}

/** The same texts and merges with nothing else: a sheet per page-break part, paragraphs merged across the table. */
async function bareExcelJs(doc: DocModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  let ws = wb.addWorksheet('Sheet1');
  let next = 1;
  const width = Math.max(1, ...doc.blocks.map((b) => (b.kind === 'table' ? b.columns.length : 1)));
  for (const b of doc.blocks) {
    if (b.kind === 'pageBreak') {
      ws = wb.addWorksheet(`Sheet${wb.worksheets.length + 1}`);
      next = 1;
    } else if (b.kind === 'paragraph') {
      ws.getRow(next).getCell(1).value = paraText(b.para);
      if (width > 1) ws.mergeCells(next, 1, next, width);
      next++;
    } else {
      next = bareRows(ws, b.header, b.columns.length, next);
      next = bareRows(ws, b.body, b.columns.length, next);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const VARIANTS = { renderXlsx, bareExcelJs } as const;
type Variant = keyof typeof VARIANTS;

/** Wall time and CPU time (user + system, all threads) of one render. */
async function time(v: Variant, doc: DocModel): Promise<{ ms: number; cpu: number; bytes: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const buf = await VARIANTS[v](doc);
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000, bytes: buf.length };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Child mode: one render of one variant, then print the peak RSS in MB. */
async function child(v: Variant): Promise<void> {
  const doc = sampleDocument(PROJECTS);
  const before = process.resourceUsage().maxRSS;
  await VARIANTS[v](doc);
  const peak = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ beforeMb: before / 1024, peakMb: peak / 1024 }));
}

function peakRss(v: Variant): { beforeMb: number; peakMb: number } {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', v, '--projects', String(PROJECTS)], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`child ${v} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const childOf = arg('child', '');
  if (childOf) return child(childOf as Variant);
  const doc = sampleDocument(PROJECTS);
  console.log(`sampleDocument(${PROJECTS}): ${PROJECTS} projects, ${REPS} repetitions each, Node ${process.version}`);
  const runs: Record<Variant, number[]> = { renderXlsx: [], bareExcelJs: [] };
  const cpu: Record<Variant, number[]> = { renderXlsx: [], bareExcelJs: [] };
  const bytes: Record<Variant, number> = { renderXlsx: 0, bareExcelJs: 0 };
  for (let i = 0; i < WARMUP; i++) for (const v of Object.keys(VARIANTS) as Variant[]) await time(v, doc); // JIT
  for (let i = 0; i < REPS; i++) {
    for (const v of Object.keys(VARIANTS) as Variant[]) {
      const r = await time(v, doc);
      runs[v].push(r.ms);
      cpu[v].push(r.cpu);
      bytes[v] = r.bytes;
    }
  }
  const med = { renderXlsx: median(runs.renderXlsx), bareExcelJs: median(runs.bareExcelJs) };
  const medCpu = { renderXlsx: median(cpu.renderXlsx), bareExcelJs: median(cpu.bareExcelJs) };
  for (const v of Object.keys(VARIANTS) as Variant[]) {
    const rss = peakRss(v);
    console.log(
      `${v.padEnd(12)} wall median ${med[v].toFixed(0)} ms [${runs[v].map((x) => x.toFixed(0)).join(', ')}]  ` +
        `cpu median ${medCpu[v].toFixed(0)} ms [${cpu[v].map((x) => x.toFixed(0)).join(', ')}]  ` +
        `${(bytes[v] / 1024).toFixed(0)} KB  peak RSS ${rss.peakMb.toFixed(0)} MB (${rss.beforeMb.toFixed(0)} MB before)`,
    );
  }
  const ratio = med.renderXlsx / med.bareExcelJs;
  const ratioCpu = medCpu.renderXlsx / medCpu.bareExcelJs;
  const ratioMin = Math.min(...cpu.renderXlsx) / Math.min(...cpu.bareExcelJs);
  console.log(
    `ratio renderXlsx / bare exceljs (target ≤ 1.20×): medians wall ${ratio.toFixed(2)}×, cpu ${ratioCpu.toFixed(2)}×; ` +
      `best runs cpu ${ratioMin.toFixed(2)}× — load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cpus ` +
      '(on a shared machine cpu time and the best runs are the steadier figures)',
  );
}

await main();
