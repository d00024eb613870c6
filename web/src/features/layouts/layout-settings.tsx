/**
 * The layout's texts (name, 附件 label, title, subtitle, notes, footer, the project name cell, the narrative's lines)
 * and its options (empty marker, which report states are printed, units per row, one table per 主办 unit, example row,
 * page and sizes). Controlled: every change hands a new layout to `onChange`.
 */
import { Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Layout } from '../../../../src/domain/publish/layouts/schema';
import { EMPTY_MARKERS, fromLines, PLACEHOLDERS, STATE_OPTIONS, toLines } from './layout-fields';

type Props = { layout: Layout; onChange: (l: Layout) => void };

/** A text area whose lines are a list (preamble paragraphs, footer lines); keeps what is being typed. */
function LinesArea({
  value,
  onChange,
  testId,
  label,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  testId: string;
  label: string;
}) {
  const [text, setText] = useState(fromLines(value));
  useEffect(() => {
    if (JSON.stringify(toLines(text)) !== JSON.stringify(value)) setText(fromLines(value));
  }, [value, text]);
  return (
    <Input.TextArea
      value={text}
      autoSize={{ minRows: 1, maxRows: 6 }}
      onChange={(e) => {
        setText(e.target.value);
        onChange(toLines(e.target.value));
      }}
      placeholder="每行一段；留空则没有"
      aria-label={label}
      data-testid={testId}
    />
  );
}

/** "" ↔ null for the optional texts. */
const orNull = (s: string) => (s === '' ? null : s);

export function Placeholders() {
  return (
    <div data-testid="layout-placeholders" style={{ lineHeight: 2 }}>
      <Typography.Text type="secondary">可用占位符（导出时按批次填入）：</Typography.Text>
      {PLACEHOLDERS.map((p) => (
        <Tooltip key={p.name} title={p.meaning}>
          <Tag style={{ cursor: 'help', whiteSpace: 'normal', marginBottom: 4 }}>
            {p.name} <span className="muted">{p.meaning}</span>
          </Tag>
        </Tooltip>
      ))}
    </div>
  );
}

