/**
 * Sensitive channel fields at rest: e-mail addresses and phone numbers (users, migration 0010) and robot URLs and
 * secrets (notify_webhooks) are encrypted-field tokens when the crypto provider has a DATA_KEY, else plain text —
 * the same rule as services/admin/contact.ts. The column name is the authenticated context.
 */
import type { NotifyCrypto } from '../../notify/settings';

export type SecretColumn = 'notify_webhooks.url' | 'notify_webhooks.secret';

/** The value to store: encrypted when the provider can, else as given. */
export function sealField(crypto: NotifyCrypto, value: string, column: SecretColumn): string {
  try {
    return crypto.encryptField(value, column);
  } catch {
    // No DATA_KEY: field encryption is not available, the value is kept as typed (README: set DATA_KEY).
    return value;
  }
}

export class UnreadableField extends Error {}

/** The stored value in clear; throws UnreadableField when a token cannot be decrypted with this DATA_KEY. */
export function openField(crypto: NotifyCrypto, stored: string | null, column: string): string | null {
  if (!stored) return null;
  if (!crypto.isEncryptedField(stored)) return stored;
  try {
    return crypto.decryptField(stored, column);
  } catch {
    throw new UnreadableField(`无法解密（DATA_KEY 与加密时不一致）：${column}`);
  }
}
