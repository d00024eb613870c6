/**
 * Phone and e-mail of an account: stored as an encrypted-field token (crypto provider, DATA_KEY) when the installation
 * has a data key, else as plain text (an installation without DATA_KEY cannot encrypt anything; the README says so).
 * The column name is the authenticated context, so a token cannot be moved to another column.
 */
import type { CryptoProvider } from '../../crypto/provider';

export type FieldCrypto = Pick<CryptoProvider, 'encryptField' | 'decryptField' | 'isEncryptedField'>;
export type ContactColumn = 'users.phone' | 'users.email';

/** The value to store: null when empty, a token when the provider can encrypt, else the plain value. */
export function sealContact(crypto: FieldCrypto, value: string | null | undefined, column: ContactColumn) {
  const v = value?.trim();
  if (!v) return null;
  try {
    return crypto.encryptField(v, column);
  } catch {
    // No DATA_KEY configured: field encryption is not available, the value is kept as typed.
    return v;
  }
}

/** The value to show: decrypted when it is a token (a marker when the key does not fit), else as stored. */
export function openContact(crypto: FieldCrypto, stored: string | null, column: ContactColumn): string | null {
  if (!stored) return null;
  if (!crypto.isEncryptedField(stored)) return stored;
  try {
    return crypto.decryptField(stored, column);
  } catch {
    return '（无法解密：DATA_KEY 与加密时不一致）';
  }
}
