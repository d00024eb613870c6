/**
 * Build step for the web app (issue 13 §4), used by web/vite.config.ts, so `npm run build` and CI's
 * `npx vite build --config web/vite.config.ts` both do it:
 *
 * 1. The first-load budget: the JavaScript a browser fetches before the first page can render — the entry chunk, every
 *    chunk it imports statically (transitively) and every <link rel="modulepreload"> of index.html — summed as gzip
 *    sizes. Printed on every build; the build FAILS when it exceeds the budget (300 KB gzip by default).
 * 2. Precompression: every text asset (js, css, html, svg, json, map, txt) above 1 KB gets a .gz (gzip level 9) and a
 *    .br (brotli quality 11) next to it, which the server sends as they are (@fastify/static `preCompressed`).
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export const FIRST_LOAD_BUDGET_KB = 300;
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map|txt)$/;
const MIN_BYTES = 1024;

/** The chunks of the bundle as the budget sees them: file → code and static imports. */
type ChunkInfo = { code: string; imports: readonly string[] };

/** Files fetched before the first render: entry chunks, their static imports, index.html's modulepreloads. */
export function firstLoadFiles(chunks: Map<string, ChunkInfo & { isEntry: boolean }>, html: string): string[] {
  const out = new Set<string>();
  const visit = (file: string) => {
    if (out.has(file)) return;
    const c = chunks.get(file);
    if (!c) return;
    out.add(file);
    for (const i of c.imports) visit(i);
  };
  for (const [file, c] of chunks) if (c.isEntry) visit(file);
  const refs = [
    ...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g),
    ...html.matchAll(/<script\b[^>]*type="module"[^>]*src="\/?([^"]+)"/g),
  ];
  for (const m of refs) visit(m[1]!);
  return [...out].sort();
}

/** gzip size (level 9, what the server sends) of a chunk. */
const gzipKb = (code: string) => gzipSync(Buffer.from(code), { level: 9 }).length / 1024;

async function* walk(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** Write .gz and .br next to every compressible file of `dir` above 1 KB; returns how many files. */
export async function precompress(dir: string): Promise<number> {
  const files: string[] = [];
  for await (const p of walk(dir)) if (COMPRESSIBLE.test(p) && (await stat(p)).size >= MIN_BYTES) files.push(p);
  await Promise.all(
    files.map(async (p) => {
      const data = await readFile(p);
      const [gz, br] = await Promise.all([
        gzipAsync(data, { level: 9 }),
        brotliAsync(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        }),
      ]);
      await Promise.all([writeFile(`${p}.gz`, gz), writeFile(`${p}.br`, br)]);
    }),
  );
  return files.length;
}

export function assetsPlugin(options: { budgetKb?: number } = {}): Plugin {
  const budget = options.budgetKb ?? Number(process.env.FIRST_LOAD_BUDGET_KB ?? FIRST_LOAD_BUDGET_KB);
  let outDir = '';
  let report: { files: { file: string; kb: number }[]; totalKb: number } | undefined;
  return {
    name: 'shishi-assets',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkInfo & { isEntry: boolean }>();
      let html = '';
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk') chunks.set(file, { code: out.code, imports: out.imports, isEntry: out.isEntry });
        else if (file.endsWith('.html')) html = String(out.source);
      }
      const first = firstLoadFiles(chunks, html);
      const files = first.map((file) => ({ file, kb: gzipKb(chunks.get(file)!.code) }));
      report = { files, totalKb: files.reduce((s, f) => s + f.kb, 0) };
      if (process.env.FIRST_LOAD_MODULES) {
        // FIRST_LOAD_MODULES=1: the largest modules of the first load (rendered size, before compression)
        const mods = first.flatMap((file) => {
          const out = bundle[file];
          return out?.type === 'chunk'
            ? Object.entries(out.modules).map(([id, m]) => ({ id, file, kb: m.renderedLength / 1024 }))
            : [];
        });
        mods.sort((a, b) => b.kb - a.kb);
        for (const m of mods.slice(0, Number(process.env.FIRST_LOAD_MODULES) || 60))
          console.log(`${m.kb.toFixed(1).padStart(7)} KB  ${m.file}  ${m.id.replace(/^.*node_modules\//, '')}`);
      }
    },
    async closeBundle() {
      if (!report) return;
      const n = await precompress(outDir);
      const lines = report.files.map((f) => `  ${f.file.padEnd(48)} ${f.kb.toFixed(1).padStart(7)} KB gzip`);
      console.log(
        `\n首屏 JavaScript（入口及其静态依赖、modulepreload）：${report.totalKb.toFixed(1)} KB gzip（预算 ${budget} KB）\n` +
          `${lines.join('\n')}\n已预压缩 ${n} 个文件（.gz、.br）\n`,
      );
      if (report.totalKb > budget)
        throw new Error(
          `首屏 JavaScript ${report.totalKb.toFixed(1)} KB gzip，超过预算 ${budget} KB：请把重的依赖改为按需（懒）加载`,
        );
    },
  };
}
