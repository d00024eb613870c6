/** Corpus figures beyond quantities: completion-ratio accuracy and status-class accuracy (bench/judge-corpus.bench.ts). */
import { classifyStatusWord } from '../status-words';
import type { ComputedStatus, JudgeResult, StatusWord } from '../types';
import type { CorpusCase } from './case';
import { type CaseScore, microMetrics, scoreCase } from './evaluate';

const CLASS_OF: Record<ComputedStatus, StatusWord['class']> = {
  已完成: 'complete',
  超额完成: 'complete',
  超序时进度: 'ahead',
  按序时推进: 'onTrack',
  滞后: 'behind',
  严重滞后: 'severe',
};

/** The class of a judged statement's status: the computed status, else the self-assessment's class. */
export function statusClassOf(r: JudgeResult): StatusWord['class'] | null {
  if (r.computedStatus) return CLASS_OF[r.computedStatus];
  return r.selfAssessment ? classifyStatusWord(r.selfAssessment) : null;
}

/** Figures for one split. */
export type SplitFigures = {
  cases: number;
  quantities: ReturnType<typeof microMetrics>;
  ratio: { labelled: number; right: number };
  statusClass: { labelled: number; right: number };
  misses: string[];
};

function ratioRight(cs: CorpusCase, r: JudgeResult): boolean {
  const e = cs.expected.completionRatio;
  const a = r.completionRatio;
  return e === null ? a === null : e !== undefined && a !== null && Math.abs(a - e) < 0.001;
}

/** Score a split: quantities P/R, ratio accuracy, status-class accuracy, and the misses (for --verbose). */
export function splitFigures(cases: CorpusCase[]): SplitFigures {
  const scores: CaseScore[] = [];
  const out: SplitFigures = {
    cases: cases.length,
    quantities: microMetrics([]),
    ratio: { labelled: 0, right: 0 },
    statusClass: { labelled: 0, right: 0 },
    misses: [],
  };
  for (const cs of cases) {
    const s = scoreCase(cs);
    scores.push(s);
    const miss = [...s.problems];
    if (cs.expected.completionRatio !== undefined) {
      out.ratio.labelled++;
      if (ratioRight(cs, s.result)) out.ratio.right++;
    }
    if (cs.expected.statusClass !== undefined) {
      out.statusClass.labelled++;
      const got = statusClassOf(s.result);
      if (got === cs.expected.statusClass) out.statusClass.right++;
      else miss.push(`statusClass: expected ${cs.expected.statusClass} got ${got}`);
    }
    if (miss.length > 0) out.misses.push(`${cs.id}: ${miss.join(' | ')}`);
  }
  out.quantities = microMetrics(scores);
  return out;
}
