import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Cell, DocModel, TableBlock } from '../../../domain/publish/document/model';
import { para, textCell } from '../../../domain/publish/document/model';
import { sampleDocument } from '../../../domain/publish/document/sample';
import {
  A4_TWIPS,
  cleanText,
  mmToTwips,
  placeCells,
  renderDocx,
  scaleColumnWidths,
  usableWidthTwips,
} from './docx-render';

type Parts = { document: string; styles: string; core: string; footer?: string; files: string[] };

async function render(doc: DocModel): Promise<Parts> {
  const files = unzipSync(new Uint8Array(await renderDocx(doc)));
  const text = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  const footerName = Object.keys(files).find((n) => /^word\/footer\d+\.xml$/.test(n));
  return {
    document: text('word/document.xml')!,
    styles: text('word/styles.xml')!,
    core: text('docProps/core.xml')!,
    ...(footerName ? { footer: text(footerName)! } : {}),
    files: Object.keys(files),
  };
}

const count = (s: string, needle: string | RegExp) =>
  typeof needle === 'string' ? s.split(needle).length - 1 : (s.match(new RegExp(needle, 'g')) ?? []).length;
const tableOf = (doc: DocModel) => doc.blocks.find((b): b is TableBlock => b.kind === 'table')!;
const allRows = (t: TableBlock) => [...t.header, ...t.body];

/** The rows of the first table in document.xml, each a list of its cells' XML (no nested tables are written). */
function xmlRows(xml: string): string[][] {
  const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
  return [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => c[1]!),
  );
}
const gridSpanOf = (tc: string) => Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc)?.[1] ?? 1);
const vMergeOf = (tc: string) => /<w:vMerge w:val="(\w+)"\/>/.exec(tc)?.[1];

function smallDoc(overrides: Partial<DocModel> = {}, table?: Partial<TableBlock>): DocModel {
  return {
    page: {
      size: 'A4',
      orientation: 'portrait',
      margins: { top: 37, right: 26, bottom: 35, left: 28 },
      pageNumbers: 'dash',
    },
    bodySize: 16,
    meta: { title: '测试文件', author: '区政府督查室' },
    blocks: [
      { kind: 'paragraph', style: 'title', para: para('测试标题') },
      {
        kind: 'table',
        columns: [{ width: 20 }, { width: 40 }],
        header: [[textCell('序号'), textCell('项目名称')]],
        body: [[textCell('1'), textCell('甲')]],
        fontSize: 12,
        ...table,
      },
    ],
    ...overrides,
  };
}

