/** A table row's 督办: the open record's level (a link to it) and, for the office, 发起督办 on a lagging row's unit. */
import { Space } from 'antd';
import { isLagging } from '../../../../src/domain/publish/bulletin';
import type { TableRow } from '../../../../src/shared/api-types';
import { href } from '../../router';
import { RaiseSupervisionButton } from './raise-modal';
import { SupervisionLevelTag } from './supervision-tags';

export function RowSupervision({ row, mayRaise }: { row: TableRow; mayRaise: boolean }) {
  const s = row.supervision;
  const raise = mayRaise && s?.level !== 'listed' && (Boolean(s) || isLagging(row));
  if (!s && !raise) return null;
  return (
    <Space size={4} style={{ marginTop: 4 }} wrap>
      {s ? (
        <a
          href={`${href('supervisions')}?open=${encodeURIComponent(s.id)}`}
          data-testid={`row-supervision-${row.reportId}`}
        >
          <SupervisionLevelTag level={s.level} />
        </a>
      ) : null}
      {raise ? (
        <RaiseSupervisionButton
          projectId={row.projectId}
          unit={{ orgId: row.unitId, name: row.unit }}
          reportId={row.reportId}
          onDone={(id) => {
            window.location.hash = `#/supervisions?open=${encodeURIComponent(id)}`;
          }}
        />
      ) : null}
    </Space>
  );
}
