/**
 * What a notification says on each channel: a Chinese e-mail (subject, plain text, simple HTML) and the 企业微信 /
 * 钉钉 robot payloads, all with the link to the exact page (`${publicUrl}/#${link}`).
 */
export type NotificationMessage = {
  title: string;
  body: string;
  /** A hash path of the web app, e.g. /reports/<id>. */
  link: string;
  level: string;
  kind: string;
};

const LEVEL_LABELS: Record<string, string> = {
  info: '提醒',
  blue: '蓝色督办',
  yellow: '黄色督办单',
  red: '红色督办单',
  listed: '挂牌督办',
};
const KIND_LABELS: Record<string, string> = {
  remind: '提醒',
  chase: '催办',
  escalate: '督办',
  supervision: '督办',
  info: '通知',
};

export const SIGNATURE = '民生实事系统';

/** The label shown in brackets: the 督办 level when there is one, else the kind (提醒, 催办 …). */
export function labelOf(m: Pick<NotificationMessage, 'kind' | 'level'>): string {
  if (m.level !== 'info' && LEVEL_LABELS[m.level]) return LEVEL_LABELS[m.level]!;
  return KIND_LABELS[m.kind] ?? '通知';
}

export function linkOf(publicUrl: string, link: string): string {
  const path = link.startsWith('/') ? link : `/${link}`;
  return `${publicUrl.replace(/\/+$/, '')}/#${path}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function emailOf(m: NotificationMessage, publicUrl: string) {
  const url = linkOf(publicUrl, m.link);
  const subject = `【${labelOf(m)}】${m.title}`;
  const text = `${m.title}\n\n${m.body}\n\n查看详情：${url}\n\n——\n此邮件由${SIGNATURE}自动发送，请勿直接回复。`;
  const paragraphs = m.body
    .split(/\n+/)
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family:sans-serif;line-height:1.6"><h3>${escapeHtml(m.title)}</h3>${paragraphs}` +
    `<p><a href="${escapeHtml(url)}">查看详情</a></p>` +
    `<p style="color:#888;font-size:12px">此邮件由${SIGNATURE}自动发送，请勿直接回复。</p></body></html>`;
  return { subject, text, html };
}

/** 企业微信群机器人: markdown message. */
export function wecomPayloadOf(m: NotificationMessage, publicUrl: string) {
  const url = linkOf(publicUrl, m.link);
  const colour = m.level === 'red' || m.level === 'listed' ? 'warning' : m.level === 'yellow' ? 'comment' : 'info';
  const quoted = m.body
    .split(/\n+/)
    .filter(Boolean)
    .map((p) => `> ${p}`)
    .join('\n');
  return {
    msgtype: 'markdown' as const,
    markdown: {
      content: `**<font color="${colour}">【${labelOf(m)}】</font>${m.title}**\n${quoted}\n[查看详情](${url})`,
    },
  };
}

/** 钉钉自定义机器人: markdown message. */
export function dingtalkPayloadOf(m: NotificationMessage, publicUrl: string) {
  const url = linkOf(publicUrl, m.link);
  return {
    msgtype: 'markdown' as const,
    markdown: {
      title: `【${labelOf(m)}】${m.title}`,
      text: `#### 【${labelOf(m)}】${m.title}\n\n${m.body.split(/\n+/).filter(Boolean).join('\n\n')}\n\n[查看详情](${url})`,
    },
  };
}

/** A short text (SMS). */
export function smsTextOf(m: NotificationMessage, publicUrl: string) {
  return `【${SIGNATURE}】${labelOf(m)}：${m.title}。详情：${linkOf(publicUrl, m.link)}`;
}
