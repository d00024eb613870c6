/**
 * The five seeds scored the same way as the fixtures (row count and projects with a name and progress), in text and
 * in the .docx/.xlsx the seed tests generate. Returns null when ../shared/seeds is absent.
 */
import { buildImportPreview } from '../../src/domain/collect/import/preview';
import {
  makeDocx,
  makeDocxParagraphs,
  makeXlsx,
  makeXlsxLines,
  seedFile,
  seedsDir,
  specFromRead,
} from '../../src/server/files/import/__fixtures__/make-files';
import { readImportFile } from '../../src/server/files/import/read-import-file';

/** Projects each seed holds (as the seed tests assert). */
const SEED_ROWS: Record<string, number> = { '000': 10, '001': 9, '002': 18, '003': 41, '004': 12 };

export async function scoreSeeds(): Promise<string[] | null> {
  if (!seedsDir()) return null;
  const out: string[] = [];
  for (const [prefix, expected] of Object.entries(SEED_ROWS)) {
    const seed = seedFile(prefix);
    if (!seed) continue;
    const read = readImportFile(seed.bytes, seed.name);
    const narrative = prefix === '004';
    const spec = narrative ? null : specFromRead(read);
    const docx = spec ? await makeDocx(spec, { mergeTables: prefix === '000' }) : await makeDocxParagraphs(read.paragraphs);
    const xlsx = spec ? await makeXlsx(spec, { sheetPerTable: prefix === '000' }) : await makeXlsxLines(read.paragraphs);
    const parts: string[] = [];
    for (const [name, bytes, file] of [
      ['text', seed.bytes, seed.name],
      ['docx', docx, `${prefix}.docx`],
      ['xlsx', xlsx, `${prefix}.xlsx`],
    ] as const) {
      const p = buildImportPreview(readImportFile(bytes, file));
      const named = p.items.filter((i) => i.name && !i.isTotal).length;
      parts.push(`${name} ${named}/${expected}${p.items.length > expected ? ` 多${p.items.length - expected}` : ''}`);
    }
    out.push(`种子 ${prefix}: ${parts.join('  ')}`);
  }
  return out;
}
