/**
 * Visual check of the official documents (issue 9 §5): seed the demo district into a throwaway SQLite file, take its
 * latest round, export every built-in layout as .docx, .xlsx and PDF plus the 通报 draft, and render the first pages
 * to PNG (LibreOffice for .docx/.xlsx, pdftoppm for PDFs) for a person to look at.
 *
 *   npx tsx scripts/render-documents.ts [--out .tmp/render] [--pages 2]
 *
 * Needs LibreOffice (`libreoffice-writer-nogui`, and `libreoffice-calc-nogui` for .xlsx), `poppler-utils` and
 * `fonts-noto-cjk`; a missing tool skips that picture and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateDemoDataset } from '../src/domain/demo';
import { BUILTIN_LAYOUTS } from '../src/domain/publish/layouts/builtin';
import { openDb } from '../src/server/db/connect';
import { localOperator } from '../src/server/services/local-operator';
import { bulletinDocx } from '../src/server/services/publish/drafts';
import { EXPORT_FORMATS, exportRoundDocument } from '../src/server/services/publish/export-document';
import { seedDataset } from '../src/server/services/seed-dataset';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const OUT = resolve(arg('out', '.tmp/render'));
const PAGES = Number(arg('pages', '2'));

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function toPng(pdf: string, stem: string) {
  if (!has('pdftoppm')) return console.log('  （未安装 pdftoppm，跳过 PNG）');
  execFileSync('pdftoppm', ['-r', '70', '-f', '1', '-l', String(PAGES), '-png', pdf, stem]);
  console.log(`  → ${stem}-*.png`);
}

function officeToPdf(file: string, profile: string): string | null {
  const soffice = ['soffice', 'libreoffice'].find(has);
  if (!soffice) return null;
  try {
    execFileSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${profile}`,
        '--convert-to',
        'pdf',
        '--outdir',
        OUT,
        file,
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
  } catch {
    return null;
  }
  const pdf = file.replace(/\.(docx|xlsx)$/, '.pdf');
  return existsSync(pdf) ? pdf : null;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'shishi-render-'));
  const handle = await openDb(join(work, 'demo.sqlite'));
  try {
    await seedDataset(handle.db, generateDemoDataset({ scale: 1 }));
    const round = await handle.db
      .selectFrom('rounds')
      .innerJoin('reports', 'reports.roundId', 'rounds.id')
      .select(['rounds.id', 'rounds.name'])
      .where('reports.status', 'in', ['approved', 'published'])
      .orderBy('rounds.asOf', 'desc')
      .executeTakeFirstOrThrow();
    console.log(`演示批次：${round.name}（${round.id}）→ ${OUT}`);
    const ctx = { db: handle.db, actor: localOperator(), ip: null, now: () => new Date() };
    const profile = join(work, 'lo-profile');
    for (const layout of BUILTIN_LAYOUTS) {
      for (const format of EXPORT_FORMATS) {
        const t0 = performance.now();
        const { buf, rows } = await exportRoundDocument(ctx, { roundId: round.id, layoutId: layout.id, format });
        const file = join(OUT, `${layout.id}.${format}`);
        writeFileSync(file, buf);
        console.log(
          `${layout.name} .${format}: ${rows} 行，${(buf.length / 1024).toFixed(0)} KB，${(performance.now() - t0).toFixed(0)} ms`,
        );
        const pdf = format === 'pdf' ? file : officeToPdf(file, profile);
        if (pdf) toPng(pdf, join(OUT, `${layout.id}-${format}`));
        else if (format !== 'pdf') console.log('  （LibreOffice 未安装或无法转换，跳过 PNG）');
      }
    }
    const bulletin = await bulletinDocx(ctx, round.id);
    const file = join(OUT, 'bulletin.docx');
    writeFileSync(file, bulletin.buf);
    const pdf = officeToPdf(file, profile);
    if (pdf) toPng(pdf, join(OUT, 'bulletin-docx'));
  } finally {
    await handle.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
