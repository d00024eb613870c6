/** The round's lifecycle on the table page: 关闭/重新开启 plus 开启, 归档, 延期 and 为单位重新开放 (round-actions). */
import { Card } from 'antd';
import { api } from '../../api/endpoints';
import { useApi } from '../../api/use-api';
import { RoundActions } from '../rounds/round-actions';
import { CloseRoundButton } from './close-round-button';

export function RoundControls({
  roundId,
  status,
  onChanged,
}: {
  roundId: string;
  status: string;
  onChanged: () => void;
}) {
  const round = useApi(() => api.round(roundId), [roundId, status]);
  const others = round.data ? round.data.actions.filter((a) => a !== 'close' && a !== 'reopen') : [];
  return (
    <>
      {round.data && others.length > 0 && (
        <RoundActions
          round={{ ...round.data, actions: others }}
          onChanged={() => {
            onChanged();
            void round.reload();
          }}
        />
      )}
      {(status === 'open' || status === 'closed') && (
        <CloseRoundButton roundId={roundId} closed={status === 'closed'} onDone={onChanged} />
      )}
    </>
  );
}

/** 延期与重新开放记录: the round's extensions (whole round or one unit) and reopenings, with reasons. */
export function RoundExceptions({ roundId, stamp }: { roundId: string; stamp: unknown }) {
  const round = useApi(() => api.round(roundId), [roundId, stamp]);
  const rows = round.data?.exceptions ?? [];
  if (!rows.length) return null;
  return (
    <Card size="small" title="延期与重新开放记录" style={{ marginBottom: 12 }} data-testid="round-exceptions">
      {rows.map((e) => (
        <div key={e.id} style={{ fontSize: 13 }} data-testid={`round-exception-${e.kind}`}>
          {e.at.slice(0, 10)} · {e.unit ?? '整个批次'} ·{' '}
          {e.kind === 'extend' ? `截止日期 ${e.previousDueDate ?? '—'} → ${e.dueDate}` : '重新开放'} · 原因：{e.reason}
          {e.by ? `（${e.by}）` : ''}
        </div>
      ))}
    </Card>
  );
}
