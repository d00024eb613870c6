/** The crypto provider: field encryption, digests, password formats, keys and errors (no database). */
import { createHash, createHmac, getCiphers, getHashes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DUMMY_HASHES, PBKDF2_SM3 } from './password-hash';
import { CryptoError, type CryptoProviderName, createCryptoProvider } from './provider';

const KEY_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const OTHER_KEY = 'ff'.repeat(32);
const NAMES: CryptoProviderName[] = ['standard', 'sm'];

/** Flip one bit in the payload of a token, at byte `at` (negative counts from the end). */
function flip(token: string, at: number): string {
  const i = token.lastIndexOf(':') + 1;
  const payload = Buffer.from(token.slice(i), 'base64url');
  const j = at < 0 ? payload.length + at : at;
  payload[j] = payload[j]! ^ 0x01;
  return token.slice(0, i) + payload.toString('base64url');
}

describe.each(NAMES)('field encryption (%s)', (name) => {
  const p = createCryptoProvider(name, KEY_HEX);
  const prefix = name === 'sm' ? 'enc:sm4ctr-hmacsm3:v1:' : 'enc:aes256gcm:v1:';

  it('round-trips text, empty strings and non-ASCII, with the version prefix and a fresh IV each time', () => {
    for (const plain of ['13800138000', '', '张三 110101199003077777 😀', 'x'.repeat(5000)]) {
      const a = p.encryptField(plain);
      const b = p.encryptField(plain);
      expect(a.startsWith(prefix)).toBe(true);
      expect(a).not.toBe(b);
      expect(p.isEncryptedField(a)).toBe(true);
      expect(p.decryptField(a)).toBe(plain);
      expect(p.decryptField(b)).toBe(plain);
    }
  });

  it('detects tampering anywhere: IV, ciphertext, tag, truncation, prefix', () => {
    const token = p.encryptField('13800138000');
    for (const at of [0, 13, 20, -1, -20]) expect(() => p.decryptField(flip(token, at))).toThrow(CryptoError);
    expect(() => p.decryptField(token.slice(0, -4))).toThrow(/篡改/);
    expect(() => p.decryptField(`${prefix}AAAA`)).toThrow(/篡改/);
    expect(() => p.decryptField(`${prefix}***`)).toThrow(/篡改/);
    expect(() => p.decryptField(token.replace(':v1:', ':v2:'))).toThrow(/不是加密字段/);
    expect(() => p.decryptField('13800138000')).toThrow(/不是加密字段/);
  });

  it('rejects a wrong key', () => {
    const token = p.encryptField('13800138000');
    expect(() => createCryptoProvider(name, OTHER_KEY).decryptField(token)).toThrow(/DATA_KEY/);
  });

  it('binds the context: a token for one column does not decrypt as another', () => {
    const token = p.encryptField('13800138000', 'users.phone');
    expect(p.decryptField(token, 'users.phone')).toBe('13800138000');
    expect(() => p.decryptField(token, 'users.idNumber')).toThrow(CryptoError);
    expect(() => p.decryptField(token)).toThrow(CryptoError);
  });

  it('accepts the key as base64 too (same bytes, same keys)', () => {
    const b64 = createCryptoProvider(name, Buffer.from(KEY_HEX, 'hex').toString('base64'));
    expect(b64.decryptField(p.encryptField('x'))).toBe('x');
  });

  it('without DATA_KEY, field encryption and mac throw a Chinese error naming DATA_KEY; the rest works', async () => {
    const none = createCryptoProvider(name, null);
    expect(() => none.encryptField('x')).toThrow(/未配置 DATA_KEY/);
    expect(() => none.decryptField(p.encryptField('x'))).toThrow(/未配置 DATA_KEY/);
    expect(() => none.mac('x')).toThrow(/DATA_KEY/);
    expect(await none.verifyPassword('pw', await none.hashPassword('pw'))).toBe(true);
    expect(none.digest('abc')).toHaveLength(64);
  });
});

