/**
 * Fast scanning of large OOXML parts (word/document.xml): a targeted regex pass that only stops at the elements
 * the reader needs, several times faster than a general SAX parser. It refuses what a safe parser refuses: any
 * DOCTYPE/ENTITY declaration, undefined entities, mismatched or unclosed elements. Nothing is ever expanded beyond
 * the five predefined entities and numeric character references.
 */
import { ImportFileError } from './errors';

export type FastHandlers = {
  /** `attrs` is the raw attribute text; read values with `attrValue`. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
};

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function invalid(part: string, why: string): ImportFileError {
  return new ImportFileError('XML_INVALID', `文件内部部件“${part}”不是有效的 XML（${why}），文件可能已损坏`);
}

export function decodeXmlText(s: string, part: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{0,12});?/g, (m, e: string) => {
    if (!m.endsWith(';')) throw invalid(part, '未结束的实体引用');
    if (e[0] === '#') {
      const code = e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw invalid(part, '无效的字符引用');
      }
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[e];
    if (v === undefined) throw invalid(part, `未定义的实体 &${e};`);
    return v;
  });
}

/** The quoted value starting at `j` (after `=` and blanks), entities decoded; undefined when not quoted. */
function quotedValue(attrs: string, j: number): string | undefined {
  const q = attrs[j];
  if (q !== '"' && q !== "'") return undefined;
  const end = attrs.indexOf(q, j + 1);
  if (end < 0) return undefined;
  const raw = attrs.slice(j + 1, end);
  return raw.includes('&') ? raw.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => PREDEFINED[e] ?? '') : raw;
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** Value of one attribute in a raw attribute string (`w:val="restart"`). */
export function attrValue(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = attrs.indexOf(name, from);
    if (i < 0) return undefined;
    let j = i + name.length;
    while (attrs[j] === ' ') j++;
    // The name stands on its own (not the tail of a longer name) and is followed by "=".
    if (isBlank(i === 0 ? ' ' : attrs[i - 1]!) && attrs[j] === '=') {
      j++;
      while (attrs[j] === ' ') j++;
      return quotedValue(attrs, j);
    }
    from = i + name.length;
  }
}

const ENTITY_OK = /&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/;

/** DOCTYPE/ENTITY declarations and undefined entities are refused before anything is parsed. */
function assertSafeXml(xml: string, part: string): void {
  if (xml.includes('<!DOCTYPE') || xml.includes('<!doctype') || xml.includes('<!ENTITY')) {
    throw new ImportFileError(
      'XML_DOCTYPE',
      `文件内部部件“${part}”含有 DOCTYPE/ENTITY 声明（Word/Excel 文件不会有），疑似恶意文件，已拒绝`,
    );
  }
  const bad = ENTITY_OK.exec(xml);
  if (bad) throw invalid(part, `未定义的实体 ${xml.slice(bad.index, bad.index + 12).split(/[\s<]/)[0]}`);
}

/** The document's own namespace prefix ("w:"), from its root element, which must open and close. */
function rootPrefix(xml: string, part: string, root: string): string {
  const rootMatch = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>]`).exec(xml);
  if (!rootMatch) throw invalid(part, `没有 ${root} 根元素`);
  const prefix = rootMatch[1] ?? '';
  if (!xml.includes(`</${prefix}${root}>`)) throw invalid(part, `${root} 根元素未结束`);
  return prefix;
}

/** One regex for the tracked start/end tags: own names with the document's prefix, foreign ones as given. */
function trackedTags(prefix: string, names: string[]): RegExp {
  const own = names.filter((n) => !n.includes(':')).map((n) => prefix + n);
  const foreign = names.filter((n) => n.includes(':'));
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<(/?)(${[...own, ...foreign].map(esc).join('|')})(?=[\\s/>])([^>]*)>`, 'g');
}

/** The text of a text element opened just before `start`; returns where scanning resumes (after its end tag). */
function readTextElement(xml: string, start: number, textName: string, part: string, h: FastHandlers): number {
  const textClose = `</${textName}>`;
  const end = xml.indexOf(textClose, start);
  if (end < 0) throw invalid(part, `<${textName}> 未结束`);
  const raw = xml.slice(start, end);
  if (raw.includes('<')) {
    // Markup inside a text run: strip it but keep its text (should not happen in Word output).
    h.text(decodeXmlText(raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]*>/g, ''), part));
  } else if (raw) h.text(decodeXmlText(raw, part));
  h.close(textName);
  return end + textClose.length;
}

/**
 * Targeted scan of a large part: only the listed element names (with the document's own prefix) are reported, and
 * text only inside `textElement`. Everything else is skipped by the regex engine, which is what makes a 10 MB
 * document.xml fast. Still refused: DOCTYPE/ENTITY anywhere, undefined entities, mismatched or unclosed tracked
 * elements, a missing root.
 */
export function scanXmlTargeted(
  xml: string,
  part: string,
  root: string,
  names: string[],
  textElement: string,
  h: FastHandlers,
  onProgress?: (fraction: number) => void,
): void {
  assertSafeXml(xml, part);
  const prefix = rootPrefix(xml, part, root);
  const re = trackedTags(prefix, names);
  const textName = prefix + textElement;
  const stack: string[] = [];
  let nextReport = onProgress ? 1 << 20 : Number.POSITIVE_INFINITY;
  re.lastIndex = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const name = m[2]!;
    if (m.index >= nextReport) {
      onProgress!(m.index / xml.length);
      nextReport = m.index + (1 << 20);
    }
    if (m[1]) {
      const top = stack.pop();
      if (top !== name) throw invalid(part, `结束标签 </${name}> 与 <${top ?? ''}> 不匹配`);
      h.close(name);
      continue;
    }
    let attrs = m[3] ?? '';
    const selfClosing = attrs.endsWith('/');
    if (selfClosing) attrs = attrs.slice(0, -1);
    h.open(name, attrs, selfClosing);
    if (selfClosing) h.close(name);
    else if (name === textName) re.lastIndex = readTextElement(xml, re.lastIndex, textName, part, h);
    else stack.push(name);
  }
  if (stack.length) throw invalid(part, `标签 <${stack[stack.length - 1]}> 未结束`);
  onProgress?.(1);
}
