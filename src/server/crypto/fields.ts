/**
 * Sensitive-field encryption. A token is self-describing: `enc:<algorithm>:v1:<base64url payload>`.
 *
 * - `enc:aes256gcm:v1:` — AES-256-GCM; payload = IV (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
 * - `enc:sm4ctr-hmacsm3:v1:` — SM4-CTR, then HMAC-SM3 over everything (encrypt-then-MAC); payload =
 *   IV (16 bytes) ‖ ciphertext ‖ tag (32 bytes). Used because this OpenSSL has no sm4-gcm.
 *
 * Keys come from DATA_KEY through HKDF (SHA-256 for AES, SM3 for SM4), one sub-key per purpose. The token prefix and
 * an optional context string (e.g. "users.phone") are authenticated, so a token cannot be moved to another column
 * written with a different context. A fresh random IV is drawn per value.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CryptoError, hkdf } from './primitives';

export type FieldAlgorithm = 'aes256gcm' | 'sm4ctr-hmacsm3';

export type FieldCipher = {
  readonly algorithm: FieldAlgorithm;
  encrypt(plain: string, context: string): string;
  decrypt(token: string, context: string): string;
};

const HKDF_SALT = Buffer.from('shishi.crypto.v1', 'utf8');
export const prefixOf = (algorithm: FieldAlgorithm) => `enc:${algorithm}:v1:`;
const TAMPERED = '敏感字段解密失败：密文已损坏或被篡改，或 DATA_KEY 与加密时不一致';

/** The algorithm a token names, or null when the value is not an encrypted-field token. */
export function fieldAlgorithmOf(token: string): FieldAlgorithm | null {
  if (token.startsWith(prefixOf('aes256gcm'))) return 'aes256gcm';
  if (token.startsWith(prefixOf('sm4ctr-hmacsm3'))) return 'sm4ctr-hmacsm3';
  return null;
}

/** Associated data: the token prefix and the caller's context, length-prefixed so the two cannot be confused. */
function associatedData(prefix: string, context: string): Buffer {
  const p = Buffer.from(prefix, 'utf8');
  const c = Buffer.from(context, 'utf8');
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32BE(p.length, 0);
  lengths.writeUInt32BE(c.length, 4);
  return Buffer.concat([lengths, p, c]);
}

function payloadOf(token: string, prefix: string, minLength: number): Buffer {
  const body = token.slice(prefix.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) throw new CryptoError(TAMPERED);
  const payload = Buffer.from(body, 'base64url');
  if (payload.length < minLength) throw new CryptoError(TAMPERED);
  return payload;
}

export function aesGcmCipher(dataKey: Buffer): FieldCipher {
  const key = hkdf('sha256', dataKey, HKDF_SALT, 'shishi/field/aes-256-gcm/v1', 32);
  const prefix = prefixOf('aes256gcm');
  return {
    algorithm: 'aes256gcm',
    encrypt(plain, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(prefix, context));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return prefix + Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url');
    },
    decrypt(token, context) {
      const payload = payloadOf(token, prefix, 12 + 16);
      const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, 12), { authTagLength: 16 });
      decipher.setAAD(associatedData(prefix, context));
      decipher.setAuthTag(payload.subarray(payload.length - 16));
      try {
        return Buffer.concat([decipher.update(payload.subarray(12, payload.length - 16)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new CryptoError(TAMPERED);
      }
    },
  };
}

export function sm4CtrHmacCipher(dataKey: Buffer): FieldCipher {
  const encKey = hkdf('sm3', dataKey, HKDF_SALT, 'shishi/field/sm4-ctr/v1', 16);
  const macKey = hkdf('sm3', dataKey, HKDF_SALT, 'shishi/field/hmac-sm3/v1', 32);
  const prefix = prefixOf('sm4ctr-hmacsm3');
  const tagOf = (context: string, ivAndCt: Buffer) =>
    createHmac('sm3', macKey).update(associatedData(prefix, context)).update(ivAndCt).digest();
  return {
    algorithm: 'sm4ctr-hmacsm3',
    encrypt(plain, context) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', encKey, iv);
      const ivAndCt = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]);
      return prefix + Buffer.concat([ivAndCt, tagOf(context, ivAndCt)]).toString('base64url');
    },
    decrypt(token, context) {
      const payload = payloadOf(token, prefix, 16 + 32);
      const ivAndCt = payload.subarray(0, payload.length - 32);
      if (!timingSafeEqual(tagOf(context, ivAndCt), payload.subarray(payload.length - 32))) {
        throw new CryptoError(TAMPERED);
      }
      const decipher = createDecipheriv('sm4-ctr', encKey, ivAndCt.subarray(0, 16));
      return Buffer.concat([decipher.update(ivAndCt.subarray(16)), decipher.final()]).toString('utf8');
    },
  };
}
