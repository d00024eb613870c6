/** A programme's chase rules: read (anyone who sees the programme) and set (its office, 'programme:configure'). */
import type { z } from 'zod';
import { type ChaseRules, describeReminders, describeRule, parseChaseRules } from '../../../domain/chase/rules';
import type { ChaseRulesViewSchema } from '../../../shared/contract/chase';
import { AppError, notFound } from '../../errors';
import { insertAudit } from '../../repositories/audit.repo';
import * as repo from '../../repositories/chase.repo';
import { authorize, type Ctx } from '../context';
import { visibleProgramme } from '../subjects';

type View = z.infer<typeof ChaseRulesViewSchema>;

function view(programmeId: string, stored: string | null | undefined): View {
  const rules = parseChaseRules(stored);
  return {
    programmeId,
    rules,
    isDefault: !stored,
    reminders: describeReminders(rules),
    escalation: rules.escalation.map((r) => ({ id: r.id, text: describeRule(r) })),
  };
}

export async function getChaseRules(ctx: Ctx, programmeId: string): Promise<View> {
  await visibleProgramme(ctx, programmeId);
  const p = await repo.findChaseProgramme(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  return view(programmeId, p.chaseRules);
}

export async function setChaseRules(ctx: Ctx, programmeId: string, rules: ChaseRules): Promise<View> {
  const owner = await visibleProgramme(ctx, programmeId);
  authorize(ctx, 'programme:configure', owner);
  const ids = rules.escalation.map((r) => r.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new AppError('VALIDATION', `督办规则编号“${dup}”重复，每条规则的编号应不同`);
  const p = await repo.findChaseProgramme(ctx.db, programmeId);
  if (!p) throw notFound('实事计划');
  const actor = ctx.actor;
  const json = JSON.stringify(rules);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setChaseRules(trx, programmeId, json);
    await insertAudit(trx, {
      at: ctx.now().toISOString(),
      actorId: actor.id,
      actorName: actor.displayName,
      action: 'programme.chaseRules',
      entity: 'programme',
      entityId: programmeId,
      before: parseChaseRules(p.chaseRules),
      after: rules,
      ip: ctx.ip,
    });
  });
  return view(programmeId, json);
}
