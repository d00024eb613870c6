/**
 * The hostile-file set of part 2, generated in memory on every run (no binary fixtures are committed). Each case
 * says what a sound server does with it: refuse (4xx with a Chinese message), accept (200), or either.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strToU8, type Zippable, zipSync } from 'fflate';

export type Expect = 'refuse' | 'accept' | 'either';
export type HostileCase = {
  name: string;
  what: string;
  expect: Expect;
  /** A file posted as multipart (`file`), or text posted as JSON (`{text}`, the paste box). */
  input: { kind: 'upload'; fileName: string; bytes: Uint8Array } | { kind: 'paste'; text: string };
};

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const HEAD = ['序号', '项目名称', '年度目标', '落实情况', '牵头责任单位'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const wc = (text: string, props = '') =>
  `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}<w:p><w:r><w:t>${esc(text)}</w:t></w:r></w:p></w:tc>`;
const wr = (cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const docXml = (body: string, prolog = '') => `${XML}${prolog}<w:document ${W}><w:body>${body}</w:body></w:document>`;

function docxParts(documentXml: string | Uint8Array): Zippable {
  return {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    'word/document.xml': typeof documentXml === 'string' ? strToU8(documentXml) : documentXml,
  };
}

function xlsxParts(sheetXml: string, sharedStrings?: string): Zippable {
  const parts: Zippable = {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML}<workbook ${S} ${R}><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
  };
  if (sharedStrings !== undefined) parts['xl/sharedStrings.xml'] = strToU8(sharedStrings);
  return parts;
}

const inlineCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
const headerRow = () =>
  `<row r="1">${HEAD.map((h, i) => inlineCell(`${String.fromCharCode(65 + i)}1`, h)).join('')}</row>`;

/** A small, ordinary progress table as .docx (the positive control). */
function legitDocx(): Uint8Array {
  const rows = [wr(HEAD.map((h) => wc(h)))];
  for (let i = 1; i <= 20; i++)
    rows.push(
      wr([`${i}`, `社区养老服务站建设${i}`, `建成${i}个`, `已建成${i}个（按计划推进）`, '青石街道'].map((t) => wc(t))),
    );
  return zipSync(docxParts(docXml(`<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`)));
}

/** A zip written by hand: entries already compressed (or stored), sizes as declared (they may lie). */
type RawEntry = { name: string; data: Uint8Array; method: 0 | 8; crc: number; size: number; flags?: number };

function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const cd = Buffer.alloc(46 + name.length);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    name.copy(cd, 46);
    locals.push(local, Buffer.from(e.data));
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cdBytes, eocd]));
}

const stored = (name: string, text: string): RawEntry => {
  const data = strToU8(text);
  return { name, data, method: 0, crc: crc32(data), size: data.length };
};

/**
 * Deflate of `mib` MiB of zeros without compressing them: one MiB compressed once with a sync flush (a byte-aligned,
 * non-final block) repeated, then an empty final block. ~1 KB per MiB.
 */
const bombs = new Map<number, { data: Uint8Array; crc: number; size: number }>();

function zeroBomb(mib: number): { data: Uint8Array; crc: number; size: number } {
  const known = bombs.get(mib);
  if (known) return known;
  const chunk = new Uint8Array(1 << 20);
  const piece = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(chunk, crc);
  const data = Buffer.concat([...Array.from({ length: mib }, () => piece), Buffer.from([0x03, 0x00])]);
  const bomb = { data: new Uint8Array(data), crc, size: mib * (1 << 20) };
  bombs.set(mib, bomb);
  return bomb;
}

function bombXlsx(mib: number, declared?: number): Uint8Array {
  const bomb = zeroBomb(mib);
  const parts = xlsxParts(`${XML}<worksheet ${S}><sheetData/></worksheet>`);
  const entries = Object.entries(parts)
    .filter(([n]) => n !== 'xl/worksheets/sheet1.xml')
    .map(([n, d]) => stored(n, new TextDecoder().decode(d as Uint8Array)));
  entries.push({ name: 'xl/worksheets/sheet1.xml', method: 8, ...bomb, size: declared ?? bomb.size });
  return rawZip(entries);
}

function bombDocx(mib: number, declared: number): Uint8Array {
  const bomb = zeroBomb(mib);
  return rawZip([
    stored('[Content_Types].xml', `${XML}<Types/>`),
    { name: 'word/document.xml', method: 8, ...bomb, size: declared },
  ]);
}

