/** 汇总表: the round's consolidated table as users know it, who is missing, filters, review and publish. */

import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FileWordOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { roundStateLabel } from '../../../../src/domain/collect/round-rules';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import { isLagging } from '../../../../src/domain/publish/bulletin';
import { queryRows } from '../../../../src/domain/publish/table-query';
import type { TableRow } from '../../../../src/shared/api-types';
import { REPORT_STATUS_LABELS, REPORT_STATUSES, type ReportStatus } from '../../../../src/shared/statuses';
import type { TableQuery } from '../../../../src/shared/table-query';
import { errorMessage } from '../../api/client';
import { api, bulletinUrl, supervisionFormUrl, xlsxUrl } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { ReviewButtons, RevokeButton } from '../../components/review-buttons';
import { BulkApproveButton } from './bulk-approve';
import { ExportModal } from './export-modal';
import { RoundControls, RoundExceptions } from './round-controls';
import { buildColumns } from './table-columns';
import { JudgementFilters, useHashTableQuery } from './table-filters';
import { MissingUnits, StatusCounts } from './table-summary';

const withUnit = (q: TableQuery, unitId: string | undefined): TableQuery => ({
  ...q,
  unit: unitId ? [unitId] : undefined,
});
const withText = (q: TableQuery, text: string): TableQuery => ({ ...q, q: text || undefined });
const unitOf = (q: TableQuery) => q.unit?.[0];
const textOf = (q: TableQuery) => q.q ?? '';

