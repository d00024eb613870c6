/**
 * The public pages of 政务公开 as plain server-rendered HTML (issue 13 §1): no script, one small inline stylesheet
 * (the CSP allows inline styles, not scripts), every text escaped, lang="zh-CN", headings in order, tables with
 * header cells scoped, labelled form fields; readable at 375 px (a wide table scrolls inside its own region).
 */
import type { PublicBlock, PublicCell, PublicPublication } from '../../services/disclosure/public-read';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escape text for HTML content and attribute values. */
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);

/** 2026-09-05 → 2026年9月5日. */
const cnDate = (d: string | null | undefined) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : esc(d ?? '');
};

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f4f5f7;line-height:1.7;font-size:16px}
a{color:#0b4f9c}a:hover{color:#073a73}
a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,.scroll:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.top{background:#0b3d7a;color:#fff;padding:12px 16px}
.top a{color:#fff;text-decoration:none;font-weight:600;font-size:18px}
.top span{display:block;font-size:13px;opacity:.9}
main{max-width:1200px;margin:0 auto;padding:16px}
.card{background:#fff;border:1px solid #dcdfe6;border-radius:4px;padding:16px;margin-bottom:16px}
h1{font-size:22px;line-height:1.4;margin:8px 0 12px;text-align:center}
h2{font-size:18px;margin:0 0 12px;border-left:4px solid #0b3d7a;padding-left:8px}
.crumbs{font-size:14px;margin-bottom:8px}
.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px}
.crumbs li+li::before{content:"›";margin-right:4px;color:#595959}
dl.meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:4px 24px;margin:0;font-size:14px}
dl.meta div{display:flex;gap:8px;border-bottom:1px dashed #e4e7ed;padding:4px 0}
dl.meta dt{color:#4a4a4a;min-width:5.5em;margin:0}dl.meta dd{margin:0;word-break:break-all}
.notice{border:1px solid #d48806;background:#fffbe6;padding:12px;border-radius:4px;margin-bottom:16px}
.notice.correction{border-color:#0b4f9c;background:#eef5ff}
.notice strong{display:block}
.doc p.subtitle{text-align:center;margin:0 0 8px}
.doc p.note,.doc p.body,.doc p.heading{text-indent:2em;margin:4px 0}
.doc p.heading{font-weight:600}
.doc p.signature{text-align:right;margin:4px 0}
.scroll{overflow-x:auto;border:1px solid #c0c4cc;margin:8px 0}
table{border-collapse:collapse;width:100%;min-width:720px;font-size:14px;background:#fff}
th,td{border:1px solid #c0c4cc;padding:6px 8px;vertical-align:top;text-align:left}
thead th{background:#e8edf5;color:#1f1f1f;text-align:center;vertical-align:middle}
td p{margin:0}td p+p{margin-top:4px}
.mark{font-weight:700}.mark.green{color:#1e7b34}.mark.yellow{color:#8a5a00}.mark.red{color:#b3261e}
.scroll-hint{display:none;margin:4px 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul.files,ul.list{padding-left:20px;margin:0}
ul.list li{margin:6px 0}.muted{color:#595959;font-size:14px}
.tag{display:inline-block;font-size:12px;border:1px solid #d48806;color:#874d00;border-radius:2px;padding:0 4px;margin-left:6px}
.comment{border-bottom:1px solid #e4e7ed;padding:8px 0}.comment:last-child{border-bottom:0}
.comment p{margin:4px 0;white-space:pre-wrap;word-break:break-word}
form .field{margin-bottom:12px}form label{display:block;font-weight:600;margin-bottom:4px}
input[type=text],textarea{width:100%;font:inherit;padding:8px;border:1px solid #8c8c8c;border-radius:4px}
button{font:inherit;background:#0b3d7a;color:#fff;border:0;border-radius:4px;padding:8px 20px;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.error{color:#b3261e;font-weight:600}.ok{color:#1e7b34;font-weight:600}
footer{text-align:center;color:#595959;font-size:13px;padding:16px}
@media (max-width:600px){.scroll-hint{display:block}main{padding:8px}.card{padding:12px}h1{font-size:19px}table{font-size:13px}}
`;

/** The page around a body. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - 政务公开</title>
<style>${CSS}</style>
</head>
<body>
<header class="top"><a href="/gk/">政务公开</a><span>民生实事项目进展情况</span></header>
<main id="main">
${body}
</main>
<footer>本栏目信息由发布机关主动公开。</footer>
</body>
</html>
`;
}

const crumbs = (items: { href?: string; text: string }[]) =>
  `<nav class="crumbs" aria-label="当前位置"><ol>${items
    .map(
      (i) =>
        `<li>${i.href ? `<a href="${esc(i.href)}">${esc(i.text)}</a>` : `<span aria-current="page">${esc(i.text)}</span>`}</li>`,
    )
    .join('')}</ol></nav>`;

/** /gk/: programmes and years. */
export function indexPage(items: { programme: string; year: number; count: number; latest: string; url: string }[]) {
  const list = items.length
    ? `<ul class="list">${items
        .map(
          (i) =>
            `<li><a href="${esc(i.url)}">${esc(i.programme)}（${i.year}年）</a> <span class="muted">共 ${i.count} 条，最近发布于${cnDate(i.latest)}</span></li>`,
        )
        .join('')}</ul>`
    : '<p>暂无公开信息。</p>';
  return page(
    '民生实事项目进展情况',
    `<div class="card"><h1>民生实事项目进展情况</h1><h2>按实事计划和年度浏览</h2>${list}</div>`,
  );
}

const KIND_TAG: Record<string, string> = { correction: '勘误', update: '更新', first: '' };

/** /gk/<programme>/<year>/: the year's publications. */
export function yearPage(v: {
  programme: string;
  year: number;
  items: {
    url: string;
    title: string;
    kind: string;
    publishedOn: string;
    replaced: boolean;
    replacedByUrl: string | null;
  }[];
}) {
  const title = `${v.programme}（${v.year}年）`;
  const list = `<ul class="list">${v.items
    .map((i) => {
      const tag = KIND_TAG[i.kind] ? `<span class="tag">${KIND_TAG[i.kind]}</span>` : '';
      const old = i.replaced
        ? ` <span class="muted">（已被${i.replacedByUrl ? `<a href="${esc(i.replacedByUrl)}">更正后的版本</a>` : '更正后的版本'}替代）</span>`
        : '';
      return `<li><a href="${esc(i.url)}">${esc(i.title)}</a>${tag} <span class="muted">${cnDate(i.publishedOn)}</span>${old}</li>`;
    })
    .join('')}</ul>`;
  return page(
    title,
    `${crumbs([{ href: '/gk/', text: '政务公开' }, { text: title }])}<div class="card"><h1>${esc(title)}</h1><h2>公开信息列表</h2>${list}</div>`,
  );
}

const MARK_WORDS = { green: '按计划推进', yellow: '滞后', red: '严重滞后' } as const;

function cellHtml(c: PublicCell, tag: 'th' | 'td', scope?: string): string {
  const attrs = [
    c.colSpan ? ` colspan="${c.colSpan}"` : '',
    c.rowSpan ? ` rowspan="${c.rowSpan}"` : '',
    scope ? ` scope="${scope}"` : '',
  ].join('');
  let inner: string;
  if (c.mark)
    inner = `<span class="mark ${c.mark}" aria-hidden="true">▋</span><span class="sr">${MARK_WORDS[c.mark]}</span>`;
  else {
    const lines = c.text.split('\n');
    inner = tag === 'th' ? lines.map(esc).join('<br>') : lines.map((l) => `<p>${esc(l)}</p>`).join('');
  }
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

function tableHtml(t: Extract<PublicBlock, { kind: 'table' }>, caption: string, n: number): string {
  const head = t.header
    .map((row) => `<tr>${row.map((c) => cellHtml(c, 'th', c.colSpan ? 'colgroup' : 'col')).join('')}</tr>`)
    .join('');
  const body = t.body.map((row) => `<tr>${row.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('');
  const id = `tbl-${n}`;
  return `<p class="scroll-hint muted">表格较宽，可左右滑动查看。</p><div class="scroll" role="region" aria-labelledby="${id}" tabindex="0"><table><caption class="sr" id="${id}">${esc(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table></div>`;
}

function blocksHtml(blocks: PublicBlock[]): string {
  let caption = '';
  let n = 0;
  return blocks
    .map((b) => {
      if (b.kind === 'table') return tableHtml(b, caption || '进展情况表', ++n);
      if (b.style === 'title') {
        caption = b.text;
        return n === 0 ? '' : `<h2>${esc(b.text)}</h2>`; // the first title is the page's h1
      }
      return `<p class="${esc(b.style)}">${esc(b.text)}</p>`;
    })
    .join('\n');
}

const size = (n: number) =>
  n <= 0 ? '' : n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
const FORMAT_NAMES = { docx: 'Word 文档', xlsx: 'Excel 表格', pdf: 'PDF 文件' } as const;

export type CommentFormState = {
  error?: string;
  sent?: boolean;
  values?: { name: string; contact: string; text: string };
};

function noticesHtml(v: PublicPublication): string {
  const out: string[] = [];
  if (v.replacedBy)
    out.push(
      `<div class="notice" role="note" data-notice="replaced"><strong>本信息已于${cnDate(v.replacedBy.publishedAt)}${v.replacedBy.kind === 'correction' ? '勘误' : '更新'}</strong>${v.replacedBy.reason ? `原因：${esc(v.replacedBy.reason)}` : ''}<br>请查看最新版本：<a href="/gk/p/${esc(v.replacedBy.slug)}">${esc(v.replacedBy.title)}</a></div>`,
    );
  if (v.replaces)
    out.push(
      `<div class="notice correction" role="note" data-notice="${v.kind}"><strong>${v.kind === 'correction' ? '勘误说明' : '更新说明'}</strong>${esc(v.replaces.reason ?? '')}<br>原发布的信息（${cnDate(v.replaces.publishedAt)}）仍可查阅：<a href="/gk/p/${esc(v.replaces.slug)}">${esc(v.replaces.title)}</a></div>`,
    );
  return out.join('\n');
}

function commentsHtml(v: PublicPublication, form: CommentFormState): string {
  const items = v.comments.items.length
    ? v.comments.items
        .map(
          (c) =>
            `<div class="comment"><div class="muted">${esc(c.name)} · ${cnDate(c.at)}</div><p>${esc(c.text)}</p></div>`,
        )
        .join('')
    : '<p class="muted">暂无公开的意见。</p>';
  const val = form.values ?? { name: '', contact: '', text: '' };
  const status = form.error
    ? `<p class="error" role="alert" id="form-error">${esc(form.error)}</p>`
    : form.sent
      ? '<p class="ok" role="status">已收到您的意见，经审核后公开。感谢参与！</p>'
      : '';
  const closed = v.replacedBy
    ? '本信息已有更新后的版本，如有意见请在最新版本下提交。'
    : v.comments.until
      ? `公示期已于${cnDate(v.comments.until)}结束。`
      : '本信息未设公示期意见征集。';
  const formHtml = v.comments.open
    ? `<form method="post" action="/gk/p/${esc(v.slug)}/comments" id="comment-form"${form.error ? ' aria-describedby="form-error"' : ''}>
<p class="muted">公示期至${cnDate(v.comments.until)}。意见经审核后公开；联系方式仅供工作人员联系您，不公开。</p>
${status}
<div class="field"><label for="c-name">姓名（选填）</label><input type="text" id="c-name" name="name" maxlength="20" autocomplete="name" value="${esc(val.name)}"></div>
<div class="field"><label for="c-contact">联系方式（选填，不公开）</label><input type="text" id="c-contact" name="contact" maxlength="50" autocomplete="tel" value="${esc(val.contact)}"></div>
<div class="field"><label for="c-text">意见内容（必填，5–500字）</label><textarea id="c-text" name="text" rows="5" minlength="5" maxlength="500" required>${esc(val.text)}</textarea></div>
<div class="hp" aria-hidden="true"><label for="c-website">请勿填写此项</label><input type="text" id="c-website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">提交意见</button>
</form>`
    : `${status}<p class="muted">${closed}</p>`;
  return `<section class="card" aria-labelledby="comments-h"><h2 id="comments-h">公示期意见</h2>${items}${formHtml}</section>`;
}

/** /gk/p/<slug>: one publication. */
export function publicationPage(v: PublicPublication, form: CommentFormState = {}): string {
  const m = v.metadata;
  const meta: [string, string][] = [
    ['所属类目', m.category],
    ['主题分类', m.topic],
    ['体裁', m.genre],
    ['发布日期', m.publishedOn],
    ['发文字号', m.docNumber],
    ['发文日期', m.issuedOn],
    ['公开类别', m.openness],
    ['机构名称', m.agency],
    ['信息来源', m.source],
  ];
  const files = `<ul class="files">${v.attachments
    .map(
      (a) =>
        `<li><a href="${esc(a.url)}" download="${esc(a.name)}">${esc(a.name)}</a> <span class="muted">（${FORMAT_NAMES[a.format]}${size(a.size) ? `，${size(a.size)}` : ''}）</span></li>`,
    )
    .join('')}</ul>`;
  const body = `${crumbs([
    { href: '/gk/', text: '政务公开' },
    { href: v.listUrl, text: `${v.programme}（${v.year}年）` },
    { text: v.title },
  ])}
${noticesHtml(v)}
<article class="card doc">
<h1>${esc(v.title)}</h1>
<section aria-labelledby="meta-h"><h2 id="meta-h" class="sr">公开信息元数据</h2>
<dl class="meta">${meta.map(([k, x]) => `<div><dt>${k}</dt><dd>${esc(x)}</dd></div>`).join('')}</dl></section>
${blocksHtml(v.blocks)}
</article>
<section class="card" aria-labelledby="files-h"><h2 id="files-h">附件下载</h2>${files}</section>
${commentsHtml(v, form)}`;
  return page(v.title, body);
}

/** A plain error page (404, 429 …). */
export function errorPage(title: string, message: string): string {
  return page(
    title,
    `<div class="card"><h1>${esc(title)}</h1><p>${esc(message)}</p><p><a href="/gk/">返回政务公开首页</a></p></div>`,
  );
}
