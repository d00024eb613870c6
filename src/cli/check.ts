/** `shishi check`: judge progress statements (JSON lines on stdin, or one statement with --text). */
import { createInterface } from 'node:readline';
import { type AssessmentBasis, engineInputOf } from '../domain/assess';
import {
  checkWriting,
  isRowCells,
  type JudgeInput,
  type JudgeResult,
  judgeStatement,
  pct,
  readRowCells,
} from '../domain/assess/judge';
import { parseArgs } from './args';

type IO = { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const HELP = `用法：
  shishi check < statements.jsonl
      每行一个JSON：{"progress":"…","target":"…","periodTarget":"…","asOf":"2023-09-30"}（除progress外均可省略），
      每行输出一个JSON结果。
      数字列作为数据：{"progress":"…","values":[{"value":2160,"unit":"张"}],"publishedRatio":1.08,"target":"…"}
      （values为完成数，未写单位时按年度目标的单位；publishedRatio为公布的完成率，108%写作1.08）。
      progress为表格一行各单元格以" | "连接（如"2000 | 2160 | 108% | 已完成"）时：单独的百分数为公布的完成率，
      单独的数字为完成数（按年度目标的单位；等于年度目标数的一格视为目标数）。
      另可给 "shareNote"（本单位分担的任务）、"schedule"（序时进度计划：{"mode":"quarterly","quarterlyPoints":[…]}）、
      "previous"（{"progressText":"上期进展","asOf":"…"}）。
  shishi check --text "进展文字" [--target "年度目标"] [--period-target "本期目标"] [--as-of 2023-09-30]
               [--share "本单位分担的任务"] [--plan linear|monthly:p1,…,p12|quarterly:p1,…,p4|deadline:MM-DD]
      输出一条文字的研判报告。
`;

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** The JSON line written for one input. */
export function toOutput(r: JudgeResult): Record<string, unknown> {
  const q = (x: JudgeResult['quantities'][number]) => ({
    value: x.value,
    unit: x.unit,
    kind: x.kind,
    qualifier: x.qualifier,
    text: x.text,
    span: x.span,
    ...(x.max !== undefined ? { max: x.max } : {}),
  });
  return {
    quantities: r.quantities.map(q),
    targetQuantities: r.targetQuantities.map(q),
    subTargets: r.subTargets.map((s) => ({
      kind: s.kind,
      label: s.label,
      verb: s.verb,
      value: s.value,
      unit: s.unit,
      actual: s.actual,
      ratio: s.ratio,
      met: s.met,
      expected: s.expected,
      ...(s.deadline ? { deadline: s.deadline } : {}),
    })),
    publishedRatio: r.publishedRatio,
    computedRatio: r.computedRatio,
    completionRatio: r.completionRatio,
    selfAssessment: r.selfAssessment,
    computedStatus: r.computedStatus,
    light: r.light,
    expectedRatio: r.expectedRatio,
    gapPoints: r.gapPoints,
    reason: r.reason,
    lagAnalysisRequired: r.lagAnalysisRequired,
    findings: r.findings,
  };
}

/**
 * One input line → the engine's input through the same assembly as the server and the browser (domain/assess):
 * `target`, `periodTarget`, `shareNote` (a unit's part of a split target), `asOf`, `schedule` (programme settings:
 * mode linear/monthly/quarterly/deadline, points, bands), `previous` ({progressText, asOf} or engine quantities).
 * Raw engine `settings` and `year` still override.
 */
/** "values": [{"value": 2160, "unit": "张"}] — checked, with Chinese messages naming the problem. */
function valuesOf(x: unknown): NonNullable<JudgeInput['values']> | undefined {
  if (x === undefined || x === null) return undefined;
  if (!Array.isArray(x)) throw new Error('values应为数组，如 [{"value": 2160, "unit": "张"}]');
  return x.map((v, i) => {
    if (typeof v === 'number') return { value: v };
    const o = v as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || typeof o.value !== 'number' || !Number.isFinite(o.value))
      throw new Error(`values第${i + 1}项应为{"value": 数字, "unit": "单位"}`);
    if (o.unit !== undefined && o.unit !== null && typeof o.unit !== 'string')
      throw new Error(`values第${i + 1}项的unit应为字符串`);
    return { value: o.value, unit: (o.unit as string | undefined) ?? null };
  });
}

