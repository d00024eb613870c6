/**
 * 企业微信群机器人 and 钉钉自定义机器人: POST JSON to the robot's URL. 钉钉's 加签: `timestamp` (ms) and
 * `sign` = Base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), URL-encoded, appended to the URL.
 * Both answer HTTP 200 with `{ errcode, errmsg }`; errcode ≠ 0 is a failure (retried by the job queue).
 */
import { createHmac } from 'node:crypto';

export type WebhookKind = 'wecom' | 'dingtalk';
export const WEBHOOK_KIND_LABELS: Record<WebhookKind, string> = { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人' };

export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The URL to post to: 钉钉 with a secret gets `&timestamp=…&sign=…`. */
export function signedUrl(kind: WebhookKind, url: string, secret: string | null, now: Date): string {
  if (kind !== 'dingtalk' || !secret) return url;
  const timestamp = now.getTime();
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
}

/** Post a payload; throws with a Chinese message on a network error, a non-2xx answer or errcode ≠ 0. */
export async function postWebhook(
  kind: WebhookKind,
  url: string,
  secret: string | null,
  payload: unknown,
  opts: { now: Date; timeoutMs?: number },
): Promise<void> {
  const label = WEBHOOK_KIND_LABELS[kind];
  let res: Response;
  try {
    res = await fetch(signedUrl(kind, url, secret, opts.now), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (e) {
    const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new Error(`${label}无法连接：${cause}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`${label}返回 HTTP ${res.status}${text ? `：${text.slice(0, 200)}` : ''}`);
  let answer: { errcode?: unknown; errmsg?: unknown } = {};
  try {
    answer = JSON.parse(text);
  } catch {
    // A receiver that answers 2xx without JSON (a proxy, a test receiver) counts as delivered.
  }
  if (typeof answer.errcode === 'number' && answer.errcode !== 0)
    throw new Error(`${label}拒绝了消息：错误码 ${answer.errcode}（${String(answer.errmsg ?? '')}）`);
}

/** https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=ab…yz — enough to recognise, never the whole key. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const params = [...u.searchParams.entries()]
      .map(([k, v]) => `${k}=${v.length > 8 ? `${v.slice(0, 4)}…${v.slice(-4)}` : '…'}`)
      .join('&');
    const path = u.pathname.length > 24 ? `${u.pathname.slice(0, 20)}…` : u.pathname;
    return `${u.protocol}//${u.host}${path}${params ? `?${params}` : ''}`;
  } catch {
    return '…';
  }
}
