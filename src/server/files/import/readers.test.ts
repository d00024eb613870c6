/** Reader behaviour on small generated files: merges, paragraphs, colours, sheets, text forms, HTML paste. */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import { docxFromBody, p, tbl, tc, tr, xlsxFromSheets } from './__fixtures__/minimal';
import { readImportFile, readPastedText } from './read-import-file';
import { detectTextForm } from './read-text';

const enc = (s: string) => new TextEncoder().encode(s);
const texts = (rows: { text: string }[][]) => rows.map((r) => r.map((c) => c.text));

describe('docx reader', () => {
  it('gridSpan, vMerge, gridBefore, multi-paragraph cells, paragraphs around and between tables', () => {
    const body =
      p('[bookmark: _GoBack]某区2023年民生实事进展表') +
      p('（截至2023年6月30日）') +
      tbl([
        tr([tc('类别', '<w:vMerge w:val="restart"/>'), tc('序号', '<w:gridSpan w:val="2"/>'), tc('项目名称')]),
        tr([tc('', '<w:vMerge/>'), tc('件'), tc('项'), tc('')]),
        tr([tc('一、民生', '<w:vMerge w:val="restart"/>'), tc('1'), tc('1-1'), tc('第一段\n第二段')]),
        tr([tc('', '<w:vMerge/>'), tc('1'), tc('1-2'), tc('公园')]),
        tr([tc('X')], '<w:gridBefore w:val="3"/>'),
      ]) +
      p('注：表格之间的说明') +
      tbl([tr([tc('a'), tc('b')])]);
    const r = readImportFile(docxFromBody(body), 't.docx');
    expect(r.kind).toBe('docx');
    expect(r.paragraphs).toEqual([
      '[bookmark: _GoBack]某区2023年民生实事进展表',
      '（截至2023年6月30日）',
      '注：表格之间的说明',
    ]);
    expect(r.tables).toHaveLength(2);
    expect(r.tables[1]!.paragraphIndex).toBe(3);
    const g = r.tables[0]!;
    expect(texts(g.rows)).toEqual([
      ['类别', '序号', '序号', '项目名称'],
      ['类别', '件', '项', ''],
      ['一、民生', '1', '1-1', '第一段\n第二段'],
      ['一、民生', '1', '1-2', '公园'],
      ['', '', '', 'X'],
    ]);
    expect(g.rows[0]![2]!.merged).toBe('h');
    expect(g.rows[3]![0]!.merged).toBe('v');
    expect(g.rows[3]![0]!.origin).toEqual([2, 0]);
  });

  it('cell shading, glyph colour, nested tables, AlternateContent fallback, deleted text, tab stops', () => {
    const body = tbl([
      tr([tc('项目名称'), tc('进度评价'), tc('进展情况')]),
      tr([
        tc('公园'),
        tc('▋', '<w:shd w:val="clear" w:color="auto" w:fill="FFC000"/>'),
        `<w:tc>${p('主体完工')}${tbl([tr([tc('内1'), tc('内2')])])}</w:tc>`,
      ]),
      tr([
        tc('绿道'),
        `<w:tc><w:p><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>▋</w:t></w:r></w:p></w:tc>`,
        `<w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><mc:AlternateContent xmlns:mc="m"><mc:Choice><w:r><w:t>甲</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>甲</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:tc>`,
      ]),
    ]);
    const r = readImportFile(docxFromBody(body), 't.docx');
    const g = r.tables[0]!;
    expect(g.rows[1]![1]!.fill).toBe('FFC000');
    expect(g.rows[1]![2]!.text).toBe('主体完工\n内1\n内2');
    expect(g.rows[2]![1]!.glyphColor).toBe('FF0000');
    expect(g.rows[2]![2]!.text).toBe('保留甲');
    expect(r.warnings.some((w) => w.code === 'NESTED_TABLE')).toBe(true);
    const prev = buildImportPreview(r);
    expect(prev.items.map((i) => i.evaluation)).toEqual(['yellow', 'red']);
  });
});

