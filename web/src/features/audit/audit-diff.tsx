/**
 * Before and after of an audit entry as a readable difference: one line per field (nested fields as 上级.下级), the
 * old and the new value side by side, changed lines marked; lists of words are compared as one value. The raw JSON
 * stays one click away.
 */
import { Table, Tag, Typography } from 'antd';
import { auditDiff, type DiffLine, diffLabel } from './audit-diff-lines';

const CHANGE_TAGS: Record<DiffLine['change'], { color: string; text: string } | null> = {
  changed: { color: 'orange', text: '修改' },
  added: { color: 'green', text: '新增' },
  removed: { color: 'red', text: '删除' },
  same: null,
};

export function AuditDiff({ before, after, testId }: { before: unknown; after: unknown; testId?: string }) {
  const lines = auditDiff(before, after);
  if (!lines.length) return <Typography.Text type="secondary">（无内容）</Typography.Text>;
  const onlyAfter = before === null || before === undefined;
  return (
    <Table<DiffLine>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={lines}
      onRow={(l) => (l.change === 'same' ? {} : { style: { background: '#fffbe6' } })}
      columns={[
        { title: '字段', dataIndex: 'path', width: 220, render: (p: string) => diffLabel(p) },
        ...(onlyAfter
          ? []
          : [
              {
                title: '变更前',
                dataIndex: 'before',
                render: (t: string, l: DiffLine) =>
                  l.change === 'same' ? t : <Typography.Text delete={l.change !== 'added'}>{t}</Typography.Text>,
              },
            ]),
        {
          title: onlyAfter ? '内容' : '变更后',
          dataIndex: 'after',
          render: (t: string, l: DiffLine) =>
            l.change === 'same' || onlyAfter ? t : <Typography.Text strong>{t}</Typography.Text>,
        },
        ...(onlyAfter
          ? []
          : [
              {
                title: '',
                dataIndex: 'change',
                width: 70,
                render: (c: DiffLine['change']) => {
                  const tag = CHANGE_TAGS[c];
                  return tag ? <Tag color={tag.color}>{tag.text}</Tag> : null;
                },
              },
            ]),
      ]}
      data-testid={testId}
    />
  );
}
