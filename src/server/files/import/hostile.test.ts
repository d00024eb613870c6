/**
 * Hostile and broken files: each is rejected quickly, with its own Chinese message, without inflating or
 * evaluating anything it should not. Everything is generated here (no binary fixtures committed).
 */
import { Deflate, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import { docxFromBody, docxFromXml, p, tbl, tc, tr, xlsxFromSheets } from './__fixtures__/minimal';
import { ImportFileError } from './errors';
import { readImportFile, readPastedText } from './read-import-file';

function rejects(fn: () => unknown, code: string): ImportFileError {
  const t0 = performance.now();
  try {
    fn();
  } catch (err) {
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(err).toBeInstanceOf(ImportFileError);
    const e = err as ImportFileError;
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    return e;
  }
  throw new Error(`expected ${code}, nothing thrown`);
}

/** Overwrite the declared uncompressed size (central directory and local header) of every entry. */
function patchSizes(zip: Uint8Array, size: number): Uint8Array {
  const b = zip.slice();
  const dv = new DataView(b.buffer);
  for (let i = 0; i + 4 <= b.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x02014b50) dv.setUint32(i + 24, size, true);
    else if (sig === 0x04034b50) dv.setUint32(i + 22, size, true);
  }
  return b;
}

function deflated(chunk: Uint8Array, times: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = new Deflate({ level: 1 }, (data) => parts.push(data));
  for (let i = 0; i < times; i++) d.push(chunk, i === times - 1);
  const out = new Uint8Array(parts.reduce((s, x) => s + x.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

/** A zip with one deflated entry whose headers declare `declared` bytes. */
function rawZip(name: string, data: Uint8Array, declared: number, flags = 0): Uint8Array {
  const nameBytes = strToU8(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, flags, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const cd = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(cd.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, flags, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(42, 0, true);
  cd.set(nameBytes, 46);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, cd.length, true);
  ev.setUint32(16, local.length + data.length, true);
  const out = new Uint8Array(local.length + data.length + cd.length + eocd.length);
  out.set(local, 0);
  out.set(data, local.length);
  out.set(cd, local.length + data.length);
  out.set(eocd, local.length + data.length + cd.length);
  return out;
}

const goodDocx = docxFromBody(
  p('龙华区2023年第三季度民生实事项目进展情况') +
    tbl([tr([tc('序号'), tc('项目名称'), tc('进展情况')]), tr([tc('1'), tc('公园建设'), tc('已完工')])]),
);

describe('hostile and broken files', () => {
  it('the control file imports', () => {
    const prev = buildImportPreview(readImportFile(goodDocx, 'ok.docx'));
    expect(prev.items).toHaveLength(1);
  });

  it('100 MB file: refused by size before anything is parsed', () => {
    const big = new Uint8Array(100 * 1024 * 1024); // zero pages, never touched
    const e = rejects(() => readImportFile(big, 'big.docx'), 'FILE_TOO_LARGE');
    expect(e.status).toBe(413);
    expect(e.message).toContain('100.0 MB');
    rejects(() => readImportFile(goodDocx, 'ok.docx', { limits: { maxFileBytes: 100 } }), 'FILE_TOO_LARGE');
  });

  it('zip bomb with honest headers (declared > 100 MB): refused before inflating', () => {
    rejects(() => readImportFile(patchSizes(goodDocx, 150 * 1024 * 1024), 'bomb.docx'), 'ZIP_TOO_LARGE');
  });

  it('zip bomb by ratio (20 MB of spaces in a few KB)', () => {
    const data = deflated(new Uint8Array(1024 * 1024).fill(32), 20);
    rejects(() => readImportFile(rawZip('word/document.xml', data, 20 * 1024 * 1024), 'ratio.docx'), 'ZIP_RATIO');
  });

  it('zip bomb with lying headers (declares 1 KB, inflates to 8 MB): stops at the declared size', () => {
    const data = deflated(new Uint8Array(1024 * 1024).fill(32), 8);
    const before = process.memoryUsage().rss;
    const e = rejects(() => readImportFile(rawZip('word/document.xml', data, 1024), 'liar.docx'), 'ZIP_RATIO');
    expect(e.message).toContain('超过 1.0 KB'); // the declared size, as people read it (not "0.00 MB")
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('more than 1,000 entries', () => {
    const files: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i < 1001; i++) files[`word/media/x${i}.bin`] = new Uint8Array(1);
    rejects(() => readImportFile(zipSync(files), 'many.docx'), 'ZIP_TOO_MANY_ENTRIES');
  });

  it('DOCTYPE / entity expansion / external entity in document.xml', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>`;
    rejects(() => readImportFile(docxFromXml(laughs), 'lol.docx'), 'XML_DOCTYPE');
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`;
    rejects(() => readImportFile(docxFromXml(xxe), 'xxe.docx'), 'XML_DOCTYPE');
    const canary = `<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/canary.dtd"><w:document xmlns:w="x"/>`;
    rejects(() => readImportFile(docxFromXml(canary), 'canary.docx'), 'XML_DOCTYPE');
  });

  it('DOCTYPE in an xlsx part (sharedStrings)', () => {
    const x = xlsxFromSheets([{ name: 'S', rows: [['a']] }], {
      sstXml: '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY big "aaaaaaaaaaaaaaaa">]><sst><si><t>&big;</t></si></sst>',
    });
    rejects(() => readImportFile(x, 'x.xlsx'), 'XML_DOCTYPE');
  });

  it('undefined entity / broken XML', () => {
    rejects(
      () => readImportFile(docxFromXml('<w:document><w:body><w:p>&foo;</w:p></w:body></w:document>'), 'bad.docx'),
      'XML_INVALID',
    );
    rejects(() => readImportFile(docxFromXml('<w:document><w:body><w:p></w:body>'), 'bad.docx'), 'XML_INVALID');
  });

  it('truncated zip', () => {
    rejects(() => readImportFile(goodDocx.subarray(0, Math.floor(goodDocx.length / 2)), 'half.docx'), 'CORRUPT_ZIP');
    // Directory intact, data cut: the entry cannot be read.
    const cut = goodDocx.slice();
    const at = Buffer.from(cut).indexOf('word/document.xml');
    cut.fill(0xff, at + 20, at + 80);
    expect(() => readImportFile(cut, 'cut.docx')).toThrow(ImportFileError);
  });

  it('a .png renamed .docx, a PDF, an executable', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = rejects(() => readImportFile(png, '进展表.docx'), 'UNSUPPORTED_TYPE');
    expect(e.message).toContain('PNG');
    rejects(() => readImportFile(strToU8('%PDF-1.7\n...'), 'a.xlsx'), 'UNSUPPORTED_TYPE');
    rejects(() => readImportFile(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'a.docx'), 'UNSUPPORTED_TYPE');
  });

  it('legacy .doc / .xls: asked to save as .docx / .xlsx', () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(rejects(() => readImportFile(ole, '表.doc'), 'LEGACY_FORMAT').message).toContain('.docx');
    expect(rejects(() => readImportFile(ole, '表.xls'), 'LEGACY_FORMAT').message).toContain('.xlsx');
  });

  it('a password-protected .xlsx (an OLE container with EncryptedPackage) is named as encrypted', () => {
    const name = Buffer.from('EncryptedPackage', 'utf16le');
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(name, 512);
    const e = rejects(() => readImportFile(ole, '进展表.xlsx'), 'ENCRYPTED');
    expect(e.message).toMatch(/打开密码/);
    expect(e.message).not.toMatch(/旧版/);
  });

  it('macro-enabled files are refused', () => {
    const x = xlsxFromSheets([{ name: 'S', rows: [['a']] }], { extra: { 'xl/vbaProject.bin': new Uint8Array(10) } });
    rejects(() => readImportFile(x, 'm.xlsm'), 'MACRO');
  });

  it('encrypted entries are refused', () => {
    const data = deflated(strToU8('<w:document/>'), 1);
    rejects(() => readImportFile(rawZip('word/document.xml', data, 13, 1), 'enc.docx'), 'ZIP_ENCRYPTED');
  });

  it('empty file / blank text', () => {
    rejects(() => readImportFile(new Uint8Array(0), 'e.docx'), 'EMPTY_FILE');
    rejects(() => readImportFile(strToU8('  \n\n'), 'e.txt'), 'EMPTY_FILE');
    rejects(() => readPastedText(''), 'EMPTY_FILE');
  });

  it('an empty table: read, then a clear "no items" message', () => {
    const empty = docxFromBody(tbl([tr([tc(''), tc('')]), tr([tc(''), tc('')])]));
    const prev = buildImportPreview(readImportFile(empty, 'empty.docx'));
    expect(prev.items).toHaveLength(0);
    const w = prev.warnings.find((x) => x.code === 'NO_ITEMS');
    expect(w?.message).toMatch(/没有/);
    const headerOnly = docxFromBody(tbl([tr([tc('序号'), tc('项目名称'), tc('进展情况')])]));
    expect(buildImportPreview(readImportFile(headerOnly, 'h.docx')).warnings.some((x) => x.code === 'NO_ITEMS')).toBe(
      true,
    );
  });

  it('an OpenDocument or random zip is not taken for Office', () => {
    const odt = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': strToU8('<x/>'),
    });
    rejects(() => readImportFile(odt, 'a.docx'), 'UNSUPPORTED_TYPE');
    rejects(() => readImportFile(zipSync({ 'a.txt': strToU8('x') }), 'a.xlsx'), 'UNSUPPORTED_TYPE');
  });

  it('HTML paste with scripts: nothing is run, script text is not imported', () => {
    const g = globalThis as { __pwned?: boolean };
    const html = `<script>globalThis.__pwned = true</script><img src=x onerror="globalThis.__pwned=true"><table><tr><td>项目名称</td><td>进展情况</td></tr><tr><td>公园<script>alert(1)</script></td><td onclick="x()">完工</td></tr></table>`;
    const prev = buildImportPreview(readPastedText(html));
    expect(g.__pwned).toBeUndefined();
    expect(prev.items).toHaveLength(1);
    expect(prev.items[0]?.name).toBe('公园');
    expect(JSON.stringify(prev)).not.toContain('alert');
  });

  it('huge gridSpan / rowspan values stay bounded', () => {
    const doc = docxFromBody(
      tbl([tr([tc('项目名称'), tc('进展情况', '<w:gridSpan w:val="99999999"/>')]), tr([tc('公园'), tc('完工')])]),
    );
    const r = readImportFile(doc, 'span.docx');
    expect(r.tables[0]!.rows[0]!.length).toBeLessThanOrEqual(200);
    const html =
      '<table><tr><td rowspan="999999999" colspan="999999">项目名称</td><td>进展情况</td></tr><tr><td>完工</td></tr></table>';
    const h = readPastedText(html);
    expect(h.tables[0]!.rows.length).toBe(2);
  });
});
