/**
 * 审计日志 (审计管理员's home): every entry of the installation's log, newest first, with filters; before/after of an
 * entry on expanding its row; 导出 CSV (what is on screen: the same filters) and 校验完整性 (the hash chain). Read-only.
 */
import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { auditActionLabel, auditEntityLabel } from '../../../../src/domain/audit/labels';
import type { AuditEntryWire, AuditFilter, AuditVerification } from '../../../../src/shared/contract/audit';
import { errorMessage } from '../../api/client';
import { api, auditExportUrl } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { AuditDiff } from './audit-diff';
import { AuditFilters } from './audit-filters';

/** Security events stand out in the list. */
const ACTION_COLORS: Record<string, string> = {
  'login.fail': 'orange',
  'login.attack': 'red',
  'login.locked': 'red',
  'password.change.fail': 'orange',
  'user.lock': 'volcano',
  'password.reset': 'gold',
  'audit.purge': 'purple',
};

function ActionTag({ code }: { code: string }) {
  const label = auditActionLabel(code);
  return (
    <Tooltip title={label === code ? undefined : code}>
      <Tag color={ACTION_COLORS[code] ?? (code.startsWith('audit.') ? 'blue' : 'default')}>{label}</Tag>
    </Tooltip>
  );
}

const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));

/** Before and after of one entry: the readable difference, the raw JSON on request. */
function Change({ entry }: { entry: AuditEntryWire }) {
  const block = (title: string, v: unknown) => (
    <div style={{ flex: '1 1 320px', minWidth: 0 }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <pre className="audit-json" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {json(v)}
      </pre>
    </div>
  );
  return (
    <div data-testid={`audit-change-${entry.seq}`}>
      <AuditDiff before={entry.before} after={entry.after} testId={`audit-diff-${entry.seq}`} />
      <details style={{ marginTop: 8 }}>
        <summary style={{ cursor: 'pointer', color: '#8c8c8c' }}>原始记录（JSON）</summary>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {block('变更前', entry.before)}
          {block('变更后', entry.after)}
        </div>
      </details>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        记录编号 {entry.id} · 哈希 <Typography.Text code>{entry.hash ?? '（未入链）'}</Typography.Text>
      </Typography.Text>
    </div>
  );
}

const columns: ColumnsType<AuditEntryWire> = [
  { title: '序号', dataIndex: 'seq', width: 90 },
  {
    title: '时间',
    dataIndex: 'at',
    width: 170,
    render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
  },
  {
    title: '操作人',
    dataIndex: 'actorName',
    render: (v: string | null, e) => (
      <Tooltip title={e.actorId ? `账号编号 ${e.actorId}` : undefined}>{v ?? '—'}</Tooltip>
    ),
  },
  { title: '动作', dataIndex: 'action', render: (v: string) => <ActionTag code={v} /> },
  {
    title: '对象',
    key: 'entity',
    render: (_, e) => (
      <span>
        {auditEntityLabel(e.entity)}
        {e.entityId && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
            {e.entityId}
          </Typography.Text>
        )}
      </span>
    ),
  },
  { title: '地址', dataIndex: 'ip', width: 150, render: (v: string | null) => v ?? '—' },
];

function VerifyResult({ result, onClose }: { result: AuditVerification; onClose: () => void }) {
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 12 }}
      title={result.ok ? '完整性校验通过' : `完整性校验不通过：第 ${result.broken?.seq ?? '—'} 条`}
      description={
        <span>
          {result.message}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            算法 {result.algorithm} · 链头第 {result.head.seq} 条 · 校验于{' '}
            {dayjs(result.checkedAt).format('YYYY-MM-DD HH:mm:ss')}
          </Typography.Text>
        </span>
      }
      data-testid="audit-verify-result"
    />
  );
}

export default function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const log = useApi(() => api.auditLog({ ...filter, ...paging }), [filter, paging]);

  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerified(await api.verifyAudit());
      await log.reload(); // the check is itself an entry
    } catch (e) {
      setVerifyError(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  if (log.error && !log.data) return <ErrorBlock error={log.error} onRetry={() => void log.reload()} />;

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 16 }}>
        <div>
          <h1 className="page-title">审计日志</h1>
          <div className="page-subtitle">
            全部账号的登录、操作与管理记录，只读；记录以哈希链相连，任何修改或删除都能被校验发现。
          </div>
        </div>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void log.reload()}>
            刷新
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={auditExportUrl({ ...filter, format: 'csv' })}
            download
            data-testid="audit-export"
          >
            导出 CSV
          </Button>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={() => void verify()}
            data-testid="audit-verify"
          >
            校验完整性
          </Button>
        </Space>
      </div>
      {verified && <VerifyResult result={verified} onClose={() => setVerified(null)} />}
      {verifyError && (
        <Alert type="error" showIcon title="校验失败" description={verifyError} style={{ marginBottom: 12 }} />
      )}
      <AuditFilters
        onApply={(f) => {
          setFilter(f);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<AuditEntryWire>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={log.data?.items ?? []}
        loading={log.loading}
        expandable={{
          expandedRowRender: (e) => <Change entry={e} />,
          rowExpandable: (e) => e.before != null || e.after != null || Boolean(e.hash),
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
        data-testid="audit-table"
      />
    </>
  );
}
