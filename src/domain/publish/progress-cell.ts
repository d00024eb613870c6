/**
 * 落实情况+进度自评 as the printed tables write it: the self-assessment in full-width brackets at the end, before a
 * closing full stop (完成总工程量39%（按计划推进）。), never twice when the text already ends with it.
 */
export function progressCell(progress: string, selfAssessment: string | null): string {
  const text = progress.trim();
  const sa = selfAssessment?.trim();
  if (!sa) return text;
  if (!text) return `（${sa}）`;
  if ([`（${sa}）`, `(${sa})`].some((t) => text.endsWith(t) || text.endsWith(`${t}。`))) return text;
  if (text.endsWith('。')) return `${text.slice(0, -1)}（${sa}）。`;
  return `${text.replace(/[；;，,]$/, '')}（${sa}）`;
}
