/**
 * 与已有数据的差异 (re-import): what the file would change in the chosen programme — a unit's report, an annual or
 * period target, flags, units in roles — grouped by kind, each with a checkbox. Only ticked differences are applied
 * (each as an audited action); report overwrites and removals are never ticked in advance. Accepted annual-target
 * changes are recorded as 年度目标调整 with the approving body typed here.
 */
import { Alert, Button, Card, Checkbox, Collapse, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ColumnMappingOverride } from '../../../../src/domain/collect/import/types';
import { parsePeriodKey } from '../../../../src/domain/plan/periods';
import type { ImportDifferenceSchema } from '../../../../src/shared/contract/imports';
import type { ImportOptions } from '../../../../src/shared/schemas';
import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { api, type ImportSource } from '../../api/endpoints';

export type ImportDifference = z.infer<typeof ImportDifferenceSchema>;
type Kind = ImportDifference['kind'];

const GROUPS: { kind: Kind; title: string; hint: string }[] = [
  {
    kind: 'report',
    title: '单位填报内容不同',
    hint: '单位已填报（或已审核）的内容与导入文件不同。勾选后，导入内容作为督查室版本另存为新版本，单位原版本保留在历史中，审核状态不变；不勾选则保持单位的版本。',
  },
  {
    kind: 'annualTarget',
    title: '年度目标不同',
    hint: '勾选后按“年度目标调整”记录（保留原目标、调整原因和批准机关）。',
  },
  { kind: 'periodTarget', title: '本期目标不同', hint: '勾选后改为导入文件中的本期目标。' },
  { kind: 'flagAdded', title: '新增项目标记', hint: '如人大重点监督、挂牌督办。' },
  {
    kind: 'flagRemoved',
    title: '文件中没有的项目标记',
    hint: '文件未标注这些标记。勾选才会取消；不勾选则保留（缺少标注不等于取消）。',
  },
  { kind: 'unitAdded', title: '新增责任单位', hint: '文件中列出、项目尚未有的单位。' },
  {
    kind: 'unitRemoved',
    title: '文件中没有的责任单位',
    hint: '勾选才会移除；已有填报的单位不会被移除。',
  },
];

export type DifferenceChoices = { accept: Set<string>; approvedBy: string; adjustReason: string };

type Props = {
  differences: ImportDifference[] | null;
  loading: boolean;
  error: string | null;
  choices: DifferenceChoices;
  onChange: (c: DifferenceChoices) => void;
};

/** The preview's suggested ticks: additions and target changes, never report overwrites or removals. */
export const suggestedAccept = (diffs: readonly ImportDifference[]) =>
  new Set(diffs.filter((d) => d.suggested).map((d) => d.id));

/** Why the commit cannot go ahead yet: the comparison is running, or an accepted target change lacks its approval. */
export function differencesBlockers(
  d: { loading: boolean; differences: readonly ImportDifference[] | null; choices: DifferenceChoices },
  programmeChosen: boolean,
): string[] {
  const out: string[] = [];
  if (programmeChosen && d.loading) out.push('正在与已有数据比对…');
  const c = d.choices;
  const target = d.differences?.some((x) => x.kind === 'annualTarget' && c.accept.has(x.id));
  if (target && !c.approvedBy.trim()) out.push('请填写年度目标调整的批准机关或会议');
  return out;
}

/** The commit's options for the differences: the accepted ids, the approving body and reason of target changes. */
export function acceptOptions(diffs: readonly ImportDifference[] | null, c: DifferenceChoices): Partial<ImportOptions> {
  const accept = (diffs ?? []).filter((d) => c.accept.has(d.id)).map((d) => d.id);
  return {
    ...(accept.length ? { accept } : {}),
    ...(c.approvedBy.trim() ? { approvedBy: c.approvedBy.trim() } : {}),
    ...(c.adjustReason.trim() ? { adjustReason: c.adjustReason.trim() } : {}),
  };
}

const NO_CHOICES: DifferenceChoices = { accept: new Set(), approvedBy: '', adjustReason: '' };

/**
 * Compare the file with the chosen programme's data (the preview endpoint with `programmeId`) whenever what the
 * commit would do changes, debounced; the user's ticks are kept, new differences start as suggested.
 */
