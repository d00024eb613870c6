/**
 * .docx export benchmark (issue 9 §2): a 2,000-project table (sampleDocument(2000): 7 columns, a two-row header,
 * matters merged down over 4 projects, multi-paragraph progress cells, one 40-paragraph cell) through `renderDocx`
 * against the bare `docx` library writing the same cells in the same run: same text, same paragraphs, same grid,
 * same gridSpan/vMerge cells, same page, but no styles, fonts, colours, borders, alignment, shading or repeated
 * header. Both are timed from the DocModel to the packed Buffer, interleaved, 5 repetitions each (after one warm-up
 * of each), medians printed. Peak RSS: the whole run (process maxRSS) and, for a fair split, one child process per
 * variant that renders once.
 *
 * renderDocx writes its tables as XML strings (docx-table-xml.ts; the same bytes docx writes for them, a test checks);
 * the `objects` row times renderDocx building its tables as docx objects instead (the previous way), for comparison.
 *
 *   npx tsx bench/docx-export.bench.ts [--projects 2000] [--reps 5]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  Document,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import { unzipSync } from 'fflate';
import type { DocModel, Para, TableBlock } from '../src/domain/publish/document/model';
import { sampleDocument } from '../src/domain/publish/document/sample';
import {
  A4_TWIPS,
  mmToTwips,
  type PlacedCell,
  placeCells,
  renderDocx,
  scaleColumnWidths,
  usableWidthTwips,
} from '../src/server/files/export/docx-render';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const PROJECTS = Number(arg('projects', '2000'));
const REPS = Number(arg('reps', '5'));
const ONLY = arg('only', '');

const bareParagraph = (p: Para) => new Paragraph({ children: p.runs.map((r) => new TextRun(r.text)) });

const bareCell = (placed: PlacedCell) =>
  new TableCell({
    ...(placed.span > 1 ? { columnSpan: placed.span } : {}),
    ...(placed.merge === 'restart' ? { verticalMerge: VerticalMergeType.RESTART } : {}),
    ...(placed.merge === 'continue' ? { verticalMerge: VerticalMergeType.CONTINUE } : {}),
    children: placed.merge === 'continue' ? [new Paragraph({})] : placed.cell.paras.map(bareParagraph),
  });

function bareTable(block: TableBlock, usable: number): Table {
  const rows = placeCells([...block.header, ...block.body], block.columns.length).map(
    (row) => new TableRow({ children: row.map(bareCell) }),
  );
  const grid = scaleColumnWidths(
    block.columns.map((c) => c.width),
    usable,
  );
  return new Table({ rows, columnWidths: grid });
}

/** The same document through the bare library: the cells, merges and page, none of the styling. */
async function renderBare(doc: DocModel): Promise<Buffer> {
  const usable = usableWidthTwips(doc.page);
  const children: (Paragraph | Table)[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'pageBreak') children.push(new Paragraph({ children: [new PageBreak()] }));
    else if (block.kind === 'paragraph') children.push(bareParagraph(block.para));
    else children.push(bareTable(block, usable));
  }
  const m = doc.page.margins;
  const file = new Document({
    sections: [
      {
        properties: {
          page: {
            size: { ...A4_TWIPS, orientation: PageOrientation.LANDSCAPE },
            margin: {
              top: mmToTwips(m.top),
              right: mmToTwips(m.right),
              bottom: mmToTwips(m.bottom),
              left: mmToTwips(m.left),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(file);
}

const VARIANTS = {
  renderDocx: (d: DocModel) => renderDocx(d),
  objects: (d: DocModel) => renderDocx(d, 'docx'),
  bare: renderBare,
} as const;
type Variant = keyof typeof VARIANTS;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** Wall time and CPU time (user + system, all threads: GC included) of one render, and the document.xml size. */
async function timeOnce(variant: Variant, doc: DocModel) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const buf = await VARIANTS[variant](doc);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const xml = unzipSync(new Uint8Array(buf), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'];
  return { ms, cpuMs: (c.user + c.system) / 1000, bytes: buf.length, xmlBytes: xml?.length ?? 0 };
}

/** Child-process mode: render once, print peak RSS (KB). */
async function childRun(variant: Variant) {
  await VARIANTS[variant](sampleDocument(PROJECTS));
  console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
}

function childPeak(variant: Variant): number | undefined {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, self, '--only', variant, '--projects', String(PROJECTS)],
    {
      encoding: 'utf8',
    },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return (JSON.parse(line) as { maxRssKb: number }).maxRssKb;
  } catch {
    console.error(`child ${variant} failed: ${r.stderr.slice(0, 500)}`);
    return undefined;
  }
}

async function main() {
  if (ONLY === 'renderDocx' || ONLY === 'bare' || ONLY === 'objects') return childRun(ONLY);
  const doc = sampleDocument(PROJECTS);
  console.log(
    `docx export: ${PROJECTS} projects (${doc.blocks.length} blocks), ${REPS} repetitions, node ${process.version}`,
  );
  const warm = {
    renderDocx: await timeOnce('renderDocx', doc),
    objects: await timeOnce('objects', doc),
    bare: await timeOnce('bare', doc),
  };
  const wall: Record<Variant, number[]> = { renderDocx: [], objects: [], bare: [] };
  const cpu: Record<Variant, number[]> = { renderDocx: [], objects: [], bare: [] };
  const order: Variant[] = ['renderDocx', 'bare', 'objects'];
  for (let i = 0; i < REPS; i++) {
    for (const v of i % 2 ? [...order].reverse() : order) {
      const t = await timeOnce(v, doc);
      wall[v].push(t.ms);
      cpu[v].push(t.cpuMs);
    }
  }
  const med = { renderDocx: median(wall.renderDocx), objects: median(wall.objects), bare: median(wall.bare) };
  const medCpu = { renderDocx: median(cpu.renderDocx), objects: median(cpu.objects), bare: median(cpu.bare) };
  for (const v of order) {
    const runs = wall[v].map((t) => t.toFixed(0)).join(', ');
    console.log(
      `${v.padEnd(10)} median ${med[v].toFixed(0)} ms wall, ${medCpu[v].toFixed(0)} ms CPU; ` +
        `min ${Math.min(...wall[v]).toFixed(0)} ms wall, ${Math.min(...cpu[v]).toFixed(0)} ms CPU  ` +
        `(wall runs ${runs}; .docx ${warm[v].bytes} B, document.xml ${warm[v].xmlBytes} B)`,
    );
  }
  console.log(
    `ratio renderDocx / bare: ${(med.renderDocx / med.bare).toFixed(2)}× wall, ` +
      `${(medCpu.renderDocx / medCpu.bare).toFixed(2)}× CPU (target ≤ 1.0×); tables as docx objects / bare: ` +
      `${(med.objects / med.bare).toFixed(2)}× wall, ${(medCpu.objects / medCpu.bare).toFixed(2)}× CPU`,
  );
  console.log(`peak RSS, whole run: ${mb(process.resourceUsage().maxRSS)}`);
  const peaks = { renderDocx: childPeak('renderDocx'), bare: childPeak('bare') };
  console.log(
    `peak RSS, one render per process: renderDocx ${peaks.renderDocx ? mb(peaks.renderDocx) : '?'}, bare ${
      peaks.bare ? mb(peaks.bare) : '?'
    }`,
  );
}

await main();
