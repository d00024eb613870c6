/**
 * 批量建账号: choose an .xlsx or .csv (单位, 姓名, 手机, 邮箱[, 角色, 职责, 用户名]), see every row with its problems,
 * then create them all at once (or none); the usernames and temporary passwords are shown once and can be downloaded
 * as .xlsx — they are not kept anywhere.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../../src/shared/statuses';
import { errorMessage } from '../../api/client';
import { adminApi, type BulkCommit, type BulkPreview, downloadBase64, fileToBase64 } from './admin-api';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function BulkUsersModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [file, setFile] = useState<{ fileName: string; content: string } | null>(null);
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [result, setResult] = useState<BulkCommit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function choose(f: File | undefined) {
    if (!f) return;
    setError(null);
    setPreview(null);
    setBusy(true);
    try {
      const picked = { fileName: f.name, content: await fileToBase64(f) };
      setFile(picked);
      setPreview(await adminApi.bulkPreview(picked));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await adminApi.bulkCommit(file);
      setResult(r);
      onCreated();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const bad = preview?.rows.filter((r) => r.errors.length).length ?? 0;
  return (
    <Modal
      open
      width={960}
      title="批量建账号"
      onCancel={onClose}
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button
              type="primary"
              disabled={!preview?.ok}
              loading={busy}
              onClick={() => void commit()}
              data-testid="bulk-commit"
            >
              建立{preview?.ok ? ` ${preview.rows.length} 个` : ''}账号
            </Button>
          </Space>
        )
      }
      destroyOnHidden
    >
      {!result && (
        <>
          <Typography.Paragraph type="secondary">
            Excel（.xlsx）或 CSV 文件，第一行为表头：<b>单位、姓名、手机、邮箱</b>，可选“角色”（默认填报单位）、“职责”
            （联络员或分管领导）、“用户名”（不填则用邮箱前缀或自动编号）。单位须已在组织机构中（名称或别名）。有任一行出错时不会建立任何账号。
          </Typography.Paragraph>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.csv"
            style={{ display: 'none' }}
            onChange={(e) => void choose(e.target.files?.[0])}
            data-testid="bulk-file"
          />
          <Button icon={<UploadOutlined />} loading={busy && !preview} onClick={() => input.current?.click()}>
            选择文件
          </Button>
          {file && <Typography.Text style={{ marginLeft: 8 }}>{file.fileName}</Typography.Text>}
        </>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="bulk-error" />}
      {preview && !result && (
        <>
          {preview.errors.map((e) => (
            <Alert key={e} type="error" showIcon title={e} style={{ marginTop: 12 }} />
          ))}
          {preview.rows.length > 0 && (
            <Alert
              type={bad ? 'warning' : 'success'}
              showIcon
              style={{ marginTop: 12 }}
              title={
                bad
                  ? `共 ${preview.rows.length} 行，其中 ${bad} 行有问题，请修改文件后重新选择`
                  : `共 ${preview.rows.length} 行，均可建立`
              }
              data-testid="bulk-summary"
            />
          )}
          <Table
            rowKey="row"
            size="small"
            style={{ marginTop: 12 }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={preview.rows}
            onRow={(r) => (r.errors.length ? { style: { background: '#fff1f0' } } : {})}
            columns={[
              { title: '行', dataIndex: 'row', width: 50 },
              { title: '单位', dataIndex: 'unit' },
              { title: '姓名', dataIndex: 'displayName', width: 90 },
              { title: '手机', dataIndex: 'phone', width: 120 },
              { title: '邮箱', dataIndex: 'email' },
              { title: '角色', dataIndex: 'role', width: 100, render: (r: Role | null) => (r ? ROLE_LABELS[r] : '—') },
              { title: '用户名', dataIndex: 'username', width: 110 },
              {
                title: '问题',
                dataIndex: 'errors',
                render: (errs: string[]) =>
                  errs.length ? (
                    errs.map((e) => (
                      <Tag color="red" key={e} style={{ whiteSpace: 'normal', marginBottom: 2 }}>
                        {e}
                      </Tag>
                    ))
                  ) : (
                    <Tag color="green">可建立</Tag>
                  ),
              },
            ]}
            data-testid="bulk-preview"
          />
        </>
      )}
      {result && (
        <>
          <Alert
            type="success"
            showIcon
            title={`已建立 ${result.accounts.length} 个账号`}
            description="临时密码仅在此显示一次，请下载后妥善转交本人；首次登录须修改密码。"
            action={
              <Button
                icon={<DownloadOutlined />}
                onClick={() => downloadBase64(result.xlsx, '新建账号.xlsx', XLSX_TYPE)}
                data-testid="bulk-download"
              >
                下载 Excel
              </Button>
            }
            data-testid="bulk-done"
          />
          <Table
            rowKey="username"
            size="small"
            style={{ marginTop: 12 }}
            pagination={false}
            dataSource={result.accounts}
            columns={[
              { title: '单位', dataIndex: 'unit' },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '用户名', dataIndex: 'username' },
              {
                title: '临时密码',
                dataIndex: 'temporaryPassword',
                render: (p: string) => (
                  <Typography.Text code copyable>
                    {p}
                  </Typography.Text>
                ),
              },
            ]}
            data-testid="bulk-result"
          />
        </>
      )}
    </Modal>
  );
}
