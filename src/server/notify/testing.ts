/**
 * Test receivers (used by the notify tests only): a real SMTP server (the `smtp-server` package, a dev dependency) on a
 * free loopback port that keeps every message it receives, decoded (subject, text, html), and a real HTTP receiver
 * (node:http) that keeps every request and answers what the test says.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
};

/** Decode RFC 2047 encoded words (adjacent words joined before decoding, so split UTF-8 sequences survive). */
function decodeWords(value: string): string {
  return value.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)(\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g, (run) => {
    const bytes: Buffer[] = [];
    for (const m of run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
      const [, , enc, data] = m;
      if (enc!.toUpperCase() === 'B') bytes.push(Buffer.from(data!, 'base64'));
      else
        bytes.push(
          Buffer.from(
            data!
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ),
        );
    }
    return Buffer.concat(bytes).toString('utf8');
  });
}

function splitHeaders(block: string): { headers: Record<string, string>; body: string } {
  const i = block.search(/\r?\n\r?\n/);
  const head = i < 0 ? block : block.slice(0, i);
  const body = i < 0 ? '' : block.slice(i).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const enc = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bin = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bin, 'latin1').toString('utf8');
  }
  return body;
}

/** Subject, plain text and HTML of a raw message (single part or multipart/alternative). */
export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text' | 'html'> {
  const { headers, body } = splitHeaders(raw);
  const out = { headers, subject: decodeWords(headers.subject ?? ''), text: '', html: '' };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1)
        .filter((p) => !p.startsWith('--'))
        .map((p) => splitHeaders(p.replace(/^\r?\n/, '')))
    : [{ headers, body }];
  for (const p of parts) {
    const type = (p.headers['content-type'] ?? 'text/plain').toLowerCase();
    if (type.startsWith('text/plain')) out.text = decodeBody(p.headers, p.body).trim();
    if (type.startsWith('text/html')) out.html = decodeBody(p.headers, p.body).trim();
  }
  return out;
}

/** A real SMTP server on 127.0.0.1 (any login accepted, STARTTLS offered with the package's self-signed cert). */
export async function startSmtpServer(opts: { requireAuth?: boolean } = {}) {
  const received: ReceivedMail[] = [];
  const logins: { username: string; password: string }[] = [];
  const server = new SMTPServer({
    authOptional: !opts.requireAuth,
    logger: false,
    disableReverseLookup: true,
    onAuth(auth, _session, cb) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMail(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ReceivedRequest = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

/** A real HTTP receiver on 127.0.0.1; `answer` decides each response (default 200 `{"errcode":0,"errmsg":"ok"}`). */
export async function startHttpReceiver() {
  const received: ReceivedRequest[] = [];
  let answer: (r: ReceivedRequest) => { status: number; body: string } = () => ({
    status: 200,
    body: '{"errcode":0,"errmsg":"ok"}',
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(f: typeof answer) {
      answer = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
