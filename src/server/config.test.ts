import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './config';

const D = { databaseUrl: '/srv/shishi/data/shishi.sqlite' };
const problems = (env: Record<string, string>, flags = {}) => {
  try {
    loadConfig(env, flags, D);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('loadConfig', () => {
  it('has safe defaults with nothing set', () => {
    expect(loadConfig({}, {}, D)).toEqual({
      databaseUrl: D.databaseUrl,
      host: '127.0.0.1',
      port: 3000,
      publicBaseUrl: null,
      publicUrl: 'http://127.0.0.1:3000',
      reminderEveryMinutes: 10,
      trustProxy: false,
      secureCookies: false,
      smtp: null,
      webhookUrls: [],
      apiDocs: 'staff',
      bodyLimit: 1_000_000,
      uploadLimit: 20 * 1024 * 1024,
      loginRateMax: 20,
      worker: true,
      logLevel: 'info',
      securityLevel: 2,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      maxSessions: 0,
      passwordExpiryDays: 0,
      cryptoProvider: 'standard',
      dataKey: null,
      auditRetentionDays: 180,
      publicRateMax: 300,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig(
      {
        DATABASE_URL: 'postgres://shishi:s%40cret@db.internal:5432/shishi',
        HOST: '0.0.0.0',
        PORT: '8080',
        PUBLIC_BASE_URL: 'https://shishi.example.gov.cn/',
        TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8',
        SMTP_URL: 'smtps://mailer:p%40ss@smtp.example.gov.cn',
        SMTP_FROM: '实事系统 <noreply@example.gov.cn>',
        WEBHOOK_URLS: 'https://hooks.example.gov.cn/a, http://10.1.2.3:9000/b',
        API_DOCS: 'public',
        BODY_LIMIT: '2mb',
        UPLOAD_LIMIT: '5MiB',
        LOGIN_RATE_MAX: '5',
        WORKER: 'off',
        LOG_LEVEL: 'INFO',
      },
      {},
      D,
    );
    expect(c).toEqual({
      databaseUrl: 'postgres://shishi:s%40cret@db.internal:5432/shishi',
      host: '0.0.0.0',
      port: 8080,
      publicBaseUrl: 'https://shishi.example.gov.cn',
      publicUrl: 'https://shishi.example.gov.cn',
      reminderEveryMinutes: 10,
      trustProxy: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'],
      secureCookies: true, // follows an https public address unless set
      smtp: {
        host: 'smtp.example.gov.cn',
        port: 465,
        secure: true,
        user: 'mailer',
        pass: 'p@ss',
        from: '实事系统 <noreply@example.gov.cn>',
        rejectUnauthorized: true,
      },
      webhookUrls: ['https://hooks.example.gov.cn/a', 'http://10.1.2.3:9000/b'],
      apiDocs: 'public',
      bodyLimit: 2 * 1024 * 1024,
      uploadLimit: 5 * 1024 * 1024,
      loginRateMax: 5,
      worker: false,
      logLevel: 'info',
      securityLevel: 2,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      maxSessions: 0,
      passwordExpiryDays: 0,
      cryptoProvider: 'standard',
      dataKey: null,
      auditRetentionDays: 180,
      publicRateMax: 300,
    });
  });

  it('lets flags win over variables', () => {
    const c = loadConfig(
      { PORT: '8080', DATABASE_URL: 'postgres://h/db', WORKER: 'on', SECURE_COOKIES: 'false' },
      { port: '9090', db: '/tmp/x.sqlite', 'no-worker': true, 'secure-cookies': true, 'trust-proxy': 'true' },
      D,
    );
    expect(c).toMatchObject({
      port: 9090,
      databaseUrl: '/tmp/x.sqlite',
      worker: false,
      secureCookies: true,
      trustProxy: true,
    });
  });

  it('treats empty variables as unset and reads booleans in several spellings', () => {
    expect(loadConfig({ PORT: '', TRUST_PROXY: ' ', SECURE_COOKIES: 'yes' }, {}, D)).toMatchObject({
      port: 3000,
      trustProxy: false,
      secureCookies: true,
    });
    expect(loadConfig({ SMTP_URL: 'smtp://mail.local', SMTP_FROM: 'a@b.cn' }, {}, D).smtp).toEqual({
      host: 'mail.local',
      port: 587,
      secure: false,
      user: null,
      pass: null,
      from: 'a@b.cn',
      rejectUnauthorized: true,
    });
  });

  it('names the variable in a Chinese message for each bad value, all at once', () => {
    const p = problems({
      PORT: '70000',
      HOST: 'bad host',
      TRUST_PROXY: '10.0.0.0/33',
      SECURE_COOKIES: 'maybe',
      API_DOCS: 'everyone',
      BODY_LIMIT: 'lots',
      WORKER: 'sometimes',
      LOG_LEVEL: 'loud',
      WEBHOOK_URLS: 'https://ok.example.cn,ftp://nope',
      PUBLIC_BASE_URL: 'shishi.example.gov.cn',
      DATABASE_URL: 'postgres://',
      LOGIN_RATE_MAX: '0',
      UPLOAD_LIMIT: '50mb',
    });
    expect(p).toHaveLength(13);
    expect(p.join('\n')).toMatch(/^PORT 应为 1–65535 之间的整数（收到 "70000"）$/m);
    for (const name of [
      'HOST',
      'TRUST_PROXY',
      'SECURE_COOKIES',
      'API_DOCS',
      'BODY_LIMIT',
      'WORKER',
      'LOG_LEVEL',
      'WEBHOOK_URLS',
      'PUBLIC_BASE_URL',
      'DATABASE_URL',
      'LOGIN_RATE_MAX',
      'UPLOAD_LIMIT',
    ])
      expect(p.some((m) => m.startsWith(`${name} `))).toBe(true);
    expect(() => loadConfig({ PORT: 'x' }, {}, D)).toThrow(/配置有误：\n {2}- PORT/);
  });

  it('checks the SMTP pair', () => {
    expect(problems({ SMTP_URL: 'smtp://u:p@mail.example.cn:25' })).toEqual([
      expect.stringContaining('设置了 SMTP_URL 时必须同时设置 SMTP_FROM'),
    ]);
    expect(problems({ SMTP_URL: 'http://mail.example.cn', SMTP_FROM: 'a@b.cn' })).toEqual([
      expect.stringMatching(/^SMTP_URL 应形如 smtp:\/\//),
    ]);
    expect(problems({ SMTP_URL: 'smtp://mail.example.cn', SMTP_FROM: 'not an address' })).toEqual([
      expect.stringMatching(/^SMTP_FROM /),
    ]);
  });

  it('reads the notification settings (SMTP TLS, PUBLIC_URL, REMINDER_EVERY_MINUTES)', () => {
    const c = loadConfig(
      {
        SMTP_URL: 'smtp://mail.example.cn:2525',
        SMTP_FROM: 'a@b.cn',
        SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
        PUBLIC_URL: 'https://ss.example.gov.cn/shishi/',
        PUBLIC_BASE_URL: 'https://other.example.gov.cn',
        REMINDER_EVERY_MINUTES: '5',
      },
      {},
      D,
    );
    expect(c.smtp).toMatchObject({ port: 2525, rejectUnauthorized: false });
    expect(c.publicUrl).toBe('https://ss.example.gov.cn/shishi');
    expect(c.reminderEveryMinutes).toBe(5);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://x.example.cn' }, {}, D).publicUrl).toBe('https://x.example.cn');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }, {}, D).publicUrl).toBe('http://127.0.0.1:8080');
    expect(
      problems({ REMINDER_EVERY_MINUTES: '0', PUBLIC_URL: 'ftp://x', SMTP_TLS_REJECT_UNAUTHORIZED: 'maybe' }),
    ).toEqual([
      expect.stringMatching(/^SMTP_TLS_REJECT_UNAUTHORIZED /),
      expect.stringMatching(/^PUBLIC_URL /),
      expect.stringMatching(/^REMINDER_EVERY_MINUTES /),
    ]);
  });

  it('hides passwords when printing a URL', () => {
    expect(redactUrl('postgres://shishi:secret@db:5432/x')).toBe('postgres://shishi:***@db:5432/x');
    expect(redactUrl('/srv/data/shishi.sqlite')).toBe('/srv/data/shishi.sqlite');
  });
});
