/**
 * 公开信息 (#/public, #/public/:id): the rounds with a 政务公开 publication in force, and a round's publication — the
 * stored snapshot (the layout's table as published, its metadata), never the live table. The full public page with
 * attachments, corrections and comments is the server-rendered /gk/p/<slug>; this page links to it.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Empty, Spin } from 'antd';
import { formatCnDate } from '../../../../src/domain/plan/periods';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { ErrorBlock } from '../../components/error-block';
import { href } from '../../router';
import './public.css';

type Publication = Awaited<ReturnType<typeof api.publicTable>>;
type Block = Publication['blocks'][number];

function RoundList() {
  const rounds = useApi(() => api.publicRounds(), []);
  if (rounds.error) return <ErrorBlock error={rounds.error} onRetry={() => void rounds.reload()} />;
  if (!rounds.data) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  return (
    <>
      <h1 className="page-title">公开信息</h1>
      <div className="page-subtitle">
        经督查室审核并发布到政务公开的民生实事项目进展情况（<a href="/gk/">政务公开栏目</a>）
      </div>
      <Card size="small">
        {rounds.data.length === 0 ? (
          <Empty description="暂无已发布的信息" />
        ) : (
          <ul className="public-list" data-testid="public-rounds">
            {rounds.data.map((r) => (
              <li key={r.slug}>
                <a href={href('public', r.id)} data-testid={`public-round-${r.id}`}>
                  {r.name}
                </a>
                <div className="muted">
                  {r.programme} · {r.periodLabel} · 截至{formatCnDate(r.asOf)}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

function BlockView({ b }: { b: Block }) {
  if (b.kind === 'paragraph') return b.style === 'title' ? null : <p className={`public-doc-${b.style}`}>{b.text}</p>;
  const MARK = { green: '按计划推进', yellow: '滞后', red: '严重滞后' } as const;
  return (
    <div className="public-table-scroll" role="region" aria-label="进展情况表" tabIndex={0}>
      <table className="public-table">
        <thead>
          {b.header.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of a stored snapshot never move
            <tr key={i}>
              {row.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <th key={j} scope="col" colSpan={c.colSpan} rowSpan={c.rowSpan}>
                  {c.text}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {b.body.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <tr key={i}>
              {row.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above
                <td key={j} colSpan={c.colSpan} rowSpan={c.rowSpan}>
                  {c.mark ? (
                    <span className={`public-mark public-mark-${c.mark}`} title={MARK[c.mark]}>
                      ▋<span className="sr-only">{MARK[c.mark]}</span>
                    </span>
                  ) : (
                    c.text.split('\n').map((l, k) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: lines of one cell
                      <div key={k}>{l}</div>
                    ))
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PublishedTable({ roundId }: { roundId: string }) {
  const t = useApi(() => api.publicTable(roundId), [roundId]);
  const back = (
    <a href="#/public">
      <ArrowLeftOutlined /> 公开信息
    </a>
  );
  if (t.error)
    return (
      <>
        {back}
        <ErrorBlock error={t.error} onRetry={() => void t.reload()} />
      </>
    );
  if (!t.data) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  const p = t.data;
  return (
    <>
      {back}
      <h1 className="page-title" style={{ marginTop: 4 }}>
        {p.title}
      </h1>
      <div className="page-subtitle">
        {p.metadata.agency} · 发布日期 {formatCnDate(p.metadata.publishedOn)} ·{' '}
        <a href={p.url} data-testid="public-gk-link">
          在政务公开页面查看（含附件下载、勘误说明与公示期意见）
        </a>
      </div>
      {p.replacedBy && (
        <div className="public-notice" role="note">
          本信息已更正：{p.replacedBy.reason} <a href={`/gk/p/${p.replacedBy.slug}`}>查看最新版本</a>
        </div>
      )}
      {p.replaces && (
        <div className="public-notice" role="note">
          勘误说明：{p.replaces.reason}
        </div>
      )}
      <Card size="small" data-testid="public-table">
        {p.blocks.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks of a stored snapshot never move
          <BlockView key={i} b={b} />
        ))}
      </Card>
    </>
  );
}

export default function PublicPage({ roundId }: { roundId: string | null }) {
  return roundId ? <PublishedTable roundId={roundId} /> : <RoundList />;
}
