/** "N 条提示": the judgement's findings, messages in a tooltip, coloured by the most severe one. */
import { Tag, Tooltip } from 'antd';
import type { Finding } from '../../../src/shared/api-types';

const SEVERITY_COLORS: Record<Finding['severity'], string> = { error: 'red', warning: 'orange', info: 'blue' };
const SEVERITY_RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

export function FindingsCount({ findings, testId }: { findings: Finding[] | undefined; testId: string }) {
  if (!findings?.length) return null;
  const sorted = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return (
    <Tooltip
      title={
        <ol style={{ margin: 0, paddingInlineStart: 18 }}>
          {sorted.map((f, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: findings have no identity of their own
            <li key={k}>{f.message}</li>
          ))}
        </ol>
      }
    >
      <Tag
        color={SEVERITY_COLORS[sorted[0]!.severity]}
        style={{ marginInlineEnd: 0, cursor: 'help' }}
        data-testid={testId}
        data-count={findings.length}
      >
        {findings.length} 条提示
      </Tag>
    </Tooltip>
  );
}

/** A completion ratio (0.85) as "85%"; null as a dash. */
export function formatRatio(v: number | null | undefined): string | null {
  return v == null ? null : `${Math.round(v * 1000) / 10}%`;
}
