/**
 * Low-level building blocks shared by the providers: the error type, the 国密 availability check, data-key parsing
 * and HKDF (RFC 5869) — Node's hkdf when it accepts the hash, else a hand-written HMAC-based one (used for SM3 on
 * OpenSSL builds whose HKDF does not take it).
 */
import { createHmac, getCiphers, getHashes, hkdfSync } from 'node:crypto';

/** A cryptographic failure: missing algorithm, bad key material, tampered or undecryptable data. */
export class CryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CryptoError';
  }
}

/** What the runtime offers; tests pass a restricted list to simulate an OpenSSL build without 国密 algorithms. */
export type AlgorithmList = { hashes: readonly string[]; ciphers: readonly string[] };

export const runtimeAlgorithms = (): AlgorithmList => ({ hashes: getHashes(), ciphers: getCiphers() });

/** The SM algorithms the 'sm' provider needs. */
const SM_REQUIRED = { hashes: ['sm3'], ciphers: ['sm4-ctr', 'sm4-ecb'] } as const;

/** Throw a Chinese error naming what is missing when the runtime's OpenSSL lacks SM3/SM4. */
export function assertSmSupport(available: AlgorithmList = runtimeAlgorithms()): void {
  const hashes = new Set(available.hashes.map((h) => h.toLowerCase()));
  const ciphers = new Set(available.ciphers.map((c) => c.toLowerCase()));
  const missing = [
    ...SM_REQUIRED.hashes.filter((h) => !hashes.has(h)),
    ...SM_REQUIRED.ciphers.filter((c) => !ciphers.has(c)),
  ];
  if (missing.length > 0) {
    throw new CryptoError(
      `当前 Node.js 所用的 OpenSSL 构建缺少国密算法（${missing.join('、')}），无法使用 CRYPTO_PROVIDER=sm；` +
        '请换用带 SM3/SM4 的 Node.js/OpenSSL 构建，或设置 CRYPTO_PROVIDER=standard',
    );
  }
}

/** Parse DATA_KEY: hex (even length) or base64/base64url, 16–64 bytes. */
export function parseDataKey(dataKey: string): Buffer {
  const v = dataKey.trim();
  const key =
    /^[0-9a-f]+$/i.test(v) && v.length % 2 === 0
      ? Buffer.from(v, 'hex')
      : /^[A-Za-z0-9+/_-]+={0,2}$/.test(v)
        ? Buffer.from(v, 'base64')
        : Buffer.alloc(0);
  if (key.length < 16 || key.length > 64) {
    throw new CryptoError('DATA_KEY 无效：应为 16–64 字节的十六进制或 base64 字符串（可用 openssl rand -hex 32 生成）');
  }
  return key;
}

/** HKDF (RFC 5869) written out with HMAC: extract, then expand. */
export function hkdfManual(hash: string, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Buffer {
  const hashLen = createHmac(hash, '').digest().length;
  if (length > 255 * hashLen) throw new CryptoError(`HKDF 输出长度过大：${length}`);
  const prk = createHmac(hash, salt.length > 0 ? salt : Buffer.alloc(hashLen))
    .update(ikm)
    .digest();
  const blocks: Buffer[] = [];
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 1; blocks.length * hashLen < length; i++) {
    previous = createHmac(hash, prk)
      .update(previous)
      .update(info)
      .update(Buffer.from([i]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF with Node's implementation, falling back to the hand-written one when this OpenSSL's HKDF rejects the hash. */
export function hkdf(hash: string, ikm: Uint8Array, salt: Uint8Array, info: string, length: number): Buffer {
  const infoBytes = Buffer.from(info, 'utf8');
  try {
    return Buffer.from(hkdfSync(hash, ikm, salt, infoBytes, length));
  } catch {
    return hkdfManual(hash, ikm, salt, infoBytes, length);
  }
}
