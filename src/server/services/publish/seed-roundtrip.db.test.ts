/**
 * Round trip of the five real tables (../shared/seeds, read at run time; their text is never copied here): import each
 * into a fresh database as the command line does (local operator, units created, progress stored as approved — or
 * published for the monthly disclosure layout, which prints published content only), export the round in the seed's
 * own layout as .docx and .xlsx, read the exported file back with the import preview, and compare with the seed's
 * preview: the same projects (codes where the layout prints them, names), annual and period targets, progress text
 * (whitespace-normalised), self-assessment, levels, matters, units.
 *
 * Known, accepted differences (see the assertions): collective unit names ("各街道", "相关街镇") are not organisations
 * and are not stored by an import, so documents do not print them, and a project whose only lead is collective has no
 * report in the round and is not in the documents; a layout that numbers its rows (序号 1, 2, 3 …) renumbers them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImportPreview } from '../../../domain/collect/import/preview';
import type { ImportItem, ImportPreview } from '../../../domain/collect/import/types';
import { builtinLayout } from '../../../domain/publish/layouts/builtin';
import type { ColumnField, Layout } from '../../../domain/publish/layouts/schema';
import type { DbHandle } from '../../db/connect';
import { readImportFile } from '../../files/import/read-import-file';
import { createTestDb, TEST_ENGINE } from '../../test/test-db';
import { defaultPeriodKey, importIntoProgramme } from '../collect/import-bootstrap';
import { systemClock } from '../context';
import { localOperator } from '../local-operator';
import { exportRoundDocument } from './export-document';

const SEEDS = resolve(import.meta.dirname, '../../../../../shared/seeds');
const files = existsSync(SEEDS) ? readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)) : [];

/** Each seed's own layout; the government for the tables whose title names none. */
const CASES: Record<string, { layout: string; markAs: 'approved' | 'published'; government?: string }> = {
  '000': { layout: 'quarterly-progress', markAs: 'approved' },
  '001': { layout: 'overview-table', markAs: 'approved' },
  '002': { layout: 'year-end-summary', markAs: 'approved' },
  '003': { layout: 'monthly-progress', markAs: 'published', government: '示范区' },
  '004': { layout: 'narrative-report', markAs: 'approved', government: '示范区' },
};

const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const preview = (bytes: Uint8Array, name: string) => buildImportPreview(readImportFile(bytes, name));

/** The fields a layout prints (a narrative prints name, units and progress). */
function printed(layout: Layout): Set<ColumnField | 'codeNote'> {
  if (layout.kind === 'narrative') return new Set(['name', 'leadUnits', 'assistUnits', 'progress']);
  const out = new Set<ColumnField | 'codeNote'>(layout.columns.map((c) => c.value.field));
  if (layout.nameCell.codeNote) out.add('codeNote');
  if (layout.nameCell.cohostNote) out.add('cohostUnits');
  if (layout.nameCell.levelTags) out.add('levels' as ColumnField);
  if (out.has('problemsAndNextSteps')) out.add('problems').add('nextSteps');
  if (out.has('problemsAndAdjustments')) out.add('problems');
  return out;
}

/** Differences between the seed's item and the one read back, as "field: seed ≠ back". */
function differences(seed: ImportItem, back: ImportItem, fields: Set<string>, collective: Set<string>): string[] {
  const out: string[] = [];
  const cmp = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${field}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  const units = (xs: string[]) => xs.filter((u) => !collective.has(u));
  if (fields.has('code') || fields.has('codeNote')) cmp('code', seed.code, back.code);
  if (fields.has('annualTarget')) cmp('annualTarget', ws(seed.annualTarget), ws(back.annualTarget));
  if (fields.has('periodTarget')) cmp('periodTarget', ws(seed.periodTarget), ws(back.periodTarget));
  cmp('progress', ws(seed.progress), ws(back.progress));
  if (fields.has('problems')) cmp('problems', ws(seed.problems), ws(back.problems));
  if (fields.has('nextSteps')) cmp('nextSteps', ws(seed.nextSteps), ws(back.nextSteps));
  if (seed.selfAssessment) cmp('selfAssessment', seed.selfAssessment, back.selfAssessment);
  // The seeds' text copies lose the colour of 进度评价's ▋ (null); a word (已完成) must come back.
  if (fields.has('selfAssessment') && seed.evaluation) cmp('evaluation', seed.evaluation, back.evaluation);
  if (fields.has('levels')) cmp('levels', seed.levels, back.levels);
  if (fields.has('matter')) cmp('matter', ws(seed.matter), ws(back.matter));
  if (fields.has('category')) cmp('category', seed.category, back.category);
  cmp('leadUnits', units(seed.leadUnits), back.leadUnits);
  if (fields.has('assistUnits')) cmp('assistUnits', units(seed.assistUnits), back.assistUnits);
  if (fields.has('cohostUnits')) cmp('cohostUnits', units(seed.cohostUnits), back.cohostUnits);
  return out;
}

