/** Unit names of the file that match no organisation: each is mapped to an existing one or marked to be created. */
import { Alert, Button, Card, Checkbox, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ImportPreview } from '../../../../src/domain/collect/import/types';

/** The user's decision for one unknown name. */
export type UnitChoice = { orgId?: string; create?: boolean };

type Props = {
  preview: ImportPreview;
  orgs: { id: string; name: string }[];
  choices: Record<string, UnitChoice>;
  busy: boolean;
  onChoose: (name: string, choice: UnitChoice) => void;
  /** Mark every name not handled yet to be created (an explicit bulk choice). */
  onCreateRest: () => void;
};

const VIA_LABELS = { exact: '名称一致', alias: '别名', normalized: '简称/全称' } as const;

export const isResolved = (c: UnitChoice | undefined) => Boolean(c && (c.orgId || c.create));

export function ImportUnits({ preview, orgs, choices, busy, onChoose, onCreateRest }: Props) {
  const { unknown, collective, matched } = preview.units;
  const uses = new Map<string, number>();
  for (const i of preview.items)
    for (const n of new Set([...i.leadUnits, ...i.assistUnits, ...i.cohostUnits])) uses.set(n, (uses.get(n) ?? 0) + 1);
  const orgOptions = orgs.map((o) => ({ value: o.id, label: o.name }));
  const open = unknown.filter((n) => !isResolved(choices[n])).length;
  const renamed = matched.filter((m) => m.via !== 'exact');

  const columns: ColumnsType<string> = [
    {
      title: '文件中的单位名称',
      key: 'name',
      render: (_, n) => (
        <Space size={6}>
          <Typography.Text strong>{n}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {uses.get(n) ?? 0} 个项目
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '对应到已有单位',
      key: 'map',
      width: 300,
      render: (_, n) => (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          placeholder="选择已有单位"
          value={choices[n]?.orgId}
          options={orgOptions}
          disabled={busy || Boolean(choices[n]?.create)}
          onChange={(v: string | undefined) => onChoose(n, v ? { orgId: v } : {})}
          data-testid={`unit-map-${n}`}
        />
      ),
    },
    {
      title: '或',
      key: 'create',
      width: 150,
      render: (_, n) => (
        <Checkbox
          checked={Boolean(choices[n]?.create)}
          disabled={busy}
          onChange={(e) => onChoose(n, e.target.checked ? { create: true } : {})}
          data-testid={`unit-create-${n}`}
        >
          新建该单位
        </Checkbox>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="单位对应"
      extra={
        unknown.length ? (
          open ? (
            <Space size={12}>
              <Typography.Text type="danger" data-testid="unit-open-count">
                还有 {open} 个单位未处理
              </Typography.Text>
              {open > 1 && (
                <Button size="small" disabled={busy} onClick={onCreateRest} data-testid="unit-create-rest">
                  其余 {open} 个全部新建
                </Button>
              )}
            </Space>
          ) : (
            <Typography.Text type="success" data-testid="unit-open-count">
              全部单位已处理
            </Typography.Text>
          )
        ) : null
      }
      style={{ marginBottom: 12 }}
      data-testid="import-units"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        已自动对应 {matched.length} 个单位。
        {renamed.length > 0 &&
          renamed.map((m) => (
            <Tooltip key={m.name} title={`按${VIA_LABELS[m.via]}对应`}>
              <Tag style={{ marginInlineStart: 4 }}>
                {m.name} → {m.orgName}
              </Tag>
            </Tooltip>
          ))}
      </Typography.Paragraph>
      {unknown.length > 0 ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={`未识别的单位 ${unknown.length} 个`}
            description="以下名称不在组织机构中。请逐个对应到已有单位，或勾选“新建该单位”；全部处理后才能确认导入。"
            style={{ marginBottom: 8 }}
          />
          <Table<string>
            rowKey={(n) => n}
            size="small"
            bordered
            pagination={false}
            columns={columns}
            dataSource={unknown}
            data-testid="unit-unknown"
          />
        </>
      ) : (
        <Typography.Text type="success">所有单位均已对应到组织机构。</Typography.Text>
      )}
      {collective.length > 0 && (
        <Alert
          type="info"
          showIcon
          title="泛指的单位"
          description={`${collective.join('、')}：泛指多个单位，导入时不对应到具体单位，请在导入后按需补充。`}
          style={{ marginTop: 8 }}
          data-testid="unit-collective"
        />
      )}
    </Card>
  );
}
