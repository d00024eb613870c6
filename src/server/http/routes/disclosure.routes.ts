/**
 * 政务公开: the office's JSON endpoints (contract/disclosure.ts, one line each) and the public server-rendered pages
 * under /gk/ (plain HTML, no script): /gk/ (programmes and years), /gk/<programme>/<year>/ (a year's list),
 * /gk/p/<slug> (one publication), /gk/p/<slug>/<docx|xlsx|pdf> (its files), POST /gk/p/<slug>/comments (a plain form).
 * Pages carry an ETag and `cache-control: public, max-age=60` (304 on a match); the public rate limit of
 * plugins/public-rate-limit.ts covers them (everything outside /api is counted), comments have their own limit too.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from '../../../shared/contract';
import type { Db } from '../../db/connect';
import { AppError } from '../../errors';
import {
  correctPublication,
  disclosureOverview,
  moderateComment,
  publicationFile,
  publishToDisclosure,
} from '../../services/disclosure/office';
import {
  publicationIdOf,
  publicIndex,
  publicPublication,
  publicYear,
  submitComment,
} from '../../services/disclosure/public-read';
import { saveSettings } from '../../services/disclosure/settings';
import { ctxOf } from '../plugins/auth';
import { routeOf } from '../plugins/contract';
import { type CommentFormState, errorPage, indexPage, publicationPage, yearPage } from '../public-html/render';

const HTML_ERRORS: Partial<Record<string, [number, string]>> = {
  NOT_FOUND: [404, '页面不存在'],
  VALIDATION: [400, '提交的内容有误'],
  RATE_LIMITED: [429, '请求过于频繁'],
};

/** Send a page with an ETag (304 when the client has it) and a short public cache lifetime. */
function sendHtml(req: FastifyRequest, reply: FastifyReply, html: string, cacheable = true) {
  const etag = `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 32)}"`;
  reply.header('content-type', 'text/html; charset=utf-8');
  if (!cacheable) return reply.header('cache-control', 'no-store').send(html);
  reply.header('etag', etag).header('cache-control', 'public, max-age=60');
  const match = String(req.headers['if-none-match'] ?? '')
    .split(',')
    .map((s) => s.trim());
  if (match.includes(etag)) return reply.status(304).send();
  return reply.send(html);
}

/** An application error as an HTML page (404, 400, 429); anything else goes to the error handler. */
async function htmlPage(req: FastifyRequest, reply: FastifyReply, make: () => Promise<string>) {
  try {
    return sendHtml(req, reply, await make());
  } catch (e) {
    const known = e instanceof AppError ? HTML_ERRORS[e.code] : undefined;
    if (!known) throw e;
    return reply
      .status(known[0])
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(errorPage(known[1], (e as AppError).message));
  }
}

const today = (req: FastifyRequest) => req.server.clock().toISOString().slice(0, 10);
const SLUG = /^[a-z0-9-]{1,64}$/;
const FORMATS = new Set(['docx', 'xlsx', 'pdf']);