export function useImportDifferences(input: {
  source: ImportSource | null;
  hasPreview: boolean;
  programmeId: string | undefined;
  mapping: ColumnMappingOverride[];
  periodKey: string;
  units: Pick<ImportOptions, 'unitMapping' | 'createUnits'>;
}) {
  const [differences, setDifferences] = useState<ImportDifference[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<DifferenceChoices>(NO_CHOICES);
  const seen = useRef(new Set<string>());
  const { source, hasPreview, programmeId, mapping } = input;
  // Only a well-formed period is sent (the page says what is wrong with another).
  const periodKey = parsePeriodKey(input.periodKey) ? input.periodKey : '';
  const unitKey = JSON.stringify(input.units);
  useEffect(() => {
    if (!source || !hasPreview || !programmeId) {
      setDifferences(null);
      setLoading(false);
      return;
    }
    const ctl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      setError(null);
      const options: ImportOptions = {
        programmeId,
        ...(mapping.length ? { mapping } : {}),
        ...(periodKey ? { periodKey } : {}),
        ...(JSON.parse(unitKey) as Pick<ImportOptions, 'unitMapping' | 'createUnits'>),
      };
      api
        .importPreview(source, options, { signal: ctl.signal })
        .then((r) => {
          setDifferences(r.differences);
          setChoices((c) => {
            const accept = new Set<string>();
            for (const d of r.differences)
              if (c.accept.has(d.id) || (!seen.current.has(d.id) && d.suggested)) accept.add(d.id);
            for (const d of r.differences) seen.current.add(d.id);
            return { ...c, accept };
          });
        })
        .catch((e) => {
          if (!(e instanceof DOMException && e.name === 'AbortError')) setError(errorMessage(e));
        })
        .finally(() => {
          if (!ctl.signal.aborted) setLoading(false);
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [source, hasPreview, programmeId, mapping, periodKey, unitKey]);
  const reset = useCallback(() => {
    setDifferences(null);
    setChoices(NO_CHOICES);
    seen.current = new Set();
  }, []);
  return { differences, loading, error, choices, setChoices, reset };
}

const pre = { whiteSpace: 'pre-wrap' as const, margin: 0 };

export function ImportDifferences({ differences, loading, error, choices, onChange }: Props) {
  if (error) return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`无法与已有数据比对：${error}`} />;
  if (!differences) return null;
  const set = (ids: string[], on: boolean) => {
    const accept = new Set(choices.accept);
    for (const id of ids)
      if (on) accept.add(id);
      else accept.delete(id);
    onChange({ ...choices, accept });
  };
  const targetTicked = differences.some((d) => d.kind === 'annualTarget' && choices.accept.has(d.id));
  const columns = (kind: Kind): ColumnsType<ImportDifference> => [
    {
      title: '采用',
      key: 'accept',
      width: 60,
      render: (_, d) => (
        <Checkbox
          checked={choices.accept.has(d.id)}
          onChange={(e) => set([d.id], e.target.checked)}
          data-testid={`diff-accept-${d.kind}-${d.projectId}`}
          aria-label={`采用：${d.code} ${d.projectName}`}
        />
      ),
    },
    {
      title: '项目',
      key: 'project',
      width: 220,
      render: (_, d) => (
        <span>
          <Typography.Text type="secondary">{d.code}</Typography.Text> {d.projectName}
        </span>
      ),
    },
    ...(kind === 'report'
      ? [
          {
            title: '单位',
            key: 'unit',
            width: 140,
            render: (_: unknown, d: ImportDifference) => (
              <Space orientation="vertical" size={2}>
                <span>{d.unit}</span>
                {d.reportStatus ? (
                  <Tag>{REPORT_STATUS_LABELS[d.reportStatus as ReportStatus] ?? d.reportStatus}</Tag>
                ) : null}
                {d.detail ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    不同：{d.detail}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
    {
      title: kind === 'report' ? '单位现有内容' : '现在',
      dataIndex: 'before',
      render: (v: string | null) =>
        v ? <p style={pre}>{v}</p> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: kind === 'report' ? '导入内容（督查室版本）' : '导入文件',
      dataIndex: 'after',
      render: (v: string | null) =>
        v ? <p style={pre}>{v}</p> : <Typography.Text type="secondary">（无）</Typography.Text>,
    },
  ];
  const groups = GROUPS.map((g) => ({ ...g, rows: differences.filter((d) => d.kind === g.kind) })).filter(
    (g) => g.rows.length > 0,
  );
  return (
    <Card
      size="small"
      title={`与已有数据的差异 ${differences.length} 处`}
      style={{ marginBottom: 12 }}
      loading={loading && !differences.length}
      data-testid="import-differences"
    >
      {differences.length === 0 ? (
        <Typography.Text type="secondary" data-testid="import-no-differences">
          {loading ? '正在比对…' : '导入不会改动已有的填报、目标、标记或责任单位。'}
        </Typography.Text>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="只有勾选的差异才会写入，每一项都记入审计日志；未勾选的保持现状。"
          />
          <Collapse
            defaultActiveKey={groups.map((g) => g.kind)}
            items={groups.map((g) => {
              const ids = g.rows.map((d) => d.id);
              const ticked = ids.filter((id) => choices.accept.has(id)).length;
              return {
                key: g.kind,
                label: (
                  <span data-testid={`diff-group-${g.kind}`}>
                    {g.title}（{g.rows.length}，已勾选 {ticked}）
                  </span>
                ),
                extra: (
                  <Space size={4} onClick={(e) => e.stopPropagation()}>
                    <Button size="small" onClick={() => set(ids, true)}>
                      全选
                    </Button>
                    <Button size="small" onClick={() => set(ids, false)}>
                      全不选
                    </Button>
                  </Space>
                ),
                children: (
                  <>
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                      {g.hint}
                    </Typography.Paragraph>
                    <Table<ImportDifference>
                      rowKey="id"
                      size="small"
                      bordered
                      pagination={g.rows.length > 20 ? { pageSize: 20 } : false}
                      columns={columns(g.kind)}
                      dataSource={g.rows}
                    />
                  </>
                ),
              };
            })}
          />
          {targetTicked && (
            <Space wrap style={{ marginTop: 12 }} align="start">
              <label>
                <div>
                  年度目标调整的批准机关或会议 <Typography.Text type="danger">*</Typography.Text>
                </div>
                <Input
                  value={choices.approvedBy}
                  onChange={(e) => onChange({ ...choices, approvedBy: e.target.value })}
                  placeholder="如：区政府常务会议"
                  status={choices.approvedBy.trim() ? undefined : 'error'}
                  style={{ width: 280 }}
                  maxLength={200}
                  data-testid="diff-approved-by"
                />
              </label>
              <label>
                <div>调整原因</div>
                <Input
                  value={choices.adjustReason}
                  onChange={(e) => onChange({ ...choices, adjustReason: e.target.value })}
                  placeholder="导入调整"
                  style={{ width: 280 }}
                  maxLength={2000}
                  data-testid="diff-reason"
                />
              </label>
            </Space>
          )}
        </>
      )}
    </Card>
  );
}
