/**
 * The office's drafts (issue 9 §3), as document models the .docx renderer draws and the office then polishes:
 * - 通报: a round's numbers by computed status and self-assessment, the lagging projects with units and reasons,
 *   units ranked by timeliness, completeness and lag, self-assessments the numbers contradict, projects owing a
 *   written lag analysis;
 * - 督办单: the form sent to a unit about one lagging project (编号, 督办事项, 责任单位, 办理时限, 督办要求, 反馈栏).
 * Pure: data in, document out.
 */
import { formatCnDate } from '../plan/periods';
import type { Block, Cell, DocModel, TableBlock } from './document/model';
import { para, textCell } from './document/model';
import { placeholders } from './layouts/data';

export type BulletinRow = {
  code: string;
  name: string;
  unit: string;
  /** Workflow state of the unit's report. */
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
  handedIn: boolean;
  late: boolean;
  computedStatus: string | null;
  selfAssessment: string | null;
  gapPoints: number | null;
  reason: string | null;
  /** The judgement's findings (rule codes). */
  rules: string[];
};

export type BulletinData = {
  government: string;
  office: string;
  year: number;
  periodKey: string;
  asOf: string;
  dueDate: string;
  issuedOn: string;
  rows: BulletinRow[];
};

const STATUS_ORDER = ['已完成', '超额完成', '超序时进度', '按序时推进', '滞后', '严重滞后'];
const LAGGING = new Set(['滞后', '严重滞后']);

/** A judged row behind schedule (red/yellow light or a 滞后 status): the rows a 督办单 is drafted for. */
export const isLagging = (r: { light?: string | null; computedStatus?: string | null }) =>
  r.light === 'red' || r.light === 'yellow' || (r.computedStatus != null && LAGGING.has(r.computedStatus));
const MISMATCH = /^self-assessment-(optimistic|pessimistic|complete-below-target)$/;
const LAG_ANALYSIS = /^lag-analysis-(required|incomplete)$/;

const PORTRAIT = {
  size: 'A4' as const,
  orientation: 'portrait' as const,
  margins: { top: 37, right: 26, bottom: 35, left: 28 },
  pageNumbers: 'dash' as const,
};

const p = (style: 'title' | 'subtitle' | 'heading' | 'body' | 'signature', text: string, size?: number): Block => ({
  kind: 'paragraph',
  style,
  para: para(text, {
    ...(style === 'title' ? { align: 'center' as const } : {}),
    ...(style === 'body' ? { indent: true } : {}),
  }),
  ...(size ? { size } : {}),
});

const count = <T>(xs: readonly T[], f: (x: T) => boolean) => xs.filter(f).length;

function table(headers: string[], widths: number[], rows: string[][], fontSize = 12): TableBlock {
  return {
    kind: 'table',
    columns: widths.map((width, i) => ({ width, ...(i === 0 ? { align: 'center' as const } : {}) })),
    header: [headers.map((h) => textCell(h, { align: 'center', bold: true }))],
    body: rows.map((r) => r.map((c) => textCell(c))),
    fontSize,
  };
}

