/**
 * HTML tables (a table copied from a web page, Word or WPS and pasted; or a saved .html page): a tolerant
 * tokenizer, no DOM, nothing executed — scripts, styles and comments are skipped as text. rowspan/colspan are
 * carried to every covered cell; bgcolor / background colours and coloured "▋" glyphs are kept.
 */
import type { Grid, GridCell, ImportWarning, ReadResult } from '../../../domain/import/types';
import { DEFAULT_IMPORT_LIMITS, ImportFileError, type ImportLimits } from './errors';

const NAMED: Record<string, string> = {
  nbsp: ' ',
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  middot: '·',
  mdash: '—',
  ndash: '–',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  hellip: '…',
  times: '×',
  divide: '÷',
  yen: '¥',
  deg: '°',
  plusmn: '±',
  bull: '•',
  permil: '‰',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

function cssColour(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const t = v.trim().toLowerCase();
  let m = /^#([0-9a-f]{6})$/.exec(t);
  if (m?.[1]) return m[1].toUpperCase();
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(t);
  if (m) return `${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(t);
  if (rgb) {
    return [rgb[1], rgb[2], rgb[3]]
      .map((x) => Math.min(255, Number(x)).toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  }
  const names: Record<string, string> = {
    red: 'FF0000',
    green: '008000',
    lime: '00FF00',
    yellow: 'FFFF00',
    orange: 'FFA500',
  };
  return names[t];
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const name = m[1]?.toLowerCase();
    if (name) out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

function styleValue(style: string | undefined, prop: RegExp): string | undefined {
  if (!style) return undefined;
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i > 0 && prop.test(decl.slice(0, i).trim().toLowerCase())) return decl.slice(i + 1).trim();
  }
  return undefined;
}

type HCell = { text: string; rowspan: number; colspan: number; fill?: string; glyphColor?: string };
type HTable = { rows: HCell[][]; paragraphIndex: number };

const GLYPH = /[▋▌▍▎▏█■▇▆▉●◆◼⬛⬤]/;
const SKIP = new Set([
  'script',
  'style',
  'head',
  'title',
  'template',
  'noscript',
  'xml',
  'svg',
  'object',
  'iframe',
  'math',
]);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dt',
  'dd',
]);

export function readHtml(html: string, limitsIn: Partial<ImportLimits> = {}): ReadResult {
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...limitsIn };
  const paragraphs: string[] = [];
  const warnings: ImportWarning[] = [];
  const tables: HTable[] = [];
  let para = '';
  const stack: HTable[] = [];
  let row: HCell[] | null = null;
  let cell: HCell | null = null;
  let nestedDepth = 0;
  const colours: (string | undefined)[] = [];

  const flushPara = () => {
    const t = para.replace(/[ \t]+/g, ' ').trim();
    if (t) paragraphs.push(t);
    para = '';
  };
  const addText = (t: string) => {
    if (cell) {
      cell.text += t;
      if (GLYPH.test(t)) {
        const c = [...colours].reverse().find(Boolean);
        if (c) cell.glyphColor = c;
      }
    } else if (!stack.length) para += t;
  };
  const closeCell = () => {
    if (cell && row) row.push(cell);
    cell = null;
  };
  const closeRow = () => {
    closeCell();
    const t = stack[stack.length - 1];
    if (row && t) {
      t.rows.push(row);
      if (t.rows.length > limits.maxRows) {
        throw new ImportFileError('TOO_MANY_ROWS', `表格超过 ${limits.maxRows} 行，请拆分后再导入`, 413);
      }
    }
    row = null;
  };

  const n = html.length;
  const skipTo = (marker: string, from: number) => {
    const e = html.indexOf(marker, from);
    return e < 0 ? n : e + marker.length;
  };
  let pos = 0;
  while (pos < n) {
    if (html[pos] !== '<') {
      const next = html.indexOf('<', pos);
      const end = next < 0 ? n : next;
      addText(decodeEntities(html.slice(pos, end).replace(/[ \t\r\n\f]+/g, ' ')).replace(/\u00a0/g, ' '));
      pos = end;
      continue;
    }
    if (html.startsWith('<!--', pos)) {
      pos = skipTo('-->', pos + 4);
      continue;
    }
    if (html.startsWith('<![CDATA[', pos)) {
      pos = skipTo(']]>', pos + 9);
      continue;
    }
    if (html[pos + 1] === '!' || html[pos + 1] === '?') {
      pos = skipTo('>', pos + 2);
      continue;
    }
    if (!/[a-zA-Z/]/.test(html[pos + 1] ?? '')) {
      addText('<');
      pos++;
      continue;
    }
    // End of the tag, respecting quoted attribute values, within a bounded window (linear time on any input).
    let i = pos + 1;
    let quote = '';
    const limit = Math.min(n, pos + 20_000);
    for (; i < limit; i++) {
      const ch = html[i];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    if (i >= limit) {
      addText('<');
      pos++;
      continue;
    }
    const tok = html.slice(pos, i + 1);
    pos = i + 1;
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9:-]*)([\s\S]*)>$/.exec(tok);
    if (!m) continue;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = tok[1] === '/';
    if (!closing && SKIP.has(name) && !tok.endsWith('/>')) {
      // Skip everything up to the matching close tag; never interpreted.
      const lower = html.slice(pos, Math.min(n, pos + 10_000_000)).toLowerCase();
      const e = lower.indexOf(`</${name}`);
      pos = e < 0 ? n : skipTo('>', pos + e);
      continue;
    }
    const a = closing ? {} : attrs(m[2] ?? '');
    if (nestedDepth > 0) {
      if (name === 'table') nestedDepth += closing ? -1 : 1;
      else if (!closing && (name === 'br' || name === 'tr')) addText('\n');
      else if (!closing && (name === 'td' || name === 'th')) addText(' ');
      else if (closing && (name === 'p' || name === 'div')) addText('\n');
      continue;
    }
    switch (name) {
      case 'table':
        if (!closing) {
          if (cell) {
            nestedDepth = 1;
            warnings.push({ code: 'NESTED_TABLE', message: '单元格中嵌套的表格已并入所在单元格的文字' });
          } else {
            flushPara();
            stack.push({ rows: [], paragraphIndex: paragraphs.length });
          }
        } else {
          closeRow();
          const t = stack.pop();
          if (t) tables.push(t);
        }
        break;
      case 'tr':
        if (!stack.length) break;
        closeRow();
        if (!closing) row = [];
        break;
      case 'td':
      case 'th':
        if (!stack.length) break;
        closeCell();
        if (!closing) {
          row ??= [];
          const c: HCell = {
            text: '',
            rowspan: Math.max(1, Math.min(1000, Number(a.rowspan) || 1)),
            colspan: Math.max(1, Math.min(limits.maxColumns, Number(a.colspan) || 1)),
          };
          const fill = cssColour(a.bgcolor) ?? cssColour(styleValue(a.style, /^background(-color)?$/)?.split(/\s+/)[0]);
          if (fill) c.fill = fill;
          cell = c;
        }
        break;
      case 'br':
        addText('\n');
        break;
      case 'span':
      case 'font':
      case 'b':
      case 'strong':
      case 'i':
      case 'em':
      case 'u':
        if (closing) colours.pop();
        else if (!tok.endsWith('/>')) {
          colours.push(
            cssColour(a.color) ??
              cssColour(styleValue(a.style, /^color$/)) ??
              cssColour(styleValue(a.style, /^background(-color)?$/)?.split(/\s+/)[0]),
          );
        }
        break;
      default:
        if (BLOCK.has(name)) {
          if (cell) {
            if (cell.text && !cell.text.endsWith('\n')) addText('\n');
          } else if (!stack.length) flushPara();
        }
    }
  }
  closeRow();
  while (stack.length) tables.push(stack.pop()!);
  flushPara();

  const grids: Grid[] = tables
    .filter((t) => t.rows.length > 0)
    .map((t, i) => ({
      name: `表格${i + 1}`,
      source: 'html',
      rows: layout(t.rows, limits),
      paragraphIndex: t.paragraphIndex,
    }));
  return { kind: 'html', form: 'html', tables: grids, paragraphs, warnings };
}

/** The HTML table model: place cells around the slots taken by rowspans from rows above. */
function layout(rows: HCell[][], limits: ImportLimits): GridCell[][] {
  const grid: (GridCell | undefined)[][] = [];
  rows.forEach((cells, r) => {
    const out = grid[r] ?? [];
    grid[r] = out;
    let c = 0;
    for (const h of cells) {
      while (out[c]) c++;
      if (c >= limits.maxColumns) break;
      const text = h.text
        .split('\n')
        .map((l) => l.replace(/[ \t]+/g, ' ').trim())
        .join('\n')
        .replace(/\n{2,}/g, '\n')
        .trim();
      const origin: GridCell = { text };
      if (h.fill) origin.fill = h.fill;
      if (h.glyphColor) origin.glyphColor = h.glyphColor;
      const lastRow = Math.min(r + h.rowspan - 1, rows.length - 1);
      for (let rr = r; rr <= lastRow; rr++) {
        const target = grid[rr] ?? [];
        grid[rr] = target;
        for (let cc = c; cc < Math.min(c + h.colspan, limits.maxColumns); cc++) {
          if (rr === r && cc === c) target[cc] = origin;
          else target[cc] = { ...origin, merged: rr === r ? 'h' : 'v', origin: [r, c] };
        }
      }
      c += h.colspan;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => {
    const out: GridCell[] = [];
    for (let c = 0; c < width; c++) out.push(r[c] ?? { text: '' });
    return out;
  });
}
