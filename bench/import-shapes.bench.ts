/**
 * Importer score on the table-shape fixtures (test-fixtures/import-shapes) in every format, and on the five seeds
 * when ../shared/seeds is present.
 *   npx tsx bench/import-shapes.bench.ts            (table: per fixture and format)
 *   npx tsx bench/import-shapes.bench.ts --verbose  (also what went wrong)
 */
import { FIXTURES } from '../test-fixtures/import-shapes/fixtures';
import {
  type Fixture,
  FORMATS,
  type Format,
  previewOf,
  type Score,
  score,
} from '../test-fixtures/import-shapes/harness';
import { HELDOUT } from '../test-fixtures/import-shapes/heldout';
import { HELDOUT2 } from '../test-fixtures/import-shapes/heldout2';
import { scoreSeeds } from '../test-fixtures/import-shapes/seeds';

const verbose = process.argv.includes('--verbose');

type Sum = { expected: number; found: number; invented: number; right: number; total: number };
const zero = (): Sum => ({ expected: 0, found: 0, invented: 0, right: 0, total: 0 });
function add(s: Sum, x: Score): void {
  s.expected += x.expected;
  s.found += x.found;
  s.invented += x.invented;
  s.right += x.fieldsRight;
  s.total += x.fieldsTotal;
}
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');

async function main(): Promise<void> {
  const byFormat = new Map<Format, Sum>(FORMATS.map((f) => [f, zero()]));
  const all = zero();
  console.log(
    `表格形态夹具 ${FIXTURES.length} 个 × 格式 ${FORMATS.length} 种（text / docx / xlsx 带真实合并 / 由文本生成的 docx、xlsx）`,
  );
  console.log(['夹具', ...FORMATS].join('\t'));
  for (const f of FIXTURES) {
    const cells: string[] = [f.id];
    for (const format of FORMATS) {
      let s: Score;
      try {
        s = score(f, await previewOf(f, format));
      } catch (e) {
        s = {
          expected: f.expected.length,
          found: 0,
          invented: 0,
          fieldsRight: 0,
          fieldsTotal: 1,
          problems: [String(e)],
        };
      }
      add(byFormat.get(format)!, s);
      add(all, s);
      cells.push(
        `${s.found}/${s.expected}行 ${s.fieldsRight}/${s.fieldsTotal}项${s.invented ? ` 多${s.invented}` : ''}`,
      );
      if (verbose && s.problems.length) console.log(`  ${f.id} ${format}: ${s.problems.join('；')}`);
    }
    console.log(cells.join('\t'));
  }
  console.log('');
  for (const [format, s] of byFormat) {
    console.log(
      `${format.padEnd(10)} 行 ${s.found}/${s.expected} (${pct(s.found, s.expected)})  字段 ${s.right}/${s.total} (${pct(s.right, s.total)})  多出行 ${s.invented}`,
    );
  }
  console.log(
    `合计       行 ${all.found}/${all.expected} (${pct(all.found, all.expected)})  字段 ${all.right}/${all.total} (${pct(all.right, all.total)})  多出行 ${all.invented}`,
  );
  const held = zero();
  for (const f of HELDOUT as Fixture[]) {
    for (const format of FORMATS) {
      const s = score(f, await previewOf(f, format));
      add(held, s);
      if (verbose && s.problems.length) console.log(`  ${f.id} ${format}: ${s.problems.join('；')}`);
    }
  }
  console.log(
    `\n留出夹具 ${HELDOUT.length} 个（导入器完成后编写、只评一次、未据此修改）：行 ${held.found}/${held.expected} (${pct(held.found, held.expected)})  字段 ${held.right}/${held.total} (${pct(held.right, held.total)})  多出行 ${held.invented}`,
  );
  const held2 = zero();
  for (const f of HELDOUT2 as Fixture[]) {
    for (const format of FORMATS) {
      const s = score(f, await previewOf(f, format));
      add(held2, s);
      if (verbose && s.problems.length) console.log(`  ${f.id} ${format}: ${s.problems.join('；')}`);
    }
  }
  console.log(
    `留出夹具二 ${HELDOUT2.length} 个（另一人盲写：不看导入器代码，取未用过的真实来源；冻结）：行 ${held2.found}/${held2.expected} (${pct(held2.found, held2.expected)})  字段 ${held2.right}/${held2.total} (${pct(held2.right, held2.total)})  多出行 ${held2.invented}`,
  );
  const seeds = await scoreSeeds();
  if (seeds) {
    console.log('');
    console.log('五个种子文件（text / docx / xlsx）：');
    for (const line of seeds) console.log(`  ${line}`);
  } else console.log('\n（未找到 ../shared/seeds，种子文件未评分）');
}

await main();