export function disclosureRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(API.disclosureOverview),
    handler: async (req) => disclosureOverview(ctxOf(req, db), req.params.id),
  });
  r.route({
    ...routeOf(API.disclosureSettingsSave),
    handler: async (req) => saveSettings(ctxOf(req, db), req.params.id, req.body),
  });
  r.route({
    ...routeOf(API.disclosurePublish),
    handler: async (req, reply) =>
      reply.status(201).send(await publishToDisclosure(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({
    ...routeOf(API.disclosureCorrect),
    handler: async (req, reply) =>
      reply.status(201).send(await correctPublication(ctxOf(req, db), req.params.id, req.body)),
  });
  r.route({
    ...routeOf(API.disclosureModerate),
    handler: async (req) => moderateComment(ctxOf(req, db), req.params.id, req.body.decision),
  });
  r.route({
    ...routeOf(API.publicPublication),
    handler: async (req) => publicPublication(db, req.params.id, today(req)),
  });

  // ── the public pages ──
  app.get('/gk', async (_req, reply) => reply.redirect('/gk/', 301));
  app.get('/gk/', async (req, reply) => htmlPage(req, reply, async () => indexPage(await publicIndex(db))));
  const year = async (req: FastifyRequest<{ Params: { programme: string; year: string } }>, reply: FastifyReply) =>
    htmlPage(req, reply, async () => {
      const { programme, year: y } = req.params;
      if (!SLUG.test(programme) || !/^\d{4}$/.test(y)) throw new AppError('NOT_FOUND', '公开栏目不存在');
      return yearPage(await publicYear(db, programme, Number(y)));
    });
  app.get('/gk/:programme/:year/', year);
  app.get(
    '/gk/:programme/:year',
    async (req: FastifyRequest<{ Params: { programme: string; year: string } }>, reply) =>
      SLUG.test(req.params.programme) && /^\d{4}$/.test(req.params.year)
        ? reply.redirect(`/gk/${req.params.programme}/${req.params.year}/`, 301)
        : year(req, reply),
  );
  app.get(
    '/gk/p/:slug',
    async (req: FastifyRequest<{ Params: { slug: string }; Querystring: { sent?: string } }>, reply) =>
      htmlPage(req, reply, async () => {
        if (!SLUG.test(req.params.slug)) throw new AppError('NOT_FOUND', '公开信息不存在');
        const v = await publicPublication(db, req.params.slug, today(req));
        return publicationPage(v, { sent: req.query.sent === '1' });
      }),
  );
  app.get(
    '/gk/p/:slug/:format',
    async (req: FastifyRequest<{ Params: { slug: string; format: string } }>, reply: FastifyReply) => {
      const { slug, format } = req.params;
      if (!SLUG.test(slug) || !FORMATS.has(format))
        return htmlPage(req, reply, async () => {
          throw new AppError('NOT_FOUND', '附件不存在');
        });
      try {
        const id = await publicationIdOf(db, slug);
        const f = await publicationFile(db, id, format as 'docx' | 'xlsx' | 'pdf', req.server.clock().toISOString());
        const etag = `"${f.sha256}"`;
        reply.header('etag', etag).header('cache-control', 'public, max-age=86400');
        if (String(req.headers['if-none-match'] ?? '') === etag) return reply.status(304).send();
        return reply
          .header('content-type', f.contentType)
          .header(
            'content-disposition',
            `attachment; filename="publication.${format}"; filename*=UTF-8''${encodeURIComponent(f.name)}`,
          )
          .send(f.buf);
      } catch (e) {
        return htmlPage(req, reply, async () => {
          throw e;
        });
      }
    },
  );
  // The comment form: a plain urlencoded POST (no script, no cookie, so no CSRF token to bind); rate limit + honeypot.
  app.register(async (forms) => {
    forms.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    forms.post(
      '/gk/p/:slug/comments',
      async (req: FastifyRequest<{ Params: { slug: string }; Body: Record<string, unknown> }>, reply) => {
        const slug = req.params.slug;
        const b = req.body && typeof req.body === 'object' ? req.body : {};
        const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
        const values = { name: str('name'), contact: str('contact'), text: str('text') };
        if (!SLUG.test(slug))
          return htmlPage(req, reply, async () => {
            throw new AppError('NOT_FOUND', '公开信息不存在');
          });
        try {
          await submitComment(db, slug, { ...values, website: str('website') }, req.ip, req.server.clock());
          return reply.redirect(`/gk/p/${slug}?sent=1#comment-form`, 303);
        } catch (e) {
          if (!(e instanceof AppError) || (e.code !== 'VALIDATION' && e.code !== 'RATE_LIMITED'))
            return htmlPage(req, reply, async () => {
              throw e;
            });
          const v = await publicPublication(db, slug, today(req));
          const state: CommentFormState = { error: e.message, values };
          reply.status(e.code === 'RATE_LIMITED' ? 429 : 400);
          return sendHtmlError(reply, publicationPage(v, state));
        }
      },
    );
  });
}

function sendHtmlError(reply: FastifyReply, html: string) {
  return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
