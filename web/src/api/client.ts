/** fetch wrapper: same-origin cookies, JSON, CSRF header on state changes, ApiError with the server's Chinese message. */
import {
  type BodyOf,
  type Endpoint,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  urlOf,
} from '../../../src/shared/contract/endpoint';
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

/**
 * The server names a bad field as 字段“落实情况意见”（fieldComments.progress）: the Chinese label is what a user reads;
 * the path in brackets, and a field that has no Chinese label (字段“dueDate”), are internal keys and are left out.
 */
export function humanizeMessage(message: string): string {
  return message
    .replace(/（[A-Za-z_$][\w.$[\]]*）/g, '')
    .replace(/\(([A-Za-z_$][\w.$[\]]*)\)/g, '')
    .replace(/字段“[A-Za-z_$][\w.$]*”/g, '某一字段');
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
  405: '不支持的请求方式',
  409: '数据已被他人修改，请重新加载后再操作',
  413: '提交的内容过大',
  415: '不支持的内容类型',
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
  return settle<T>(res.status, await res.text(), opts);
}

/** What a call of endpoint E sends: its path parameters, query and body, each only when the endpoint has one. */
export type CallInput<E extends Endpoint> = (ParamsOf<E> extends undefined
  ? { params?: never }
  : { params: ParamsOf<E> }) &
  (QueryOf<E> extends undefined ? { query?: never } : { query?: QueryOf<E> }) &
  (BodyOf<E> extends undefined ? { body?: never } : { body: BodyOf<E> });

/** Call an endpoint of the shared contract: URL from its path and parameters, answer typed by its response schema. */
export function call<E extends Endpoint>(e: E, input: CallInput<E>, opts: RequestOptions = {}): Promise<ResponseOf<E>> {
  const { params, query, body } = input as {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
  };
  return request<ResponseOf<E>>(e.method, urlOf(e, params, query), body, opts);
}

/** Parse an answer: the JSON body when 2xx, else ApiError with the server's message (401 → session expired). */
function settle<T>(status: number, text: string, opts: RequestOptions): T {
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (status < 200 || status >= 300) {
    const err = isErrorBody(data)
      ? new ApiError(status, data.error.code, humanizeMessage(data.error.message), data.error.details)
      : new ApiError(status, `HTTP_${status}`, FALLBACK_MESSAGES[status] ?? `服务器错误（HTTP ${status}）`);
    if (status === 401 && !opts.allow401) {
      csrfToken = null;
      unauthenticatedHandler?.();
    }
    throw err;
  }
  return data as T;
}

export type UploadProgress = { loaded: number; total: number };

/**
 * POST a multipart form (file upload) with upload progress. XMLHttpRequest rather than fetch: fetch reports no
 * upload progress. Same CSRF header and error handling as request().
 */
export function requestForm<T>(
  path: string,
  form: FormData,
  opts: RequestOptions & { onProgress?: (p: UploadProgress) => void } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new DOMException('已取消', 'AbortError'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      try {
        resolve(settle<T>(xhr.status, xhr.responseText, opts));
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new DOMException('已取消', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Human-readable message of any error thrown by request(). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return humanizeMessage(e.message);
  return humanizeMessage(String(e));
}