export default function TablePage({ roundId }: { roundId: string }) {
  const { message } = App.useApp();
  const t = useApi(() => api.table(roundId), [roundId]);
  const [status, setStatus] = useState<ReportStatus | undefined>(undefined);
  // Judgement filters, unit, text and sort live in the hash (links open the table filtered): table-filters.tsx.
  const [query, setQuery] = useHashTableQuery(roundId);
  const [publishing, setPublishing] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [missingOnly, setMissingOnly] = useState(false);
  const [lifecycleStamp, setLifecycleStamp] = useState(0);
  const table = t.data;
  const reviewer = table?.abilities.review ?? false;
  const missing = useApi(table?.abilities.readTable ? () => api.missingAnalyses(roundId) : null, [
    roundId,
    table?.abilities.readTable,
    table?.counts,
  ]);
  const missingIds = useMemo(() => new Set((missing.data ?? []).map((m) => m.reportId)), [missing.data]);

  const columns = useMemo(
    () =>
      table
        ? buildColumns(table, {
            linkToReport: true,
            showWorkflow: true,
            actions:
              (reviewer && table.rows.some((r) => r.status === 'submitted' || r.status === 'approved')) ||
              (table.abilities.exportTable && table.rows.some(isLagging))
                ? (r) => (
                    <Space size={4} wrap>
                      {reviewer && r.status === 'submitted' && (
                        <ReviewButtons
                          reportId={r.reportId}
                          baseVersion={r.versionNo}
                          label={`${r.name}（${r.unit}）`}
                          onDone={() => void t.reload()}
                        />
                      )}
                      {reviewer && r.status === 'approved' && table.round.status !== 'archived' && (
                        <RevokeButton
                          reportId={r.reportId}
                          baseVersion={r.versionNo}
                          size="small"
                          onDone={() => void t.reload()}
                        />
                      )}
                      {table.abilities.exportTable && isLagging(r) && (
                        <Button
                          size="small"
                          href={supervisionFormUrl(roundId, r.reportId)}
                          download
                          data-testid={`supervision-${r.reportId}`}
                        >
                          督办单
                        </Button>
                      )}
                    </Space>
                  )
                : undefined,
          })
        : [],
    [table, reviewer, t.reload, roundId],
  );
  const unitOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of table?.rows ?? []) m.set(r.unitId, r.unit);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [table]);
  const rows = useMemo(
    () =>
      queryRows(table?.rows ?? [], query).filter(
        (r) => (!status || r.status === status) && (!missingOnly || missingIds.has(r.reportId)),
      ),
    [table, status, query, missingOnly, missingIds],
  );

  if (t.error && !table) return <ErrorBlock error={t.error} onRetry={() => void t.reload()} />;
  if (!table) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;

  async function publish() {
    setPublishing(true);
    try {
      const r = await api.publish(roundId);
      message.success(
        r.published ? `已发布 ${r.published} 份已审核的填报，公众可在“公开信息”查看` : '没有可发布的已审核填报',
      );
      await t.reload();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setPublishing(false);
    }
  }

  const scrollX = columns.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 120), 0);
  return (
    <>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
          gap: 16,
          flexWrap: 'wrap',
        }}
      >
        <div>
          <Space size={8} style={{ marginBottom: 4 }}>
            <a href="#/rounds">
              <ArrowLeftOutlined /> 填报批次
            </a>
          </Space>
          <h1 className="page-title" data-testid="table-title">
            {table.programme.name} {table.round.periodLabel}进展情况表
          </h1>
          <div className="page-subtitle">
            {table.round.name} · 截至{formatCnDate(table.round.asOf)} · 报送截止{formatCnDate(table.round.dueDate)} ·{' '}
            <span data-testid="table-round-state">{roundStateLabel(table.round.status)}</span>
          </div>
        </div>
        <Space wrap>
          <Button icon={<ReloadOutlined />} loading={t.loading} onClick={() => void t.reload()}>
            刷新
          </Button>
          <Button icon={<DownloadOutlined />} href={xlsxUrl(roundId)} download data-testid="download-xlsx">
            下载Excel
          </Button>
          {table.abilities.exportTable && (
            <Button icon={<FileWordOutlined />} onClick={() => setExportOpen(true)} data-testid="export-document">
              导出正式文件
            </Button>
          )}
          {table.abilities.exportTable && (
            <Button href={bulletinUrl(roundId)} download data-testid="download-bulletin">
              通报草稿
            </Button>
          )}
          {table.abilities.close && (
            <RoundControls
              roundId={roundId}
              status={table.round.status}
              onChanged={() => {
                setLifecycleStamp((n) => n + 1);
                void t.reload();
              }}
            />
          )}
          {table.abilities.publish && (
            <Popconfirm
              title="发布已审核的填报"
              description={`将发布 ${table.counts.approved} 份已审核的填报，发布后在“公开信息”中向公众公开。`}
              okText="发布"
              cancelText="取消"
              onConfirm={() => void publish()}
              okButtonProps={{ 'data-testid': 'publish-confirm' } as ButtonProps}
            >
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                loading={publishing}
                disabled={!table.counts.approved}
                data-testid="publish-round"
              >
                发布已审核{table.counts.approved ? `（${table.counts.approved}）` : ''}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {t.error ? <Alert type="error" showIcon title={errorMessage(t.error)} style={{ marginBottom: 12 }} /> : null}
      <StatusCounts counts={table.counts} active={status} onPick={(s) => setStatus(s === status ? undefined : s)} />
      <MissingUnits missing={table.missing} total={table.rows.length} />
      {table.abilities.close && <RoundExceptions roundId={roundId} stamp={[table.round, lifecycleStamp]} />}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Space wrap style={{ padding: 12 }}>
          <Select
            allowClear
            placeholder="全部状态"
            aria-label="按状态筛选"
            style={{ width: 140 }}
            value={status}
            onChange={(v) => setStatus(v)}
            options={REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }))}
            data-testid="filter-status"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部填报单位"
            aria-label="按填报单位筛选"
            style={{ width: 220 }}
            value={unitOf(query)}
            onChange={(v) => setQuery(withUnit(query, v))}
            options={unitOptions}
            data-testid="filter-unit"
          />
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="搜索项目名称、编号、内容、研判状态"
            aria-label="搜索项目名称、编号、内容"
            style={{ width: 280 }}
            value={textOf(query)}
            onChange={(e) => setQuery(withText(query, e.target.value))}
            data-testid="filter-text"
          />
          {missing.data && (
            <Button
              type={missingOnly ? 'primary' : 'default'}
              danger={missing.data.length > 0}
              onClick={() => setMissingOnly((v) => !v)}
              data-testid="filter-missing-analysis"
            >
              缺滞后分析（{missing.data.length}）
            </Button>
          )}
          <Typography.Text type="secondary">
            显示 {rows.length} / {table.rows.length} 行
          </Typography.Text>
          {reviewer && (
            <BulkApproveButton
              roundId={roundId}
              rows={rows.filter((r) => selected.includes(r.reportId))}
              onDone={() => {
                setSelected([]);
                void t.reload();
              }}
            />
          )}
        </Space>
        <div style={{ padding: '0 12px 12px' }}>
          <JudgementFilters rows={table.rows} query={query} onChange={setQuery} />
        </div>
        {missingOnly && missing.data && missing.data.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ margin: '0 12px 12px' }}
            title={`以下 ${missing.data.length} 个项目应附滞后分析而未报送`}
            description={missing.data
              .map((m) => `${m.code} ${m.name}（${m.unit}：${m.reasons.join('；')}）`)
              .join('\n')}
            className="pre-wrap"
            data-testid="missing-analysis-list"
          />
        )}
        <Table<TableRow>
          rowKey="reportId"
          size="small"
          bordered
          sticky
          rowSelection={
            reviewer
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (r) => ({ disabled: r.status !== 'submitted' }),
                }
              : undefined
          }
          columns={columns}
          dataSource={rows}
          scroll={{ x: scrollX }}
          pagination={
            rows.length > 100
              ? { defaultPageSize: 100, showSizeChanger: true, pageSizeOptions: [50, 100, 200, 500] }
              : false
          }
          onRow={(r) => ({ 'data-testid': `row-${r.reportId}`, 'data-code': r.code }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: table.rows.length ? '没有符合筛选条件的行' : '本批次暂无填报记录' }}
          data-testid="consolidated-table"
        />
      </Card>
      {exportOpen && (
        <ExportModal
          roundId={roundId}
          programmeId={table.programme.id}
          open={exportOpen}
          onClose={() => setExportOpen(false)}
        />
      )}
    </>
  );
}
