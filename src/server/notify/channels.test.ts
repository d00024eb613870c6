/**
 * The channels against real receivers: an SMTP server (smtp-server) on a free loopback port reads the e-mail (subject,
 * body, link, UTF-8); a node:http receiver reads the 企业微信 and 钉钉 robot posts, and the 钉钉 signature is
 * recomputed from the secret.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpConfig } from '../config';
import { closeMailTransport, sendMail } from './email';
import { dingtalkPayloadOf, emailOf, linkOf, smsTextOf, wecomPayloadOf } from './message';
import { LogSmsSender, maskPhone } from './sms';
import { startHttpReceiver, startSmtpServer } from './testing';
import { dingtalkSign, maskUrl, postWebhook, signedUrl } from './webhook';

const note = {
  title: '东湖街道：2026年第三季度进展尚未报送',
  body: '“加装电梯”项目的2026年第三季度进展应于2026-10-08前报送，已逾期2天。\n请尽快登录系统填报。',
  link: '/reports/rep-1',
  level: 'info',
  kind: 'chase',
};

describe('e-mail over SMTP (a real smtp-server)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    closeMailTransport();
    await smtp.close();
  });

  it('delivers a Chinese subject and body with the link to the exact page, over STARTTLS with login', async () => {
    const config: SmtpConfig = {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'mailer',
      pass: 'p@ss 密码',
      from: '实事系统 <noreply@example.gov.cn>',
      // The test server's certificate is self-signed: SMTP_TLS_REJECT_UNAUTHORIZED=false.
      rejectUnauthorized: false,
    };
    await sendMail(config, { to: 'repa@example.com', ...emailOf(note, 'https://ss.example.gov.cn') });
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.to).toEqual(['repa@example.com']);
    expect(m.from).toBe('noreply@example.gov.cn');
    expect(smtp.logins).toEqual([{ username: 'mailer', password: 'p@ss 密码' }]);
    expect(m.subject).toBe('【催办】东湖街道：2026年第三季度进展尚未报送');
    expect(m.text).toContain('“加装电梯”项目的2026年第三季度进展应于2026-10-08前报送，已逾期2天。');
    expect(m.text).toContain('查看详情：https://ss.example.gov.cn/#/reports/rep-1');
    expect(m.html).toContain('<a href="https://ss.example.gov.cn/#/reports/rep-1">查看详情</a>');
    expect(m.html).toContain('<p>请尽快登录系统填报。</p>');
    expect(m.headers['content-type']).toMatch(/multipart\/alternative/);
  });

  it('refuses an unverifiable certificate by default and names the server', async () => {
    const config: SmtpConfig = {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      pass: null,
      from: 'noreply@example.gov.cn',
      rejectUnauthorized: true,
    };
    await expect(sendMail(config, { to: 'a@example.com', subject: 's', text: 't', html: 'h' })).rejects.toThrow(
      new RegExp(`^邮件发送失败（127.0.0.1:${smtp.port}）`),
    );
  });
});

describe('group robots at a real HTTP receiver', () => {
  let rx: Awaited<ReturnType<typeof startHttpReceiver>>;
  beforeAll(async () => {
    rx = await startHttpReceiver();
  });
  afterAll(() => rx.close());

  it('posts a 企业微信 markdown message', async () => {
    const url = `${rx.url}/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`;
    await postWebhook('wecom', url, null, wecomPayloadOf(note, 'https://ss.example.gov.cn'), { now: new Date() });
    const r = rx.received.at(-1)!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa');
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(r.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('【催办】</font>东湖街道：2026年第三季度进展尚未报送');
    expect(body.markdown.content).toContain('[查看详情](https://ss.example.gov.cn/#/reports/rep-1)');
  });

  it('posts a 钉钉 markdown message with a valid timestamp and sign', async () => {
    const secret = 'SEC1a2b3c4d5e6f7g8h9i0j/+=测试';
    const now = new Date('2026-10-10T01:02:03.456Z');
    await postWebhook(
      'dingtalk',
      `${rx.url}/robot/send?access_token=abc123`,
      secret,
      dingtalkPayloadOf({ ...note, level: 'red', kind: 'escalate' }, 'https://ss.example.gov.cn'),
      { now },
    );
    const r = rx.received.at(-1)!;
    const u = new URL(r.url, rx.url);
    expect(u.pathname).toBe('/robot/send');
    expect(u.searchParams.get('access_token')).toBe('abc123');
    const timestamp = u.searchParams.get('timestamp')!;
    expect(timestamp).toBe(String(now.getTime()));
    // Recompute: Base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)); URLSearchParams has URL-decoded it.
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    expect(u.searchParams.get('sign')).toBe(expected);
    expect(r.url).toContain(`sign=${encodeURIComponent(expected)}`);
    const body = JSON.parse(r.body);
    expect(body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '【红色督办单】东湖街道：2026年第三季度进展尚未报送',
        text: expect.stringContaining('[查看详情](https://ss.example.gov.cn/#/reports/rep-1)'),
      },
    });
  });

  it('fails on HTTP 500, on errcode ≠ 0 and on a closed port, in Chinese', async () => {
    rx.answerWith(() => ({ status: 500, body: 'boom' }));
    await expect(postWebhook('wecom', `${rx.url}/x`, null, {}, { now: new Date() })).rejects.toThrow(
      '企业微信群机器人返回 HTTP 500：boom',
    );
    rx.answerWith(() => ({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' }));
    await expect(postWebhook('dingtalk', `${rx.url}/x`, 's', {}, { now: new Date() })).rejects.toThrow(
      '钉钉群机器人拒绝了消息：错误码 310000（sign not match）',
    );
    rx.answerWith(() => ({ status: 200, body: '{"errcode":0}' }));
    await expect(postWebhook('wecom', 'http://127.0.0.1:1/x', null, {}, { now: new Date() })).rejects.toThrow(
      /^企业微信群机器人无法连接/,
    );
  });
});

describe('messages, signatures and masks', () => {
  it('signs like 钉钉 documents (URL-encoded, appended with & or ?)', () => {
    expect(dingtalkSign('SECxyz', 1_600_000_000_000)).toBe(
      createHmac('sha256', 'SECxyz').update('1600000000000\nSECxyz').digest('base64'),
    );
    const at = new Date(1_600_000_000_000);
    expect(signedUrl('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECxyz', at)).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1600000000000&sign=${encodeURIComponent(dingtalkSign('SECxyz', 1_600_000_000_000))}`,
    );
    expect(signedUrl('dingtalk', 'https://x.cn/send', null, at)).toBe('https://x.cn/send');
    expect(signedUrl('wecom', 'https://x.cn/send?key=k', 'ignored', at)).toBe('https://x.cn/send?key=k');
  });

  it('never shows a robot key or a phone number in full', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a…5aaa',
    );
    expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=short')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=…',
    );
    expect(maskPhone('13800138000')).toBe('138****8000');
  });

  it('links to the exact page, escapes HTML and writes a short SMS', () => {
    expect(linkOf('https://a.cn/', 'reports/1')).toBe('https://a.cn/#/reports/1');
    const m = emailOf({ ...note, title: '<b>x</b> & y', body: 'a<script>' }, 'https://a.cn');
    expect(m.html).toContain('&lt;b&gt;x&lt;/b&gt; &amp; y');
    expect(m.html).not.toContain('<script>');
    expect(smsTextOf(note, 'https://a.cn')).toBe(
      '【民生实事系统】催办：东湖街道：2026年第三季度进展尚未报送。详情：https://a.cn/#/reports/rep-1',
    );
  });

  it('has an example SMS sender that only logs, the number masked', async () => {
    const lines: string[] = [];
    const sms = new LogSmsSender((l) => lines.push(l));
    await sms.send('13800138000', '测试');
    expect(lines).toEqual(['[短信示例] 发往 138****8000：测试']);
    expect(sms.sent).toEqual([{ phone: '13800138000', text: '测试' }]);
  });
});
