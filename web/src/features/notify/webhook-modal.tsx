/** 添加 / 修改 群机器人: scope (本计划 or a unit), 企业微信 or 钉钉, name, the robot's address and 钉钉's 加签 secret. */
import { App, type ButtonProps, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { notifyApi, type Webhook, type WebhookList } from './notify-api';

type Values = {
  scope: 'programme' | 'unit';
  orgId?: string;
  kind: 'wecom' | 'dingtalk';
  name?: string;
  url?: string;
  secret?: string;
};

export function WebhookModal({
  programmeId,
  units,
  editing,
  onClose,
  onSaved,
}: {
  programmeId: string;
  units: WebhookList['units'];
  /** null: a new robot. */
  editing: Webhook | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scope = Form.useWatch('scope', form) ?? editing?.scope ?? 'programme';
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? 'wecom';

  const save = (v: Values) => {
    const url = v.url?.trim();
    const secret = v.secret?.trim();
    if (editing)
      return notifyApi.update(editing.id, {
        name: v.name ?? '',
        ...(url ? { url } : {}),
        ...(secret ? { secret } : {}),
      });
    return notifyApi.create(programmeId, {
      scope: v.scope,
      orgId: v.scope === 'unit' ? (v.orgId ?? null) : null,
      kind: v.kind,
      name: v.name ?? '',
      url: url ?? '',
      secret: v.kind === 'dingtalk' && secret ? secret : null,
    });
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await save(v);
      message.success(editing ? '已保存' : '已添加群机器人，可点“发送测试消息”检查是否接通');
      onSaved();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={editing ? `修改群机器人：${editing.name}` : '添加群机器人'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'webhook-save' } as ButtonProps}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { scope: editing.scope, orgId: editing.orgId ?? undefined, kind: editing.kind, name: editing.name }
            : { scope: 'programme', kind: 'wecom' }
        }
      >
        <Form.Item label="发到" name="scope">
          <Radio.Group disabled={!!editing} data-testid="webhook-scope">
            <Radio value="programme">本计划的工作群</Radio>
            <Radio value="unit">某个单位的工作群</Radio>
          </Radio.Group>
        </Form.Item>
        {scope === 'unit' && (
          <Form.Item label="单位" name="orgId" rules={[{ required: true, message: '请选择单位' }]}>
            <Select
              disabled={!!editing}
              showSearch
              optionFilterProp="label"
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              placeholder="本计划的责任单位"
              data-testid="webhook-org"
            />
          </Form.Item>
        )}
        <Form.Item label="机器人类型" name="kind">
          <Radio.Group disabled={!!editing} data-testid="webhook-kind">
            <Radio value="wecom">企业微信群机器人</Radio>
            <Radio value="dingtalk">钉钉群机器人</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item label="名称" name="name">
          <Input maxLength={100} placeholder="如：实事专班工作群（不填则自动命名）" data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          label={editing ? '新的机器人地址（不修改请留空）' : '机器人地址（Webhook）'}
          name="url"
          rules={editing ? [] : [{ required: true, message: '请填写机器人地址' }]}
        >
          <Input
            placeholder={
              kind === 'dingtalk'
                ? 'https://oapi.dingtalk.com/robot/send?access_token=…'
                : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'
            }
            data-testid="webhook-url"
          />
        </Form.Item>
        {kind === 'dingtalk' && (
          <Form.Item
            label={editing ? '新的加签密钥（不修改请留空）' : '加签密钥（安全设置选“加签”时填写，SEC 开头）'}
            name="secret"
          >
            <Input.Password placeholder="SEC…" autoComplete="off" data-testid="webhook-secret" />
          </Form.Item>
        )}
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          地址与密钥加密保存（需配置 DATA_KEY），保存后只显示部分字符。
        </Typography.Paragraph>
        {error && (
          <Typography.Text type="danger" data-testid="webhook-error">
            {error}
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
