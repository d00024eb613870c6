/**
 * 结转到下一年度: the preview of what next year's programme gets from this one — categories, matters (with their goal
 * text), the unfinished projects (marked 续建) with their units in roles and indicators — and what is not copied
 * (finished projects, rounds, reports, period targets), then 确认结转 creates it (one transaction, audited).
 * Unfinished projects can be left out one by one.
 */
import {
  Alert,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { RolloverInputSchema, type RolloverPreviewSchema } from '../../../../src/shared/contract/rollover';
import { describeIssues } from '../../../../src/shared/schemas';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';

type Preview = z.infer<typeof RolloverPreviewSchema>;
type Row = Preview['copied'][number];

export type RolloverModalProps = {
  programmeId: string;
  open: boolean;
  onClose: () => void;
  /** Called with the new programme's id once it is created. */
  onDone: (newProgrammeId: string) => void;
};

export function RolloverModal({ programmeId, open, onClose, onDone }: RolloverModalProps) {
  const [year, setYear] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [exclude, setExclude] = useState<string[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The user typed a name: the preview no longer suggests one. */
  const nameTouched = useRef(false);

  // A fresh start each time the modal opens.
  useEffect(() => {
    if (!open) return;
    setYear(null);
    setName('');
    setExclude([]);
    setPreview(null);
    setError(null);
    nameTouched.current = false;
  }, [open]);

  // The preview follows the year and the exclusions.
  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoading(true);
    api
      .rolloverPreview(programmeId, { ...(year ? { year } : {}), ...(exclude.length ? { exclude } : {}) })
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setError(null);
        if (year === null) setYear(p.target.year);
        if (!nameTouched.current) setName(p.target.name);
      })
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [open, programmeId, year, exclude]);

  async function confirm() {
    const parsed = RolloverInputSchema.safeParse({ year, name, ...(exclude.length ? { exclude } : {}) });
    if (!parsed.success) return setError(describeIssues(parsed.error.issues));
    setSaving(true);
    setError(null);
    try {
      const r = await api.rollover(programmeId, parsed.data);
      onDone(r.programmeId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  const toggle = (id: string, keep: boolean) =>
    setExclude((all) => (keep ? all.filter((x) => x !== id) : [...all, id]));
  const columns = (kind: 'copied' | 'skipped') => [
    ...(kind === 'copied'
      ? [
          {
            title: '结转',
            key: 'keep',
            width: 56,
            render: (_: unknown, r: Row) => (
              <Checkbox
                checked={!exclude.includes(r.projectId)}
                onChange={(e) => toggle(r.projectId, e.target.checked)}
                data-testid={`rollover-keep-${r.code}`}
                aria-label={`结转 ${r.code} ${r.name}`}
              />
            ),
          },
        ]
      : []),
    { title: '编号', dataIndex: 'code', width: 90 },
    {
      title: '项目',
      key: 'name',
      render: (_: unknown, r: Row) => (
        <span>
          {r.name} {kind === 'copied' ? <Tag color="blue">续建</Tag> : null}
        </span>
      ),
    },
    { title: '责任单位', key: 'units', width: 200, render: (_: unknown, r: Row) => r.units.join('、') || '—' },
    { title: '原因', dataIndex: 'reason', width: 260 },
  ];
  const excluded = preview?.skipped.filter((s) => exclude.includes(s.projectId)) ?? [];
  const copiedRows = [...(preview?.copied ?? []), ...excluded];
  const skippedRows = preview?.skipped.filter((s) => !exclude.includes(s.projectId)) ?? [];

  return (
    <Modal
      open={open}
      width={960}
      title="结转到下一年度"
      okText="确认结转"
      cancelText="取消"
      onOk={() => void confirm()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={
        { disabled: !preview || preview.target.exists || loading, 'data-testid': 'rollover-confirm' } as never
      }
      destroyOnHidden
      data-testid="rollover-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="rollover-error" />}
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label="新年度" required>
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => setYear(typeof v === 'number' ? v : null)}
            data-testid="rollover-year"
          />
        </Form.Item>
        <Form.Item label="新计划名称" required style={{ flex: 1 }}>
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              nameTouched.current = true;
            }}
            maxLength={200}
            style={{ minWidth: 320 }}
            data-testid="rollover-name"
          />
        </Form.Item>
      </Form>
      <Spin spinning={loading}>
        {preview ? (
          <>
            {preview.target.exists && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`${preview.target.year}年已有实事计划，不能再次结转到该年度`}
                data-testid="rollover-exists"
              />
            )}
            <Descriptions
              size="small"
              bordered
              column={3}
              style={{ marginBottom: 12 }}
              data-testid="rollover-counts"
              items={[
                { key: 'source', label: '来源', children: `${preview.source.name}（${preview.source.owner}）` },
                { key: 'categories', label: '类别', children: preview.counts.categories },
                { key: 'matters', label: '民生事项', children: preview.counts.matters },
                {
                  key: 'projects',
                  label: '结转项目（续建）',
                  children: <span data-testid="rollover-count-projects">{preview.counts.projects}</span>,
                },
                {
                  key: 'skipped',
                  label: '不结转项目',
                  children: <span data-testid="rollover-count-skipped">{preview.counts.skipped}</span>,
                },
                {
                  key: 'units',
                  label: '责任单位 / 指标',
                  children: `${preview.counts.units} / ${preview.counts.indicators}`,
                },
              ]}
            />
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="不复制的内容"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {preview.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              }
              data-testid="rollover-notes"
            />
            <Tabs
              items={[
                {
                  key: 'copied',
                  label: `结转的项目（${preview.counts.projects}）`,
                  children: (
                    <Table<Row>
                      rowKey="projectId"
                      size="small"
                      bordered
                      pagination={copiedRows.length > 15 ? { pageSize: 15 } : false}
                      columns={columns('copied')}
                      dataSource={copiedRows}
                      data-testid="rollover-copied"
                    />
                  ),
                },
                {
                  key: 'skipped',
                  label: `不结转的项目（${skippedRows.length}）`,
                  children: (
                    <Table<Row>
                      rowKey="projectId"
                      size="small"
                      bordered
                      pagination={skippedRows.length > 15 ? { pageSize: 15 } : false}
                      columns={columns('skipped')}
                      dataSource={skippedRows}
                      data-testid="rollover-skipped"
                    />
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              取消勾选的项目不结转。结转后请在新计划中填写期次目标、按新年度调整年度目标，再开启填报。
            </Typography.Paragraph>
          </>
        ) : (
          !error && <div style={{ height: 80 }} />
        )}
      </Spin>
    </Modal>
  );
}
