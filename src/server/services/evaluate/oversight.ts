/**
 * 人大监督 (issue 12 §2): oversight groups of deputies following key-supervision projects, the approved progress of
 * those projects, the deputies' 督办建议 and the office's answers. Opinions and answers are never edited: a second
 * answer is a new numbered row, and every write is audited.
 */
import type { z } from 'zod';
import { latestVisible } from '../../../domain/evaluate/redact';
import { can } from '../../../domain/policies/policies';
import type {
  AnswerOpinionSchema,
  CreateOpinionSchema,
  CreateOversightGroupSchema,
  OversightPageSchema,
} from '../../../shared/contract/evaluate';
import { conflict, notFound } from '../../errors';
import * as repo from '../../repositories/evaluate.repo';
import { newId, parseJson } from '../../util';
import { authorize, authorizeRead, type Ctx, requireActor } from '../context';
import { audit, candidatesFor, isUniqueViolation, pickProgramme, programmeFor, requireAmong } from './common';

type Page = z.infer<typeof OversightPageSchema>;

const projectSubject = (ownerOrgId: string, flags: string) => ({
  ownerOrgId,
  unitIds: [] as string[],
  keySupervision: parseJson<string[]>(flags, []).includes('key_supervision'),
});

/** The oversight page: the deputy's groups (the office: every group) with approved progress, opinions, answers. */
export async function getOversight(ctx: Ctx, programmeId?: string): Promise<Page> {
  requireActor(ctx);
  const { programmes, programme } = await pickProgramme(ctx, 'oversight:read', programmeId);
  const list = programmes.map((p) => ({ id: p.id, name: p.name }));
  if (!programme)
    return {
      programmes: list,
      programme: null,
      abilities: { opine: false, manage: false },
      groups: [],
      opinions: [],
      unanswered: 0,
      candidates: null,
    };
  const owner = { ownerOrgId: programme.ownerOrgId };
  const manage = can(ctx.actor, 'oversight:manage', owner);
  const opine = can(ctx.actor, 'oversight:opine', owner);
  // The office and the leaders see every group and opinion; a deputy their own groups and opinions.
  const staff = can(ctx.actor, 'report:readInternal', owner);
  const allGroups = await repo.findGroups(ctx.db, programme.id);
  const members = await repo.findGroupMembers(
    ctx.db,
    allGroups.map((g) => g.id),
  );
  const mine = new Set(members.filter((m) => m.userId === ctx.actor.id).map((m) => m.groupId));
  const groups = staff ? allGroups : allGroups.filter((g) => mine.has(g.id));
  const followed = await repo.findGroupProjects(
    ctx.db,
    groups.map((g) => g.id),
  );
  const projects = await repo.findProgrammeProjects(ctx.db, programme.id);
  const byId = new Map(projects.map((p) => [p.id, p]));
  // What a deputy may read of a project: key-supervision projects only, approved or published content only.
  const readable = (id: string) => {
    const p = byId.get(id);
    return p !== undefined && can(ctx.actor, 'project:read', projectSubject(programme.ownerOrgId, p.flags));
  };
  const reports = await repo.findProgrammeVisibleReports(ctx.db, programme.id);
  const latestOf = (projectId: string) => {
    const perUnit = new Map<string, typeof reports>();
    for (const r of reports) if (r.projectId === projectId) perUnit.set(r.orgId, [...(perUnit.get(r.orgId) ?? []), r]);
    return [...perUnit.values()].flatMap((rows) => {
      const asOf = rows
        .map((r) => r.asOf)
        .sort()
        .at(-1);
      const v = latestVisible(rows.filter((r) => r.asOf === asOf));
      return v
        ? [
            {
              roundName: v.roundName,
              asOf: v.asOf,
              unit: v.unit,
              status: v.status,
              progress: v.progressText,
              computedStatus: v.computedStatus,
              light: v.light,
              completionRatio: v.completionRatio,
            },
          ]
        : [];
    });
  };
  const opinions = await repo.findOpinions(ctx.db, programme.id, staff ? undefined : ctx.actor.id);
  const answers = await repo.findAnswers(
    ctx.db,
    opinions.map((o) => o.id),
  );
  const answersOf = (id: string) =>
    answers
      .filter((a) => a.opinionId === id)
      .map((a) => ({ seq: a.seq, text: a.text, by: a.answeredByName ?? '', at: a.createdAt }));
  return {
    programmes: list,
    programme: { id: programme.id, name: programme.name, year: programme.year },
    abilities: { opine, manage },
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: members.filter((m) => m.groupId === g.id).map((m) => ({ id: m.userId, name: m.displayName })),
      projects: followed
        .filter((f) => f.groupId === g.id && readable(f.projectId))
        .map((f) => byId.get(f.projectId)!)
        .sort((a, b) => (a.matterSeq ?? a.seq) - (b.matterSeq ?? b.seq) || a.seq - b.seq)
        .map((p) => ({
          id: p.id,
          code: p.code,
          name: p.name,
          annualTarget: p.annualTargetText,
          latest: latestOf(p.id),
        })),
    })),
    opinions: opinions.map((o) => ({
      id: o.id,
      projectId: o.projectId,
      code: o.code,
      projectName: o.projectName,
      groupName: o.groupName ?? null,
      author: o.authorName,
      text: o.text,
      at: o.createdAt,
      answers: answersOf(o.id),
    })),
    unanswered: opinions.filter((o) => !answers.some((a) => a.opinionId === o.id)).length,
    candidates: manage
      ? {
          deputies: await candidatesFor(ctx, 'oversight:opine', programme),
          projects: projects
            .filter((p) => p.keySupervision === 1)
            .map((p) => ({ id: p.id, code: p.code, name: p.name })),
        }
      : null,
  };
}

