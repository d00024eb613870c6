/**
 * What a re-import would change in data that already exists — the rules, without I/O. The commit (server/services/
 * collect/import-commit.ts) decides row by row with these and applies a difference only when the office accepted it
 * by id: a unit's report is never overwritten (an accepted difference becomes the office's own version), an annual
 * target changes only as a 年度目标调整, flags and units in roles change only when accepted — and nothing is cleared
 * because the file has no column for it.
 */

export const IMPORT_DIFFERENCE_KINDS = [
  'report',
  'annualTarget',
  'periodTarget',
  'flagAdded',
  'flagRemoved',
  'unitAdded',
  'unitRemoved',
] as const;
export type ImportDifferenceKind = (typeof IMPORT_DIFFERENCE_KINDS)[number];

export const IMPORT_DIFFERENCE_LABELS: Record<ImportDifferenceKind, string> = {
  report: '单位填报内容不同',
  annualTarget: '年度目标不同',
  periodTarget: '本期目标不同',
  flagAdded: '新增项目标记',
  flagRemoved: '取消项目标记',
  unitAdded: '新增责任单位',
  unitRemoved: '移除责任单位',
};

/** One difference between the file and the data, as the preview lists it and the commit body accepts it (by id). */
export type ImportDifference = {
  /** Stable for the same file and data: the kind, the record and a digest of the values (a changed value, a new id). */
  id: string;
  kind: ImportDifferenceKind;
  projectId: string;
  code: string;
  projectName: string;
  /** The unit concerned (reports, units in roles), as named in the file or the organisation's name. */
  unit: string | null;
  /** What exactly: the flag, the role, the fields of a report that differ (Chinese). */
  detail: string | null;
  before: string | null;
  after: string | null;
  /** The report's review state (reports only). */
  reportStatus: string | null;
  /** Offered ticked in the preview: additions and target changes; report overwrites and removals never. */
  suggested: boolean;
};

/** Kinds the preview offers ticked; report overwrites and removals must be ticked one by one. */
export const suggestedByDefault = (kind: ImportDifferenceKind): boolean =>
  kind === 'annualTarget' || kind === 'periodTarget' || kind === 'flagAdded' || kind === 'unitAdded';

/** A short digest of text (FNV-1a, 32 bits, base 36): ties an accepted id to the values it was shown with. */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export const differenceId = (kind: ImportDifferenceKind, key: string, values?: readonly (string | null)[]) =>
  values ? `${kind}:${key}#${digest(values.map((v) => v ?? '').join('\u0001'))}` : `${kind}:${key}`;

// ---- Flags ----------------------------------------------------------------------------------------------------------

/**
 * Flags a table can express (in the project's name or its annual target): only these can be found missing. Others —
 * 续建, sub-items — are the plan's own and never removed by an import.
 */
export const IMPORT_DETECTED_FLAGS: readonly string[] = ['key_supervision', 'listed_supervision', 'routine'];

export function flagChanges(existing: readonly string[], imported: readonly string[]) {
  return {
    added: imported.filter((f, i) => !existing.includes(f) && imported.indexOf(f) === i),
    removed: existing.filter((f) => IMPORT_DETECTED_FLAGS.includes(f) && !imported.includes(f)),
  };
}

// ---- Units in roles -------------------------------------------------------------------------------------------------

export type UnitInRole = { orgId: string; role: string };

/**
 * Units in roles the file has and the project does not (additions), and the project's units in a role the file
 * lists completely but without them (removals). `listedRoles`: roles whose column the file has and whose cell names
 * at least one unit, every one of them known — an empty or missing cell removes nothing.
 */
export function unitChanges<E extends UnitInRole, I extends UnitInRole>(
  existing: readonly E[],
  imported: readonly I[],
  listedRoles: ReadonlySet<string>,
): { added: I[]; removed: E[] } {
  const has = (list: readonly UnitInRole[], u: UnitInRole) =>
    list.some((e) => e.orgId === u.orgId && e.role === u.role);
  return {
    added: imported.filter((u, i) => !has(existing, u) && imported.findIndex((x) => has([x], u)) === i),
    removed: existing.filter((e) => listedRoles.has(e.role) && !has(imported, e)),
  };
}

// ---- Report content -------------------------------------------------------------------------------------------------

export type ReportContent = {
  progressText: string;
  selfAssessment: string | null;
  problems: string;
  nextSteps: string;
  completedAnnualTarget: number;
};

const REPORT_FIELD_LABELS: Record<keyof ReportContent, string> = {
  progressText: '进展情况',
  selfAssessment: '进度自评',
  problems: '存在问题',
  nextSteps: '下一步工作',
  completedAnnualTarget: '完成年度目标',
};

/**
 * The content an office version would have: the file's fields where the file has them, the current version's
 * elsewhere (a table without a 存在问题 column does not blank the unit's problems); and the fields that differ.
 */
export function mergeReportContent(
  current: ReportContent,
  imported: ReportContent,
): { content: ReportContent; changed: string[] } {
  const content: ReportContent = {
    progressText: imported.progressText || current.progressText,
    selfAssessment: imported.selfAssessment || current.selfAssessment,
    problems: imported.problems || current.problems,
    nextSteps: imported.nextSteps || current.nextSteps,
    completedAnnualTarget: imported.completedAnnualTarget
      ? 1
      : imported.selfAssessment
        ? 0
        : current.completedAnnualTarget,
  };
  const changed = (Object.keys(REPORT_FIELD_LABELS) as (keyof ReportContent)[])
    .filter((k) => (content[k] ?? null) !== (current[k] ?? null))
    .map((k) => REPORT_FIELD_LABELS[k]);
  return { content, changed };
}

/** Same content, field by field (the file's version of an office-made report needs no new version when equal). */
export const sameReportContent = (a: ReportContent, b: ReportContent) =>
  a.progressText === b.progressText &&
  (a.selfAssessment ?? null) === (b.selfAssessment ?? null) &&
  a.problems === b.problems &&
  a.nextSteps === b.nextSteps &&
  Boolean(a.completedAnnualTarget) === Boolean(b.completedAnnualTarget);

/** Report content as one text for the preview (the fields that differ). */
export function describeReport(c: ReportContent, fields: readonly string[]): string {
  const parts: string[] = [];
  if (fields.includes('进展情况')) parts.push(c.progressText);
  if (fields.includes('进度自评')) parts.push(`（${c.selfAssessment ?? '未自评'}）`);
  if (fields.includes('存在问题')) parts.push(`存在问题：${c.problems || '无'}`);
  if (fields.includes('下一步工作')) parts.push(`下一步：${c.nextSteps || '无'}`);
  if (fields.includes('完成年度目标')) parts.push(c.completedAnnualTarget ? '已完成年度目标' : '未完成年度目标');
  return parts.join('\n');
}
