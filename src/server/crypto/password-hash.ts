/**
 * Password hash formats. Every format is verified whatever provider is configured, so a deployment can switch
 * provider and keep its accounts; `needsRehash` tells the login to store a fresh hash in the configured format.
 *
 * - scrypt (standard): `scrypt$N$r$p$salt$hash` — salt and hash base64url, N=16384 r=8 p=1, 32-byte key.
 * - PBKDF2-HMAC-SM3 (sm): `pbkdf2-sm3$iterations$salt$hash` — salt (16 bytes) and hash (32 bytes) base64url.
 * Passwords are NFKC-normalised and UTF-8 encoded before derivation.
 */
import { pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export type PasswordScheme = 'scrypt' | 'pbkdf2-sm3';

export const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;
/** ≈ 100 ms per hash on the 2-core CI machine (Node 20.20 / OpenSSL 3.0.19); see README. */
export const PBKDF2_SM3 = { iterations: 200_000, keyLength: 32 } as const;

const SALT_BYTES = 16;
/** Bounds on parameters read back from storage, so a corrupt row cannot make one check run for minutes. */
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const isB64url = (s: string) => s.length > 0 && /^[A-Za-z0-9_-]+$/.test(s);

type ParsedHash =
  | { scheme: 'scrypt'; n: number; r: number; p: number; salt: Buffer; key: Buffer }
  | { scheme: 'pbkdf2-sm3'; iterations: number; salt: Buffer; key: Buffer };

const intIn = (s: string, min: number, max: number): number | null => {
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};

function parseScrypt(parts: string[]): ParsedHash | null {
  if (parts.length !== 6) return null;
  const [, nS, rS, pS, saltS, keyS] = parts as [string, string, string, string, string, string];
  const n = intIn(nS, 2, 1 << 20);
  const r = intIn(rS, 1, 32);
  const p = intIn(pS, 1, 16);
  if (
    n === null ||
    r === null ||
    p === null ||
    (n & (n - 1)) !== 0 ||
    128 * n * r > SCRYPT_MAXMEM / 2 ||
    !isB64url(saltS) ||
    !isB64url(keyS)
  )
    return null;
  const key = Buffer.from(keyS, 'base64url');
  if (key.length < 16 || key.length > 64) return null;
  return { scheme: 'scrypt', n, r, p, salt: Buffer.from(saltS, 'base64url'), key };
}

function parsePbkdf2(parts: string[]): ParsedHash | null {
  if (parts.length !== 4) return null;
  const [, itS, saltS, keyS] = parts as [string, string, string, string];
  const iterations = intIn(itS, 1, MAX_PBKDF2_ITERATIONS);
  if (iterations === null || !isB64url(saltS) || !isB64url(keyS)) return null;
  const key = Buffer.from(keyS, 'base64url');
  if (key.length < 16 || key.length > 64) return null;
  return { scheme: 'pbkdf2-sm3', iterations, salt: Buffer.from(saltS, 'base64url'), key };
}

/** Parse a stored hash, or null when it is in no known format or its parameters are out of range. */
export function parsePasswordHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts[0] === 'scrypt') return parseScrypt(parts);
  if (parts[0] === 'pbkdf2-sm3') return parsePbkdf2(parts);
  return null;
}

function scryptKey(password: string, salt: Buffer, n: number, r: number, p: number, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, len, { N: n, r, p, maxmem: SCRYPT_MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function pbkdf2Sm3Key(password: string, salt: Buffer, iterations: number, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    pbkdf2(password.normalize('NFKC'), salt, iterations, len, 'sm3', (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hash a password with a fresh random salt in the given scheme. */
export async function hashPasswordWith(scheme: PasswordScheme, password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  if (scheme === 'pbkdf2-sm3') {
    const key = await pbkdf2Sm3Key(password, salt, PBKDF2_SM3.iterations, PBKDF2_SM3.keyLength);
    return `pbkdf2-sm3$${PBKDF2_SM3.iterations}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }
  const key = await scryptKey(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Verify a password against a stored hash of any known format, comparing in constant time; false if unparseable. */
export async function verifyPasswordHash(password: string, stored: string): Promise<boolean> {
  const h = parsePasswordHash(stored);
  if (!h) return false;
  const key =
    h.scheme === 'scrypt'
      ? await scryptKey(password, h.salt, h.n, h.r, h.p, h.key.length)
      : await pbkdf2Sm3Key(password, h.salt, h.iterations, h.key.length);
  return key.length === h.key.length && timingSafeEqual(key, h.key);
}

/** True when a stored hash is not in `scheme` with at least the current parameters (re-hash it after a good login). */
export function needsRehashFor(scheme: PasswordScheme, stored: string): boolean {
  const h = parsePasswordHash(stored);
  if (!h || h.scheme !== scheme) return true;
  if (h.scheme === 'scrypt') {
    return h.n < SCRYPT.N || h.r < SCRYPT.r || h.p < SCRYPT.p || h.key.length < SCRYPT.keyLength;
  }
  return h.iterations < PBKDF2_SM3.iterations || h.key.length < PBKDF2_SM3.keyLength;
}

/** Fixed hashes to verify against when the user does not exist, one per scheme, so timing does not reveal names. */
export const DUMMY_HASHES: Record<PasswordScheme, string> = {
  scrypt: 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'pbkdf2-sm3': `pbkdf2-sm3$${PBKDF2_SM3.iterations}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
};
