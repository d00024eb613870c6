/**
 * The live preview of the layout being edited: a round of the programme (chosen in a Select), the document drawn from
 * the server's composition of the unsaved layout (POST …/document/preview), ~400 ms after the last change.
 */
import { Alert, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Block } from '../../../../src/domain/publish/document/model';
import type { Layout } from '../../../../src/domain/publish/layouts/schema';
import { checkLayout } from '../../../../src/domain/publish/layouts/validate';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { DocumentPreview } from '../table/document-preview';
import { layoutsApi } from './layouts-api';

/** `value`, once it has not changed for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function LivePreview({ programmeId, layout }: { programmeId: string; layout: Layout }) {
  const rounds = useApi(() => api.rounds(programmeId), [programmeId]);
  const readable = useMemo(
    () =>
      (rounds.data ?? [])
        .filter((r) => r.abilities.readTable)
        .sort((a, b) => b.asOf.localeCompare(a.asOf) || b.periodKey.localeCompare(a.periodKey)),
    [rounds.data],
  );
  const [roundId, setRoundId] = useState<string | null>(null);
  const round = readable.find((r) => r.id === roundId) ?? readable[0];
  const settled = useDebounced(layout, 400);
  const check = useMemo(() => checkLayout(settled), [settled]);
  const preview = useApi(round && check.ok ? () => layoutsApi.preview(round.id, check.layout) : null, [
    round?.id,
    check.ok ? check.layout : null,
  ]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="layout-live-preview">
      <Space wrap>
        <Typography.Text strong>预览</Typography.Text>
        <Select
          style={{ minWidth: 220 }}
          loading={rounds.loading}
          value={round?.id}
          onChange={setRoundId}
          placeholder="选择填报批次"
          options={readable.map((r) => ({ value: r.id, label: `${r.periodLabel}（${r.name}）` }))}
          aria-label="预览所用的填报批次"
          data-testid="layout-preview-round"
        />
        {(preview.loading || settled !== layout) && <Spin size="small" />}
      </Space>
      <PreviewBody
        error={rounds.error ?? preview.error}
        retry={rounds.error ? rounds.reload : preview.reload}
        noRound={!round && !rounds.loading && !rounds.error}
        problems={check.ok ? null : check.message}
        data={preview.data}
      />
    </Space>
  );
}

function PreviewBody({
  error,
  retry,
  noRound,
  problems,
  data,
}: {
  error: unknown;
  retry: () => void;
  noRound: boolean;
  problems: string | null;
  data: { blocks: unknown[]; omittedRows: number } | undefined;
}) {
  if (noRound) return <Alert type="info" showIcon title="本实事计划还没有可预览的填报批次。" />;
  if (problems) return <Alert type="warning" showIcon title="版式有误，改正后显示预览" description={problems} />;
  if (error) return <ErrorBlock error={error} onRetry={retry} />;
  if (data) return <DocumentPreview blocks={data.blocks as Block[]} omittedRows={data.omittedRows} />;
  return (
    <div style={{ textAlign: 'center', padding: 32 }}>
      <Spin />
    </div>
  );
}
