/** What the commit did: counts, rows that were skipped, and the way to the round's table. */
import { TableOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Statistic, Table } from 'antd';
import type { ImportCommitSummary } from '../../api/endpoints';
import { href } from '../../router';

type Skipped = ImportCommitSummary['skipped'][number] & { key: number };

export function ImportSummary({ summary, onAgain }: { summary: ImportCommitSummary; onAgain: () => void }) {
  const s = summary;
  const stats: [string, number, string][] = [
    ['新建项目', s.projectsCreated, 'summary-created'],
    ['更新项目', s.projectsUpdated, 'summary-updated'],
    ['写入进展', s.reportsVersioned, 'summary-versioned'],
    ['新建单位', s.unitsCreated, 'summary-units'],
  ];
  return (
    <Card data-testid="import-summary">
      <Result
        status={s.skipped.length ? 'warning' : 'success'}
        title={s.skipped.length ? `导入完成，${s.skipped.length} 项未完全导入` : '导入完成'}
        subTitle={`新建项目 ${s.projectsCreated} 个，更新项目 ${s.projectsUpdated} 个，写入进展 ${s.reportsVersioned} 份，新建单位 ${s.unitsCreated} 个`}
        extra={[
          s.roundId ? (
            <Button
              key="table"
              type="primary"
              icon={<TableOutlined />}
              href={href('rounds', s.roundId, 'table')}
              data-testid="import-open-table"
            >
              查看汇总表
            </Button>
          ) : null,
          <Button key="again" onClick={onAgain} data-testid="import-again">
            继续导入
          </Button>,
        ]}
      >
        <Row gutter={16} style={{ marginBottom: s.skipped.length ? 16 : 0 }}>
          {stats.map(([label, value, testId]) => (
            <Col key={testId} xs={12} md={6}>
              <Statistic title={label} value={value} data-testid={testId} />
            </Col>
          ))}
        </Row>
        {(s.applied.length > 0 || s.notApplied > 0) && (
          <Alert
            type={s.applied.length ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 16, textAlign: 'left' }}
            title={`与已有数据的差异：采用 ${s.applied.length} 处（均已记入审计日志），未采用 ${s.notApplied} 处（保持原样）`}
            description={
              s.applied.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {s.applied.map((a) => (
                    <li key={a.id}>{a.label}</li>
                  ))}
                </ul>
              ) : undefined
            }
            data-testid="import-applied"
          />
        )}
        {s.notes.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="提示"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {s.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            }
            data-testid="import-notes"
          />
        )}
        {s.skipped.length > 0 && (
          <Table<Skipped>
            rowKey="key"
            size="small"
            bordered
            pagination={false}
            title={() => '未导入或未完全导入的项目'}
            columns={[
              { title: '编号', dataIndex: 'code', width: 100, render: (v: string | null) => v ?? '—' },
              { title: '项目名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
              { title: '原因', dataIndex: 'reason' },
            ]}
            dataSource={s.skipped.map((r, key) => ({ ...r, key }))}
            data-testid="import-skipped"
          />
        )}
      </Result>
    </Card>
  );
}