/** Match the items read back to the seed's by name; what differs, what is missing, what is extra. */
function compare(seed: ImportPreview, back: ImportPreview, layout: Layout) {
  const collective = new Set(seed.units.collective);
  const fields = printed(layout) as Set<string>;
  const byName = new Map(back.items.map((i) => [ws(i.name), i]));
  const differing: string[] = [];
  const missing: ImportItem[] = [];
  for (const s of seed.items) {
    const b = byName.get(ws(s.name));
    if (!b) missing.push(s);
    else differing.push(...differences(s, b, fields, collective).map((d) => `${s.code ?? ''} ${d}`));
  }
  const extra = back.items.filter((b) => !seed.items.some((s) => ws(s.name) === ws(b.name)));
  return { differing, missing, extra, matched: seed.items.length - missing.length };
}

describe.skipIf(files.length === 0)(
  `seed round trip: import → export → import (${TEST_ENGINE})`,
  { timeout: 120_000 },
  () => {
    for (const file of files) {
      const id = file.slice(0, 3);
      const c = CASES[id];
      if (!c) continue;
      describe(`${id} in ${c.layout}`, () => {
        let h: DbHandle;
        let seed: ImportPreview;
        let roundId: string;
        const ctx = () => ({ db: h.db, actor: localOperator(), ip: null, now: systemClock });
        beforeAll(async () => {
          h = await createTestDb();
          seed = preview(new Uint8Array(readFileSync(join(SEEDS, file))), file);
          const r = await importIntoProgramme(ctx(), seed, {
            createUnits: seed.units.unknown,
            markAs: c.markAs,
            government: c.government ?? null,
          });
          roundId = r.summary.roundId!;
        });
        afterAll(async () => h?.close());

        it('imports every row with a unit into a round, its reports marked as issued', async () => {
          expect(roundId).toBeTruthy();
          const statuses = await h.db.selectFrom('reports').select('status').where('roundId', '=', roundId).execute();
          const collective = new Set(seed.units.collective);
          const reportable = seed.items.filter((i) => i.leadUnits.some((u) => !collective.has(u)));
          expect(statuses).toHaveLength(reportable.length);
          expect(new Set(statuses.map((s) => s.status))).toEqual(new Set([c.markAs]));
        });

        for (const format of ['docx', 'xlsx'] as const) {
          it(`reads its own .${format} back as the seed`, async () => {
            const layout = builtinLayout(c.layout)!;
            const doc = await exportRoundDocument(ctx(), { roundId, layoutId: c.layout, format });
            const back = preview(new Uint8Array(doc.buf), doc.name);
            // The round: government, year, period and as-of date come back from the title (and signature).
            expect(back.round.government).toBe(seed.round.government ?? c.government);
            expect(back.round.year).toBe(seed.round.year);
            expect(defaultPeriodKey(back.round)).toBe(defaultPeriodKey(seed.round));
            expect(back.round.asOf).toBe(seed.round.asOf);
            const { differing, missing, extra, matched } = compare(seed, back, layout);
            console.info(
              `[${id} ${c.layout} .${format}] ${matched}/${seed.items.length} projects matched; ` +
                `differences: ${differing.length ? differing.join('; ') : 'none'}; ` +
                `not in the document: ${missing.map((m) => `${m.code ?? ''} (lead: ${m.leadUnits.join('、')})`).join('; ') || 'none'}`,
            );
            expect(differing).toEqual([]);
            expect(extra.map((e) => e.name)).toEqual([]);
            // Only projects led by collective names alone ("各街镇") are missing: they have no report in the round.
            const collective = new Set(seed.units.collective);
            for (const m of missing) expect(m.leadUnits.every((u) => collective.has(u))).toBe(true);
            // The import of the exported file raises no warnings beyond the layout's own 示例 row.
            expect(back.warnings.filter((w) => w.code !== 'EXAMPLE_ROW')).toEqual([]);
          });
        }
      });
    }
  },
);

describe.skipIf(files.length > 0)('seed round trip', () => {
  it(`is skipped: the seeds are not at ${SEEDS}`, () => {});
});
