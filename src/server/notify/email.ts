/** E-mail over SMTP with nodemailer; one transport (connection pool) per SMTP setting. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from '../config';

export type MailMessage = { to: string; subject: string; text: string; html: string };

let cached: { key: string; transport: Transporter } | null = null;

function transportFor(smtp: SmtpConfig, timeoutMs: number): Transporter {
  const key = JSON.stringify([smtp, timeoutMs]);
  if (cached?.key === key) return cached.transport;
  cached?.transport.close();
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
    tls: { rejectUnauthorized: smtp.rejectUnauthorized },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
  });
  cached = { key, transport };
  return transport;
}

/** Close the cached connection (settings changed; tests). */
export function closeMailTransport() {
  cached?.transport.close();
  cached = null;
}

/** Send one message; throws with a Chinese message naming the server when it fails. */
export async function sendMail(smtp: SmtpConfig, msg: MailMessage, timeoutMs = 10_000): Promise<void> {
  try {
    await transportFor(smtp, timeoutMs).sendMail({
      from: smtp.from,
      to: msg.to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      textEncoding: 'base64',
    });
  } catch (e) {
    throw new Error(`邮件发送失败（${smtp.host}:${smtp.port}）：${e instanceof Error ? e.message : String(e)}`);
  }
}
