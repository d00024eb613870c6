/**
 * A zip reader that checks before it inflates: entry count, declared total size and compression ratio from the
 * central directory, then counts bytes while inflating (central-directory sizes can lie) and stops at the budget.
 * Only the parts asked for are ever decompressed.
 */
import { Inflate } from 'fflate';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, type ImportLimits, mb } from './errors';

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

const CORRUPT = '文件已损坏或不完整（压缩包结构无法读取），请重新保存后再导入';

function u16(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
}

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** Offset of the end-of-central-directory record (searched backwards over the last 64 KB comment at most). */
function findEndOfDirectory(b: Uint8Array): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
}

/** One central-directory entry at p; refuses encrypted and ZIP64 entries. Returns the entry and the next offset. */
function readDirectoryEntry(b: Uint8Array, p: number): { entry: ZipEntry; next: number } {
  if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
  const flags = u16(b, p + 8);
  const method = u16(b, p + 10);
  const compressedSize = u32(b, p + 20);
  const size = u32(b, p + 24);
  const nameLen = u16(b, p + 28);
  const extraLen = u16(b, p + 30);
  const commentLen = u16(b, p + 32);
  const localOffset = u32(b, p + 42);
  if (p + 46 + nameLen > b.length) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
  const rawName = b.subarray(p + 46, p + 46 + nameLen);
  const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
  if (flags & 0x1) throw new ImportFileError('ZIP_ENCRYPTED', '文件已加密（设置了打开密码），请取消密码后再导入');
  if (size === 0xffffffff || compressedSize === 0xffffffff) {
    throw new ImportFileError('CORRUPT_ZIP', '不支持 ZIP64 格式的文件，请用 Word/Excel 重新保存后再导入');
  }
  return {
    entry: { name, method, flags, compressedSize, size, localOffset },
    next: p + 46 + nameLen + extraLen + commentLen,
  };
}

export class SafeZip {
  readonly entries = new Map<string, ZipEntry>();
  private readonly bytes: Uint8Array;
  private readonly limits: ImportLimits;
  private inflated = 0;

  constructor(bytes: Uint8Array, limits: Partial<ImportLimits> = {}) {
    this.bytes = bytes;
    this.limits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
    this.readDirectory();
  }

  private readDirectory(): void {
    const b = this.bytes;
    const eocd = findEndOfDirectory(b);
    const count = u16(b, eocd + 10);
    const cdSize = u32(b, eocd + 12);
    const cdOffset = u32(b, eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) {
      throw new ImportFileError('CORRUPT_ZIP', '不支持 ZIP64 格式的文件，请用 Word/Excel 重新保存后再导入');
    }
    if (count > this.limits.maxZipEntries) {
      throw new ImportFileError(
        'ZIP_TOO_MANY_ENTRIES',
        `文件内部包含 ${count} 个部件，超过上限 ${this.limits.maxZipEntries} 个，疑似异常文件，已拒绝`,
        413,
      );
    }
    if (cdOffset + cdSize > eocd || cdOffset >= b.length) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
    let p = cdOffset;
    let declared = 0;
    for (let n = 0; n < count; n++) {
      const { entry, next } = readDirectoryEntry(b, p);
      declared += entry.size;
      this.checkSizes(entry, declared);
      if (!this.entries.has(entry.name)) this.entries.set(entry.name, entry);
      p = next;
    }
  }

  /** Refuse zip bombs: too much in total once inflated, or one large part compressed too well. */
  private checkSizes(e: ZipEntry, declared: number): void {
    if (declared > this.limits.maxUncompressedBytes) {
      throw new ImportFileError(
        'ZIP_TOO_LARGE',
        `文件解压后超过 ${mb(this.limits.maxUncompressedBytes)}，疑似压缩炸弹，已拒绝`,
        413,
      );
    }
    if (e.size > 1024 * 1024 && e.size / Math.max(1, e.compressedSize) > this.limits.maxCompressionRatio) {
      throw new ImportFileError(
        'ZIP_RATIO',
        `文件内部部件“${e.name}”的压缩比异常（${Math.round(e.size / Math.max(1, e.compressedSize))}:1），疑似压缩炸弹，已拒绝`,
        413,
      );
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Inflate one entry, never producing more than its declared size or the remaining budget. */
  read(name: string): Uint8Array {
    const e = this.entries.get(name);
    if (!e) throw new ImportFileError('CORRUPT_ZIP', `文件缺少必要的部件 ${name}，请用 Word/Excel 重新保存后再导入`);
    const b = this.bytes;
    const lo = e.localOffset;
    if (lo + 30 > b.length || u32(b, lo) !== 0x04034b50) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
    const start = lo + 30 + u16(b, lo + 26) + u16(b, lo + 28);
    const end = start + e.compressedSize;
    if (end > b.length) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
    const data = b.subarray(start, end);
    const budget = this.limits.maxUncompressedBytes - this.inflated;
    if (e.method === 0) {
      if (e.size !== e.compressedSize) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
      this.inflated += data.length;
      return data;
    }
    if (e.method !== 8)
      throw new ImportFileError('CORRUPT_ZIP', `文件使用了不支持的压缩方式（${e.method}），请重新保存后再导入`);
    const cap = Math.min(e.size, budget);
    const out = new Uint8Array(e.size);
    let total = 0;
    let tooBig = false;
    const inf = new Inflate((chunk) => {
      if (total + chunk.length > cap) {
        tooBig = true;
        throw new ImportFileError(
          'ZIP_RATIO',
          `文件内部部件“${name}”解压后的大小与声明不符（超过 ${mb(cap)}），疑似压缩炸弹，已拒绝`,
          413,
        );
      }
      out.set(chunk, total);
      total += chunk.length;
    });
    try {
      const step = 16 * 1024;
      if (data.length === 0) inf.push(new Uint8Array(0), true);
      for (let i = 0; i < data.length; i += step) inf.push(data.subarray(i, i + step), i + step >= data.length);
    } catch (err) {
      if (err instanceof ImportFileError) throw err;
      if (tooBig) throw err;
      throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
    }
    if (total !== e.size) throw new ImportFileError('CORRUPT_ZIP', CORRUPT);
    this.inflated += total;
    return out;
  }
}