describe('xlsx reader', () => {
  it('several sheets, merged ranges, two-line header, numbers as numbers or text, errors, hidden sheets', () => {
    const x = xlsxFromSheets([
      {
        name: '汇总',
        rows: [
          ['某市2024年民生实事项目1-6月进展情况', null, null, null, null],
          ['序号', '项目名称', '进展情况', null, '牵头单位'],
          [null, null, '完成情况', '存在问题', null],
          [1, '新增养老床位', '已完成80%', '无', '市民政局'],
          ['2', '建设绿道', '=ERR:#REF!', '资金未到位', '市住建局'],
        ],
        merges: ['A1:E1', 'A2:A3', 'B2:B3', 'C2:D2', 'E2:E3'],
      },
      {
        name: '第二页',
        rows: [
          ['项目名称', '进展情况'],
          ['公园', '完工'],
        ],
      },
      { name: '隐藏', rows: [['x']], hidden: true },
    ]);
    const r = readImportFile(x, 'x.xlsx');
    expect(r.tables.map((t) => t.name)).toEqual(['汇总', '第二页']);
    expect(r.warnings.some((w) => w.code === 'HIDDEN_SHEET')).toBe(true);
    const g = r.tables[0]!;
    expect(texts(g.rows)[1]).toEqual(['序号', '项目名称', '进展情况', '进展情况', '牵头单位']);
    expect(g.rows[2]![0]!.merged).toBe('v');
    expect(g.rows[3]![0]!.numeric).toBe(true);
    const prev = buildImportPreview(r);
    expect(prev.round).toMatchObject({ year: 2024, period: { type: 'range', from: 1, to: 6 }, asOf: '2024-06-30' });
    expect(prev.items.map((i) => [i.code, i.name, i.progress, i.problems])).toEqual([
      ['1', '新增养老床位', '已完成80%', null],
      ['2', '建设绿道', '#REF!', '资金未到位'],
      [null, '公园', '完工', null],
    ]);
    expect(prev.items[1]!.warnings.some((w) => w.code === 'UNREADABLE_CELL')).toBe(true);
  });

  it('rich shared strings without phonetic runs; percent and fills from styles', () => {
    const sst =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>项目名称</t></si><si><t>完成率</t></si><si><r><t>公</t></r><r><t>园</t></r><rPh sb="0" eb="1"><t>gong</t></rPh></si><si><t>进度评价</t></si><si><t>▋</t></si></sst>';
    const styles =
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/></patternFill></fill></fills><cellXfs count="3"><xf numFmtId="0" fillId="0"/><xf numFmtId="9" fillId="0"/><xf numFmtId="0" fillId="2"/></cellXfs></styleSheet>';
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>0.565</v></c><c r="C2" t="s" s="2"><v>4</v></c></row></sheetData></worksheet>';
    const x = xlsxFromSheets([{ name: 'S', rows: [] }], { sstXml: sst, stylesXml: styles, extra: {} });
    // Replace the generated sheet with the hand-written one.
    const files = unzipSync(x);
    files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
    const r = readImportFile(zipSync(files), 's.xlsx');
    expect(texts(r.tables[0]!.rows)).toEqual([
      ['项目名称', '完成率', '进度评价'],
      ['公园', '56.5%', '▋'],
    ]);
    const prev = buildImportPreview(r);
    expect(prev.items[0]).toMatchObject({ name: '公园', rate: '56.5%', evaluation: 'green' });
  });
});

describe('text forms and paste', () => {
  it('detects the four text forms', () => {
    expect(detectTextForm('序号\t项目名称\t进展\n1\t公园\t完工\n2\t绿道\t在建\n')).toBe('tsv');
    expect(detectTextForm('\t序号\n\t项目名称\n\t进展\n\n\t1\n\t公园\n\t完工\n')).toBe('lines');
    expect(detectTextForm('序号 |\n项目名称 |\n进展 |\n1 |\n公园 |\n完工 |\n')).toBe('pipe');
    expect(detectTextForm('1、实施\n主责部门：区房管局\n')).toBe('narrative');
    expect(detectTextForm('<table><tr><td>a</td></tr></table>')).toBe('html');
  });

  it('TSV from Excel with quoted multi-line cells; GBK text files', () => {
    const tsv =
      '序号\t项目名称\t进展情况\t牵头单位\n1\t公园\t"1.主体完工\n2.绿化在建"\t区城管局、区住建局\n2\t绿道\t完工\t区住建局\n';
    const prev = buildImportPreview(readPastedText(tsv));
    expect(prev.items.map((i) => i.progress)).toEqual(['1.主体完工\n2.绿化在建', '完工']);
    expect(prev.items[0]!.leadUnits).toEqual(['区城管局', '区住建局']);
    const gbk = new Uint8Array([
      0xd0, 0xf2, 0xba, 0xc5, 0x09, 0xcf, 0xee, 0xc4, 0xbf, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0x31, 0x09, 0xb9, 0xab, 0xd4,
      0xb0, 0x0a,
    ]);
    const r = readImportFile(gbk, 'gbk.txt');
    expect(texts(r.tables[0]!.rows)[0]).toEqual(['序号', '项目名称']);
  });

  it('HTML pasted from Word/WPS: rowspan/colspan, entities, colours, text around the table', () => {
    const html = `<html><head><style>td{}</style></head><body><!--StartFragment--><p>某区2022年<b>民生实事</b>项目第二季度进展情况</p>
<table border=1><tr><th>序号</th><th>项目名称</th><th colspan=2>进展情况</th><th>进度评价</th></tr>
<tr><td rowspan=2>1</td><td>公园&amp;绿道</td><td>主体完工<br>绿化在建</td><td>（按计划推进）</td><td style="background:#00B050">▋</td></tr>
<tr><td>绿道二期</td><td colspan=2>在建&nbsp;</td><td><span style="color:rgb(255,0,0)">▋</span></td></tr></table><!--EndFragment--></body></html>`;
    const r = readPastedText(html);
    expect(r.paragraphs).toEqual(['某区2022年民生实事项目第二季度进展情况']);
    const g = r.tables[0]!;
    expect(texts(g.rows)[2]).toEqual(['1', '绿道二期', '在建', '在建', '▋']);
    expect(g.rows[2]![0]!.merged).toBe('v');
    const prev = buildImportPreview(r);
    expect(prev.round).toMatchObject({ year: 2022, period: { type: 'quarter', index: 2 } });
    expect(prev.items[0]).toMatchObject({
      code: '1',
      name: '公园&绿道',
      progress: '主体完工\n绿化在建',
      evaluation: 'green',
    });
    expect(prev.items[1]).toMatchObject({ parentCode: '1', code: null, name: '绿道二期', evaluation: 'red' });
  });

  it('markdown tables', () => {
    const md = '| 序号 | 项目名称 | 进展情况 |\n| --- | --- | --- |\n| 1 | 公园 | 完工 |\n';
    const prev = buildImportPreview(readImportFile(enc(md), 'a.md'));
    expect(prev.items[0]).toMatchObject({ code: '1', name: '公园', progress: '完工' });
  });
});
