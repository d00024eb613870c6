/**
 * XML parts of OOXML files: decoded, refused when they carry a DOCTYPE (OOXML never does; it is how XXE and entity
 * expansion attacks start), then parsed with saxes (no DTD processing, no external resources, nothing evaluated).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportFileError } from './errors';

const utf8 = new TextDecoder('utf-8');

/** Decode an XML part. `scan` = also search the whole text for DOCTYPE/ENTITY (not needed with fast-xml, which refuses them itself). */
export function decodeXml(bytes: Uint8Array, part: string, scan = true): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else text = utf8.decode(bytes);
  if (scan) assertNoDoctype(text, part);
  else assertNoDoctype(text.slice(0, 4096), part);
  return text;
}

export function assertNoDoctype(text: string, part: string): void {
  // Only the prolog can hold a DOCTYPE, but an <!ENTITY anywhere is just as unacceptable.
  if (/<!DOCTYPE/i.test(text.slice(0, 4096)) || text.includes('<!ENTITY') || /<!DOCTYPE/i.test(text)) {
    throw new ImportFileError(
      'XML_DOCTYPE',
      `文件内部部件“${part}”含有 DOCTYPE 声明（Word/Excel 文件不会有），疑似恶意文件，已拒绝`,
    );
  }
}

export type SaxHandlers = {
  open(tag: SaxesTagPlain): void;
  close(tag: SaxesTagPlain): void;
  text(text: string): void;
};

/** Parse an XML string; `onProgress` gets a 0..1 fraction while large parts are fed in chunks. */
export function parseXml(xml: string, part: string, h: SaxHandlers, onProgress?: (fraction: number) => void): void {
  const parser = new SaxesParser<{ position: false; xmlns: false }>({ position: false, xmlns: false });
  parser.on('opentag', h.open);
  parser.on('closetag', h.close);
  parser.on('text', h.text);
  parser.on('doctype', () => {
    throw new ImportFileError('XML_DOCTYPE', `文件内部部件“${part}”含有 DOCTYPE 声明，疑似恶意文件，已拒绝`);
  });
  try {
    const step = 1 << 20;
    if (xml.length <= step || !onProgress) parser.write(xml);
    else {
      for (let i = 0; i < xml.length; i += step) {
        parser.write(xml.slice(i, i + step));
        onProgress(Math.min(1, (i + step) / xml.length));
      }
    }
    parser.close();
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError(
      'XML_INVALID',
      `文件内部部件“${part}”不是有效的 XML（${(err as Error).message.slice(0, 80)}），文件可能已损坏`,
    );
  }
}

export function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const v = tag.attributes[name];
  return typeof v === 'string' ? v : undefined;
}
