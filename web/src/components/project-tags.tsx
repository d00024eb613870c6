import { Tag } from 'antd';
import { PROJECT_FLAG_LABELS, type ProjectFlag } from '../../../src/shared/statuses';

const FLAG_COLORS: Record<string, string> = {
  key_supervision: 'red',
  listed_supervision: 'volcano',
  routine: 'default',
};

/** Level tags (区级, 市级…) and flag tags (人大重点监督, 挂牌督办…). */
export function ProjectTags({ levels, flags }: { levels: string[]; flags: string[] }) {
  if (!levels.length && !flags.length) return null;
  return (
    <span>
      {levels.map((l) => (
        <Tag key={`l-${l}`} color="geekblue" style={{ marginInlineEnd: 4, fontSize: 11, lineHeight: '18px' }}>
          {l}
        </Tag>
      ))}
      {flags.map((f) => (
        <Tag
          key={`f-${f}`}
          color={FLAG_COLORS[f] ?? 'default'}
          style={{ marginInlineEnd: 4, fontSize: 11, lineHeight: '18px' }}
        >
          {PROJECT_FLAG_LABELS[f as ProjectFlag] ?? f}
        </Tag>
      ))}
    </span>
  );
}
