/** Standard vectors for SM3 (GB/T 32905-2016) and SM4 (GB/T 32907-2016), and hand-built HMAC/HKDF/PBKDF2-SM3. */
import { createCipheriv, createHash, createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hkdf, hkdfManual } from './primitives';
import { createCryptoProvider } from './provider';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const sm3 = (...parts: Buffer[]) => {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** HMAC-SM3 by hand (RFC 2104, block size 64), from the SM3 hash only. */
function hmacSm3(key: Buffer, data: Buffer): Buffer {
  const k = Buffer.alloc(64);
  (key.length > 64 ? sm3(key) : key).copy(k);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  return sm3(opad, sm3(ipad, data));
}

/** PBKDF2 (RFC 8018) over the hand-written HMAC-SM3. */
function pbkdf2Sm3(password: Buffer, salt: Buffer, iterations: number, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 1; blocks.length * 32 < length; i++) {
    const index = Buffer.alloc(4);
    index.writeUInt32BE(i);
    let u = hmacSm3(password, Buffer.concat([salt, index]));
    const t = Buffer.from(u);
    for (let j = 1; j < iterations; j++) {
      u = hmacSm3(password, u);
      for (let b = 0; b < t.length; b++) t[b]! ^= u[b]!;
    }
    blocks.push(t);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

describe('SM3 (GB/T 32905-2016)', () => {
  it('hashes "abc"', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('hashes "abcd" × 16 (512 bits)', () => {
    expect(createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SM4 (GB/T 32907-2016)', () => {
  const key = hex('0123456789abcdeffedcba9876543210');

  it('encrypts one block', () => {
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([c.update(key), c.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('encrypts one block 1,000,000 times (≈ 1.1 s here)', () => {
    const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    let block = key;
    for (let i = 0; i < 1_000_000; i++) block = c.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  });
});

describe('HMAC-SM3, HKDF-SM3 and PBKDF2-HMAC-SM3 against hand-written versions', () => {
  it('HMAC-SM3 matches RFC 2104 by hand, for short and long keys', () => {
    for (const key of [Buffer.from('key'), Buffer.alloc(64, 7), Buffer.alloc(100, 9)]) {
      const data = Buffer.from('The quick brown fox jumps over the lazy dog');
      expect(createHmac('sm3', key).update(data).digest()).toEqual(hmacSm3(key, data));
    }
  });

  it('HKDF-SM3 (Node, the fallback, and RFC 5869 by hand) agree, over several output blocks', () => {
    const ikm = hex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
    const salt = hex('000102030405060708090a0b0c');
    const info = Buffer.from('shishi/field/sm4-ctr/v1');
    const prk = hmacSm3(salt, ikm);
    let t: Buffer = Buffer.alloc(0);
    const okm: Buffer[] = [];
    for (let i = 1; i <= 3; i++) {
      t = hmacSm3(prk, Buffer.concat([t, info, Buffer.from([i])]));
      okm.push(t);
    }
    const expected = Buffer.concat(okm).subarray(0, 82);
    expect(hkdfManual('sm3', ikm, salt, info, 82)).toEqual(expected);
    expect(hkdf('sm3', ikm, salt, 'shishi/field/sm4-ctr/v1', 82)).toEqual(expected);
    expect(Buffer.from(hkdfSync('sm3', ikm, salt, info, 82))).toEqual(expected);
  });

  it('the HKDF fallback reproduces RFC 5869 test case 1 (SHA-256)', () => {
    const okm = hkdfManual(
      'sha256',
      hex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'),
      hex('000102030405060708090a0b0c'),
      hex('f0f1f2f3f4f5f6f7f8f9'),
      42,
    );
    expect(okm.toString('hex')).toBe(
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
  });

  it('PBKDF2-HMAC-SM3 matches RFC 8018 by hand (1, 2 and 1000 iterations, two output blocks)', () => {
    const password = Buffer.from('pässwörd'.normalize('NFKC'));
    const salt = hex('000102030405060708090a0b0c0d0e0f');
    for (const iterations of [1, 2, 1000]) {
      expect(pbkdf2Sync(password, salt, iterations, 48, 'sm3')).toEqual(pbkdf2Sm3(password, salt, iterations, 48));
    }
  });

  it('a pbkdf2-sm3 hash built by hand verifies under both providers, and one made by the provider recomputes', async () => {
    const salt = hex('a1a2a3a4a5a6a7a8a9aaabacadaeafb0');
    const key = pbkdf2Sm3(Buffer.from('ｐａｓｓ１２３'.normalize('NFKC')), salt, 1000, 32);
    const stored = `pbkdf2-sm3$1000$${salt.toString('base64url')}$${key.toString('base64url')}`;
    for (const provider of [createCryptoProvider('sm', null), createCryptoProvider('standard', null)]) {
      expect(await provider.verifyPassword('ｐａｓｓ１２３', stored)).toBe(true); // full-width: NFKC → "pass123"
      expect(await provider.verifyPassword('pass123', stored)).toBe(true);
      expect(await provider.verifyPassword('pass124', stored)).toBe(false);
    }
    const made = await createCryptoProvider('sm', null).hashPassword('pass123');
    const [scheme, iterations, s64, k64] = made.split('$') as [string, string, string, string];
    expect(scheme).toBe('pbkdf2-sm3');
    const again = pbkdf2Sync('pass123', Buffer.from(s64, 'base64url'), Number(iterations), 32, 'sm3');
    expect(again.toString('base64url')).toBe(k64);
  });
});
