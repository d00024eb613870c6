/**
 * Password hashing. Two formats are verified whatever the configured provider (see src/server/crypto):
 * - `scrypt$N$r$p$salt$hash` (base64url) — the standard provider, and every hash written before providers existed;
 * - `pbkdf2-sm3$iterations$salt$hash` (base64url) — PBKDF2-HMAC-SM3, the 'sm' (商用密码) provider.
 * After a successful login, `needsRehash(stored, provider)` says whether to store a fresh hash in the configured format.
 */

import { hashPasswordWith, needsRehashFor, type PasswordScheme, verifyPasswordHash } from '../crypto/password-hash';
import type { CryptoProvider, CryptoProviderName } from '../crypto/provider';

type ProviderArg = CryptoProviderName | Pick<CryptoProvider, 'name'>;

const schemeOf = (provider: ProviderArg = 'standard'): PasswordScheme =>
  (typeof provider === 'string' ? provider : provider.name) === 'sm' ? 'pbkdf2-sm3' : 'scrypt';

/** Hash a password with a fresh random salt, in the provider's format (default: standard, scrypt). */
export async function hashPassword(password: string, provider?: ProviderArg): Promise<string> {
  return hashPasswordWith(schemeOf(provider), password);
}

/** Verify a password against a stored hash of either format, in constant time; false for an unknown format. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  return verifyPasswordHash(password, stored);
}

/** True when `stored` is not in the provider's format with current parameters (default provider: standard). */
export function needsRehash(stored: string, provider?: ProviderArg): boolean {
  return needsRehashFor(schemeOf(provider), stored);
}

/** A fixed hash to verify against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
