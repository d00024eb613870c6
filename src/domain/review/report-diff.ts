/**
 * What changed between two versions of a report: a text diff inside each field and the number changes of each
 * indicator value. Pure; the server answers it (GET /api/reports/:id/diff), the report page draws it.
 */
import { type DiffSegment, diffChanged, diffText } from './text-diff';

/** The fields a reviewer comments on one by one when returning a report, with their Chinese labels. */
export const FIELD_COMMENT_KEYS = ['progress', 'numbers', 'problems', 'nextSteps', 'analysis'] as const;
export type FieldCommentKey = (typeof FIELD_COMMENT_KEYS)[number];
export const FIELD_COMMENT_LABELS: Record<FieldCommentKey, string> = {
  progress: '落实情况',
  numbers: '指标数值',
  problems: '存在问题',
  nextSteps: '下一步工作',
  analysis: '滞后分析',
};
export type FieldComments = Partial<Record<FieldCommentKey, string>>;

/** One version's content as the diff reads it. */
export type VersionContent = {
  progressText: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  targetAdjustmentNote: string;
  lagAnalysis: { problems: string; subjective: string; objective: string; plan: string } | null;
  values: { indicatorId: string; value: number | null }[];
};

/** The text fields compared, with their labels (the analysis parts each on their own). */
const TEXT_FIELDS: { key: string; label: string; pick: (c: VersionContent) => string }[] = [
  { key: 'progressText', label: '落实情况', pick: (c) => c.progressText },
  { key: 'selfAssessment', label: '进度自评', pick: (c) => c.selfAssessment ?? '' },
  { key: 'problems', label: '存在问题', pick: (c) => c.problems },
  { key: 'nextSteps', label: '下一步工作', pick: (c) => c.nextSteps },
  { key: 'targetAdjustmentNote', label: '年度目标调整情况', pick: (c) => c.targetAdjustmentNote },
  { key: 'lagAnalysis.problems', label: '滞后分析·存在问题', pick: (c) => c.lagAnalysis?.problems ?? '' },
  { key: 'lagAnalysis.subjective', label: '滞后分析·主观原因', pick: (c) => c.lagAnalysis?.subjective ?? '' },
  { key: 'lagAnalysis.objective', label: '滞后分析·客观原因', pick: (c) => c.lagAnalysis?.objective ?? '' },
  { key: 'lagAnalysis.plan', label: '滞后分析·下一步工作计划', pick: (c) => c.lagAnalysis?.plan ?? '' },
];

export type FieldDiff = { key: string; label: string; changed: boolean; segments: DiffSegment[] };
export type ValueChange = {
  indicatorId: string;
  name: string;
  unit: string;
  before: number | null;
  after: number | null;
  /** after − before when both are numbers. */
  delta: number | null;
  changed: boolean;
};

/** Field by field, then indicator by indicator (in the given indicator order; unknown ones after). */
export function diffVersions(
  before: VersionContent,
  after: VersionContent,
  indicators: { id: string; name: string; unit: string }[],
): { fields: FieldDiff[]; values: ValueChange[]; changed: boolean } {
  const fields = TEXT_FIELDS.map((f) => {
    const segments = diffText(f.pick(before), f.pick(after));
    return { key: f.key, label: f.label, changed: diffChanged(segments), segments };
  }).filter((f) => f.changed || f.segments.length > 0);
  const valueIn = (c: VersionContent, id: string) => c.values.find((v) => v.indicatorId === id)?.value ?? null;
  const ids = [
    ...indicators.map((i) => i.id),
    ...[...before.values, ...after.values]
      .map((v) => v.indicatorId)
      .filter((id) => !indicators.some((i) => i.id === id)),
  ].filter((id, i, all) => all.indexOf(id) === i);
  const values = ids
    .map((id) => {
      const ind = indicators.find((i) => i.id === id);
      const b = valueIn(before, id);
      const a = valueIn(after, id);
      return {
        indicatorId: id,
        name: ind?.name ?? '（已删除的指标）',
        unit: ind?.unit ?? '',
        before: b,
        after: a,
        delta: a !== null && b !== null ? Math.round((a - b) * 1e6) / 1e6 : null,
        changed: a !== b,
      };
    })
    .filter((v) => v.before !== null || v.after !== null);
  return { fields, values, changed: fields.some((f) => f.changed) || values.some((v) => v.changed) };
}

/**
 * The default pair to compare: the version that was last returned (its content is what the reviewer saw) and the
 * current one — or, when never returned, the previous content version and the current one.
 */
export function defaultDiffPair(
  versions: { versionNo: number; action: string }[],
  current: number,
): { from: number; to: number } | null {
  const sorted = [...versions].sort((a, b) => a.versionNo - b.versionNo);
  const returned = sorted.filter((v) => v.action === 'return' && v.versionNo < current).at(-1);
  if (returned) return { from: returned.versionNo, to: current };
  if (current >= 2) return { from: current - 1, to: current };
  return null;
}

/** True when a save would store exactly what the current version holds (no new version then). */
export function sameContent(a: VersionContent & { completedAnnualTarget: boolean }, b: typeof a): boolean {
  const norm = (c: typeof a) =>
    JSON.stringify({
      p: c.progressText,
      s: c.selfAssessment ?? null,
      q: c.problems,
      n: c.nextSteps,
      t: c.targetAdjustmentNote,
      c: c.completedAnnualTarget,
      l: c.lagAnalysis ?? null,
      // An indicator left empty (no value, no note) is the same as one not sent at all.
      v: [...c.values]
        .map((x) => ({ i: x.indicatorId, v: x.value ?? null, n: (x as { note?: string }).note ?? '' }))
        .filter((x) => x.v !== null || x.n !== '')
        .sort((x, y) => (x.i < y.i ? -1 : x.i > y.i ? 1 : 0)),
    });
  return norm(a) === norm(b);
}
