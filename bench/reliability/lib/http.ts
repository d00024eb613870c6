/**
 * A small HTTP client over node:http (loopback only): keeps the session cookie and CSRF token of one login, can bind
 * a chosen local address (127.0.0.2 …) so the server sees another client address, and times every request.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export const PASSWORD = 'shishi2026';

export type HttpResult = { status: number; headers: IncomingHttpHeaders; body: Buffer; ms: number };

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  localAddress?: string;
  timeoutMs?: number;
  agent?: Agent;
};

/** One request; rejects on network errors (connection refused or reset: the server was killed) and on timeout. */
export function request(base: string, path: string, opts: RequestOptions = {}): Promise<HttpResult> {
  const url = new URL(path, base);
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
  const headers: Record<string, string> = { ...opts.headers };
  if (body) headers['content-length'] = String(body.length);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: opts.method ?? 'GET',
        headers,
        ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
        ...(opts.agent ? { agent: opts.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - t0,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(opts.timeoutMs ?? 120_000, () =>
      req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 120_000} ms`)),
    );
    req.end(body);
  });
}

/** The Chinese message of an error answer ({error: {code, message}}), or '' when the body is not one. */
export function errorOf(res: HttpResult): { code: string; message: string } {
  try {
    const j = JSON.parse(res.body.toString('utf8')) as { error?: { code?: string; message?: string } };
    return { code: j.error?.code ?? '', message: j.error?.message ?? '' };
  } catch {
    return { code: '', message: '' };
  }
}

/** The address the health probe logs in from (its own login budget, away from the attacked 127.0.0.1). */
export const PROBE_ADDRESS = '127.0.0.9';

export const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s);

export type PreparedBody = { contentType: string; bytes: Buffer };

/** A multipart/form-data body with one file (field `file`), as the web page sends it. */
export function multipartFile(fileName: string, bytes: Uint8Array): PreparedBody {
  const boundary = `----shishi-rel-${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([head, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), tail]),
  };
}

export const jsonBody = (value: unknown): PreparedBody => ({
  contentType: 'application/json',
  bytes: Buffer.from(JSON.stringify(value)),
});

/** A logged-in user: cookie + CSRF header on every request. */
export class Client {
  cookie = '';
  csrf = '';
  readonly agent: Agent;

  constructor(
    readonly base: string,
    readonly localAddress?: string,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 64 });
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { ...extra };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    return h;
  }

  send(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<HttpResult> {
    return request(this.base, path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      agent: this.agent,
      ...(this.localAddress ? { localAddress: this.localAddress } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  }

  /** GET/POST/PUT expecting 2xx; throws with the status and message otherwise. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    if (res.status < 200 || res.status > 299)
      throw new Error(`${method} ${path}: ${res.status} ${res.body.toString('utf8').slice(0, 300)}`);
    return JSON.parse(res.body.toString('utf8')) as T;
  }

  /** POST /api/auth/login; keeps the cookie and CSRF token on success. Returns the raw answer either way. */
  async login(username: string, password = PASSWORD): Promise<HttpResult> {
    const res = await this.send('POST', '/api/auth/login', { username, password });
    if (res.status === 200) {
      const set = res.headers['set-cookie'];
      this.cookie = (Array.isArray(set) ? set[0]! : String(set)).split(';')[0]!;
      this.csrf = (JSON.parse(res.body.toString('utf8')) as { csrfToken: string }).csrfToken;
    }
    return res;
  }

  async mustLogin(username: string, password = PASSWORD): Promise<this> {
    const res = await this.login(username, password);
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.body.toString('utf8')}`);
    return this;
  }

  /** POST a body built beforehand (so building it is not timed). */
  postRaw(path: string, body: PreparedBody, timeoutMs = 120_000): Promise<HttpResult> {
    return request(this.base, path, {
      method: 'POST',
      headers: this.headers({ 'content-type': body.contentType }),
      body: body.bytes,
      agent: this.agent,
      timeoutMs,
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
