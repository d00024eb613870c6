/** fetch wrapper: same-origin cookies, JSON, CSRF header on state changes, ApiError with the server's Chinese message. */
import type { ApiErrorBody } from '../../../src/shared/errors';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

/** Remember the CSRF token from /api/auth/me or the login answer (null after logout). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when any request (except those that opt out) answers 401; the app shows the login page. */
export function onUnauthenticated(handler: (() => void) | null) {
  unauthenticatedHandler = handler;
}

export type RequestOptions = {
  /** Do not treat 401 as "session expired" (login form, initial /me probe, public pages). */
  allow401?: boolean;
  signal?: AbortSignal;
};

function isErrorBody(x: unknown): x is ApiErrorBody {
  return (
    typeof x === 'object' &&
    x !== null &&
    'error' in x &&
    typeof (x as { error: unknown }).error === 'object' &&
    typeof (x as ApiErrorBody).error?.message === 'string'
  );
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的内容不存在',
  409: '数据已被他人修改，请重新加载后再操作',
  413: '提交的内容过大',
  423: '内容已锁定，不可修改',
  429: '操作过于频繁，请稍后再试',
};

/** One API call. Resolves with the parsed JSON body; rejects with ApiError. */
export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = isErrorBody(data)
      ? new ApiError(res.status, data.error.code, data.error.message, data.error.details)
      : new ApiError(
          res.status,
          `HTTP_${res.status}`,
          FALLBACK_MESSAGES[res.status] ?? `服务器错误（HTTP ${res.status}）`,
        );
    if (res.status === 401 && !opts.allow401) {
      csrfToken = null;
      unauthenticatedHandler?.();
    }
    throw err;
  }
  return data as T;
}

/** Human-readable message of any error thrown by request(). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
