/**
 * The consolidated table's judgement filters and sort (issue 12 §1), kept in the page's hash query
 * (`#/rounds/:id/table?status=lagging,severe&sort=-gap`) so that a link — the dashboard's drill-downs, the roll-up's —
 * opens the table filtered, and the browser's back button undoes a filter. The rows are filtered in the browser by the
 * same function the API applies (domain/publish/table-query.ts).
 */
import { InputNumber, Segmented, Select, Space } from 'antd';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { tableQueryFromParams, tableQueryString } from '../../../../src/domain/publish/table-query';
import type { TableRow } from '../../../../src/shared/api-types';
import { PROJECT_FLAG_LABELS, type ProjectFlag } from '../../../../src/shared/statuses';
import {
  TABLE_LIGHT_LABELS,
  TABLE_LIGHTS,
  TABLE_SORT_KEYS,
  TABLE_SORT_LABELS,
  TABLE_STATUS_FILTER_LABELS,
  TABLE_STATUS_FILTERS,
  type TableLight,
  type TableQuery,
  type TableSort,
  type TableStatusFilter,
} from '../../../../src/shared/table-query';
import { navigate } from '../../router';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const getHash = () => window.location.hash;

/** The table query in the hash, and a setter that replaces it (no history entry per keystroke). */
export function useHashTableQuery(roundId: string): [TableQuery, (q: TableQuery) => void] {
  const hash = useSyncExternalStore(subscribe, getHash, getHash);
  const query = useMemo(() => {
    const i = hash.indexOf('?');
    const params = new URLSearchParams(i >= 0 ? hash.slice(i + 1) : '');
    return tableQueryFromParams((k) => params.get(k));
  }, [hash]);
  const set = useCallback(
    (q: TableQuery) => {
      const qs = tableQueryString(q);
      navigate(`/rounds/${encodeURIComponent(roundId)}/table${qs ? `?${qs}` : ''}`, { replace: true });
    },
    [roundId],
  );
  return [query, set];
}

const SORT_OPTIONS = TABLE_SORT_KEYS.flatMap((k) =>
  k === 'code'
    ? [{ value: 'code', label: '按编号（表内顺序）' }]
    : [
        {
          value: k === 'gap' ? `-${k}` : k,
          label: `${TABLE_SORT_LABELS[k]}${k === 'gap' ? '（落后多的在前）' : k === 'status' ? '（差的在前）' : '（低→高）'}`,
        },
        {
          value: k === 'gap' ? k : `-${k}`,
          label: `${TABLE_SORT_LABELS[k]}${k === 'gap' ? '（落后少的在前）' : k === 'status' ? '（好的在前）' : '（高→低）'}`,
        },
      ],
);

const pct = (v: number | undefined) => (v === undefined ? null : Math.round(v * 1000) / 10);

/** The controls: 研判状态, 红黄绿灯, 完成率, 落后序时进度, 标记, 层级, 事项, 排序. */
export function JudgementFilters({
  rows,
  query,
  onChange,
}: {
  rows: readonly TableRow[];
  query: TableQuery;
  onChange: (q: TableQuery) => void;
}) {
  const options = useMemo(() => {
    const levels = new Set<string>();
    const flags = new Set<string>();
    const matters = new Map<string, string>();
    for (const r of rows) {
      for (const l of r.levels) levels.add(l);
      for (const f of r.flags) flags.add(f);
      if (r.matterId) matters.set(r.matterId, `${r.matterNumber ? `${r.matterNumber} ` : ''}${r.matter ?? ''}`);
    }
    return {
      levels: [...levels].sort().map((l) => ({ value: l, label: l })),
      flags: [...flags].map((f) => ({ value: f, label: PROJECT_FLAG_LABELS[f as ProjectFlag] ?? f })),
      matters: [...matters].map(([value, label]) => ({ value, label })),
    };
  }, [rows]);
  const set = (patch: Partial<TableQuery>) => {
    const next: TableQuery = { ...query, ...patch };
    for (const k of Object.keys(next) as (keyof TableQuery)[]) {
      const v = next[k];
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0) || v === '') delete next[k];
    }
    onChange(next);
  };
  return (
    <Space wrap size={[8, 8]} data-testid="judgement-filters">
      <Select<TableStatusFilter[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder="研判状态"
        aria-label="按研判状态筛选"
        style={{ minWidth: 160 }}
        value={query.status ?? []}
        onChange={(v) => set({ status: v })}
        options={TABLE_STATUS_FILTERS.map((s) => ({ value: s, label: TABLE_STATUS_FILTER_LABELS[s] }))}
        data-testid="filter-computed-status"
      />
      <Segmented<TableLight | 'all'>
        value={query.light?.length === 1 ? query.light[0]! : 'all'}
        onChange={(v) => set({ light: v === 'all' ? undefined : [v] })}
        options={[
          { value: 'all', label: '全部灯' },
          ...TABLE_LIGHTS.map((l) => ({ value: l, label: TABLE_LIGHT_LABELS[l] })),
        ]}
        data-testid="filter-light"
      />
      <Space.Compact>
        <InputNumber
          min={0}
          max={1000}
          placeholder="完成率≥%"
          style={{ width: 110 }}
          value={pct(query.minRatio)}
          onChange={(v) => set({ minRatio: v === null ? undefined : Number(v) / 100 })}
          data-testid="filter-min-ratio"
        />
        <InputNumber
          min={0}
          max={1000}
          placeholder="完成率≤%"
          style={{ width: 110 }}
          value={pct(query.maxRatio)}
          onChange={(v) => set({ maxRatio: v === null ? undefined : Number(v) / 100 })}
          data-testid="filter-max-ratio"
        />
      </Space.Compact>
      <InputNumber
        min={0}
        max={100}
        placeholder="落后序时≥百分点"
        style={{ width: 150 }}
        value={query.minGap ?? null}
        onChange={(v) => set({ minGap: v === null ? undefined : Number(v) })}
        data-testid="filter-min-gap"
      />
      {options.flags.length > 0 && (
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder="项目标记"
          aria-label="按项目标记筛选"
          style={{ minWidth: 140 }}
          value={query.flag ?? []}
          onChange={(v) => set({ flag: v })}
          options={options.flags}
          data-testid="filter-flag"
        />
      )}
      {options.levels.length > 0 && (
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder="层级"
          aria-label="按层级筛选"
          style={{ minWidth: 120 }}
          value={query.level ?? []}
          onChange={(v) => set({ level: v })}
          options={options.levels}
          data-testid="filter-level"
        />
      )}
      {options.matters.length > 0 && (
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="事项"
          aria-label="按事项筛选"
          style={{ minWidth: 160, maxWidth: 320 }}
          value={query.matter ?? []}
          onChange={(v) => set({ matter: v })}
          options={options.matters}
          data-testid="filter-matter"
        />
      )}
      <Select<TableSort>
        allowClear
        placeholder="排序"
        aria-label="排序方式"
        style={{ width: 200 }}
        value={query.sort}
        onChange={(v) => set({ sort: v })}
        options={SORT_OPTIONS}
        data-testid="table-sort"
      />
    </Space>
  );
}