/** A Compound File (OLE/CFB) as Office writes a password-protected .xlsx: EncryptionInfo + EncryptedPackage. */
function encryptedXlsx(): Uint8Array {
  const SECTOR = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const info = Buffer.alloc(4096, 0x20);
  info.writeUInt16LE(4, 0);
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>`,
  ).copy(info, 8);
  const pkg = Buffer.alloc(8192);
  for (let i = 0; i < pkg.length; i++) pkg[i] = (i * 2654435761) >>> 24;
  pkg.writeUInt32LE(6000, 0);
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56);
  header.writeUInt32LE(END, 60); // no mini FAT
  header.writeUInt32LE(END, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : FREE, 76 + 4 * i);
  // Sectors: 0 FAT, 1 directory, 2–9 EncryptionInfo, 10–25 EncryptedPackage.
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(END, 4);
  for (let s = 2; s <= 25; s++) fat.writeUInt32LE(s === 9 || s === 25 ? END : s + 1, 4 * s);
  const dir = Buffer.alloc(SECTOR);
  const entry = (i: number, name: string, type: number, right: number, child: number, start: number, size: number) => {
    const o = i * 128;
    Buffer.from(`${name}\0`, 'utf16le').copy(dir, o);
    dir.writeUInt16LE((name.length + 1) * 2, o + 64);
    dir.writeUInt8(type, o + 66);
    dir.writeUInt8(1, o + 67);
    dir.writeUInt32LE(FREE, o + 68);
    dir.writeUInt32LE(right, o + 72);
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, 'Root Entry', 5, FREE, 1, END, 0);
  entry(1, 'EncryptionInfo', 2, 2, FREE, 2, info.length);
  entry(2, 'EncryptedPackage', 2, FREE, FREE, 10, pkg.length);
  for (const o of [3 * 128 + 68, 3 * 128 + 72, 3 * 128 + 76]) dir.writeUInt32LE(FREE, o); // entry 3: unused
  return new Uint8Array(Buffer.concat([header, fat, dir, info, pkg]));
}

async function legitXlsx(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('进展表');
  ws.addRow(HEAD);
  const units = ['青石街道', '云溪区民政局', '云溪区教育局', '云溪区卫生健康局'];
  for (let i = 1; i <= rows; i++)
    ws.addRow([
      i,
      `老旧小区改造项目${i}`,
      `改造${(i % 90) + 10}个小区`,
      `已完成${i % 90}个（按计划推进）`,
      units[i % 4],
    ]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Tab-separated rows under the header; `short` rows are just "n<TAB>x" (1,000,000 of them ≈ 8.9 MB). */
function textLines(n: number, short = false): string {
  const out: string[] = [HEAD.join('\t')];
  for (let i = 1; i <= n; i++) out.push(short ? `${i}\tx` : `${i}\t项目${i}\t建成${i}个\t已建成${i}个\t青石街道`);
  return out.join('\n');
}

function docxWithDoctype(): Uint8Array {
  const prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
  return zipSync(
    docxParts(
      docXml(
        `<w:tbl>${wr(HEAD.map((h) => wc(h)))}${wr([wc('1'), '<w:tc><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:tc>'])}</w:tbl>`,
        prolog,
      ),
    ),
  );
}

function xlsxSharedStringsDoctype(entity: string, ref: string): Uint8Array {
  const sst = `${XML}<!DOCTYPE sst [${entity}]><sst ${S}><si><t>项目名称</t></si><si><t>${ref}</t></si></sst>`;
  const sheet = `${XML}<worksheet ${S}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>`;
  return zipSync(xlsxParts(sheet, sst));
}

const LAUGHS =
  '<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('');

function nestedTablesDocx(depth: number): Uint8Array {
  const open = '<w:tbl><w:tr><w:tc><w:p/>';
  const close = '</w:tc></w:tr></w:tbl>';
  return zipSync(docxParts(docXml(`${open.repeat(depth)}<w:p><w:r><w:t>深处</w:t></w:r></w:p>${close.repeat(depth)}`)));
}

function withEncryptedFlag(zip: Uint8Array): Uint8Array {
  const b = Buffer.from(zip);
  for (let i = 0; i + 4 <= b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x02014b50) b.writeUInt16LE(b.readUInt16LE(i + 8) | 1, i + 8);
    else if (sig === 0x04034b50) b.writeUInt16LE(b.readUInt16LE(i + 6) | 1, i + 6);
  }
  return new Uint8Array(b);
}

let millionLines: string | null = null;
const million = () => {
  millionLines ??= textLines(1_000_000, true);
  return millionLines;
};

const upload = (fileName: string, bytes: Uint8Array) => ({ kind: 'upload' as const, fileName, bytes });

type Factory = () => HostileCase | Promise<HostileCase>;

const FACTORIES: Factory[] = [
  () => ({
    name: 'docx-legit-20rows',
    what: '普通 .docx 进展表（对照）',
    expect: 'accept',
    input: upload('进展表.docx', legitDocx()),
  }),
  () => {
    const rows = Array.from({ length: 49_000 }, (_, i) => `<tr><td colspan="200">${i}</td></tr>`).join('');
    const html = `<html><body><table><tr>${HEAD.map((h) => `<th>${h}</th>`).join('')}</tr>${rows}</table></body></html>`;
    return {
      name: 'html-colspan200-49k',
      what: 'HTML 表格 49,000 行 colspan=200',
      expect: 'refuse',
      input: upload('表格.html', strToU8(html)),
    };
  },
  () => {
    const row = wr([wc('x', '<w:gridSpan w:val="200"/>')]);
    const body = `<w:tbl><w:tblPr/><w:tblGrid/>${wr(HEAD.map((h) => wc(h)))}${row.repeat(49_000)}</w:tbl>`;
    const bytes = zipSync(docxParts(docXml(body)), { level: 0 });
    return {
      name: 'docx-gridspan200-stored',
      what: '.docx 49,000 行 gridSpan=200，不压缩',
      expect: 'refuse',
      input: upload('合并.docx', bytes),
    };
  },
  () => {
    const sheet = `${XML}<worksheet ${S}><sheetData>${headerRow()}</sheetData><mergeCells count="1"><mergeCell ref="A1:GR50000"/></mergeCells></worksheet>`;
    return {
      name: 'xlsx-merge-A1:GR50000',
      what: '.xlsx 一个合并区域 A1:GR50000（只有表头行）',
      expect: 'either',
      input: upload('合并.xlsx', zipSync(xlsxParts(sheet))),
    };
  },
  () => {
    const rows = Array.from(
      { length: 49_999 },
      (_, i) => `<row r="${i + 2}">${inlineCell(`A${i + 2}`, `${i + 1}`)}</row>`,
    );
    const sheet = `${XML}<worksheet ${S}><sheetData>${headerRow()}${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A1:GR50000"/></mergeCells></worksheet>`;
    return {
      name: 'xlsx-merge-GR50000-filled',
      what: '.xlsx 合并 A1:GR50000，50,000 行都有内容',
      expect: 'refuse',
      input: upload('合并2.xlsx', zipSync(xlsxParts(sheet))),
    };
  },
  () => ({
    name: 'paste-1M-lines',
    what: '粘贴 1,000,000 行文本',
    expect: 'refuse',
    input: { kind: 'paste', text: million() },
  }),
  () => ({
    name: 'txt-1M-lines',
    what: '.txt 上传 1,000,000 行',
    expect: 'refuse',
    input: upload('进展.txt', strToU8(million())),
  }),
  () => ({
    name: 'paste-50021-rows',
    what: '粘贴 表头 + 50,021 行（上限 5 万行 + 表头余量 20 行之外）',
    expect: 'refuse',
    input: { kind: 'paste', text: textLines(50_021) },
  }),
  () => ({
    name: 'xlsx-zipbomb-1GiB',
    what: '.xlsx 内 1 GiB 零的 deflate（如实声明大小）',
    expect: 'refuse',
    input: upload('炸弹.xlsx', bombXlsx(1024)),
  }),
  () => ({
    name: 'docx-zipbomb-lies-4KiB',
    what: '.docx 内 1 GiB 零，声明 4 KiB',
    expect: 'refuse',
    input: upload('炸弹.docx', bombDocx(1024, 4096)),
  }),
  () => ({
    name: 'docx-zipbomb-lies-90MiB',
    what: '.docx 内 1 GiB 零，声明 90 MiB（通过目录检查）',
    expect: 'refuse',
    input: upload('炸弹2.docx', bombDocx(1024, 90 << 20)),
  }),
  () => ({
    name: 'docx-xxe-document',
    what: 'document.xml 含 DOCTYPE + 外部实体',
    expect: 'refuse',
    input: upload('xxe.docx', docxWithDoctype()),
  }),
  () => ({
    name: 'xlsx-xxe-sharedStrings',
    what: 'sharedStrings.xml 含 DOCTYPE + 外部实体',
    expect: 'refuse',
    input: upload('xxe.xlsx', xlsxSharedStringsDoctype('<!ENTITY xxe SYSTEM "file:///etc/passwd">', '&xxe;')),
  }),
  () => ({
    name: 'xlsx-billion-laughs',
    what: 'sharedStrings.xml 十亿笑（实体嵌套）',
    expect: 'refuse',
    input: upload('lol.xlsx', xlsxSharedStringsDoctype(LAUGHS, '&lol9;')),
  }),
  () => {
    const xml = docXml(
      `<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>`,
      '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ).replace('UTF-8', 'UTF-16');
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    return {
      name: 'docx-doctype-utf16',
      what: 'document.xml 为 UTF-16 编码且含 DOCTYPE',
      expect: 'refuse',
      input: upload('utf16.docx', zipSync(docxParts(bytes))),
    };
  },
  () => {
    const full = legitDocx();
    return {
      name: 'docx-truncated',
      what: '截断的 .docx（前 60%）',
      expect: 'refuse',
      input: upload('截断.docx', full.slice(0, Math.floor(full.length * 0.6))),
    };
  },
  () => {
    const exe = Buffer.alloc(4096);
    Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1').copy(exe);
    Buffer.from('This program cannot be run in DOS mode.').copy(exe, 78);
    return {
      name: 'exe-renamed-xlsx',
      what: '.exe 改名为 .xlsx',
      expect: 'refuse',
      input: upload('报表.xlsx', new Uint8Array(exe)),
    };
  },
  () => ({
    name: 'pdf-renamed-xlsx',
    what: '.pdf 改名为 .xlsx',
    expect: 'refuse',
    input: upload(
      '报表.xlsx',
      strToU8('%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'),
    ),
  }),
  () => ({
    name: 'xlsx-encrypted-cfb',
    what: '设置了打开密码的 .xlsx（CFB + EncryptionInfo）',
    expect: 'refuse',
    input: upload('加密.xlsx', encryptedXlsx()),
  }),
  () => ({
    name: 'docx-zip-encrypted-flag',
    what: 'zip 条目设置了加密标志（PKWARE）',
    expect: 'refuse',
    input: upload('加密.docx', withEncryptedFlag(legitDocx())),
  }),
  () => {
    const files: Zippable = docxParts(docXml('<w:p/>'));
    for (let i = 0; i < 5000; i++) files[`word/media/x${i}.txt`] = strToU8('x');
    return {
      name: 'docx-5000-entries',
      what: '.docx 含 5,000 个部件',
      expect: 'refuse',
      input: upload('部件.docx', zipSync(files, { level: 0 })),
    };
  },
  () => ({
    name: 'docx-nested-tables-3000',
    what: '.docx 3,000 层嵌套表格',
    expect: 'either',
    input: upload('嵌套.docx', nestedTablesDocx(3000)),
  }),
  () => {
    const sheet = `${XML}<worksheet ${S}><dimension ref="A1:XFD1048576"/><sheetData>${headerRow()}<row r="1048576">${inlineCell('XFD1048576', '远处')}</row></sheetData></worksheet>`;
    return {
      name: 'xlsx-far-cell-XFD1048576',
      what: '.xlsx 只有表头和 XFD1048576 一个远处单元格',
      expect: 'either',
      input: upload('远处.xlsx', zipSync(xlsxParts(sheet))),
    };
  },
  () => {
    const cells = Array.from({ length: 16_384 }, (_, c) => `<c t="inlineStr"><is><t>列${c}</t></is></c>`).join('');
    const sheet = `${XML}<worksheet ${S}><sheetData><row r="1">${cells}</row><row r="2">${cells}</row></sheetData></worksheet>`;
    return {
      name: 'xlsx-16384-columns',
      what: '.xlsx 两行 × 16,384 列',
      expect: 'either',
      input: upload('宽表.xlsx', zipSync(xlsxParts(sheet))),
    };
  },
  () => ({
    name: 'paste-control-chars',
    what: '粘贴内容含 NUL 等控制字符',
    expect: 'refuse',
    input: { kind: 'paste', text: `项目名称\t牵头单位\n路灯\u0000改造\t青石街道` },
  }),
  () => ({
    name: 'oversize-25MiB',
    what: '25 MiB 文本文件（上限 20 MB）',
    expect: 'refuse',
    input: upload('大文件.txt', new Uint8Array(25 << 20).fill(0x61)),
  }),
  async () => ({
    name: 'xlsx-50000-rows-legit',
    what: 'exceljs 写出的 50,000 行正常 .xlsx',
    expect: 'accept',
    input: upload('五万行.xlsx', await legitXlsx(50_000)),
  }),
];

let cache: Promise<HostileCase[]> | null = null;

/** Every case, generated once per run (the bytes are reused for the second engine). */
export function hostileCases(): Promise<HostileCase[]> {
  cache ??= (async () => {
    const out: HostileCase[] = [];
    for (const f of FACTORIES) out.push(await f());
    return out;
  })();
  return cache;
}
