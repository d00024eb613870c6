/** src/server/auth/passwords.ts keeps its old API (scrypt by default) and gains the provider-aware parts. */
import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/passwords';
import { createCryptoProvider } from './provider';

describe('auth/passwords', () => {
  it('hashPassword(pw) is scrypt as before and verifies', async () => {
    const h = await hashPassword('Shishi@2024');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('Shishi@2024', h)).toBe(true);
    expect(await verifyPassword('Shishi@2025', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
    expect(needsRehash(h, 'sm')).toBe(true);
  });

  it('hashPassword(pw, provider) uses PBKDF2-SM3 for sm (by name or provider object); verifyPassword dispatches', async () => {
    const byName = await hashPassword('Shishi@2024', 'sm');
    const byProvider = await hashPassword('Shishi@2024', createCryptoProvider('sm', null));
    for (const h of [byName, byProvider]) {
      expect(h).toMatch(/^pbkdf2-sm3\$/);
      expect(await verifyPassword('Shishi@2024', h)).toBe(true);
      expect(await verifyPassword('shishi@2024', h)).toBe(false);
      expect(needsRehash(h)).toBe(true);
      expect(needsRehash(h, 'sm')).toBe(false);
    }
    expect(await hashPassword('x', createCryptoProvider('standard', null))).toMatch(/^scrypt\$/);
  });

  it('DUMMY_HASH is unchanged, parses, and matches nothing', async () => {
    expect(DUMMY_HASH).toBe('scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
  });
});
