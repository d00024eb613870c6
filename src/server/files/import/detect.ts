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

/** Whether the UTF-16LE form of `name` (a stream name in an OLE directory) occurs in the bytes. */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/** First look at the bytes. Throws ImportFileError for types that are never imported. */
export function detectKind(bytes: Uint8Array, fileName: string): DetectedKind {
  const e = ext(fileName);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // A password-protected .docx/.xlsx is stored in the old container with an EncryptedPackage stream.
    if (hasUtf16Name(bytes, 'EncryptedPackage'))
      throw new ImportFileError(
        'ENCRYPTED',
        '文件设置了打开密码（已加密），系统无法读取。请在 Word/Excel/WPS 中取消密码（文件 → 信息 → 保护 → 用密码进行加密，清空密码）后另存再导入',
        415,
      );
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

/** Magic numbers of files people upload by mistake. */
const SIGNATURES: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF 图片'],
];
const LATER_SIGNATURES: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文档'],
  [[0x4d, 0x5a], '可执行程序'],
  [[0x7f, 0x45, 0x4c, 0x46], '可执行程序'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR 压缩包'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7z 压缩包'],
  [[0x1f, 0x8b], 'gzip 压缩包'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF 文档（请另存为 .docx）'],
];

function isBmp(b: Uint8Array): boolean {
  return startsWith(b, [0x42, 0x4d]) && b.length > 26 && b[14] !== undefined && b[14] <= 124 && b[15] === 0;
}

/** Binary data: NUL bytes in the first 8 KB of something that is not UTF-16. */
function hasNulBytes(b: Uint8Array): boolean {
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (utf16) return false;
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

function sniffBinary(b: Uint8Array): string | null {
  for (const [sig, kind] of SIGNATURES) if (startsWith(b, sig)) return kind;
  if (isBmp(b)) return 'BMP 图片';
  for (const [sig, kind] of LATER_SIGNATURES) if (startsWith(b, sig)) return kind;
  return hasNulBytes(b) ? '二进制数据' : null;
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
