/**
 * The one configuration module: environment variables and command-line flags (a flag wins over its variable),
 * validated with zod; every message is Chinese and names the variable. `loadConfig` is pure (no process.env read
 * here), so it is unit-tested and the CLI passes `process.env`. README.md "配置（环境变量）" documents each entry.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { LIMITS } from '../shared/limits';

export type ApiDocs = 'staff' | 'off' | 'public';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
  from: string;
  /** SMTP_TLS_REJECT_UNAUTHORIZED: refuse a server certificate that does not verify (default true). */
  rejectUnauthorized: boolean;
};

export type Config = {
  databaseUrl: string;
  host: string;
  port: number;
  /** The address users reach the site at (links in mail), without a trailing slash. */
  publicBaseUrl: string | null;
  /** PUBLIC_URL (else PUBLIC_BASE_URL, else http://HOST:PORT): the links in e-mails and robot messages. */
  publicUrl: string;
  /** REMINDER_EVERY_MINUTES: how often the scheduler evaluates the chase rules (default 10). */
  reminderEveryMinutes: number;
  /** Fastify `trustProxy`: false, true, or the proxies' addresses/CIDRs. */
  trustProxy: boolean | string[];
  secureCookies: boolean;
  smtp: SmtpConfig | null;
  webhookUrls: string[];
  apiDocs: ApiDocs;
  /** Largest JSON request body, bytes. */
  bodyLimit: number;
  /** Largest uploaded import file, bytes. */
  uploadLimit: number;
  /** Login attempts per minute per client address. */
  loginRateMax: number;
  /** Run the job worker inside `shishi serve`. */
  worker: boolean;
  logLevel: LogLevel;
  /** 等保 level the defaults below follow (2 = 二级, 3 = 三级); each can be set on its own. */
  securityLevel: 2 | 3;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Sessions one account may hold at once (0 = no limit); the oldest is ended when a new login exceeds it. */
  maxSessions: number;
  /** Days a password stays valid (0 = never expires). */
  passwordExpiryDays: number;
  /** Cryptography for password hashing, field encryption and the audit chain: 'standard' or 'sm' (SM3/SM4). */
  cryptoProvider: CryptoProviderName;
  /** Key material for encrypting sensitive fields (hex or base64, ≥ 16 bytes), or null. */
  dataKey: string | null;
  /** Days the audit log is kept (≥ 180). */
  auditRetentionDays: number;
  /** Anonymous requests per minute per client address on the public routes. */
  publicRateMax: number;
};

export type CryptoProviderName = 'standard' | 'sm';

export type Env = Record<string, string | undefined>;
export type Flags = Record<string, string | true>;

/** Each variable and the flag that overrides it. */
export const CONFIG_FLAGS: Record<string, string> = {
  DATABASE_URL: 'db',
  HOST: 'host',
  PORT: 'port',
  PUBLIC_BASE_URL: 'public-base-url',
  TRUST_PROXY: 'trust-proxy',
  SECURE_COOKIES: 'secure-cookies',
  API_DOCS: 'api-docs',
  BODY_LIMIT: 'body-limit',
  UPLOAD_LIMIT: 'upload-limit',
  LOGIN_RATE_MAX: 'login-rate-max',
  WORKER: 'worker',
  LOG_LEVEL: 'log-level',
  SECURITY_LEVEL: 'security-level',
  SESSION_IDLE_MINUTES: 'session-idle-minutes',
  SESSION_ABSOLUTE_HOURS: 'session-absolute-hours',
  MAX_SESSIONS: 'max-sessions',
  PASSWORD_EXPIRY_DAYS: 'password-expiry-days',
  CRYPTO_PROVIDER: 'crypto-provider',
  DATA_KEY: 'data-key',
  AUDIT_RETENTION_DAYS: 'audit-retention-days',
  PUBLIC_RATE_MAX: 'public-rate-max',
  PUBLIC_URL: 'public-url',
  REMINDER_EVERY_MINUTES: 'reminder-every-minutes',
};

