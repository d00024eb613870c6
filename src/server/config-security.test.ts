/** The 等保 settings of the configuration: the level's defaults, each overridable, and their Chinese errors. */
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from './config';

const D = { databaseUrl: '/tmp/x.sqlite' };
const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env, {}, D);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('security settings', () => {
  it('follows 等保三级 defaults when SECURITY_LEVEL=3, each still overridable', () => {
    expect(loadConfig({ SECURITY_LEVEL: '3' }, {}, D)).toMatchObject({
      securityLevel: 3,
      sessionIdleMinutes: 15,
      sessionAbsoluteHours: 8,
      maxSessions: 1,
      passwordExpiryDays: 90,
    });
    expect(loadConfig({ SECURITY_LEVEL: '三级', MAX_SESSIONS: '0', SESSION_IDLE_MINUTES: '10' }, {}, D)).toMatchObject({
      securityLevel: 3,
      maxSessions: 0,
      sessionIdleMinutes: 10,
      passwordExpiryDays: 90,
    });
    expect(loadConfig({}, { 'password-expiry-days': '60', 'crypto-provider': 'SM' }, D)).toMatchObject({
      passwordExpiryDays: 60,
      cryptoProvider: 'sm',
    });
  });

  it('reads the key, the retention and the public rate limit', () => {
    const key = 'a1'.repeat(32);
    expect(loadConfig({ DATA_KEY: key, AUDIT_RETENTION_DAYS: '365', PUBLIC_RATE_MAX: '60' }, {}, D)).toMatchObject({
      dataKey: key,
      auditRetentionDays: 365,
      publicRateMax: 60,
    });
  });

  it('names each bad value in Chinese', () => {
    const p = problems({
      SECURITY_LEVEL: '4',
      SESSION_IDLE_MINUTES: '0',
      MAX_SESSIONS: 'many',
      PASSWORD_EXPIRY_DAYS: '-1',
      CRYPTO_PROVIDER: 'rsa',
      DATA_KEY: 'abcd',
      AUDIT_RETENTION_DAYS: '30',
      PUBLIC_RATE_MAX: '0',
    });
    expect(p).toHaveLength(8);
    expect(p.join('\n')).toMatch(/^AUDIT_RETENTION_DAYS 应为不少于 180 的天数.*（收到 "30"）$/m);
    expect(p.join('\n')).toMatch(/^DATA_KEY 应为 16–64 字节的密钥/m);
    expect(p.join('\n')).toMatch(/^SECURITY_LEVEL 应为 2（等保二级）或 3（等保三级）/m);
  });
});
