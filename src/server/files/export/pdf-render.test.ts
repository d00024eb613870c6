import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocModel, TableBlock } from '../../../domain/publish/document/model';
import { para, textCell } from '../../../domain/publish/document/model';
import { sampleDocument } from '../../../domain/publish/document/sample';
import { findPdfFonts, PdfFontsMissingError, renderPdf, requirePdfFonts } from './pdf-render';

const fonts = findPdfFonts();
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const tmp = mkdtempSync(path.join(tmpdir(), 'pdf-render-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Text of a page range with pdftotext (-raw: content order, which keeps the spaces of "第 2 页 共 …"). */
function pdfText(pdf: Buffer, first?: number, last?: number): string {
  const file = path.join(tmp, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const args = [
    '-raw',
    '-enc',
    'UTF-8',
    ...(first ? ['-f', String(first)] : []),
    ...(last ? ['-l', String(last)] : []),
  ];
  const r = spawnSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

/** Page objects in the file (pdfkit writes object dictionaries uncompressed). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

/** All content streams, inflated. */
function contentStreams(pdf: Buffer): string {
  const out: string[] = [];
  const s = pdf.toString('latin1');
  const re = /\/Length (\d+)[^>]*\/Filter \/FlateDecode[\s\S]*?>>\s*stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    try {
      out.push(inflateSync(pdf.subarray(start, start + Number(m[1]))).toString('latin1'));
    } catch {
      // font programs and other binary streams: not content
    }
  }
  return out.join('\n');
}

function smallDoc(blocks: DocModel['blocks'], pageNumbers: DocModel['page']['pageNumbers'] = 'dash'): DocModel {
  return {
    page: { size: 'A4', orientation: 'portrait', margins: { top: 37, right: 26, bottom: 35, left: 28 }, pageNumbers },
    bodySize: 16,
    meta: { title: '测试文件' },
    blocks,
  };
}

describe.skipIf(!fonts.ok)(`renderPdf (needs a CJK font: ${fonts.ok ? 'found' : 'none found, skipped'})`, () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPdf(sampleDocument(24));
  });

  it('writes a PDF of several pages with the title in the document info', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThan(1);
    if (hasPoppler) {
      const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', '-'], { input: pdf, encoding: 'utf8' }).stdout;
      expect(info).toContain('示范区2026年第三季度民生实事项目进展情况一览表');
    }
  });

  it('embeds the fonts as subsets', () => {
    const s = pdf.toString('latin1');
    expect(s).toMatch(/\/FontFile[23] /);
    expect(s).toMatch(/\/FontName \/[A-Z]{6}\+/);
    // Only the glyphs used: three Noto CJK faces of 20–27 MB each become a few hundred KB.
    expect(pdf.length).toBeLessThan(2_000_000);
  });

  it('draws real text (text operators, not outlines), coloured marks and shading', () => {
    const content = contentStreams(pdf);
    expect(content).toMatch(/BT \/F\d+ 10\.5 Tf/);
    expect(content).toContain('0 0.69 0.314 rg'); // green ▋ (00B050)
    expect(content).toContain('1 0 0 rg'); // red ▋
    expect(content).toContain('0.949 0.949 0.949 rg'); // the shaded 示例 row (F2F2F2)
  });

  it.skipIf(!hasPoppler)(
    'has extractable text: title, header repeated on page 2, the end of the long cell, page numbers',
    () => {
      const page1 = pdfText(pdf, 1, 1);
      const page2 = pdfText(pdf, 2, 2);
      expect(page1).toContain('示范区2026年第三季度民生实事项目进展情况一览表');
      expect(page1).toContain('项目名称');
      expect(page2).toContain('项目名称');
      expect(page2).toContain('第三季度进展情况');
      expect(page2).toMatch(/第 2 页 共 \d+ 页/);
      const all = pdfText(pdf).replace(/\n/g, '');
      // The 40-paragraph cell continues over pages and nothing is lost: every paragraph, in order.
      let at = 0;
      for (let k = 1; k <= 40; k++) {
        const next = all.indexOf(`${k}.已`, at);
        expect(next, `paragraph ${k}`).toBeGreaterThanOrEqual(0);
        at = next;
      }
      expect(all).toContain('40.已完成总体形象进度80%，正开展竣工验收相关工作。');
      expect(all).toContain('2026年10月8日');
      expect(all).toContain('▋');
    },
  );

  it.skipIf(!hasPoppler)('writes "— N —" page numbers on a portrait 公文', async () => {
    const body = Array.from({ length: 40 }, (_, i) => ({
      kind: 'paragraph' as const,
      style: 'body' as const,
      para: para(`${i + 1}.各街道要按时报送民生实事项目进展情况，说明存在问题和下一步工作计划。`, { indent: true }),
    }));
    const out = await renderPdf(
      smallDoc([{ kind: 'paragraph', style: 'title', para: para('关于报送进展情况的通知') }, ...body]),
    );
    expect(pageCount(out)).toBeGreaterThan(1);
    expect(pdfText(out, 2, 2)).toContain('— 2 —');
    expect(pdfText(out)).toContain('40.各街道要按时报送');
  });

  it('throws on a table that is not a sound grid', async () => {
    const bad: TableBlock = {
      kind: 'table',
      columns: [{ width: 10 }, { width: 10 }, { width: 10 }],
      header: [[textCell('甲'), textCell('乙'), textCell('丙')]],
      body: [[textCell('一', { colSpan: 2 })]],
      fontSize: 12,
    };
    await expect(renderPdf(smallDoc([bad]))).rejects.toThrow(/not a sound grid/);
  });

  it('renders an empty document and a table alone as one page each', async () => {
    expect(pageCount(await renderPdf(smallDoc([], 'none')))).toBe(1);
    const table: TableBlock = {
      kind: 'table',
      columns: [{ width: 20 }, { width: 40 }],
      header: [[textCell('序号'), textCell('名称')]],
      body: [[textCell('1'), textCell('', { rowSpan: 1 })]],
      fontSize: 12,
    };
    expect(pageCount(await renderPdf(smallDoc([table], 'of')))).toBe(1);
  });
});

describe('PDF fonts', () => {
  it('explains in Chinese which package to install when no CJK font is found', () => {
    const empty = mkdtempSync(path.join(tmp, 'none-'));
    const env = { PDF_FONT_DIR: empty, HOME: empty };
    const report = findPdfFonts(env, []);
    expect(report.ok).toBe(false);
    expect(report.error).toContain('fonts-noto-cjk');
    expect(report.error).toContain('google-noto-serif-cjk-fonts');
    expect(report.error).toContain('PDF_FONT_DIR');
    expect(() => requirePdfFonts(env, [])).toThrow(PdfFontsMissingError);
  });

  it.skipIf(!fonts.ok)('finds fonts in PDF_FONT_DIR and substitutes a missing face', () => {
    const dir = mkdtempSync(path.join(tmp, 'own-'));
    symlinkSync(fonts.faces.serif!.path, path.join(dir, path.basename(fonts.faces.serif!.path)));
    const report = findPdfFonts({ PDF_FONT_DIR: dir, HOME: dir }, []);
    expect(report.ok).toBe(true);
    expect(report.faces.serif?.path).toBe(path.join(dir, path.basename(fonts.faces.serif!.path)));
    expect(report.faces.sansBold?.path).toBe(report.faces.serif?.path);
    expect(report.substitutions.length).toBeGreaterThan(0);
  });
});
