/** Read-only panels of the project page: the project card, its indicators and the 年度目标调整 record. */
import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Descriptions, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import type { ProjectDetail } from '../../../../src/shared/api-types';
import { INDICATOR_KIND_LABELS, type IndicatorKind } from '../../../../src/shared/statuses';
import { ProjectTags } from '../../components/project-tags';
import { ProjectSupervision } from '../supervision/project-supervision';

type Indicator = ProjectDetail['indicators'][number];
type TargetVersion = ProjectDetail['targetVersions'][number];

const dash = (v: string | null | undefined) =>
  v?.trim() ? <span className="pre-wrap">{v}</span> : <span className="muted">—</span>;

export function ProjectInfoCard({ project }: { project: ProjectDetail['project'] }) {
  return (
    <Card
      size="small"
      title={
        <span>
          <Typography.Text type="secondary" style={{ marginRight: 8 }} data-testid="project-code">
            {project.code}
          </Typography.Text>
          <span data-testid="project-name">{project.name}</span>
        </span>
      }
      style={{ marginBottom: 12 }}
      data-testid="project-card"
    >
      <div style={{ marginBottom: 8 }}>
        <ProjectTags levels={project.levels} flags={project.flags} />
        {project.type && <Typography.Text type="secondary">{project.type}</Typography.Text>}
        <ProjectSupervision projectId={project.id} flags={project.flags} />
      </div>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
      >
        {project.category ? (
          <Descriptions.Item label="类别" span={2}>
            {project.category}
          </Descriptions.Item>
        ) : null}
        {project.matter ? (
          <Descriptions.Item label="所属实事" span={2}>
            {project.matter}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="年度目标" span={2}>
          <span data-testid="project-annual-target">{dash(project.annualTarget)}</span>
          {project.originalAnnualTarget && project.originalAnnualTarget !== project.annualTarget && (
            <div className="muted" data-testid="project-original-target">
              （已调整；原年度目标：{project.originalAnnualTarget}）
            </div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="牵头责任单位">{dash(project.leadUnits.join('、'))}</Descriptions.Item>
        <Descriptions.Item label="协办单位">{dash(project.assistUnits.join('、'))}</Descriptions.Item>
        {project.cohostUnits.length > 0 ? (
          <Descriptions.Item label="区共同主办单位" span={2}>
            {project.cohostUnits.join('、')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

export function IndicatorsCard({
  indicators,
  onAdjust,
}: {
  indicators: Indicator[];
  onAdjust?: (i: Indicator) => void;
}) {
  const perUnit = indicators.some((i) => i.unitName);
  const columns: ColumnsType<Indicator> = [
    { title: '指标', dataIndex: 'name', width: 180 },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 120,
      render: (k: string) => INDICATOR_KIND_LABELS[k as IndicatorKind] ?? k,
    },
    { title: '计量单位', dataIndex: 'unit', width: 90, render: (u: string) => u || <span className="muted">—</span> },
    { title: '目标', dataIndex: 'targetText', render: (t: string) => <div className="cell-text">{dash(t)}</div> },
    {
      title: '目标值',
      dataIndex: 'targetValue',
      width: 100,
      align: 'right',
      render: (v: number | null, i) => (v == null ? <span className="muted">—</span> : `${v}${i.unit}`),
    },
  ];
  if (perUnit)
    columns.push({
      title: '分担单位',
      dataIndex: 'unitName',
      width: 130,
      render: (u: string | null) => u ?? <span className="muted">全项目</span>,
    });
  if (onAdjust)
    columns.push({
      title: '操作',
      key: 'adjust',
      width: 100,
      render: (_: unknown, i) => (
        <a onClick={() => onAdjust(i)} data-testid={`adjust-${i.id}`}>
          调整目标
        </a>
      ),
    });
  return (
    <Card size="small" title="指标" style={{ marginBottom: 12 }} data-testid="project-indicators">
      <Table<Indicator>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={indicators}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: '未设置量化指标' }}
      />
    </Card>
  );
}

export function TargetVersionsCard({ versions }: { versions: TargetVersion[] }) {
  const columns: ColumnsType<TargetVersion> = [
    { title: '指标', dataIndex: 'indicator', width: 150 },
    {
      title: '调整',
      key: 'change',
      render: (_, v) => (
        <div className="cell-text">
          <Typography.Text delete type="secondary">
            {v.oldText || '—'}
          </Typography.Text>{' '}
          <ArrowRightOutlined style={{ color: '#8c8c8c', margin: '0 4px' }} />{' '}
          <Typography.Text>{v.newText}</Typography.Text>
        </div>
      ),
    },
    { title: '调整原因', dataIndex: 'reason', render: (r: string) => <div className="cell-text">{dash(r)}</div> },
    { title: '批准', dataIndex: 'approvedBy', width: 140, render: (b: string) => dash(b) },
    { title: '批准日期', dataIndex: 'approvedAt', width: 130, render: (at: string) => formatCnDate(at) },
  ];
  return (
    <Card size="small" title="年度目标调整" style={{ marginBottom: 12 }} data-testid="project-target-versions">
      <Table<TargetVersion>
        rowKey={(v) => `${v.indicator}|${v.version}`}
        size="small"
        columns={columns}
        dataSource={versions}
        pagination={false}
        scroll={{ x: 720 }}
      />
    </Card>
  );
}