export function TextsEditor({ layout, onChange }: Props) {
  const set = (patch: Partial<Layout>) => onChange({ ...layout, ...patch });
  const nc = layout.nameCell;
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="版式名称" required>
            <Input
              value={layout.name}
              maxLength={100}
              onChange={(e) => set({ name: e.target.value })}
              data-testid="layout-name"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="附件标签（如“附件1”，留空则无）">
            <Input
              value={layout.attachmentLabel ?? ''}
              maxLength={50}
              onChange={(e) => set({ attachmentLabel: orNull(e.target.value) })}
              data-testid="layout-attachment"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="说明（导出对话框中显示）">
        <Input
          value={layout.description ?? ''}
          maxLength={500}
          onChange={(e) => set({ description: e.target.value || undefined })}
        />
      </Form.Item>
      <Placeholders />
      <Form.Item label="标题" required>
        <Input.TextArea
          value={layout.title}
          autoSize={{ minRows: 1, maxRows: 3 }}
          maxLength={300}
          onChange={(e) => set({ title: e.target.value })}
          data-testid="layout-title"
        />
      </Form.Item>
      <Form.Item label="副标题（如“（截至{asOf}）”，留空则无）">
        <Input
          value={layout.subtitle ?? ''}
          maxLength={300}
          onChange={(e) => set({ subtitle: orNull(e.target.value) })}
          data-testid="layout-subtitle"
        />
      </Form.Item>
      <Form.Item label="表前说明（标题与表格之间的段落）">
        <LinesArea
          value={layout.preamble}
          onChange={(preamble) => set({ preamble })}
          testId="layout-preamble"
          label="表前说明"
        />
      </Form.Item>
      <Form.Item label="文末落款（如“{office}”“{issuedOn}”，每行一项，最多5行）">
        <LinesArea
          value={layout.footer}
          onChange={(footer) => set({ footer: footer.slice(0, 5) })}
          testId="layout-footer"
          label="文末落款"
        />
      </Form.Item>
      <Typography.Title level={5}>项目名称的写法</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="共同主办说明（{cohost} 为共同主办单位，留空则不写）">
            <Input
              value={nc.cohostNote ?? ''}
              maxLength={100}
              onChange={(e) => set({ nameCell: { ...nc, cohostNote: orNull(e.target.value) } })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="编号说明（{code} 为项目编号，留空则不写）">
            <Input
              value={nc.codeNote ?? ''}
              maxLength={100}
              onChange={(e) => set({ nameCell: { ...nc, codeNote: orNull(e.target.value) } })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={12}>
          <Form.Item label="标注级别（市级、区级）">
            <Switch checked={nc.levelTags} onChange={(v) => set({ nameCell: { ...nc, levelTags: v } })} />
          </Form.Item>
        </Col>
        <Col xs={12} md={12}>
          <Form.Item label="各部分之间">
            <Radio.Group
              value={nc.separator}
              onChange={(e) => set({ nameCell: { ...nc, separator: e.target.value } })}
              options={[
                { value: '', label: '紧接' },
                { value: ' ', label: '空一格' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      {layout.kind === 'narrative' && <NarrativeTexts layout={layout} onChange={onChange} />}
    </Form>
  );
}

function NarrativeTexts({ layout, onChange }: Props) {
  const n = layout.narrative ?? { unitsLine: '主责部门：{lead}，配合部门：{assist}', progressLabel: '完成情况：' };
  return (
    <Row gutter={16}>
      <Col xs={24} md={14}>
        <Form.Item label="单位行（{lead} 主责部门，{assist} 配合部门）">
          <Input
            value={n.unitsLine}
            maxLength={200}
            onChange={(e) => onChange({ ...layout, narrative: { ...n, unitsLine: e.target.value } })}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <Form.Item label="进展标签">
          <Input
            value={n.progressLabel}
            maxLength={50}
            onChange={(e) => onChange({ ...layout, narrative: { ...n, progressLabel: e.target.value } })}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

function exampleToggle(layout: Layout, on: boolean): Layout['exampleRow'] {
  if (!on) return null;
  return layout.exampleRow ?? { label: '示  例', cells: {} };
}

export function OptionsEditor({ layout, onChange }: Props) {
  const set = (patch: Partial<Layout>) => onChange({ ...layout, ...patch });
  const margins = layout.page.margins;
  const setMargin = (side: keyof typeof margins, v: number | null) =>
    typeof v === 'number' && set({ page: { ...layout.page, margins: { ...margins, [side]: v } } });
  const setSize = (k: keyof Layout['sizes'], v: number | null) =>
    typeof v === 'number' && set({ sizes: { ...layout.sizes, [k]: v } });
  const table = layout.kind === 'table';
  return (
    <Form layout="vertical" component="div">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="空白标记（已印出的填报中某栏为空时）">
            <Select
              value={layout.emptyMarker}
              onChange={(v: string) => set({ emptyMarker: v })}
              options={EMPTY_MARKERS.map((m) => ({ value: m, label: m === '' ? '（留空）' : m }))}
              data-testid="layout-empty-marker"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="印出哪些填报的内容（其余只印计划栏目）">
            <Checkbox.Group
              value={layout.includeStates}
              onChange={(v) => set({ includeStates: v as Layout['includeStates'] })}
              options={STATE_OPTIONS}
              data-testid="layout-states"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="多个单位填报的项目">
            <Radio.Group
              value={layout.splitProjects}
              onChange={(e) => set({ splitProjects: e.target.value })}
              options={[
                { value: 'merged', label: '合并为一行' },
                { value: 'perUnit', label: '每个单位一行' },
              ]}
              data-testid="layout-split"
            />
          </Form.Item>
        </Col>
        {table && (
          <Col xs={12} md={6}>
            <Form.Item label="按主办单位分表">
              <Switch
                checked={layout.perHostUnit}
                onChange={(v) => set({ perHostUnit: v })}
                data-testid="layout-per-host"
              />
            </Form.Item>
          </Col>
        )}
        {table && (
          <Col xs={12} md={6}>
            <Form.Item label="示例行">
              <Switch
                checked={layout.exampleRow !== null}
                onChange={(v) => set({ exampleRow: exampleToggle(layout, v) })}
              />
            </Form.Item>
          </Col>
        )}
        {table && layout.exampleRow && (
          <Col xs={24} md={12}>
            <Form.Item label="示例行标签（各列要求在上方“列”中填写）">
              <Input
                value={layout.exampleRow.label}
                maxLength={50}
                onChange={(e) => set({ exampleRow: { ...layout.exampleRow!, label: e.target.value } })}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item label="纸张方向（A4）">
            <Radio.Group
              value={layout.page.orientation}
              onChange={(e) => set({ page: { ...layout.page, orientation: e.target.value } })}
              options={[
                { value: 'landscape', label: '横向' },
                { value: 'portrait', label: '纵向' },
              ]}
              data-testid="layout-orientation"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="页码">
            <Select
              value={layout.page.pageNumbers}
              onChange={(v) => set({ page: { ...layout.page, pageNumbers: v } })}
              options={[
                { value: 'dash', label: '“— 3 —”（公文）' },
                { value: 'of', label: '“第 3 页 共 12 页”' },
                { value: 'none', label: '不印页码' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="页边距（毫米）：上、右、下、左">
        <Row gutter={8}>
          {(['top', 'right', 'bottom', 'left'] as const).map((side) => (
            <Col key={side} xs={12} sm={6}>
              <InputNumber
                value={margins[side]}
                min={5}
                max={60}
                onChange={(v) => setMargin(side, v)}
                style={{ width: '100%' }}
                aria-label={`页边距${{ top: '上', right: '右', bottom: '下', left: '左' }[side]}`}
              />
            </Col>
          ))}
        </Row>
      </Form.Item>
      <Form.Item label="字号（磅）：标题（二号 22、小二 18）、表格（五号 10.5）、正文（三号 16、四号 14）">
        <Row gutter={8}>
          {(
            [
              ['title', '标题', 8, 42],
              ['table', '表格', 6, 22],
              ['body', '正文', 8, 22],
            ] as const
          ).map(([k, label, min, max]) => (
            <Col key={k} xs={24} sm={8}>
              <InputNumber
                prefix={label}
                value={layout.sizes[k]}
                min={min}
                max={max}
                step={0.5}
                onChange={(v) => setSize(k, v)}
                style={{ width: '100%' }}
                data-testid={`layout-size-${k}`}
              />
            </Col>
          ))}
        </Row>
      </Form.Item>
    </Form>
  );
}
