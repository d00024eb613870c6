/** Colour tags of a 督办 record's level (黄色督办单 / 红色督办单 / 挂牌督办) and state (待反馈 / 已反馈 / 已销号). */
import { Tag } from 'antd';
import { LADDER_LABELS } from '../../../../src/domain/chase/ladder';
import { SUPERVISION_STATUS_LABELS, type SupervisionStatus } from '../../../../src/domain/supervision/workflow';

export type Level = 'yellow' | 'red' | 'listed';

const LEVEL_COLORS: Record<Level, string> = { yellow: 'gold', red: 'red', listed: 'magenta' };
const STATUS_COLORS: Record<SupervisionStatus, string> = { open: 'processing', responded: 'cyan', closed: 'default' };

export function SupervisionLevelTag({ level, testId }: { level: Level; testId?: string }) {
  return (
    <Tag color={LEVEL_COLORS[level]} data-testid={testId} data-level={level} style={{ marginInlineEnd: 4 }}>
      {LADDER_LABELS[level]}
    </Tag>
  );
}

export function SupervisionStatusTag({ status, overdue }: { status: SupervisionStatus; overdue?: boolean }) {
  return (
    <span data-testid="supervision-status" data-status={status}>
      <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 4 }}>
        {SUPERVISION_STATUS_LABELS[status]}
      </Tag>
      {overdue ? <Tag color="error">已超反馈期限</Tag> : null}
    </span>
  );
}