/** 全区N个项目中，已完成…，按序时推进…，滞后…，严重滞后…. */
function overallSentence(d: BulletinData): string {
  const judged = d.rows.filter((r) => r.handedIn && r.computedStatus);
  const parts = STATUS_ORDER.map((s) => [s, count(judged, (r) => r.computedStatus === s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s}${n}个`);
  const pending = count(d.rows, (r) => !r.handedIn);
  const unjudged = count(d.rows, (r) => r.handedIn && !r.computedStatus);
  const tail = [pending ? `尚未报送${pending}个` : '', unjudged ? `无法按数据研判${unjudged}个` : ''].filter(Boolean);
  return `截至${formatCnDate(d.asOf)}，${d.government}${d.year}年民生实事共${d.rows.length}项（按责任单位计），其中${[...parts, ...tail].join('，') || '暂无报送'}。`;
}

function selfSentence(d: BulletinData): string {
  const words = new Map<string, number>();
  for (const r of d.rows)
    if (r.handedIn && r.selfAssessment) words.set(r.selfAssessment, (words.get(r.selfAssessment) ?? 0) + 1);
  if (!words.size) return '各单位暂无进度自评。';
  return `各单位自评：${[...words].map(([w, n]) => `${w}${n}个`).join('，')}。`;
}

type UnitScore = { unit: string; total: number; onTime: number; late: number; missing: number; lagging: number };

/** Units ranked: most on time first, then fewest missing, then fewest lagging (ties by name). */
export function rankUnits(rows: readonly BulletinRow[]): UnitScore[] {
  const by = new Map<string, UnitScore>();
  for (const r of rows) {
    const u = by.get(r.unit) ?? { unit: r.unit, total: 0, onTime: 0, late: 0, missing: 0, lagging: 0 };
    u.total++;
    if (!r.handedIn) u.missing++;
    else if (r.late) u.late++;
    else u.onTime++;
    if (r.computedStatus && LAGGING.has(r.computedStatus)) u.lagging++;
    by.set(r.unit, u);
  }
  const rate = (u: UnitScore) => u.onTime / u.total;
  return [...by.values()].sort(
    (a, b) =>
      rate(b) - rate(a) ||
      a.missing / a.total - b.missing / b.total ||
      a.lagging / a.total - b.lagging / b.total ||
      a.unit.localeCompare(b.unit, 'zh-CN'),
  );
}

const gap = (g: number | null) => (g === null ? '—' : `${Math.abs(g).toFixed(1)}`);

/** The 通报 draft of a round. */
export function composeBulletin(d: BulletinData): DocModel {
  const ph = placeholders({ ...d, rows: [] });
  const lagging = d.rows
    .filter((r) => r.computedStatus && LAGGING.has(r.computedStatus))
    .sort((a, b) =>
      a.computedStatus === b.computedStatus
        ? (a.gapPoints ?? 0) - (b.gapPoints ?? 0)
        : a.computedStatus === '严重滞后'
          ? -1
          : 1,
    );
  const mismatched = d.rows.filter((r) => r.rules.some((x) => MISMATCH.test(x)));
  const owing = d.rows.filter((r) => r.rules.some((x) => LAG_ANALYSIS.test(x)));
  const ranking = rankUnits(d.rows);
  const late = ranking.filter((u) => u.late || u.missing);
  const blocks: Block[] = [
    p('title', `关于${d.government}${d.year}年${ph.period}民生实事项目推进情况的通报`, 22),
    p('subtitle', '（征求意见稿）', 16),
    p('heading', '一、总体情况'),
    p('body', overallSentence(d)),
    p('body', selfSentence(d)),
    p(
      'body',
      `报送时限为${formatCnDate(d.dueDate)}。${late.length ? `${late.map((u) => u.unit).join('、')}存在逾期或未报送情况。` : '各单位均按时报送。'}`,
    ),
    p('heading', '二、滞后项目'),
  ];
  if (lagging.length)
    blocks.push(
      p('body', `以下${lagging.length}个项目落后于序时进度，请责任单位分析原因、制定措施，按要求报送书面分析报告：`),
      table(
        ['序号', '项目', '责任单位', '研判', '落后序时（百分点）', '原因'],
        [10, 46, 24, 16, 18, 46],
        lagging.map((r, i) => [
          String(i + 1),
          `${r.code} ${r.name}`,
          r.unit,
          r.computedStatus!,
          gap(r.gapPoints),
          r.reason ?? '',
        ]),
      ),
    );
  else blocks.push(p('body', '本期没有落后于序时进度的项目。'));
  blocks.push(
    p('heading', '三、各单位报送情况'),
    table(
      ['排名', '单位', '应报', '按时', '逾期', '未报送', '滞后项目'],
      [12, 52, 16, 16, 16, 18, 20],
      ranking.map((u, i) => [
        String(i + 1),
        u.unit,
        String(u.total),
        String(u.onTime),
        String(u.late),
        String(u.missing),
        String(u.lagging),
      ]),
    ),
    p('body', '排名依次按按时报送比例、未报送比例、滞后项目比例计算。'),
    p('heading', '四、自评与数据不符的项目'),
  );
  blocks.push(
    mismatched.length
      ? p(
          'body',
          `${mismatched.map((r) => `${r.code} ${r.name}（${r.unit}，自评“${r.selfAssessment ?? '无'}”，按数据为“${r.computedStatus ?? '无法判断'}”）`).join('；')}。请相关单位核实后更正。`,
        )
      : p('body', '本期各单位自评与填报数据一致。'),
    p('heading', '五、需报送书面分析的项目'),
    owing.length
      ? p('body', `${owing.map((r) => `${r.code} ${r.name}（${r.unit}）`).join('；')}。`)
      : p('body', '本期无须补报书面分析的项目。'),
    p('heading', '六、下一步工作要求'),
    p('body', '（请督查室补充：对滞后项目的督办要求、报送质量要求及下一期报送时限。）'),
    p('signature', d.office),
    p('signature', formatCnDate(d.issuedOn)),
  );
  return {
    page: PORTRAIT,
    bodySize: 16,
    meta: {
      title: `${d.government}${d.year}年${ph.period}民生实事项目推进情况通报`,
      author: d.office,
      sheetName: '通报',
    },
    blocks,
  };
}

export type SupervisionFormData = {
  government: string;
  office: string;
  /** 编号, e.g. 督办〔2026〕第12号. */
  serial: string;
  /** 黄色督办单 / 红色督办单 / 督办单. */
  level: string;
  code: string;
  name: string;
  unit: string;
  asOf: string;
  computedStatus: string | null;
  gapPoints: number | null;
  reason: string | null;
  /** YYYY-MM-DD. */
  deadline: string;
  requirements: string[];
  issuedOn: string;
};

const formRow = (label: string, value: string): Cell[] => [
  textCell(label, { align: 'center', vAlign: 'middle', bold: true }),
  textCell(value),
];

/** A 督办单 for one lagging project of a unit. */
export function composeSupervisionForm(d: SupervisionFormData): DocModel {
  const state = d.computedStatus
    ? `${d.computedStatus}${d.gapPoints !== null ? `（落后序时进度${gap(d.gapPoints)}个百分点）` : ''}`
    : '进展滞后';
  const matter = `${d.code} ${d.name}：截至${formatCnDate(d.asOf)}${state}。${d.reason ? `${d.reason}` : ''}`;
  const form: TableBlock = {
    kind: 'table',
    columns: [{ width: 30 }, { width: 126 }],
    header: [],
    body: [
      formRow('编号', d.serial),
      formRow('督办事项', matter),
      formRow('责任单位', d.unit),
      formRow('办理时限', `${formatCnDate(d.deadline)}前书面反馈`),
      formRow('督办要求', d.requirements.map((r, i) => `${i + 1}.${r}`).join('\n')),
      formRow(
        '反馈栏',
        '整改措施：\n\n\n\n完成时限：\n\n责任人：　　　　　　　联系电话：\n\n单位负责人（签字）：　　　　　　（盖章）\n　　　　　　　　　　　　　　年　　月　　日',
      ),
    ],
    fontSize: 14,
  };
  return {
    page: PORTRAIT,
    bodySize: 16,
    meta: { title: `${d.government}民生实事项目${d.level}（${d.code}）`, author: d.office, sheetName: '督办单' },
    blocks: [
      p('title', `${d.government}民生实事项目${d.level}`, 22),
      form,
      p('signature', d.office),
      p('signature', formatCnDate(d.issuedOn)),
    ],
  };
}
