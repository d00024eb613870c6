/** Every item exactly as it will be stored, with per-row warnings; and the file's warnings and notes. */
import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import type { ImportItem, ImportPreview } from '../../../../src/domain/collect/import/types';
import { ProjectTags } from '../../components/project-tags';
import { warningText, whereLabel } from './import-format';

/** How each unit name will be resolved (for the tags in the unit columns). */
export type UnitResolution = Map<
  string,
  { kind: 'matched' | 'mapped' | 'create' | 'unknown' | 'collective'; to?: string }
>;

const text = (v: string | null | undefined) =>
  v?.trim() ? <div className="cell-text">{v}</div> : <span className="muted">—</span>;

function UnitList({ names, units }: { names: string[]; units: UnitResolution }) {
  if (!names.length) return <span className="muted">—</span>;
  return (
    <div>
      {names.map((n) => {
        const r = units.get(n);
        const tag = (color: string | undefined, tip: string) => (
          <Tooltip key={n} title={tip}>
            <Tag color={color} style={{ marginBottom: 2, whiteSpace: 'normal' }}>
              {n}
            </Tag>
          </Tooltip>
        );
        switch (r?.kind) {
          case 'unknown':
            return tag('red', '不在组织机构中：请在下方“未识别的单位”中对应或新建');
          case 'mapped':
            return tag('geekblue', `对应到：${r.to}`);
          case 'create':
            return tag('green', '导入时新建该单位');
          case 'collective':
            return tag('cyan', '泛指多个单位，不对应到具体单位');
          case 'matched':
            return r.to && r.to !== n ? (
              tag(undefined, `对应到：${r.to}`)
            ) : (
              <div key={n} className="cell-text">
                {n}
              </div>
            );
          default:
            return (
              <div key={n} className="cell-text">
                {n}
              </div>
            );
        }
      })}
    </div>
  );
}

/** Fields of an item that the table has no column for (shown when a row is expanded). */
function hasDetails(i: ImportItem) {
  return (
    i.subTargets.length > 0 ||
    i.breakdown.length > 0 ||
    Boolean(i.targetNumber || i.investmentPlanned || i.investmentDone) ||
    Object.keys(i.extra).length > 0 ||
    i.cohostUnits.length > 0 ||
    Boolean(i.unit || i.region || i.actual || i.rate || i.remarks || i.category || i.matterNumber)
  );
}

function ItemDetails({ item }: { item: ImportItem }) {
  const stored: [string, string][] = [];
  if (item.category) stored.push(['项目分类', item.category]);
  if (item.matterNumber) stored.push(['件号', item.matterNumber]);
  if (item.cohostUnits.length) stored.push(['共同主办单位', item.cohostUnits.join('、')]);
  const other: [string, string][] = [];
  if (item.unit) other.push(['计量单位', item.unit]);
  if (item.region) other.push(['县区', item.region]);
  if (item.actual) other.push(['完成数', item.actual]);
  if (item.rate) other.push(['完成率', item.rate]);
  if (item.targetNumber) other.push(['年度目标数', item.targetNumber]);
  if (item.investmentPlanned) other.push(['计划投资', item.investmentPlanned]);
  if (item.investmentDone) other.push(['完成投资', item.investmentDone]);
  for (const b of item.breakdown) {
    const parts = [
      b.target && `目标 ${b.target}`,
      b.actual && `完成 ${b.actual}`,
      b.rate && `完成率 ${b.rate}`,
      b.progress,
    ].filter(Boolean);
    other.push([`分解：${b.unit}`, parts.join('；') || '—']);
  }
  if (item.remarks) other.push(['备注', item.remarks]);
  for (const [k, v] of Object.entries(item.extra)) other.push([k, v]);
  item.subTargets.forEach((s, n) => {
    other.push([`分项目标${n + 1}`, s.progress ? `${s.text}\n进展：${s.progress}` : s.text]);
  });
  const list = (rows: [string, string][], title?: string) => (
    <Descriptions
      size="small"
      bordered
      column={1}
      title={title}
      styles={{ label: { width: 160 }, title: { fontSize: 13, fontWeight: 400, color: '#8c8c8c' } }}
      items={rows.map(([k, v]) => ({ key: k, label: k, children: <span className="pre-wrap">{v}</span> }))}
      style={{ marginBottom: 8 }}
    />
  );
  return (
    <>
      {stored.length > 0 && list(stored)}
      {other.length > 0 && list(other, '其他列（仅供核对，导入时不保存）')}
    </>
  );
}

