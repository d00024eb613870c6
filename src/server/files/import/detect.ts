/**
 * File type by content (magic bytes), never by extension alone: PK zip → .docx/.xlsx by the parts inside;
 * D0CF11E0 → legacy .doc/.xls (asked to re-save); images/PDF/executables rejected; everything else is text.
 */
import { ImportFileError } from './errors';
import type { SafeZip } from './safe-zip';

export type DetectedKind = 'zip' | 'text';

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((v, i) => b[i] === v);
}

function ext(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(fileName);
  return m?.[1]?.toLowerCase() ?? '';
}

/** First look at the bytes. Throws ImportFileError for types that are never imported. */
export function detectKind(bytes: Uint8Array, fileName: string): DetectedKind {
  const e = ext(fileName);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const what =
      e === 'xls' || e === 'et'
        ? 'Excel 97-2003（.xls）'
        : e === 'doc' || e === 'wps'
          ? 'Word 97-2003（.doc）'
          : '旧版 Office（.doc/.xls）';
    throw new ImportFileError(
      'LEGACY_FORMAT',
      `这是${what}格式，系统只读取新格式。请用 Word 或 WPS 另存为 .docx，或用 Excel/WPS 表格另存为 .xlsx 后再导入`,
      415,
    );
  }
  const kind = sniffBinary(bytes);
  if (kind) {
    throw new ImportFileError(
      'UNSUPPORTED_TYPE',
      `文件内容是${kind}${e ? `（扩展名为 .${e}）` : ''}，不是 Word/Excel 表格或文本，无法导入。请上传 .docx、.xlsx 或表格的文本副本`,
      415,
    );
  }
  return 'text';
}

function sniffBinary(b: Uint8Array): string | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'PNG 图片';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'JPEG 图片';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'GIF 图片';
  if (startsWith(b, [0x42, 0x4d]) && b.length > 26 && b[14] !== undefined && b[14] <= 124 && b[15] === 0)
    return 'BMP 图片';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'PDF 文档';
  if (startsWith(b, [0x4d, 0x5a])) return '可执行程序';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return '可执行程序';
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21])) return 'RAR 压缩包';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf])) return '7z 压缩包';
  if (startsWith(b, [0x1f, 0x8b])) return 'gzip 压缩包';
  if (startsWith(b, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'RTF 文档（请另存为 .docx）';
  // Binary data: NUL bytes in the first 8 KB of something that is not UTF-16.
  const n = Math.min(b.length, 8192);
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (!utf16) {
    let nul = 0;
    for (let i = 0; i < n; i++) if (b[i] === 0) nul++;
    if (nul > 0) return '二进制数据';
  }
  return null;
}

/** Inside a zip: which Office document it is. */
export function detectZipKind(zip: SafeZip): 'docx' | 'xlsx' {
  if (zip.has('word/document.xml')) return 'docx';
  if (zip.has('xl/workbook.xml')) return 'xlsx';
  const names = zip.names();
  if (names.some((n) => n === 'content.xml') && names.some((n) => n === 'mimetype')) {
    throw new ImportFileError(
      'UNSUPPORTED_TYPE',
      '这是 OpenDocument（.odt/.ods）文件，请另存为 .docx 或 .xlsx 后再导入',
      415,
    );
  }
  if (names.some((n) => n.startsWith('ppt/'))) {
    throw new ImportFileError(
      'UNSUPPORTED_TYPE',
      '这是 PowerPoint 演示文稿，请把表格复制到 Word 或 Excel 后再导入',
      415,
    );
  }
  throw new ImportFileError(
    'UNSUPPORTED_TYPE',
    '这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件，无法导入',
    415,
  );
}

/** Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030 (GBK files from Windows). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFileError(
        'TEXT_ENCODING',
        '无法识别文本文件的编码（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 编码后再导入',
      );
    }
  }
}
