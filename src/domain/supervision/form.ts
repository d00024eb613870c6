/**
 * The 督办单 of a 督办 record: the existing 督办单 layout (domain/publish/bulletin.composeSupervisionForm) filled from the
 * record — the level in words (黄色督办单, 红色督办单, 挂牌督办), the reason, the response deadline and, once the unit
 * has answered, its response (整改措施, 完成时限) in the 反馈栏. Pure.
 */
import { formatCnDate } from '../plan/periods';
import { composeSupervisionForm, type SupervisionFormData } from '../publish/bulletin';
import type { Block, DocModel } from '../publish/document/model';
import { cellText, para, textCell } from '../publish/document/model';

export type RecordFormData = Omit<SupervisionFormData, 'requirements'> & {
  /** The unit's response, if it has answered. */
  response: { measures: string; completionDate: string | null } | null;
  /** 已销号 etc., printed under the form when not open. */
  statusNote: string | null;
};

export const RECORD_REQUIREMENTS = [
  '查明滞后原因（主观、客观两方面），制定有针对性的整改措施，明确完成时限和责任人。',
  '在反馈期限内填写反馈栏并报送督查室，同时在系统“督办”页面书面反馈。',
  '分管领导亲自过问，确保按期整改到位。',
];

/** The 反馈栏 text: the unit's response, or the blank lines the unit fills in by hand. */
export function feedbackText(response: RecordFormData['response']): string | null {
  if (!response) return null;
  return `整改措施：${response.measures}\n完成时限：${response.completionDate ? formatCnDate(response.completionDate) : ''}`;
}

export function composeRecordForm(d: RecordFormData): DocModel {
  const doc = composeSupervisionForm({ ...d, requirements: RECORD_REQUIREMENTS });
  const feedback = feedbackText(d.response);
  const blocks: Block[] = doc.blocks.map((b) => {
    if (b.kind !== 'table' || !feedback) return b;
    return {
      ...b,
      body: b.body.map((row) =>
        row[0] && cellText(row[0]) === '反馈栏' && row[1]
          ? [row[0], { ...row[1], paras: textCell(feedback).paras }]
          : row,
      ),
    };
  });
  if (d.statusNote) {
    const last = blocks.length - 2; // before the office and the date
    blocks.splice(Math.max(0, last), 0, { kind: 'paragraph', style: 'body', para: para(d.statusNote) });
  }
  return { ...doc, blocks };
}
