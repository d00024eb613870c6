/**
 * The pluggable cryptography provider (issue 8 §2 "Data at rest"): password hashing, digests, HMAC and
 * sensitive-field encryption behind one interface, in two flavours.
 *
 * | provider   | passwords                          | digest / hmac       | fields                                   |
 * |------------|------------------------------------|---------------------|------------------------------------------|
 * | 'standard' | scrypt (`scrypt$N$r$p$salt$hash`)  | SHA-256/HMAC-SHA256 | AES-256-GCM (`enc:aes256gcm:v1:…`)        |
 * | 'sm'       | PBKDF2-HMAC-SM3 (`pbkdf2-sm3$…`)   | SM3 / HMAC-SM3      | SM4-CTR + HMAC-SM3 (`enc:sm4ctr-hmacsm3:v1:…`) |
 *
 * Whatever the provider, verifyPassword accepts both password formats and decryptField both token formats, so a
 * deployment can switch provider without losing accounts or data; needsRehash says when to store a fresh hash.
 * Sub-keys are derived from DATA_KEY with HKDF (SHA-256 / SM3). A certified 密码机/KMS adapter can implement the
 * same type later.
 */
import { createHash, createHmac } from 'node:crypto';
import type { CryptoProviderName } from '../config';
import { aesGcmCipher, type FieldAlgorithm, type FieldCipher, fieldAlgorithmOf, sm4CtrHmacCipher } from './fields';
import {
  DUMMY_HASHES,
  hashPasswordWith,
  needsRehashFor,
  type PasswordScheme,
  verifyPasswordHash,
} from './password-hash';
import { type AlgorithmList, assertSmSupport, CryptoError, hkdf, parseDataKey, runtimeAlgorithms } from './primitives';

export type { CryptoProviderName } from '../config';
export { CryptoError } from './primitives';

type Bytes = string | Uint8Array;

export type CryptoProvider = {
  readonly name: CryptoProviderName;
  /** Hash a password in this provider's scheme (fresh random salt). */
  hashPassword(password: string): Promise<string>;
  /** Verify against a stored hash of ANY supported format, in constant time; false for unknown formats. */
  verifyPassword(password: string, stored: string): Promise<boolean>;
  /** True when the stored hash is not this provider's scheme with current parameters: re-hash after a good login. */
  needsRehash(stored: string): boolean;
  /** A hash to verify against when the user does not exist, costing the same as a real check under this provider. */
  readonly dummyHash: string;
  /** SHA-256 or SM3, hex. */
  digest(data: Bytes): string;
  /** HMAC-SHA256 or HMAC-SM3 with the given key, hex. */
  hmac(key: Bytes, data: Bytes): string;
  /** HMAC (as `hmac`) with a MAC key derived from DATA_KEY (for audit-chain or stored-data integrity), hex. */
  mac(data: Bytes): string;
  /** Encrypt a sensitive value; `context` (e.g. "users.phone") is authenticated and must be given again to decrypt. */
  encryptField(plain: string, context?: string): string;
  /** Decrypt a token written by either provider with the same DATA_KEY; throws CryptoError if tampered/wrong key. */
  decryptField(token: string, context?: string): string;
  /** True when a value is an encrypted-field token (of any algorithm). */
  isEncryptedField(value: string): boolean;
};

export type CreateOptions = {
  /** The algorithms the runtime offers (default: crypto.getHashes()/getCiphers()); tests use it to simulate a gap. */
  algorithms?: AlgorithmList;
};

const SCHEMES: Record<CryptoProviderName, PasswordScheme> = { standard: 'scrypt', sm: 'pbkdf2-sm3' };
const HASHES: Record<CryptoProviderName, string> = { standard: 'sha256', sm: 'sm3' };
const FIELD_ALGORITHMS: Record<CryptoProviderName, FieldAlgorithm> = { standard: 'aes256gcm', sm: 'sm4ctr-hmacsm3' };

const NO_DATA_KEY =
  '未配置 DATA_KEY，无法加密或解密敏感字段：请设置环境变量 DATA_KEY（例如 openssl rand -hex 32 的输出）';

/** Field ciphers for both algorithms, made on first use from one data key. */
function fieldCiphers(dataKey: Buffer | null, algorithms: AlgorithmList) {
  const made = new Map<FieldAlgorithm, FieldCipher>();
  return (algorithm: FieldAlgorithm): FieldCipher => {
    if (!dataKey) throw new CryptoError(NO_DATA_KEY);
    let cipher = made.get(algorithm);
    if (!cipher) {
      if (algorithm === 'sm4ctr-hmacsm3') assertSmSupport(algorithms);
      cipher = algorithm === 'aes256gcm' ? aesGcmCipher(dataKey) : sm4CtrHmacCipher(dataKey);
      made.set(algorithm, cipher);
    }
    return cipher;
  };
}

/**
 * Make a provider. `dataKey` is DATA_KEY (hex or base64, 16–64 bytes) or null; without it everything but field
 * encryption and `mac` works. Throws CryptoError (Chinese message) for an invalid key or, for 'sm', when this
 * runtime's OpenSSL lacks SM3/SM4.
 */
export function createCryptoProvider(
  name: CryptoProviderName,
  dataKey: string | null,
  options: CreateOptions = {},
): CryptoProvider {
  if (name !== 'standard' && name !== 'sm') throw new CryptoError(`未知的密码算法提供者：${String(name)}`);
  const algorithms = options.algorithms ?? runtimeAlgorithms();
  if (name === 'sm') assertSmSupport(algorithms);
  const key = dataKey === null || dataKey === '' ? null : parseDataKey(dataKey);
  const scheme = SCHEMES[name];
  const hash = HASHES[name];
  const cipherFor = fieldCiphers(key, algorithms);
  const macKey = key ? hkdf(hash, key, Buffer.from('shishi.crypto.v1'), `shishi/mac/${hash}/v1`, 32) : null;
  const isSm3Hash = (stored: string) => stored.startsWith('pbkdf2-sm3$');

  return {
    name,
    hashPassword: (password) => hashPasswordWith(scheme, password),
    verifyPassword: async (password, stored) => {
      // Verifying an SM3 hash needs SM3 even under 'standard'; say so rather than fail deep inside OpenSSL.
      if (isSm3Hash(stored)) assertSmSupport(algorithms);
      return verifyPasswordHash(password, stored);
    },
    needsRehash: (stored) => needsRehashFor(scheme, stored),
    dummyHash: DUMMY_HASHES[scheme],
    digest: (data) => createHash(hash).update(data).digest('hex'),
    hmac: (k, data) => createHmac(hash, k).update(data).digest('hex'),
    mac: (data) => {
      if (!macKey) throw new CryptoError(NO_DATA_KEY);
      return createHmac(hash, macKey).update(data).digest('hex');
    },
    encryptField: (plain, context = '') => cipherFor(FIELD_ALGORITHMS[name]).encrypt(plain, context),
    decryptField: (token, context = '') => {
      const algorithm = fieldAlgorithmOf(token);
      if (!algorithm) throw new CryptoError('不是加密字段的密文（应以 enc:<算法>:v1: 开头）');
      return cipherFor(algorithm).decrypt(token, context);
    },
    isEncryptedField: (value) => fieldAlgorithmOf(value) !== null,
  };
}
