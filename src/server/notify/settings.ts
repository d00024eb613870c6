/**
 * The channels' settings in force: SMTP (SMTP_URL, SMTP_FROM, SMTP_TLS_REJECT_UNAUTHORIZED), the public address for
 * links (PUBLIC_URL), the crypto provider that opens e-mail addresses and webhook URLs, and an SMS sender if one is
 * bound in. Set once at start-up by `shishi serve` / `shishi worker` (configureNotify); the job handler and
 * queueDeliveries read them here, since a job receives only its payload. Nothing configured = in-app only.
 */
import type { Config, SmtpConfig } from '../config';
import { type CryptoProvider, createCryptoProvider } from '../crypto/provider';
import type { SmsSender } from './sms';

export type NotifyCrypto = Pick<CryptoProvider, 'encryptField' | 'decryptField' | 'isEncryptedField'>;

export type NotifySettings = {
  smtp: SmtpConfig | null;
  /** Links in messages: `${publicUrl}/#${notification.link}`. */
  publicUrl: string;
  crypto: NotifyCrypto;
  /** null: no SMS (the default; see sms.ts for how to bind a vendor). */
  sms: SmsSender | null;
  /** Give up on a webhook or SMTP server after this long, ms. */
  timeoutMs: number;
};

const DEFAULTS: NotifySettings = {
  smtp: null,
  publicUrl: 'http://127.0.0.1:3000',
  crypto: createCryptoProvider('standard', null),
  sms: null,
  timeoutMs: 10_000,
};

let current: NotifySettings = DEFAULTS;

/** Replace some settings (start-up; tests). Returns the settings now in force. */
export function configureNotify(s: Partial<NotifySettings>): NotifySettings {
  current = { ...current, ...s };
  return current;
}

/** Back to nothing configured (tests). */
export function resetNotify(): void {
  configureNotify(DEFAULTS);
}

export const notifySettings = (): NotifySettings => current;

/**
 * The settings of a loaded configuration. Every process that queues or sends deliveries calls
 * `configureNotify(notifySettingsFrom(config, crypto))` once at start (serve, worker, and a CLI command that runs the
 * chase evaluation); without `crypto`, the provider is made from CRYPTO_PROVIDER and DATA_KEY.
 */
export function notifySettingsFrom(
  config: Pick<Config, 'smtp' | 'publicUrl' | 'cryptoProvider' | 'dataKey'>,
  crypto?: NotifyCrypto,
): Partial<NotifySettings> {
  return {
    smtp: config.smtp,
    publicUrl: config.publicUrl,
    crypto: crypto ?? createCryptoProvider(config.cryptoProvider, config.dataKey),
  };
}