/** "publishedRatio": 1.08 (a fraction) — a number between 0 and 100. */
function ratioOf(x: unknown): number | undefined {
  if (x === undefined || x === null) return undefined;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 100)
    throw new Error('publishedRatio应为小数形式的完成比例，如108%写作1.08');
  return x;
}

/** Structured numbers, or (text only) a table row's cells joined by " | ": progress, values, published ratio. */
function numbersFrom(obj: Record<string, unknown>, progress: string) {
  const values = valuesOf(obj.values);
  const publishedRatio = ratioOf(obj.publishedRatio);
  if (values === undefined && publishedRatio === undefined && isRowCells(progress)) {
    const row = readRowCells(progress, str(obj.target));
    return {
      progress: row.progress,
      values: row.values.length ? row.values : undefined,
      publishedRatio: row.publishedRatio ?? undefined,
    };
  }
  return { progress, values, publishedRatio };
}

function inputFrom(obj: Record<string, unknown>): JudgeInput {
  const given = str(obj.progress);
  if (given === undefined) throw new Error('缺少progress字段（字符串）');
  const { progress, values, publishedRatio } = numbersFrom(obj, given);
  const prev = obj.previous && typeof obj.previous === 'object' ? (obj.previous as Record<string, unknown>) : null;
  const prevText = prev ? str(prev.progressText) : undefined;
  const input = engineInputOf(
    {
      annualTarget: str(obj.target) ?? '',
      periodTarget: str(obj.periodTarget) ?? '',
      shareNote: str(obj.shareNote) ?? '',
      asOf: str(obj.asOf) ?? '',
      schedule: obj.schedule && typeof obj.schedule === 'object' ? (obj.schedule as AssessmentBasis['schedule']) : null,
      previous: prevText !== undefined ? { progressText: prevText, asOf: str(prev?.asOf) ?? '' } : null,
    },
    {
      progress,
      selfAssessment: str(obj.selfAssessment) ?? null,
      values: values?.map((v) => ({ value: v.value, unit: v.unit ?? null })),
      publishedRatio,
    },
  );
  if (typeof obj.year === 'number') input.year = obj.year;
  if (prev && prevText === undefined) input.previous = prev as JudgeInput['previous'];
  if (obj.settings && typeof obj.settings === 'object')
    input.settings = { ...input.settings, ...(obj.settings as JudgeInput['settings']) };
  return input;
}

const LIGHT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
const SEV: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

const KIND_LABEL: Record<string, string> = {
  cumulative: '累计',
  period: '本期',
  percent: '百分比',
  money: '金额',
  other: '其他',
};

function inputLines(input: JudgeInput): string[] {
  const lines = [`进展：${input.progress}`];
  if (input.target) lines.push(`年度目标：${input.target}`);
  if (input.periodTarget) lines.push(`本期目标：${input.periodTarget}`);
  if (input.asOf) lines.push(`截至日期：${input.asOf}`);
  return lines;
}

function quantityLine(q: JudgeResult['quantities'][number]): string {
  const range = q.max !== undefined ? `~${q.max}` : '';
  const qualifier = q.qualifier ? `（${q.qualifier}）` : '';
  return `  ${q.text.trim()}  →  ${q.value}${range} ${q.unit}  [${KIND_LABEL[q.kind] ?? q.kind}]${qualifier}`;
}

function subTargetLine(s: JudgeResult['subTargets'][number]): string {
  const ratio = s.ratio !== null ? ` 完成${pct(s.ratio)}` : s.met !== null ? (s.met ? ' 达标' : ' 未达标') : '';
  return `  ${s.label} [${s.kind}]${ratio}`;
}

