/**
 * 政务公开 (#/disclosure?programme=): the office publishes a round as an immutable public snapshot (layout, split mode,
 * disclosure metadata, 公示期), corrects a publication with a reason (勘误: a new snapshot, the old one stays readable),
 * moderates 公示期 comments and keeps the programme's defaults. The public pages themselves are /gk/ (server-rendered).
 */
import { App, Button, Card, Checkbox, Empty, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { layoutsApi } from '../layouts/layouts-api';
import { useProgramme } from '../rounds/use-programme';
import './disclosure.css';

type Overview = Awaited<ReturnType<typeof api.disclosureOverview>>;
type Publication = Overview['publications'][number];
type Defaults = Overview['settings']['defaults'];
type Split = 'layout' | 'perUnit' | 'merged';

const DEFAULT_FIELDS: [keyof Defaults, string][] = [
  ['source', '信息来源'],
  ['category', '所属类目'],
  ['topic', '主题分类'],
  ['genre', '体裁'],
  ['docNumber', '发文字号'],
  ['openness', '公开类别'],
  ['agency', '机构名称'],
];
const KIND = { first: '首次发布', update: '更新', correction: '勘误' } as const;
const today = () => dayjs().format('YYYY-MM-DD');

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="dc-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

function MetadataFields({
  prefix,
  value,
  onChange,
  dates,
}: {
  prefix: string;
  value: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
  dates: boolean;
}) {
  const fields: [string, string][] = [
    ...DEFAULT_FIELDS,
    ...((dates
      ? [
          ['publishedOn', '发布日期'],
          ['issuedOn', '发文日期'],
        ]
      : []) as [string, string][]),
  ];
  return (
    <div className="dc-grid">
      {fields.map(([k, label]) => (
        <Field key={k} id={`${prefix}-${k}`} label={label}>
          <Input
            id={`${prefix}-${k}`}
            type={k.endsWith('On') ? 'date' : 'text'}
            value={value[k] ?? ''}
            maxLength={50}
            onChange={(e) => onChange({ ...value, [k]: e.target.value })}
            data-testid={`${prefix}-${k}`}
          />
        </Field>
      ))}
    </div>
  );
}

function PublishCard({ programmeId, o, onDone }: { programmeId: string; o: Overview; onDone: () => void }) {
  const { message } = App.useApp();
  const layouts = useApi(() => layoutsApi.list(programmeId), [programmeId]);
  const [roundId, setRoundId] = useState<string | undefined>(o.rounds.find((r) => r.approved + r.published > 0)?.id);
  const [layoutId, setLayoutId] = useState(o.settings.layoutId);
  const [split, setSplit] = useState<Split>(o.settings.splitMode ?? 'layout');
  const [meta, setMeta] = useState<Record<string, string>>({
    ...o.settings.defaults,
    publishedOn: today(),
    issuedOn: today(),
  });
  const [window, setWindow] = useState(o.settings.commentDays > 0);
  const [until, setUntil] = useState(dayjs().add(Math.max(o.settings.commentDays, 7), 'day').format('YYYY-MM-DD'));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const round = o.rounds.find((r) => r.id === roundId);
  const publish = async () => {
    if (!roundId) return;
    setBusy(true);
    setError(null);
    try {
      const p = await api.disclosurePublish(roundId, {
        layoutId,
        ...(split === 'layout' ? {} : { splitMode: split }),
        metadata: meta,
        commentUntil: window ? until : null,
        ...(round?.live ? { reason } : {}),
      });
      message.success(`已发布到政务公开：${p.title}`);
      setReason('');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="发布到政务公开" className="dc-card">
      <Typography.Paragraph type="secondary">
        发布时先发布该批次已审核通过的填报，再按所选版式生成公开快照（表格、附件 Word/Excel/PDF
        与公开元数据）。快照发布后不再改变；内部研判、审核意见和未发布的内容不会公开。
      </Typography.Paragraph>
      <div className="dc-grid">
        <Field id="dc-round" label="填报批次">
          <Select
            id="dc-round"
            value={roundId}
            onChange={setRoundId}
            placeholder="选择批次"
            options={o.rounds.map((r) => ({
              value: r.id,
              label: `${r.name}（已审核${r.approved}项，已发布${r.published}项${r.live ? '，已公开' : ''}）`,
            }))}
            data-testid="dc-round"
          />
        </Field>
        <Field id="dc-layout" label="公开版式">
          <Select
            id="dc-layout"
            value={layoutId}
            onChange={setLayoutId}
            loading={layouts.loading}
            options={(layouts.data?.layouts ?? []).map((l) => ({ value: l.id, label: l.name }))}
            data-testid="dc-layout"
          />
        </Field>
      </div>
      <div className="dc-field">
        <span className="dc-label" id="dc-split-label">
          多个单位承担的项目
        </span>
        <Radio.Group
          aria-labelledby="dc-split-label"
          value={split}
          onChange={(e) => setSplit(e.target.value)}
          options={[
            { value: 'layout', label: '按版式' },
            { value: 'perUnit', label: '每个单位一行（注明单位）' },
            { value: 'merged', label: '合并为一行' },
          ]}
        />
      </div>
      <Typography.Title level={5}>公开元数据</Typography.Title>
      <MetadataFields prefix="dc-meta" value={meta} onChange={setMeta} dates />
      <div className="dc-field">
        <Checkbox checked={window} onChange={(e) => setWindow(e.target.checked)} data-testid="dc-window">
          设公示期，接受公众意见
        </Checkbox>
        {window && (
          <Input
            type="date"
            aria-label="公示期截止日期"
            value={until}
            min={today()}
            onChange={(e) => setUntil(e.target.value)}
            style={{ maxWidth: 200, marginLeft: 8 }}
          />
        )}
      </div>
      {round?.live && (
        <Field id="dc-reason" label="勘误原因（该批次已公开，再次发布即为勘误）">
          <Input.TextArea
            id="dc-reason"
            value={reason}
            maxLength={500}
            rows={2}
            onChange={(e) => setReason(e.target.value)}
            data-testid="dc-reason"
          />
        </Field>
      )}
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
      <Button
        type="primary"
        loading={busy}
        disabled={!roundId || (Boolean(round?.live) && reason.trim().length < 2)}
        onClick={() => void publish()}
        data-testid="dc-publish"
      >
        发布到政务公开
      </Button>
    </Card>
  );
}

type CellEdit = { code: string; unit: string; column: string; text: string };

/** 更正单元格: pick a row and a column of the publication, write the corrected text, add it to the list. */
function CellEdits({ slug, edits, onChange }: { slug: string; edits: CellEdit[]; onChange: (e: CellEdit[]) => void }) {
  const pub = useApi(() => api.publicPublication(slug), [slug]);
  const [row, setRow] = useState<number | undefined>();
  const [col, setCol] = useState<number | undefined>();
  const [text, setText] = useState('');
  const rows = pub.data?.rows ?? [];
  const headers = pub.data?.headers ?? [];
  const pick = (r: number | undefined, c: number | undefined) => {
    setRow(r);
    setCol(c);
    if (r !== undefined && c !== undefined) setText(rows[r]?.cells[c] ?? '');
  };
  const add = () => {
    if (row === undefined || col === undefined) return;
    const e = { code: rows[row]!.code, unit: rows[row]!.unit, column: headers[col]!, text };
    onChange([...edits.filter((x) => !(x.code === e.code && x.unit === e.unit && x.column === e.column)), e]);
    pick(undefined, undefined);
    setText('');
  };
  return (
    <div className="dc-field">
      <span className="dc-label">更正单元格（可选）</span>
      <div className="dc-grid">
        <Select
          aria-label="更正哪一行"
          placeholder="选择行"
          value={row}
          onChange={(r) => pick(r, col)}
          loading={pub.loading}
          options={rows.map((r, i) => ({ value: i, label: `${r.code} ${r.unit}` }))}
        />
        <Select
          aria-label="更正哪一列"
          placeholder="选择列"
          value={col}
          onChange={(c) => pick(row, c)}
          options={headers.map((h, i) => ({ value: i, label: h || `第${i + 1}列` }))}
        />
      </div>
      <Input.TextArea aria-label="更正后的内容" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      <Button
        size="small"
        disabled={row === undefined || col === undefined}
        onClick={add}
        style={{ alignSelf: 'start' }}
      >
        加入更正
      </Button>
      {edits.length > 0 && (
        <ul className="dc-comments">
          {edits.map((e) => (
            <li key={`${e.code}|${e.unit}|${e.column}`}>
              {e.code} {e.unit} “{e.column}” → {e.text}{' '}
              <Button size="small" type="link" onClick={() => onChange(edits.filter((x) => x !== e))}>
                移除
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CorrectModal({ p, onClose, onDone }: { p: Publication; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [edits, setEdits] = useState<CellEdit[]>([]);
  const [reason, setReason] = useState('');
  const [split, setSplit] = useState<Split>('layout');
  const [meta, setMeta] = useState<Record<string, string>>({ ...p.metadata, publishedOn: today() });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { publishedOn: _p, ...rest } = meta;
      const c = await api.disclosureCorrect(p.id, {
        reason,
        ...(split === 'layout' ? {} : { splitMode: split }),
        metadata: rest,
        ...(edits.length ? { edits } : {}),
      });
      message.success(`已发布勘误：${c.title}`);
      onDone();
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
      width={760}
      title={`勘误：${p.title}`}
      onCancel={onClose}
      okText="发布勘误"
      cancelText="取消"
      okButtonProps={{ disabled: reason.trim().length < 2, loading: busy }}
      onOk={() => void submit()}
    >
      <Typography.Paragraph type="secondary">
        勘误以当前已发布的内容生成新的公开快照（可更正个别单元格），并在新旧两个页面注明勘误原因；原信息仍可查阅。
      </Typography.Paragraph>
      <Field id="dc-correct-reason" label="勘误原因（必填）">
        <Input.TextArea
          id="dc-correct-reason"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="dc-correct-reason"
        />
      </Field>
      <div className="dc-field">
        <span className="dc-label" id="dc-csplit">
          多个单位承担的项目
        </span>
        <Radio.Group
          aria-labelledby="dc-csplit"
          value={split}
          onChange={(e) => setSplit(e.target.value)}
          options={[
            { value: 'layout', label: '与原发布相同' },
            { value: 'perUnit', label: '每个单位一行' },
            { value: 'merged', label: '合并为一行' },
          ]}
        />
      </div>
      <CellEdits slug={p.slug} edits={edits} onChange={setEdits} />
      <MetadataFields prefix="dc-cmeta" value={meta} onChange={setMeta} dates={false} />
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

function PublicationsCard({ o, onDone }: { o: Overview; onDone: () => void }) {
  const [correcting, setCorrecting] = useState<Publication | null>(null);
  return (
    <Card size="small" title="已发布的信息" className="dc-card">
      <Table<Publication>
        rowKey="id"
        size="small"
        dataSource={o.publications}
        pagination={o.publications.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description="尚未发布到政务公开" /> }}
        data-testid="dc-publications"
        columns={[
          {
            title: '标题',
            dataIndex: 'title',
            render: (t: string, p) => (
              <Space orientation="vertical" size={0}>
                <a href={`/gk/p/${p.slug}`} target="_blank" rel="noreferrer" data-testid={`dc-pub-${p.slug}`}>
                  {t}
                </a>
                {p.reason && <Typography.Text type="secondary">原因：{p.reason}</Typography.Text>}
              </Space>
            ),
          },
          { title: '期次', dataIndex: 'periodLabel', width: 110 },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 120,
            render: (k: Publication['kind'], p) => (
              <Space size={4} wrap>
                <Tag color={k === 'correction' ? 'orange' : k === 'update' ? 'blue' : 'green'}>{KIND[k]}</Tag>
                {p.replacedBySlug && <Tag>已被替代</Tag>}
              </Space>
            ),
          },
          {
            title: '发布时间',
            dataIndex: 'publishedAt',
            width: 150,
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: '公示期意见',
            width: 130,
            render: (_: unknown, p) =>
              p.commentUntil ? `至${p.commentUntil}；待审${p.comments.pending}，已公开${p.comments.approved}` : '未设',
          },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, p) =>
              p.replacedBySlug ? null : (
                <Button size="small" onClick={() => setCorrecting(p)} data-testid={`dc-correct-${p.slug}`}>
                  勘误
                </Button>
              ),
          },
        ]}
      />
      {correcting && <CorrectModal p={correcting} onClose={() => setCorrecting(null)} onDone={onDone} />}
    </Card>
  );
}

function CommentsCard({ o, onDone }: { o: Overview; onDone: () => void }) {
  const { message } = App.useApp();
  const decide = async (id: string, d: 'approved' | 'rejected') => {
    try {
      await api.disclosureModerate(id, d);
      message.success(d === 'approved' ? '已通过，意见将在公开页面显示' : '已设为不予公开');
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card size="small" title={`待审核的公示期意见（${o.pending.length}）`} className="dc-card">
      {o.pending.length === 0 ? (
        <Empty description="没有待审核的意见" />
      ) : (
        <ul className="dc-comments" data-testid="dc-pending">
          {o.pending.map((c) => (
            <li key={c.id}>
              <div className="dc-comment-head">
                {c.name || '未署名'}
                {c.contact ? `（${c.contact}）` : ''} · {dayjs(c.createdAt).format('YYYY-MM-DD HH:mm')} ·{' '}
                {c.publicationTitle}
              </div>
              <div className="dc-comment-text">{c.text}</div>
              <Space>
                <Button size="small" type="primary" onClick={() => void decide(c.id, 'approved')}>
                  通过并公开
                </Button>
                <Button size="small" onClick={() => void decide(c.id, 'rejected')}>
                  不予公开
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function SettingsCard({ programmeId, o, onDone }: { programmeId: string; o: Overview; onDone: () => void }) {
  const { message } = App.useApp();
  const layouts = useApi(() => layoutsApi.list(programmeId), [programmeId]);
  const [s, setS] = useState(o.settings);
  useEffect(() => setS(o.settings), [o.settings]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await api.disclosureSettingsSave(programmeId, {
        ...(s.slug ? { slug: s.slug } : {}),
        layoutId: s.layoutId,
        splitMode: s.splitMode,
        defaults: s.defaults,
        commentDays: s.commentDays,
      });
      message.success('已保存政务公开设置');
      onDone();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="公开设置（本实事计划的默认值）" className="dc-card">
      <div className="dc-grid">
        <Field id="dc-slug" label="公开网址">
          <Input
            id="dc-slug"
            addonBefore="/gk/"
            value={s.slug}
            placeholder="首次发布时自动生成"
            onChange={(e) => setS({ ...s, slug: e.target.value.trim().toLowerCase() })}
          />
        </Field>
        <Field id="dc-default-layout" label="默认公开版式">
          <Select
            id="dc-default-layout"
            value={s.layoutId}
            onChange={(layoutId) => setS({ ...s, layoutId })}
            options={(layouts.data?.layouts ?? []).map((l) => ({ value: l.id, label: l.name }))}
          />
        </Field>
        <Field id="dc-days" label="默认公示天数（0 为不设）">
          <Input
            id="dc-days"
            type="number"
            min={0}
            max={90}
            value={s.commentDays}
            onChange={(e) => setS({ ...s, commentDays: Math.max(0, Math.min(90, Number(e.target.value) || 0)) })}
          />
        </Field>
      </div>
      <MetadataFields
        prefix="dc-def"
        value={s.defaults as Record<string, string>}
        onChange={(v) => setS({ ...s, defaults: v as Defaults })}
        dates={false}
      />
      <Button onClick={() => void save()} loading={busy} data-testid="dc-settings-save">
        保存设置
      </Button>
    </Card>
  );
}

export default function DisclosurePage({ programmeId }: { programmeId: string | null }) {
  const { programmes, programme, choose, error: pErr } = useProgramme();
  const id = programmeId ?? programme?.id ?? null;
  const o = useApi(() => (id ? api.disclosureOverview(id) : Promise.resolve(null)), [id]);
  const current = useMemo(() => programmes.find((p) => p.id === id), [programmes, id]);
  if (pErr) return <ErrorBlock error={pErr} />;
  return (
    <>
      <h1 className="page-title">政务公开</h1>
      <div className="page-subtitle">
        发布公开快照、勘误、公开元数据与公示期意见 ·{' '}
        <a href="/gk/" target="_blank" rel="noreferrer">
          打开公开栏目
        </a>
      </div>
      {programmes.length > 1 && (
        <Space style={{ marginBottom: 12 }}>
          <label htmlFor="dc-programme">实事计划</label>
          <Select
            id="dc-programme"
            value={id ?? undefined}
            onChange={(v) => choose(v)}
            style={{ minWidth: 260 }}
            options={programmes.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Space>
      )}
      {o.error && <ErrorBlock error={o.error} onRetry={() => void o.reload()} />}
      {!o.data && !o.error && <Card loading />}
      {o.data && id && (
        <div className="dc-page" data-testid="disclosure-page" data-programme={current?.name}>
          <PublishCard
            key={`${id}-${o.data.settings.updatedAt}`}
            programmeId={id}
            o={o.data}
            onDone={() => void o.reload()}
          />
          <PublicationsCard o={o.data} onDone={() => void o.reload()} />
          <CommentsCard o={o.data} onDone={() => void o.reload()} />
          <SettingsCard programmeId={id} o={o.data} onDone={() => void o.reload()} />
        </div>
      )}
    </>
  );
}