/** Set up an oversight group: deputies who may oversee the programme, its key-supervision projects. */
export async function createOversightGroup(ctx: Ctx, input: z.infer<typeof CreateOversightGroupSchema>) {
  const programme = await programmeFor(ctx, 'oversight:manage', input.programmeId);
  authorize(ctx, 'oversight:manage', { ownerOrgId: programme.ownerOrgId });
  const deputies = await candidatesFor(ctx, 'oversight:opine', programme);
  requireAmong(input.memberIds, new Set(deputies.map((d) => d.id)), '成员（须为该计划所属政府的人大代表账号）');
  const projects = await repo.findProgrammeProjects(ctx.db, programme.id);
  requireAmong(
    input.projectIds,
    new Set(projects.filter((p) => p.keySupervision === 1).map((p) => p.id)),
    '项目（须为本计划的人大重点监督项目）',
  );
  if (await repo.findGroupByName(ctx.db, programme.id, input.name))
    throw conflict(`本计划已有名为“${input.name}”的监督小组`);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertGroup(
      trx,
      { id, programmeId: programme.id, name: input.name, createdBy: ctx.actor!.id, createdAt: ctx.now().toISOString() },
      input.memberIds,
      input.projectIds,
    );
    await audit(trx, ctx, 'oversight.group', 'oversight_group', id, {
      name: input.name,
      members: input.memberIds.length,
      projects: input.projectIds.length,
    });
  });
  return { id };
}

/** A deputy's 督办建议 on a key-supervision project they may read. */
export async function createOpinion(ctx: Ctx, input: z.infer<typeof CreateOpinionSchema>) {
  requireActor(ctx);
  const p = await repo.findProjectOwner(ctx.db, input.projectId);
  if (!p) throw notFound('项目');
  authorizeRead(ctx, 'project:read', projectSubject(p.ownerOrgId, p.flags), '项目');
  authorize(ctx, 'oversight:opine', { ownerOrgId: p.ownerOrgId });
  const groups = await repo.findGroups(ctx.db, p.programmeId);
  const followed = await repo.findGroupProjects(
    ctx.db,
    groups.map((g) => g.id),
  );
  const members = await repo.findGroupMembers(
    ctx.db,
    groups.map((g) => g.id),
  );
  const groupId =
    groups.find(
      (g) =>
        members.some((m) => m.groupId === g.id && m.userId === ctx.actor.id) &&
        followed.some((f) => f.groupId === g.id && f.projectId === p.id),
    )?.id ?? null;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertOpinion(trx, {
      id,
      programmeId: p.programmeId,
      projectId: p.id,
      groupId,
      authorId: ctx.actor.id,
      authorName: ctx.actor.displayName,
      text: input.text,
      createdAt: ctx.now().toISOString(),
    });
    await audit(trx, ctx, 'oversight.opinion', 'oversight_opinion', id, { project: p.code, text: input.text });
  });
  return { id };
}

/** The office's answer to an opinion: a new numbered answer, never overwriting an earlier one. */
export async function answerOpinion(ctx: Ctx, opinionId: string, input: z.infer<typeof AnswerOpinionSchema>) {
  requireActor(ctx);
  const o = await repo.findOpinion(ctx.db, opinionId);
  if (!o) throw notFound('督办建议');
  const programme = await repo.findProgrammeRef(ctx.db, o.programmeId);
  if (!programme) throw notFound('督办建议');
  authorizeRead(ctx, 'oversight:read', { ownerOrgId: programme.ownerOrgId }, '督办建议');
  authorize(ctx, 'oversight:manage', { ownerOrgId: programme.ownerOrgId });
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const seq = await repo.nextAnswerSeq(trx, o.id);
      await repo.insertAnswer(trx, {
        id,
        opinionId: o.id,
        seq,
        text: input.text,
        answeredBy: ctx.actor.id,
        answeredByName: ctx.actor.displayName,
        createdAt: ctx.now().toISOString(),
      });
      await audit(trx, ctx, 'oversight.answer', 'oversight_opinion', o.id, { seq, text: input.text });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('该督办建议刚有人答复，请刷新后再试');
    throw e;
  }
  return { id };
}