function verdictLines(r: JudgeResult): string[] {
  const f = (x: number | null) => (x === null ? '—' : pct(x));
  return [
    `文中完成比例：${f(r.publishedRatio)}  计算完成比例：${f(r.computedRatio)}  采用：${f(r.completionRatio)}`,
    `序时进度：${f(r.expectedRatio)}  差距：${r.gapPoints === null ? '—' : `${r.gapPoints}个百分点`}`,
    `自评：${r.selfAssessment ?? '—'}  研判：${r.computedStatus ?? '无法判断'}${r.light ? `（${LIGHT[r.light]}）` : ''}`,
    `理由：${r.reason}`,
  ];
}

/** Human-readable report for one statement. */
export function formatReport(input: JudgeInput, r: JudgeResult): string {
  const lines = inputLines(input);
  lines.push('', '数据：');
  if (r.quantities.length === 0) lines.push('  （无）');
  lines.push(...r.quantities.map(quantityLine));
  if (r.subTargets.length > 0) lines.push('', '目标分解：', ...r.subTargets.map(subTargetLine));
  lines.push('', ...verdictLines(r));
  const writing = checkWriting({ progress: input.progress });
  const all = [...r.findings, ...writing];
  lines.push('', all.length ? '发现：' : '发现：无');
  for (const x of all) lines.push(`  [${SEV[x.severity]}] ${x.message}（${x.rule}）`);
  return `${lines.join('\n')}\n`;
}

/** --plan quarterly:0.1,0.3,0.6,1 → the programme schedule settings it stands for. */
function planFlag(plan: string | undefined): AssessmentBasis['schedule'] {
  if (!plan) return null;
  const [mode, rest = ''] = plan.split(':');
  const points = rest.split(',').map(Number);
  switch (mode) {
    case 'monthly':
      return { mode, monthlyPoints: points };
    case 'quarterly':
      return { mode, quarterlyPoints: points };
    case 'deadline':
      return { mode, deadline: rest };
    case 'linear':
      return { mode };
    default:
      throw new Error(`--plan 应为 linear、monthly:…、quarterly:… 或 deadline:MM-DD：${plan}`);
  }
}

type Flags = ReturnType<typeof parseArgs>['flags'];

/** `--text "…"` with its flags: one human-readable report. */
function checkText(text: string, flags: Flags, io: IO): number {
  const flag = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
  try {
    const input = inputFrom({
      progress: text,
      target: flag('target'),
      periodTarget: flag('period-target'),
      shareNote: flag('share'),
      asOf: flag('as-of') ?? flag('asOf'),
      schedule: planFlag(flag('plan')),
    });
    io.stdout.write(formatReport(input, judgeStatement(input)));
    return 0;
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

/** One JSON line → the engine's output, or an error naming the line. */
function checkLine(line: string, n: number): { out: Record<string, unknown>; failed: boolean } {
  try {
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new Error(`第${n}行不是合法的JSON：${(e as Error).message}`);
    }
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error(`第${n}行不是JSON对象`);
    return { out: toOutput(judgeStatement(inputFrom(obj as Record<string, unknown>))), failed: false };
  } catch (e) {
    const msg = (e as Error).message;
    return { out: { error: msg.startsWith('第') ? msg : `第${n}行：${msg}` }, failed: true };
  }
}

/** Entry point; returns the exit code. */
export async function checkCommand(argv: string[], io: IO): Promise<number> {
  const args = parseArgs(argv, ['help']);
  if (args.flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const text = args.flags.text;
  if (text === true) {
    io.stderr.write('--text 需要一段文字\n');
    return 2;
  }
  if (text !== undefined) return checkText(text, args.flags, io);
  let failed = false;
  let n = 0;
  const rl = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of rl) {
    n++;
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    const r = checkLine(line, n);
    failed ||= r.failed;
    io.stdout.write(`${JSON.stringify(r.out)}\n`);
  }
  return failed ? 1 : 0;
}