export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 3000,
  apiDocs: 'staff' as ApiDocs,
  bodyLimit: 1_000_000,
  uploadLimit: 20 * 1024 * 1024,
  loginRateMax: 20,
  /** info: one JSON line per request (http/plugins/request-log.ts); warn keeps only problems and errors. */
  logLevel: 'info' as LogLevel,
  auditRetentionDays: 180,
  publicRateMax: 300,
  reminderEveryMinutes: 10,
};

/** The session and password defaults of each 等保 level (GB/T 22239-2019); every one can be overridden. */
export const SECURITY_LEVEL_DEFAULTS = {
  2: {
    sessionIdleMinutes: LIMITS.sessionIdleMinutes,
    sessionAbsoluteHours: LIMITS.sessionAbsoluteHours,
    maxSessions: 0,
    passwordExpiryDays: 0,
  },
  3: { sessionIdleMinutes: 15, sessionAbsoluteHours: 8, maxSessions: 1, passwordExpiryDays: 90 },
} as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const got = (v: string) => `（收到 "${v.length > 80 ? `${v.slice(0, 80)}…` : v}"）`;
const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** A zod schema for one optional variable: trims, treats "" as unset, then parses or reports `problem`. */
function variable<T>(name: string, parse: (v: string) => T | undefined, problem: string, fallback: () => T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const v = raw?.trim();
      if (!v) return fallback();
      const out = parse(v);
      if (out === undefined) {
        ctx.addIssue({ code: 'custom', message: `${name} ${problem}${got(v)}` });
        return z.NEVER;
      }
      return out;
    });
}