describe('renderDocx: the sample document', async () => {
  const doc = sampleDocument(24);
  const table = tableOf(doc);
  const { document, styles, core, footer, files } = await render(doc);
  const rows = xmlRows(document);

  it('is a complete package', () => {
    for (const f of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']) {
      expect(files).toContain(f);
    }
  });

  it('writes a grid scaled to the usable page width, and each cell as wide as the columns it spans', () => {
    const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid).toHaveLength(table.columns.length);
    const usable = A4_TWIPS.height - mmToTwips(20) - mmToTwips(20);
    expect(usableWidthTwips(doc.page)).toBe(usable);
    expect(grid.reduce((a, b) => a + b, 0)).toBe(usable);
    expect(document).toContain(`<w:tblW w:type="dxa" w:w="${usable}"/>`);
    expect(document).toContain('<w:tblLayout w:type="fixed"/>');
    // proportions kept: the 80 mm column is about 80/14 of the 14 mm one
    expect(grid[4]! / grid[1]!).toBeCloseTo(80 / 14, 1);
    for (const row of rows) {
      let col = 0;
      for (const tc of row) {
        const span = gridSpanOf(tc);
        const w = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/.exec(tc)?.[1]);
        expect(w).toBe(grid.slice(col, col + span).reduce((a, b) => a + b, 0));
        col += span;
      }
    }
  });

  it('covers the grid exactly in every row, and every vMerge continue sits under a merge (nothing for Word to repair)', () => {
    const width = table.columns.length;
    const open = new Array<boolean>(width).fill(false);
    expect(rows).toHaveLength(allRows(table).length);
    rows.forEach((row, r) => {
      let col = 0;
      for (const tc of row) {
        const span = gridSpanOf(tc);
        const merge = vMergeOf(tc);
        if (merge === 'continue') expect(open[col], `row ${r} col ${col}`).toBe(true);
        for (let k = col; k < col + span; k++) open[k] = merge === 'restart' || merge === 'continue';
        if (!merge && r === table.header.length) expect(open[col]).toBe(false);
        col += span;
      }
      expect(col, `row ${r}`).toBe(width);
    });
  });

  it('writes HTML-style rowSpans as vMerge restart + continue cells in the rows below', () => {
    const origins = allRows(table)
      .flat()
      .filter((c) => (c.rowSpan ?? 1) > 1);
    const continues = origins.reduce((n, c) => n + (c.rowSpan! - 1), 0);
    expect(origins.length).toBeGreaterThan(6); // 5 in the header, one per matter in the body
    expect(count(document, '<w:vMerge w:val="restart"/>')).toBe(origins.length);
    expect(count(document, '<w:vMerge w:val="continue"/>')).toBe(continues);
    // the matter cell's text is in the restart cell only; its continue cells hold one empty paragraph
    const matterRow = rows[table.header.length + 1]!;
    expect(matterRow[0]).toContain('1.新增养老床位200张');
    expect(rows[table.header.length + 2]![0]).toMatch(/<w:vMerge w:val="continue"\/><\/w:tcPr><w:p\/>$/);
  });

  it('writes colSpans as gridSpan', () => {
    const spans = allRows(table)
      .flat()
      .filter((c) => (c.colSpan ?? 1) > 1)
      .map((c) => c.colSpan);
    expect(count(document, /<w:gridSpan w:val="\d+"\/>/)).toBe(spans.length);
    expect(document).toContain('<w:gridSpan w:val="2"/>');
    expect(document).toContain('<w:gridSpan w:val="3"/>');
  });

  it('repeats exactly the header rows on every page and lets rows break across pages', () => {
    const trs = [...document.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
    const flagged = trs.map((tr) => tr.startsWith('<w:trPr><w:tblHeader/></w:trPr>'));
    expect(flagged.slice(0, table.header.length)).toEqual([true, true]);
    expect(flagged.slice(table.header.length).some(Boolean)).toBe(false);
    expect(document).not.toContain('cantSplit');
  });

  it('keeps the paragraphs of a cell as separate paragraphs (the 40-item cell continues on the next page)', () => {
    const longCell = rows[table.header.length + 6]!.find((tc) => tc.includes('40.'))!;
    expect(count(longCell, '<w:p>')).toBe(40);
    expect(rows[table.header.length + 1]!.find((tc) => tc.includes('2.已举办2次培训'))!).toMatch(
      /1\.已完成[\s\S]*<\/w:p><w:p>[\s\S]*2\.已举办/,
    );
  });

  it('colours every ▋ status mark', () => {
    const marks = [...document.matchAll(/<w:r>(<w:rPr>[\s\S]*?<\/w:rPr>)?<w:t xml:space="preserve">▋<\/w:t><\/w:r>/g)];
    const expected = table.body.flat().filter((c) => c.paras[0]?.runs[0]?.text === '▋').length;
    expect(marks.length).toBe(expected);
    expect(expected).toBeGreaterThan(10);
    const colours = new Set(marks.map((m) => /<w:color w:val="([0-9A-F]{6})"\/>/.exec(m[1] ?? '')?.[1]));
    expect(colours).toEqual(new Set(['00B050', 'FFC000', 'FF0000']));
  });

  it('writes every occurrence of a repeated short value (shared paragraphs and continue cells)', () => {
    const inModel = (text: string) =>
      table.body.flat().filter((c) => c.paras.some((p) => p.runs.some((r) => r.text === text))).length;
    for (const text of ['区民政局', '已完成', '（协办：区财政局）']) {
      expect(count(document, `<w:t xml:space="preserve">${text}</w:t>`), text).toBe(inModel(text));
    }
  });

  it('shades the 示例 row and centres the header', () => {
    const example = rows[table.header.length]!;
    expect(example).toHaveLength(4);
    for (const tc of example) expect(tc).toContain('<w:shd w:fill="F2F2F2" w:color="auto" w:val="clear"/>');
    for (const tc of rows[0]!) expect(tc).toContain('<w:vAlign w:val="center"/>');
    expect(document).toContain('<w:tblCellMar><w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="57"/>');
    expect(document).toMatch(/<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="4"\/>/);
  });

  it('names the government fonts with a fallback in every script slot', () => {
    const fonts = (eastAsia: string, latin: string) =>
      `<w:rFonts w:ascii="${latin}" w:cs="${latin}" w:eastAsia="${eastAsia}" w:hAnsi="${latin}" w:hint="eastAsia"/>`;
    expect(styles).toContain(fonts('仿宋_GB2312', 'FangSong'));
    expect(styles).toContain(fonts('黑体', 'SimHei'));
    expect(styles).toContain(fonts('楷体_GB2312', 'KaiTi'));
    expect(styles).toContain(fonts('方正小标宋简体', 'SimSun'));
    // document default (Normal) = table body text: 仿宋 at the table's 10.5 pt
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain(fonts('仿宋_GB2312', 'FangSong'));
    expect(defaults).toContain('<w:sz w:val="21"/>');
    expect(defaults).toContain('w:eastAsia="zh-CN"');
    // header cells: bold 黑体 centred, at the table's size
    const head = styles.slice(styles.indexOf('w:styleId="SsHead21"'));
    expect(head.slice(0, head.indexOf('</w:style>'))).toMatch(/<w:jc w:val="center"\/>[\s\S]*SimHei[\s\S]*<w:b\/>/);
    expect(rows[0]![0]).toContain('<w:pStyle w:val="SsHead21"/>');
  });

  it('sets the page paragraphs: attachment, title (size from the block), subtitle, note with indent, signature', () => {
    expect(document).toMatch(/<w:pStyle w:val="SsAttachment"\/><\/w:pPr><w:r><w:t xml:space="preserve">附件1/);
    expect(document).toMatch(/<w:pStyle w:val="SsTitle"\/>[\s\S]*?<w:sz w:val="36"\/>[\s\S]*?一览表/);
    expect(document).toMatch(/<w:pStyle w:val="SsNote"\/><w:ind w:firstLine="560" w:firstLineChars="200"\/>/);
    const sig = styles.slice(styles.indexOf('w:styleId="SsSignature"'));
    expect(sig.slice(0, sig.indexOf('</w:style>'))).toMatch(/<w:ind w:right="1120"\/>[\s\S]*<w:jc w:val="right"\/>/);
    const bold = /<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">完成情况：<\/w:t><\/w:r>/;
    expect(document).toMatch(bold);
  });

  it('is an A4 landscape page with the model margins (portrait size + orient)', () => {
    expect(document).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    expect(document).toMatch(/<w:pgMar w:top="1417" w:right="1134" w:bottom="1417" w:left="1134"/);
  });

  it('numbers pages "第 N 页 共 M 页" with PAGE and NUMPAGES fields, centred', () => {
    expect(footer).toBeDefined();
    expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(footer).toContain('<w:instrText xml:space="preserve">NUMPAGES</w:instrText>');
    expect(footer).toMatch(/第 [\s\S]*PAGE[\s\S]* 页 共 [\s\S]*NUMPAGES[\s\S]* 页/);
    expect(styles).toMatch(/w:styleId="SsPageNumber"[\s\S]*?<w:jc w:val="center"\/>/);
  });

  it('starts the narrative on a new page', () => {
    expect(document).toMatch(/<w:pageBreakBefore\/><\/w:pPr><w:r><w:t xml:space="preserve">关于区政府实事项目/);
  });

  it('writes the document properties', () => {
    expect(core).toContain('<dc:title>示范区2026年第三季度民生实事项目进展情况一览表</dc:title>');
  });
});

