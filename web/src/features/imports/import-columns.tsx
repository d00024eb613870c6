/** The detected column mapping of each table (header → field); every column can be remapped or ignored. */
import { UndoOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import {
  type ColumnInfo,
  type ColumnMappingOverride,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type ImportField,
  type TableColumns,
} from '../../../../src/domain/collect/import/types';

const IGNORE = '__ignore';

const FIELD_OPTIONS = [
  { value: IGNORE, label: '（不导入此列）' },
  ...IMPORT_FIELDS.map((f) => ({ value: f, label: IMPORT_FIELD_LABELS[f] })),
];

type Props = {
  tables: TableColumns[];
  mapping: ColumnMappingOverride[];
  busy: boolean;
  onChange: (table: number, column: number, field: ImportField | null) => void;
  onReset: () => void;
};

function TableMapping({ t, busy, onChange }: { t: TableColumns; busy: boolean; onChange: Props['onChange'] }) {
  return (
    <div style={{ marginBottom: 12 }} data-testid={`import-columns-${t.table}`}>
      <Space size={8} style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t.name}</Typography.Text>
        {t.skipped ? (
          <Tag color="default">未导入（没有识别到项目表头）</Tag>
        ) : t.headerRows.length ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            表头在第 {t.headerRows.map((r) => r + 1).join('、')} 行
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            接续上一个表格的表头
          </Typography.Text>
        )}
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 8 }}>
        {t.columns.map((c) => (
          <ColumnBox key={c.index} t={t} c={c} busy={busy} onChange={onChange} />
        ))}
      </div>
    </div>
  );
}

function ColumnBox({
  t,
  c,
  busy,
  onChange,
}: {
  t: TableColumns;
  c: ColumnInfo;
  busy: boolean;
  onChange: Props['onChange'];
}) {
  return (
    <div
      style={{
        border: `1px solid ${c.overridden ? '#91caff' : '#f0f0f0'}`,
        background: c.field ? '#fff' : '#fafafa',
        borderRadius: 4,
        padding: '6px 8px',
      }}
    >
      <div style={{ display: 'flex', gap: 6, alignItems: 'baseline', marginBottom: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
          第{c.index + 1}列
        </Typography.Text>
        <Typography.Text ellipsis={{ tooltip: c.header }} style={{ fontSize: 13 }}>
          {c.header || <span className="muted">（无表头）</span>}
        </Typography.Text>
      </div>
      <Select
        size="small"
        style={{ width: '100%' }}
        value={c.field ?? IGNORE}
        options={FIELD_OPTIONS}
        virtual={false}
        listHeight={320}
        showSearch={{ optionFilterProp: 'label' }}
        disabled={busy}
        status={c.field ? undefined : 'warning'}
        onChange={(v: string) => onChange(t.table, c.index, v === IGNORE ? null : (v as ImportField))}
        data-testid={`import-map-${t.table}-${c.index}`}
      />
      {c.overridden && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          已手动调整
        </Typography.Text>
      )}
    </div>
  );
}

export function ImportColumns({ tables, mapping, busy, onChange, onReset }: Props) {
  if (!tables.length) return null;
  return (
    <Card
      size="small"
      title="列对应关系"
      extra={
        mapping.length > 0 ? (
          <Button size="small" icon={<UndoOutlined />} disabled={busy} onClick={onReset} data-testid="import-map-reset">
            恢复自动识别
          </Button>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            自动识别；如有错误，可逐列调整（各表中同名表头的列一并调整），预览随之更新
          </Typography.Text>
        )
      }
      style={{ marginBottom: 12 }}
      data-testid="import-columns"
    >
      {tables.map((t) => (
        <TableMapping key={t.table} t={t} busy={busy} onChange={onChange} />
      ))}
    </Card>
  );
}
