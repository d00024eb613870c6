/**
 * 版本比较: what changed between two versions of a report — insertions green, deletions red and struck through inside
 * each field, and the number changes of the indicators. By default the version that was returned against the current
 * one (the server's default pair).
 */
import { Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ReportDetail } from '../../../../src/shared/api-types';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';

type Segment = { op: 'equal' | 'insert' | 'delete'; text: string };

/** One field's text with its changes marked. */
export function DiffText({ segments, testId }: { segments: Segment[]; testId?: string }) {
  return (
    <div className="pre-wrap" style={{ lineHeight: 1.8 }} data-testid={testId}>
      {segments.map((s, i) =>
        s.op === 'insert' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity but their order
          <ins key={i} className="diff-ins" style={{ background: '#d9f7be', color: '#237804', textDecoration: 'none' }}>
            {s.text}
          </ins>
        ) : s.op === 'delete' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={i} className="diff-del" style={{ background: '#ffccc7', color: '#a8071a' }}>
            {s.text}
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <span key={i}>{s.text}</span>
        ),
      )}
    </div>
  );
}

const fmt = (v: number | null, unit: string) => (v == null ? '未填' : `${v}${unit}`);

export function VersionDiff({ detail }: { detail: ReportDetail }) {
  const def = detail.review.defaultDiff;
  const [pair, setPair] = useState<{ from: number; to: number } | null>(def);
  const current = pair ?? def;
  const diff = useApi(current ? () => api.reportDiff(detail.report.id, current.from, current.to) : null, [
    detail.report.id,
    detail.report.versionNo,
    current?.from,
    current?.to,
  ]);
  if (!def) return null;
  const options = [...detail.history]
    .sort((a, b) => a.versionNo - b.versionNo)
    .map((h) => ({ value: h.versionNo, label: `第 ${h.versionNo} 版` }));
  const d = diff.data;
  return (
    <Card
      size="small"
      title="版本比较"
      style={{ marginBottom: 12 }}
      extra={
        <Space size={4}>
          <Select
            size="small"
            style={{ width: 100 }}
            value={current?.from}
            options={options}
            onChange={(from: number) => setPair({ from, to: current?.to ?? detail.report.versionNo })}
            data-testid="diff-from"
          />
          →
          <Select
            size="small"
            style={{ width: 100 }}
            value={current?.to}
            options={options}
            onChange={(to: number) => setPair({ from: current?.from ?? 1, to })}
            data-testid="diff-to"
          />
        </Space>
      }
      data-testid="version-diff"
    >
      {diff.error ? (
        <ErrorBlock error={diff.error} onRetry={() => void diff.reload()} />
      ) : !d ? null : !d.changed ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="两个版本的内容相同" />
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            第 {d.from.versionNo} 版（{d.from.action === 'return' ? '退回时' : d.from.at.slice(0, 10)}）→ 第{' '}
            {d.to.versionNo} 版：<ins style={{ background: '#d9f7be', textDecoration: 'none' }}>新增</ins>{' '}
            <del style={{ background: '#ffccc7' }}>删除</del>
          </Typography.Paragraph>
          {d.fields
            .filter((f) => f.changed)
            .map((f) => (
              <div key={f.key} style={{ marginBottom: 10 }} data-testid={`diff-field-${f.key}`}>
                <Typography.Text strong>{f.label}</Typography.Text>
                <DiffText segments={f.segments} />
              </div>
            ))}
          {d.values.some((v) => v.changed) && (
            <Table
              size="small"
              rowKey="indicatorId"
              pagination={false}
              dataSource={d.values.filter((v) => v.changed)}
              columns={[
                { title: '指标', dataIndex: 'name' },
                { title: '原数值', key: 'before', render: (_, v) => <del>{fmt(v.before, v.unit)}</del> },
                { title: '新数值', key: 'after', render: (_, v) => <ins>{fmt(v.after, v.unit)}</ins> },
                {
                  title: '变化',
                  key: 'delta',
                  render: (_, v) => (v.delta == null ? '—' : `${v.delta > 0 ? '+' : ''}${v.delta}${v.unit}`),
                },
              ]}
              data-testid="diff-values"
            />
          )}
        </>
      )}
    </Card>
  );
}
