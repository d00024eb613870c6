/**
 * 排名 (one round or the year to date) and 考核 (the year's score) of a programme's units — both from the one scoring
 * function of domain/evaluate — the office's rules for them, and the 考核 table as .xlsx.
 */
import {
  activeComponents,
  COMPONENT_FORMULAS,
  COMPONENT_LABELS,
  type ComponentKey,
  DEFAULT_EVALUATION_RULES,
  type EvaluationRules,
  PENALTY_LABELS,
  type Penalties,
  rulesProblems,
  type Weights,
} from '../../../domain/evaluate/rules';
import { assessmentOf, type RankedUnit, rankingOf } from '../../../domain/evaluate/unit-score';
import { can } from '../../../domain/policies/policies';
import type { EvaluationRulesInput, RankingSchema, ScoresSchema } from '../../../shared/contract/dashboard';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/dashboard.repo';
import { authorize, type Ctx } from '../context';
import { visibleProgramme } from '../subjects';
import {
  drill,
  loadRows,
  pickProgramme,
  pickRound,
  programmeItem,
  programmeRounds,
  type RoundItem,
  rulesOf,
  unitInputs,
} from './load';
import { buildScoresXlsx } from './scores-xlsx';

type Ranking = import('zod').infer<typeof RankingSchema>;
type Scores = import('zod').infer<typeof ScoresSchema>;

const componentDefs = (w: Weights) =>
  activeComponents(w).map((k) => ({
    key: k,
    label: COMPONENT_LABELS[k],
    weight: w[k] ?? 0,
    formula: COMPONENT_FORMULAS[k],
  }));

const withDrill = (units: RankedUnit[], roundId: string | null) =>
  units.map((u) => ({ ...u, drill: drill(roundId, { unit: u.orgId }) }));

export async function getRanking(
  ctx: Ctx,
  q: { programme?: string; round?: string; period?: 'round' | 'year' },
): Promise<Ranking> {
  const period = q.period ?? 'round';
  const { programme } = await pickProgramme(ctx, q.programme);
  if (!programme) return { programme: null, rounds: [], period, round: null, components: [], units: [] };
  const rules = rulesOf(programme);
  const rounds = await programmeRounds(ctx, programme.id);
  const round = pickRound(rounds, q.round);
  const chosen: RoundItem[] = period === 'year' ? rounds : round ? [round] : [];
  const rows = await loadRows(
    ctx,
    programme.id,
    chosen.map((r) => r.id),
  );
  const ids = new Set(chosen.map((r) => r.id));
  const supervisions = (await repo.findProgrammeSupervisions(ctx.db, programme.id)).filter(
    (s) => period === 'year' || (s.roundId !== null && ids.has(s.roundId)),
  );
  const units = rankingOf(unitInputs(rows, supervisions), rules);
  return {
    programme: programmeItem(programme),
    rounds,
    period,
    round,
    components: componentDefs(rules.ranking),
    units: withDrill(units, chosen.at(-1)?.id ?? null),
  };
}

/** The year's 考核 of a programme's units under its rules. */
async function scoresOf(ctx: Ctx, programmeId: string): Promise<Scores> {
  const { programme, programmes } = await pickProgramme(ctx, programmeId);
  if (!programme) throw notFound('实事计划');
  const rules = rulesOf(programme);
  const rounds = await programmeRounds(ctx, programme.id);
  const rows = await loadRows(
    ctx,
    programme.id,
    rounds.map((r) => r.id),
  );
  const supervisions = await repo.findProgrammeSupervisions(ctx.db, programme.id);
  const units = assessmentOf(unitInputs(rows, supervisions), rules);
  return {
    programme: programmeItem(programme),
    programmes: programmes.map(programmeItem),
    rounds,
    rules: fullRules(rules),
    defaults: fullRules(DEFAULT_EVALUATION_RULES),
    isDefault: !programme.evaluationRules,
    components: componentDefs(rules.assessment),
    rankingComponents: componentDefs(rules.ranking),
    penalties: (Object.keys(PENALTY_LABELS) as (keyof Penalties)[]).map((k) => ({
      key: k,
      label: PENALTY_LABELS[k],
      points: rules.penalties[k],
    })),
    units: withDrill(units, rounds.at(-1)?.id ?? null),
    canConfigure: can(ctx.actor, 'evaluation:configure', programme),
  };
}

/** Every component named (0 when not counted) so the form shows them all. */
const fullRules = (r: EvaluationRules): EvaluationRulesInput => {
  const full = (w: Weights) =>
    Object.fromEntries((Object.keys(COMPONENT_LABELS) as ComponentKey[]).map((k) => [k, w[k] ?? 0]));
  return { ranking: full(r.ranking), assessment: full(r.assessment), penalties: { ...r.penalties } };
};

export const getScores = (ctx: Ctx, programmeId: string) => scoresOf(ctx, programmeId);

/** Set (or reset, with null) a programme's ranking formula and 考核 rules; audited. */
export async function setEvaluationRules(
  ctx: Ctx,
  programmeId: string,
  rules: EvaluationRulesInput | null,
): Promise<Scores> {
  const owner = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'evaluation:configure', owner);
  if (rules) {
    const problems = rulesProblems(rules as EvaluationRules);
    if (problems.length)
      throw new AppError('VALIDATION', problems.join('；'), {
        issues: problems.map((message) => ({ path: ['rules'], message })),
      });
  }
  const before = await repo.findDashboardProgramme(ctx.db, programmeId);
  const actor = ctx.actor;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setEvaluationRules(trx, programmeId, rules ? JSON.stringify(rules) : null);
    await insertAudit(trx, {
      at: ctx.now().toISOString(),
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'programme.evaluationRules',
      entity: 'programme',
      entityId: programmeId,
      before: before?.evaluationRules ? JSON.parse(before.evaluationRules) : null,
      after: rules,
      ip: ctx.ip,
    });
  });
  return scoresOf(ctx, programmeId);
}

/** The 考核 table as .xlsx (Chinese headers, a title row), audited. */
export async function exportScoresXlsx(ctx: Ctx, programmeId: string): Promise<{ buf: Buffer; name: string }> {
  const scores = await scoresOf(ctx, programmeId);
  const buf = await buildScoresXlsx(scores);
  await insertAudit(ctx.db, {
    at: ctx.now().toISOString(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action: 'scores.export',
    entity: 'programme',
    entityId: programmeId,
    after: { units: scores.units.length, format: 'xlsx' },
    ip: ctx.ip,
  });
  return { buf, name: `${scores.programme.name}考核得分.xlsx` };
}