export function ImportItems({ preview, units }: { preview: ImportPreview; units: UnitResolution }) {
  const items = preview.items;
  const withWarnings = items.filter((i) => i.warnings.length > 0).length;
  /** Position in the whole list (the table's own index restarts on every page). */
  const indexOf = new Map(items.map((i, n) => [i, n]));
  const columns: ColumnsType<ImportItem> = [
    {
      title: '来源',
      key: 'row',
      width: 76,
      fixed: 'left',
      render: (_, i) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {whereLabel(i.row)}
        </Typography.Text>
      ),
    },
    {
      title: '编号',
      dataIndex: 'code',
      width: 90,
      fixed: 'left',
      render: (_, i) =>
        i.isTotal ? (
          <Tooltip title="合计行：不作为项目导入，预览中与各行之和核对">
            <Tag>合计</Tag>
          </Tooltip>
        ) : i.code ? (
          <span>
            {i.code}
            {i.parentCode && (
              <div className="muted" style={{ fontSize: 12 }}>
                属 {i.parentCode}
              </div>
            )}
          </span>
        ) : (
          <Tooltip title="没有编号：按项目名称匹配已有项目，找不到则新建">
            <span className="muted">（无编号）</span>
          </Tooltip>
        ),
    },
    {
      title: '项目名称',
      dataIndex: 'name',
      width: 200,
      fixed: 'left',
      render: (v: string | null) => (v?.trim() ? <Typography.Text strong>{v}</Typography.Text> : text(v)),
    },
    { title: '民生事项', dataIndex: 'matter', width: 160, render: text },
    { title: '年度目标', dataIndex: 'annualTarget', width: 200, render: text },
    { title: '本期目标', dataIndex: 'periodTarget', width: 170, render: text },
    { title: '进展情况', dataIndex: 'progress', width: 280, render: text },
    { title: '进度自评', dataIndex: 'selfAssessment', width: 96, render: text },
    { title: '进度评价', dataIndex: 'evaluation', width: 96, render: text },
    { title: '存在问题', dataIndex: 'problems', width: 180, render: text },
    { title: '下一步工作', dataIndex: 'nextSteps', width: 200, render: text },
    {
      title: '牵头单位',
      dataIndex: 'leadUnits',
      width: 140,
      render: (v: string[]) => <UnitList names={v} units={units} />,
    },
    {
      title: '协办单位',
      dataIndex: 'assistUnits',
      width: 140,
      render: (v: string[]) => <UnitList names={v} units={units} />,
    },
    {
      title: '级别',
      dataIndex: 'levels',
      width: 90,
      render: (v: string[]) => (v.length ? <ProjectTags levels={v} flags={[]} /> : <span className="muted">—</span>),
    },
    {
      title: '标记',
      dataIndex: 'flags',
      width: 110,
      render: (v: string[]) => (v.length ? <ProjectTags levels={[]} flags={v} /> : <span className="muted">—</span>),
    },
    {
      title: '提示',
      key: 'warnings',
      width: 100,
      fixed: 'right',
      render: (_, i) =>
        i.warnings.length ? (
          <Tooltip
            title={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {i.warnings.map((w, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity of their own
                  <li key={k}>{w.message}</li>
                ))}
              </ul>
            }
          >
            <Tag color="warning" icon={<WarningOutlined />} data-testid={`import-row-warnings-${indexOf.get(i)}`}>
              {i.warnings.length} 条
            </Tag>
          </Tooltip>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  const scrollX = columns.reduce((n, c) => n + (typeof c.width === 'number' ? c.width : 120), 0);
  return (
    <Card
      size="small"
      title={
        <span data-testid="import-count">
          将导入 {items.length} 项
          {withWarnings > 0 && (
            <Typography.Text type="warning" style={{ fontWeight: 400, marginInlineStart: 8 }}>
              （其中 {withWarnings} 项有提示）
            </Typography.Text>
          )}
        </span>
      }
      styles={{ body: { padding: 0 } }}
      style={{ marginBottom: 12 }}
    >
      <Table<ImportItem>
        rowKey={(i) => `${i.row.table}:${i.row.row}`}
        size="small"
        bordered
        columns={columns}
        dataSource={items}
        scroll={{ x: scrollX }}
        expandable={{
          rowExpandable: hasDetails,
          expandedRowRender: (i) => <ItemDetails item={i} />,
        }}
        pagination={items.length > 50 ? { defaultPageSize: 50, showSizeChanger: true } : false}
        onRow={(i) =>
          ({
            'data-testid': `import-row-${indexOf.get(i)}`,
            'data-code': i.code ?? '',
            style: i.warnings.length ? { background: '#fffbe6' } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: '没有识别到项目。请检查是否复制了表头行，或在上方调整列对应关系。' }}
        data-testid="import-items"
      />
    </Card>
  );
}

export function ImportWarnings({ preview }: { preview: ImportPreview }) {
  const { warnings, notes } = preview;
  return (
    <div data-testid="import-warnings" style={{ marginBottom: 12 }}>
      {warnings.length ? (
        <Alert
          type="warning"
          showIcon
          title={`解析提示 ${warnings.length} 条`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflowY: 'auto' }}>
              {warnings.map((w, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity of their own
                <li key={k} data-code={w.code}>
                  {warningText(w)}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title="解析未发现问题" />
      )}
      {notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          title="表格附注"
          description={<div className="cell-text">{notes.join('\n')}</div>}
          style={{ marginTop: 8 }}
          data-testid="import-notes"
        />
      )}
    </div>
  );
}
