/**
 * 考核评分 (issue 12 §3): each unit's year score from the programme's 考核 components, the deductions explained,
 * download as .xlsx; the office adjusts the components' points, the penalties and the ranking formula.
 */
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { COMPONENT_KEYS } from '../../../../src/domain/evaluate/rules';
import type { API, ResponseOf } from '../../../../src/shared/contract';
import type { EvaluationRulesInput } from '../../../../src/shared/contract/dashboard';
import { errorMessage } from '../../api/client';
import { api, scoresXlsxUrl } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { navigate } from '../../router';
import { Deductions, scoreColumns } from '../dashboard/ranking-card';

type Scores = ResponseOf<typeof API.scores>;

function RulesModal({
  scores,
  onClose,
  onSaved,
}: {
  scores: Scores;
  onClose: () => void;
  onSaved: (s: Scores) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EvaluationRulesInput>();
  const [saving, setSaving] = useState(false);
  const labels = Object.fromEntries(
    [...scores.components, ...scores.rankingComponents].map((c) => [c.key, c.label]),
  ) as Record<string, string>;
  const LABELS: Record<string, string> = {
    completeness: '报送完整率',
    timeliness: '按时报送率',
    onSchedule: '按序时推进占比',
    lag: '滞后程度',
    quality: '填报质量',
    escalation: '督办情况',
    completion: '年度目标完成率',
    ...labels,
  };
  const save = async (rules: EvaluationRulesInput | null) => {
    setSaving(true);
    try {
      const next = await api.setEvaluationRules(scores.programme.id, rules);
      message.success(rules ? '考核规则已保存' : '已恢复默认规则');
      onSaved(next);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const weights = (name: 'ranking' | 'assessment') =>
    COMPONENT_KEYS.map((k) => (
      <Col xs={12} sm={8} key={`${name}-${k}`}>
        <Form.Item name={[name, k]} label={LABELS[k]}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} suffix="分" />
        </Form.Item>
      </Col>
    ));
  return (
    <Modal
      open
      width={760}
      title="考核与排名规则"
      onCancel={onClose}
      footer={[
        <Button key="reset" onClick={() => save(null)} loading={saving}>
          恢复默认
        </Button>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => form.validateFields().then((v) => save(v))}>
          保存
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={scores.rules} size="small">
        <Typography.Title level={5}>考核公式（各项分值之和应为100，0分表示不计）</Typography.Title>
        <Row gutter={12}>{weights('assessment')}</Row>
        <Typography.Title level={5}>排名公式（各项分值之和应为100）</Typography.Title>
        <Row gutter={12}>{weights('ranking')}</Row>
        <Typography.Title level={5}>扣分标准</Typography.Title>
        <Row gutter={12}>
          {scores.penalties.map((p) => (
            <Col xs={12} sm={8} key={p.key}>
              <Form.Item
                name={['penalties', p.key]}
                label={p.label}
                rules={[{ required: true, message: `请填写${p.label}扣分` }]}
              >
                <InputNumber min={0} max={100} style={{ width: '100%' }} suffix="分" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}

export default function ScoresPage({ programmeId }: { programmeId: string | null }) {
  const list = useApi(() => (programmeId ? Promise.resolve(null) : api.dashboard({})), [programmeId]);
  const pid = programmeId ?? list.data?.programme?.id ?? null;
  const scores = useApi(pid ? () => api.scores(pid) : null, [pid]);
  const [editing, setEditing] = useState(false);
  const error = list.error ?? scores.error;
  if (error) return <ErrorBlock error={error} onRetry={scores.reload} />;
  if (!programmeId && list.data && !list.data.programme) return <Card>还没有可查看的实事计划</Card>;
  const s = scores.data;
  if (!s) return <Spin style={{ display: 'block', margin: '96px auto' }} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="scores">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              考核评分
            </Typography.Title>
            <Select
              aria-label="实事计划"
              style={{ minWidth: 220 }}
              value={s.programme.id}
              options={s.programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.owner}）` }))}
              onChange={(v) => navigate(`/scores?programme=${encodeURIComponent(v)}`)}
            />
            {s.isDefault ? <Tag>默认规则</Tag> : <Tag color="blue">本计划自定规则</Tag>}
          </Space>
          <Space wrap>
            <a href={`#/dashboard?programme=${encodeURIComponent(s.programme.id)}`}>返回总览</a>
            {s.canConfigure ? (
              <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} data-testid="scores-rules">
                调整规则
              </Button>
            ) : null}
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={scoresXlsxUrl(s.programme.id)}
              data-testid="scores-xlsx"
            >
              导出 Excel
            </Button>
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {s.programme.year}年度，计入{s.rounds.length}期填报。公式：
          {s.components.map((c) => `${c.label}${c.weight}分（${c.formula}）`).join('；')}。 扣分标准：
          {s.penalties.map((p) => `${p.label}${p.points}分`).join('，')}。
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="各单位得分" data-testid="scores-table">
        <Table
          size="small"
          rowKey="orgId"
          columns={scoreColumns(s.components)}
          dataSource={s.units}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (u) => <Deductions u={u} />, rowExpandable: () => true }}
        />
      </Card>
      {editing ? (
        <RulesModal
          scores={s}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            scores.setData(next);
            setEditing(false);
          }}
        />
      ) : null}
    </Space>
  );
}
