/**
 * The difference between an audit entry's before and after, as lines (pure; the page draws them in audit-diff.tsx):
 * one line per field (nested fields as 上级 · 下级), lists of words compared as one value.
 */
import { ADMIN_FIELD_LABELS } from '../../../../src/shared/contract/admin';
import { FIELD_LABELS } from '../../../../src/shared/schemas';

/** Names of fields that appear in audit entries but not in the forms' labels. */
const EXTRA_LABELS: Record<string, string> = {
  active: '启用',
  sessionsEnded: '结束的会话数',
  moved: '移动的引用',
  mergedInto: '并入',
  targetAliases: '目标单位别名',
  units: '所属单位',
  via: '来源',
  count: '数量',
  usernames: '用户名',
  status: '状态',
  versionNo: '版本号',
  targetText: '目标',
  targetValue: '目标值',
  source: '原单位',
  target: '目标单位',
  administrator: '管理员',
  government: '政府',
};

export type DiffLine = {
  path: string;
  before: string;
  after: string;
  change: 'changed' | 'added' | 'removed' | 'same';
};

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  if (v === undefined) return '';
  if (v === null) return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(show).join('、') : '（无）';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** Flatten a value to path → text; arrays of plain values stay one value. */
function flatten(v: unknown, path: string, out: Map<string, string>) {
  if (isPlain(v)) {
    const keys = Object.keys(v);
    if (!keys.length && path) out.set(path, '（无）');
    for (const k of keys) flatten(v[k], path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(v) && v.some((x) => isPlain(x) || Array.isArray(x))) {
    for (const [i, x] of v.entries()) flatten(x, `${path}[${i + 1}]`, out);
  } else out.set(path || '值', show(v));
}

/** The lines of the difference, in the order fields first appear (before, then after). */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  if (before !== null && before !== undefined) flatten(before, '', b);
  if (after !== null && after !== undefined) flatten(after, '', a);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  return paths.map((path) => {
    const x = b.get(path);
    const y = a.get(path);
    const change = x === undefined ? 'added' : y === undefined ? 'removed' : x === y ? 'same' : 'changed';
    return { path, before: x ?? '', after: y ?? '', change };
  });
}

/** The Chinese name of a field path: displayName → 姓名, moved.账号所属单位 → 移动的引用 · 账号所属单位. */
export const diffLabel = (path: string) =>
  path
    .split('.')
    .map((seg) => {
      const [key = seg, index = ''] = seg.split(/(?=\[)/);
      return `${FIELD_LABELS[key] ?? ADMIN_FIELD_LABELS[key] ?? EXTRA_LABELS[key] ?? key}${index}`;
    })
    .join(' · ');
