/**
 * The numbers a version gives the engine as data (issue 14 §2), from its indicator values: the one mapping the server
 * stores assessments with, the report page sends with a version, and the browser panel applies to the values being
 * typed. Pure.
 */
import type { AssessmentContent } from './assess-report';

/** The indicator columns whose value the engine takes as a reported amount: 完成数 first, then 完成投资. */
export const DATA_COLUMNS = ['targetNumber', 'investment'] as const;

/** One indicator value of a version, with its indicator's unit and the imported column it was created from. */
export type IndicatorNumber = {
  value: number | null;
  unit: string;
  /** The imported numeric column the indicator was created from (null: an indicator of the plan). */
  sourceColumn?: string | null;
};

/** The numbers of a version as the engine takes them (fields absent when there are none). */
export type NumbersAsData = { values?: NonNullable<AssessmentContent['values']>; publishedRatio?: number };

const rank = (column: string | null | undefined) => DATA_COLUMNS.indexOf(column as (typeof DATA_COLUMNS)[number]);

/**
 * A version's numbers as data: the values of indicators created from a 完成数 (in the indicator's unit, 万人 already
 * folded to 人 at import; no unit → the target's) or 完成投资 column (万元: the engine pairs a money amount only with a
 * money part of the target), 完成数 first as the main figure; and the published 完成率 of an import (a fraction).
 * Values of other indicators, empty values and a ratio that is not a finite number are left out.
 */
export function numbersAsData(values: readonly IndicatorNumber[], publishedRatio?: number | null): NumbersAsData {
  const given = values
    .filter((v) => rank(v.sourceColumn) >= 0 && typeof v.value === 'number' && Number.isFinite(v.value))
    // a stable sort: values of one column keep their order
    .sort((a, b) => rank(a.sourceColumn) - rank(b.sourceColumn))
    .map((v) => ({ value: v.value as number, unit: v.unit.trim() || null }));
  return {
    ...(given.length ? { values: given } : {}),
    ...(typeof publishedRatio === 'number' && Number.isFinite(publishedRatio) ? { publishedRatio } : {}),
  };
}