describe('renderDocx: options and edge cases', () => {
  it("portrait, 'dash' page numbers, author", async () => {
    const { document, footer, core } = await render(smallDoc());
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(footer).toContain('— ');
    expect(footer).toContain('PAGE');
    expect(footer).not.toContain('NUMPAGES');
    expect(core).toContain('<dc:creator>区政府督查室</dc:creator>');
    // GB/T margins: 37/26/35/28 mm; text block 156 mm
    const grid = [...document.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.reduce((a, b) => a + b, 0)).toBe(11906 - mmToTwips(26) - mmToTwips(28));
  });

  it("'none' writes no footer", async () => {
    const doc = smallDoc();
    const { footer, document } = await render({ ...doc, page: { ...doc.page, pageNumbers: 'none' } });
    expect(footer).toBeUndefined();
    expect(document).not.toContain('footerReference');
  });

  it('a table at another size than the main one gets its own body style; a table right after a break or a table gets a paragraph', async () => {
    const doc = smallDoc();
    const second = { ...(doc.blocks[1] as TableBlock), fontSize: 9 };
    const { document, styles } = await render({
      ...doc,
      blocks: [...doc.blocks, second, { kind: 'pageBreak' }, doc.blocks[1]!],
    });
    expect(styles).toContain('w:styleId="SsCell18"');
    expect(document).toContain('<w:pStyle w:val="SsCell18"/>');
    expect(count(document, '<w:tbl>')).toBe(3);
    expect(document).toMatch(/<\/w:tbl><w:p\/><w:tbl>/);
    expect(document).toMatch(/<\/w:tbl><w:p><w:r><w:br w:type="page"\/><\/w:r><\/w:p><w:tbl>/);
  });

  it('throws, listing the problems, when a table is not a sound grid', async () => {
    const short = smallDoc({}, { body: [[textCell('1')]] });
    await expect(renderDocx(short)).rejects.toThrow(/table 1 is not a sound grid:\n- body row 0: covers 1 of 2/);
    const tooLong = smallDoc({}, { body: [[textCell('1', { rowSpan: 3 }), textCell('甲')]] });
    await expect(renderDocx(tooLong)).rejects.toThrow(/rowSpan 3 runs past the last row/);
    const overflow = smallDoc({}, { header: [[textCell('a', { colSpan: 3 })]] });
    await expect(renderDocx(overflow)).rejects.toThrow(/overflow/);
  });

  it('cleans text Word would refuse, keeps newlines as line breaks, run fonts and bad colours', async () => {
    const cells: Cell[] = [
      { paras: [{ runs: [{ text: 'a\u0001b\uFFFE\uD800c', color: '#ff0000' }] }] },
      { paras: [{ runs: [{ text: '第一行\n第二行', font: 'kai', color: 'red' }] }], bold: true },
    ];
    const { document } = await render(smallDoc({}, { body: [cells] }));
    expect(document).toContain('<w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">abc</w:t>');
    expect(document).toMatch(/KaiTi[\s\S]*第一行[\s\S]*<w:br\/><w:t xml:space="preserve">第二行/);
    expect(document).not.toContain('w:val="red"');
    expect(document).toMatch(/<w:b\/><w:bCs\/>[\s\S]*第一行/);
    expect(cleanText('x\ty\r\n\u000Bz')).toBe('x y\n\nz');
  });

  it('writes tables as XML byte for byte as docx writes the same table from its objects', async () => {
    const docXml = async (d: DocModel, tables: 'xml' | 'docx') =>
      strFromU8(unzipSync(new Uint8Array(await renderDocx(d, tables)))['word/document.xml']!);
    const rich = smallDoc(
      {},
      {
        columns: [{ width: 20, align: 'center' }, { width: 40 }, { width: 30, align: 'right' }],
        header: [[textCell('序号'), textCell(`A&B <x> "q" 's'`), textCell('右', { align: 'left' })]],
        body: [
          [
            textCell('1', { bold: true, vAlign: 'middle' }),
            {
              paras: [
                {
                  runs: [
                    { text: '粗', bold: true },
                    { text: '红', color: '#ff0000' },
                    { text: '楷', font: 'kai' },
                    { text: 'a\nb\u000bc\td\u0001e' },
                  ],
                  indent: true,
                  align: 'justify',
                },
                { runs: [] },
              ],
            },
            textCell('x', { shade: 'EEEEEE', rowSpan: 2 }),
          ],
          [textCell('2'), { paras: [{ runs: [{ text: ' lead  trail ' }], align: 'center' }] }],
          [
            {
              paras: [
                {
                  runs: [{ text: 'a\n', bold: true, color: '00ff00', font: 'heading' }, { text: '\nz' }],
                  indent: true,
                  align: 'right',
                },
              ],
            },
            textCell(''),
            textCell('w'),
          ],
          [textCell('3', { colSpan: 2 }), textCell('已完成')],
          [textCell('4', { colSpan: 2 }), textCell('已完成')],
        ],
      },
    );
    rich.blocks.push({ kind: 'table', columns: [{ width: 20 }], fontSize: 10.5, header: [], body: [[textCell('小')]] });
    for (const d of [rich, sampleDocument(24)]) {
      const fast = await docXml(d, 'xml');
      expect(fast).toContain('<w:tbl><w:tblPr>');
      expect(fast).toBe(await docXml(d, 'docx'));
    }
  });

  it('scales widths to whole twips that sum exactly, keeping proportions', () => {
    expect(scaleColumnWidths([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(scaleColumnWidths([48, 14, 40], 10000).reduce((a, b) => a + b, 0)).toBe(10000);
    expect(scaleColumnWidths([10, 0, Number.NaN], 90)).toEqual([30, 30, 30]);
  });

  it('places HTML-style spans on the grid with continue cells', () => {
    const a = textCell('a', { rowSpan: 3, colSpan: 2 });
    const placed = placeCells([[a, textCell('b')], [textCell('c')], [textCell('d')]], 3);
    expect(placed.map((r) => r.map((p) => [p.col, p.span, p.merge ?? '']))).toEqual([
      [
        [0, 2, 'restart'],
        [2, 1, ''],
      ],
      [
        [0, 2, 'continue'],
        [2, 1, ''],
      ],
      [
        [0, 2, 'continue'],
        [2, 1, ''],
      ],
    ]);
  });
});

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe.skipIf(!has('soffice'))('renderDocx: LibreOffice opens it', () => {
  it('converts to a PDF of more than one page', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docx-render-'));
    try {
      const file = join(dir, 'sample.docx');
      writeFileSync(file, await renderDocx(sampleDocument(8)));
      execFileSync(
        'soffice',
        [
          '--headless',
          '--norestore',
          '-env:UserInstallation=file:///tmp/lo-profile-docx',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 60_000, stdio: 'ignore' },
      );
      const pdf = join(dir, 'sample.pdf');
      expect(existsSync(pdf), `no PDF in ${readdirSync(dir).join(', ')}`).toBe(true);
      if (has('pdfinfo')) {
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
        expect(pages).toBeGreaterThan(1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