const bool = (v: string) => (TRUE.has(v.toLowerCase()) ? true : FALSE.has(v.toLowerCase()) ? false : undefined);
const int = (min: number, max: number) => (v: string) => {
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
};
/** Bytes, optionally with a unit: 1000000, 512kb, 2mb, 1.5MiB, 1g (K/M/G are powers of 1024). */
const size = (min: number, max: number) => (v: string) => {
  const m = /^(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b)?$/i.exec(v);
  if (!m) return undefined;
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  const n = Math.round(Number(m[1]) * unit);
  return n >= min && n <= max ? n : undefined;
};
const httpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname ? u : undefined;
  } catch {
    return undefined;
  }
};

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
/** An IP address, a CIDR (10.0.0.0/8, fd00::/8) or one of proxy-addr's names. */
function proxyAddress(v: string): boolean {
  if (PROXY_NAMES.has(v)) return true;
  const [addr, bits, extra] = v.split('/');
  const family = isIP(addr ?? '');
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

function smtpUrl(v: string): Omit<SmtpConfig, 'from' | 'rejectUnauthorized'> | undefined {
  try {
    const u = new URL(v);
    if ((u.protocol !== 'smtp:' && u.protocol !== 'smtps:') || !u.hostname) return undefined;
    const secure = u.protocol === 'smtps:';
    return {
      host: u.hostname,
      port: u.port ? Number(u.port) : secure ? 465 : 587,
      secure,
      user: u.username ? decodeURIComponent(u.username) : null,
      pass: u.password ? decodeURIComponent(u.password) : null,
    };
  } catch {
    return undefined;
  }
}
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const mailbox = (v: string) => {
  const m = /^(.*)<([^<>]+)>$/.exec(v);
  return EMAIL.test(m ? m[2]!.trim() : v) ? v : undefined;
};

function schema(defaults: { databaseUrl: string }) {
  return z
    .object({
      DATABASE_URL: variable(
        'DATABASE_URL',
        (v) => {
          if (!/^postgres(ql)?:\/\//i.test(v)) return v; // a SQLite file path (or sqlite:path)
          try {
            const u = new URL(v);
            return u.hostname && u.pathname.length > 1 ? v : undefined;
          } catch {
            return undefined;
          }
        },
        '不是有效的 PostgreSQL 连接地址，应形如 postgres://用户:密码@主机:5432/数据库（或填写 SQLite 文件路径）',
        () => defaults.databaseUrl,
      ),
      HOST: variable(
        'HOST',
        (v) => (/^[\w.:-]+$/.test(v) ? v : undefined),
        '应为监听的主机名或 IP 地址（如 127.0.0.1 或 0.0.0.0）',
        () => CONFIG_DEFAULTS.host,
      ),
      PORT: variable('PORT', int(1, 65535), '应为 1–65535 之间的整数', () => CONFIG_DEFAULTS.port),
      PUBLIC_BASE_URL: variable(
        'PUBLIC_BASE_URL',
        (v) => {
          const u = httpUrl(v);
          return u && !u.search && !u.hash ? `${u.origin}${u.pathname}`.replace(/\/+$/, '') : undefined;
        },
        '应为 http:// 或 https:// 开头、不带查询参数的网址（如 https://shishi.example.gov.cn）',
        (): string | null => null,
      ),
      TRUST_PROXY: variable(
        'TRUST_PROXY',
        (v): boolean | string[] | undefined => {
          const b = bool(v);
          if (b !== undefined) return b;
          const list = v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          return list.length && list.every(proxyAddress) ? list : undefined;
        },
        '应为 false、true，或以逗号分隔的反向代理地址/网段（如 127.0.0.1,10.0.0.0/8）',
        (): boolean | string[] => false,
      ),
      SECURE_COOKIES: variable('SECURE_COOKIES', bool, '应为 true 或 false', (): boolean | null => null),
      SMTP_URL: variable(
        'SMTP_URL',
        smtpUrl,
        '应形如 smtp://用户:密码@主机:端口（TLS 直连用 smtps://；用户名或密码中的特殊字符需 URL 编码）',
        (): Omit<SmtpConfig, 'from' | 'rejectUnauthorized'> | null => null,
      ),
      SMTP_TLS_REJECT_UNAUTHORIZED: variable(
        'SMTP_TLS_REJECT_UNAUTHORIZED',
        bool,
        '应为 true 或 false（false 表示接受自签名等无法验证的邮件服务器证书，仅限内网测试）',
        () => true,
      ),
      PUBLIC_URL: variable(
        'PUBLIC_URL',
        (v) => {
          const u = httpUrl(v);
          return u && !u.search && !u.hash ? `${u.origin}${u.pathname}`.replace(/\/+$/, '') : undefined;
        },
        '应为 http:// 或 https:// 开头、不带查询参数的网址（邮件与群机器人消息中的链接以它开头，如 https://shishi.example.gov.cn）',
        (): string | null => null,
      ),
      REMINDER_EVERY_MINUTES: variable(
        'REMINDER_EVERY_MINUTES',
        int(1, 1440),
        '应为 1–1440 之间的分钟数（多久检查一次提醒与催办规则）',
        () => CONFIG_DEFAULTS.reminderEveryMinutes,
      ),
      SMTP_FROM: variable(
        'SMTP_FROM',
        mailbox,
        '应为发件人邮箱地址，如 noreply@example.gov.cn 或 实事系统 <noreply@example.gov.cn>',
        (): string | null => null,
      ),
      WEBHOOK_URLS: variable(
        'WEBHOOK_URLS',
        (v) => {
          const list = v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
          return list.every((s) => httpUrl(s)) ? list : undefined;
        },
        '应为以逗号分隔的 http:// 或 https:// 网址',
        (): string[] => [],
      ),
      API_DOCS: variable(
        'API_DOCS',
        (v) => (['staff', 'off', 'public'].includes(v) ? (v as ApiDocs) : undefined),
        '应为 staff（仅工作人员）、off（关闭）或 public（公开）之一',
        () => CONFIG_DEFAULTS.apiDocs,
      ),
      BODY_LIMIT: variable(
        'BODY_LIMIT',
        size(1024, 100 * 1024 ** 2),
        '应为 1KB–100MB 之间的字节数，可带单位（如 1000000、512kb、2mb）',
        () => CONFIG_DEFAULTS.bodyLimit,
      ),
      UPLOAD_LIMIT: variable(
        'UPLOAD_LIMIT',
        size(1024, CONFIG_DEFAULTS.uploadLimit),
        '应为 1KB–20MB 之间的字节数（网页端上传上限为 20MB，只能调低），可带单位（如 10mb）',
        () => CONFIG_DEFAULTS.uploadLimit,
      ),
      LOGIN_RATE_MAX: variable(
        'LOGIN_RATE_MAX',
        int(1, 100_000),
        '应为每分钟每个地址允许的登录次数（1–100000 的整数）',
        () => CONFIG_DEFAULTS.loginRateMax,
      ),
      WORKER: variable('WORKER', bool, '应为 on 或 off', () => true),
      LOG_LEVEL: variable(
        'LOG_LEVEL',
        (v) =>
          ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v.toLowerCase())
            ? (v.toLowerCase() as LogLevel)
            : undefined,
        '应为 fatal、error、warn、info、debug、trace 或 silent 之一',
        () => CONFIG_DEFAULTS.logLevel,
      ),
      SECURITY_LEVEL: variable(
        'SECURITY_LEVEL',
        (v): 2 | 3 | undefined => (v === '2' || v === '二级' ? 2 : v === '3' || v === '三级' ? 3 : undefined),
        '应为 2（等保二级）或 3（等保三级）',
        (): 2 | 3 => 2,
      ),
      SESSION_IDLE_MINUTES: variable(
        'SESSION_IDLE_MINUTES',
        int(1, 24 * 60),
        '应为 1–1440 之间的分钟数（无操作多久后需重新登录）',
        (): number | null => null,
      ),
      SESSION_ABSOLUTE_HOURS: variable(
        'SESSION_ABSOLUTE_HOURS',
        int(1, 24 * 30),
        '应为 1–720 之间的小时数（登录后最长多久需重新登录）',
        (): number | null => null,
      ),
      MAX_SESSIONS: variable(
        'MAX_SESSIONS',
        int(0, 100),
        '应为 0–100 的整数（每个账号同时在线的会话数，0 表示不限）',
        (): number | null => null,
      ),
      PASSWORD_EXPIRY_DAYS: variable(
        'PASSWORD_EXPIRY_DAYS',
        int(0, 3650),
        '应为 0–3650 的整数（密码有效天数，0 表示不过期；等保三级通常为 90）',
        (): number | null => null,
      ),
      CRYPTO_PROVIDER: variable(
        'CRYPTO_PROVIDER',
        (v) =>
          v.toLowerCase() === 'standard' || v.toLowerCase() === 'sm'
            ? (v.toLowerCase() as CryptoProviderName)
            : undefined,
        '应为 standard（scrypt、AES-256-GCM、SHA-256）或 sm（国密 SM3/SM4）',
        (): CryptoProviderName => 'standard',
      ),
      DATA_KEY: variable(
        'DATA_KEY',
        (v) => {
          const bytes = /^[0-9a-f]+$/i.test(v) && v.length % 2 === 0 ? v.length / 2 : Buffer.from(v, 'base64').length;
          return bytes >= 16 && bytes <= 64 ? v : undefined;
        },
        '应为 16–64 字节的密钥，写成十六进制或 base64（如 openssl rand -hex 32 的输出）',
        (): string | null => null,
      ),
      AUDIT_RETENTION_DAYS: variable(
        'AUDIT_RETENTION_DAYS',
        int(180, 36500),
        '应为不少于 180 的天数（等保要求审计记录至少保存六个月）',
        () => CONFIG_DEFAULTS.auditRetentionDays,
      ),
      PUBLIC_RATE_MAX: variable(
        'PUBLIC_RATE_MAX',
        int(1, 1_000_000),
        '应为每分钟每个地址允许的公开页面请求数（1–1000000 的整数）',
        () => CONFIG_DEFAULTS.publicRateMax,
      ),
    })
    .superRefine((c, ctx) => {
      if (c.SMTP_URL && !c.SMTP_FROM)
        ctx.addIssue({
          code: 'custom',
          message: '设置了 SMTP_URL 时必须同时设置 SMTP_FROM（发件人地址，如 实事系统 <noreply@example.gov.cn>）',
        });
      if (!c.SMTP_URL && c.SMTP_FROM)
        ctx.addIssue({ code: 'custom', message: '设置了 SMTP_FROM 但没有 SMTP_URL：请同时设置邮件服务器地址' });
    })
    .transform(
      (c): Config => ({
        databaseUrl: c.DATABASE_URL,
        host: c.HOST,
        port: c.PORT,
        publicBaseUrl: c.PUBLIC_BASE_URL,
        publicUrl:
          c.PUBLIC_URL ?? c.PUBLIC_BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`,
        reminderEveryMinutes: c.REMINDER_EVERY_MINUTES,
        trustProxy: c.TRUST_PROXY,
        // Default: secure cookies when the public address (PUBLIC_URL, else PUBLIC_BASE_URL) is https.
        secureCookies: c.SECURE_COOKIES ?? (c.PUBLIC_URL ?? c.PUBLIC_BASE_URL)?.startsWith('https:') ?? false,
        smtp:
          c.SMTP_URL && c.SMTP_FROM
            ? { ...c.SMTP_URL, from: c.SMTP_FROM, rejectUnauthorized: c.SMTP_TLS_REJECT_UNAUTHORIZED }
            : null,
        webhookUrls: c.WEBHOOK_URLS,
        apiDocs: c.API_DOCS,
        bodyLimit: c.BODY_LIMIT,
        uploadLimit: c.UPLOAD_LIMIT,
        loginRateMax: c.LOGIN_RATE_MAX,
        worker: c.WORKER,
        logLevel: c.LOG_LEVEL,
        securityLevel: c.SECURITY_LEVEL,
        sessionIdleMinutes: c.SESSION_IDLE_MINUTES ?? SECURITY_LEVEL_DEFAULTS[c.SECURITY_LEVEL].sessionIdleMinutes,
        sessionAbsoluteHours:
          c.SESSION_ABSOLUTE_HOURS ?? SECURITY_LEVEL_DEFAULTS[c.SECURITY_LEVEL].sessionAbsoluteHours,
        maxSessions: c.MAX_SESSIONS ?? SECURITY_LEVEL_DEFAULTS[c.SECURITY_LEVEL].maxSessions,
        passwordExpiryDays: c.PASSWORD_EXPIRY_DAYS ?? SECURITY_LEVEL_DEFAULTS[c.SECURITY_LEVEL].passwordExpiryDays,
        cryptoProvider: c.CRYPTO_PROVIDER,
        dataKey: c.DATA_KEY,
        auditRetentionDays: c.AUDIT_RETENTION_DAYS,
        publicRateMax: c.PUBLIC_RATE_MAX,
      }),
    );
}

/**
 * Read the configuration from environment variables and flags (`--port 8080`, `--no-worker`, `--secure-cookies`).
 * Throws ConfigError listing every problem at once.
 */
export function loadConfig(env: Env, flags: Flags = {}, defaults: { databaseUrl: string }): Config {
  const raw: Record<string, string | undefined> = {};
  for (const name of [
    ...Object.keys(CONFIG_FLAGS),
    'SMTP_URL',
    'SMTP_FROM',
    'SMTP_TLS_REJECT_UNAUTHORIZED',
    'WEBHOOK_URLS',
  ])
    raw[name] = env[name];
  for (const [name, flag] of Object.entries(CONFIG_FLAGS)) {
    const f = flags[flag];
    if (f !== undefined) raw[name] = f === true ? 'true' : f;
    if (flags[`no-${flag}`] !== undefined) raw[name] = 'false';
  }
  const r = schema(defaults).safeParse(raw);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => i.message));
  return r.data;
}

/** A URL with its password hidden, for printing. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
