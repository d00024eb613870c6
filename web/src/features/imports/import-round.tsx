/** The round read from the title (editable period and as-of date) and the programme the import goes into. */
import {
  Alert,
  Card,
  Col,
  Descriptions,
  type DescriptionsProps,
  Form,
  Input,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import type { ImportPreview } from '../../../../src/domain/collect/import/types';
import { formatCnDate, parsePeriodKey, periodLabel } from '../../../../src/domain/plan/periods';
import type { RoundSummary } from '../../../../src/shared/api-types';
import type { ProgrammeSummary } from '../../api/endpoints';
import { roundPeriodText } from './import-format';

const SOURCE_LABELS: Record<string, string> = {
  docx: 'Word 文档',
  xlsx: 'Excel 表格',
  text: '文本',
  html: '网页表格',
};
const FORM_LABELS: Record<string, string> = {
  tsv: '制表符分隔',
  lines: '每行一个单元格',
  pipe: '竖线分隔',
  narrative: '条目式文字',
  html: 'HTML 表格',
};

type Props = {
  preview: ImportPreview;
  programmes: ProgrammeSummary[];
  programmeId: string | undefined;
  onProgramme: (id: string) => void;
  periodKey: string;
  onPeriodKey: (key: string) => void;
  asOf: string;
  onAsOf: (date: string) => void;
  /** Rounds of the chosen programme (to say whether progress goes into an existing round). */
  rounds: RoundSummary[] | undefined;
};

export function ImportRound({
  preview,
  programmes,
  programmeId,
  onProgramme,
  periodKey,
  onPeriodKey,
  asOf,
  onAsOf,
  rounds,
}: Props) {
  const { round, source } = preview;
  const programme = programmes.find((p) => p.id === programmeId);
  const parsed = periodKey ? parsePeriodKey(periodKey) : null;
  const keyError = periodKey !== '' && !parsed;
  const yearMismatch = programme && parsed && parsed.year !== programme.year;
  const existing = parsed ? rounds?.find((r) => r.periodKey === periodKey) : undefined;
  const hasProgress = preview.items.some((i) => i.progress?.trim());

  let destination: string;
  if (!hasProgress) destination = '文件中没有进展内容，只导入项目和目标';
  else if (!parsed) destination = '未确定期次：只导入项目和目标，进展不导入';
  else if (existing) destination = `进展写入已有批次“${existing.name}”（每项生成新的填报版本）`;
  else destination = `将新建批次“${periodLabel(periodKey)}进展情况（导入）”并写入进展`;

  const muted = (t: string) => <span className="muted">{t}</span>;
  const items: DescriptionsProps['items'] = [
    {
      key: 'title',
      label: '表格标题',
      span: 'filled',
      children: round.title ? <span data-testid="import-title">{round.title}</span> : muted('未识别到标题'),
    },
    { key: 'government', label: '地区/政府', children: round.government ?? muted('—') },
    { key: 'year', label: '年度', children: round.year ? `${round.year}年` : muted('—') },
    { key: 'period', label: '期次', children: <span data-testid="import-period-label">{roundPeriodText(round)}</span> },
    {
      key: 'asOf',
      label: '截至日期',
      children: round.asOf ? (
        <>
          {formatCnDate(round.asOf)}
          {round.asOfInferred && <Tag style={{ marginInlineStart: 6 }}>按期次推算</Tag>}
        </>
      ) : (
        muted('未识别')
      ),
    },
    ...(round.programme ? [{ key: 'programme', label: '实事名称', children: round.programme }] : []),
    ...(round.reportingUnit ? [{ key: 'unit', label: '报送单位', children: round.reportingUnit }] : []),
    {
      key: 'source',
      label: '来源',
      children: `${SOURCE_LABELS[source.kind] ?? source.kind}${
        source.form && FORM_LABELS[source.form] ? `（${FORM_LABELS[source.form]}）` : ''
      } · ${source.tables} 个表格`,
    },
  ];

  return (
    <Card size="small" title="批次与导入目标" style={{ marginBottom: 12 }} data-testid="import-round">
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
        style={{ marginBottom: 16 }}
        items={items}
      />
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label="导入到实事计划" required style={{ marginBottom: 8 }}>
              <Select
                value={programmeId}
                placeholder="选择实事计划"
                options={programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.year}年）` }))}
                onChange={(v: string) => onProgramme(v)}
                status={programmeId ? undefined : 'warning'}
                data-testid="import-programme"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item
              label="期次"
              style={{ marginBottom: 8 }}
              validateStatus={keyError ? 'error' : undefined}
              help={
                keyError
                  ? '期次格式应为 2026-Q3、2026-M08、2026-H1 或 2026'
                  : parsed
                    ? periodLabel(periodKey)
                    : '留空则不导入进展'
              }
            >
              <Input
                value={periodKey}
                placeholder="如 2026-Q3"
                onChange={(e) => onPeriodKey(e.target.value)}
                data-testid="import-period-key"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item label="截至日期" style={{ marginBottom: 8 }} help="新建批次时使用">
              <Input type="date" value={asOf} onChange={(e) => onAsOf(e.target.value)} data-testid="import-as-of" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {yearMismatch ? (
        <Alert
          type="error"
          showIcon
          title={`期次属于${parsed.year}年，而所选计划“${programme.name}”是${programme.year}年度，请选择正确的计划或期次`}
          style={{ marginTop: 8 }}
          data-testid="import-year-mismatch"
        />
      ) : (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="import-destination">
          {destination}
        </Typography.Text>
      )}
    </Card>
  );
}