describe('switching provider keeps data readable', () => {
  it('either provider decrypts the other’s tokens with the same DATA_KEY', () => {
    const std = createCryptoProvider('standard', KEY_HEX);
    const sm = createCryptoProvider('sm', KEY_HEX);
    expect(sm.decryptField(std.encryptField('a'))).toBe('a');
    expect(std.decryptField(sm.encryptField('b'))).toBe('b');
  });

  it('the two providers derive different sub-keys (an SM token is not an AES token under another name)', () => {
    const std = createCryptoProvider('standard', KEY_HEX);
    const sm = createCryptoProvider('sm', KEY_HEX);
    expect(std.mac('x')).not.toBe(sm.mac('x'));
    expect(std.mac('x')).toHaveLength(64);
    expect(std.mac('x')).not.toBe(createCryptoProvider('standard', OTHER_KEY).mac('x'));
  });
});

describe('digest and hmac', () => {
  it('standard uses SHA-256, sm uses SM3', () => {
    const std = createCryptoProvider('standard', null);
    const sm = createCryptoProvider('sm', null);
    expect(std.digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sm.digest('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm.digest(new TextEncoder().encode('abc'))).toBe(sm.digest('abc'));
    expect(std.hmac('k', 'data')).toBe(createHmac('sha256', 'k').update('data').digest('hex'));
    expect(sm.hmac('k', 'data')).toBe(createHmac('sm3', 'k').update('data').digest('hex'));
    expect(sm.hmac(Buffer.from('k'), 'data')).toBe(sm.hmac('k', 'data'));
  });
});

describe('passwords', () => {
  const std = createCryptoProvider('standard', null);
  const sm = createCryptoProvider('sm', null);

  it('formats: scrypt$16384$8$1$salt$hash and pbkdf2-sm3$200000$salt$hash', async () => {
    expect(await std.hashPassword('pw')).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await sm.hashPassword('pw')).toMatch(
      new RegExp(`^pbkdf2-sm3\\$${PBKDF2_SM3.iterations}\\$[\\w-]{22}\\$[\\w-]{43}$`),
    );
  });

  it('verifies both formats whatever provider is configured, with NFKC normalisation', async () => {
    const hashes = [await std.hashPassword('Ｐａｓｓ①'), await sm.hashPassword('Ｐａｓｓ①')];
    for (const p of [std, sm]) {
      for (const h of hashes) {
        expect(await p.verifyPassword('Pass1', h)).toBe(true);
        expect(await p.verifyPassword('Ｐａｓｓ①', h)).toBe(true);
        expect(await p.verifyPassword('Pass2', h)).toBe(false);
      }
    }
  });

  it('still verifies a scrypt hash written by the pre-provider code', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('旧密码', salt, 32, { N: 16384, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await sm.verifyPassword('旧密码', old)).toBe(true);
    expect(await std.verifyPassword('旧密码', old)).toBe(true);
    expect(std.needsRehash(old)).toBe(false);
    expect(sm.needsRehash(old)).toBe(true);
  });

  it('needsRehash: other format, weaker parameters or garbage → true; current format → false', async () => {
    const s = await std.hashPassword('pw');
    const m = await sm.hashPassword('pw');
    expect(std.needsRehash(s)).toBe(false);
    expect(std.needsRehash(m)).toBe(true);
    expect(sm.needsRehash(m)).toBe(false);
    expect(sm.needsRehash(s)).toBe(true);
    expect(std.needsRehash(s.replace('scrypt$16384$', 'scrypt$1024$'))).toBe(true);
    expect(sm.needsRehash(m.replace(`$${PBKDF2_SM3.iterations}$`, '$1000$'))).toBe(true);
    expect(sm.needsRehash(m.replace(`$${PBKDF2_SM3.iterations}$`, '$400000$'))).toBe(false);
    expect(std.needsRehash('garbage')).toBe(true);
    expect(sm.needsRehash('')).toBe(true);
  });

  it('rejects unknown, malformed and out-of-range hashes without throwing', async () => {
    const m = await sm.hashPassword('pw');
    for (const bad of [
      '',
      'pw',
      'bcrypt$2b$10$abc',
      'scrypt$16384$8$1$AAAA',
      'scrypt$16385$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', // N not a power of 2
      'scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', // 1 GiB of memory
      'pbkdf2-sm3$99999999999$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'pbkdf2-sm3$0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'pbkdf2-sm3$1000$AAAA$AAAA', // key too short
      m.replace(/\$[\w-]+$/, '$!!'),
      `${m}$extra`,
    ]) {
      expect(await sm.verifyPassword('pw', bad)).toBe(false);
    }
  });

  it('dummy hashes are well-formed, in the provider’s own scheme, and match no password', async () => {
    expect(std.dummyHash).toBe(DUMMY_HASHES.scrypt);
    expect(sm.dummyHash).toBe(DUMMY_HASHES['pbkdf2-sm3']);
    expect(sm.needsRehash(sm.dummyHash)).toBe(false);
    expect(std.needsRehash(std.dummyHash)).toBe(false);
    expect(await sm.verifyPassword('', sm.dummyHash)).toBe(false);
    expect(await std.verifyPassword('', std.dummyHash)).toBe(false);
  });

  it('a PBKDF2-SM3 hash takes 50–150 ms here (informational: logged, loosely bounded)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await sm.hashPassword('timing');
      times.push(performance.now() - t);
    }
    const median = times.sort((a, b) => a - b)[1]!;
    console.info(`pbkdf2-sm3 ${PBKDF2_SM3.iterations} iterations: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
    expect(median).toBeGreaterThan(5); // not trivially cheap; the upper end depends on the machine and its load
  });
});

describe('keys and algorithm availability', () => {
  it('rejects a DATA_KEY that is too short, too long or not hex/base64', () => {
    for (const bad of ['00'.repeat(15), '00'.repeat(65), 'not a key!', '密钥'.repeat(16), 'AAAA'.repeat(5)]) {
      expect(() => createCryptoProvider('standard', bad)).toThrow(/DATA_KEY 无效/);
    }
    expect(() => createCryptoProvider('standard', '00'.repeat(16))).not.toThrow();
    expect(() => createCryptoProvider('sm', Buffer.alloc(64, 1).toString('base64'))).not.toThrow();
  });

  it('rejects an unknown provider name', () => {
    expect(() => createCryptoProvider('aes' as CryptoProviderName, null)).toThrow(/未知的密码算法提供者/);
  });

  it('this runtime has SM3 and SM4 (but no sm4-gcm, hence SM4-CTR + HMAC-SM3)', () => {
    expect(getHashes()).toContain('sm3');
    expect(getCiphers()).toEqual(expect.arrayContaining(['sm4-ecb', 'sm4-ctr', 'sm4-cbc']));
    expect(createHash('sm3').update('').digest('hex')).toHaveLength(64);
  });

  it('an OpenSSL build without 国密 algorithms: sm refuses to start with a Chinese error; standard still works', async () => {
    const algorithms = {
      hashes: getHashes().filter((h) => !/sm3/i.test(h)),
      ciphers: getCiphers().filter((c) => !/^sm4/i.test(c)),
    };
    expect(() => createCryptoProvider('sm', KEY_HEX, { algorithms })).toThrow(CryptoError);
    expect(() => createCryptoProvider('sm', KEY_HEX, { algorithms })).toThrow(
      /OpenSSL 构建缺少国密算法（sm3、sm4-ctr、sm4-ecb）/,
    );
    const std = createCryptoProvider('standard', KEY_HEX, { algorithms });
    expect(std.decryptField(std.encryptField('x'))).toBe('x');
    const smToken = createCryptoProvider('sm', KEY_HEX).encryptField('x');
    expect(() => std.decryptField(smToken)).toThrow(/缺少国密算法/);
    const smHash = await createCryptoProvider('sm', null).hashPassword('pw');
    await expect(std.verifyPassword('pw', smHash)).rejects.toThrow(/缺少国密算法/);
  });
});
