/**
 * 满意度测评 (票决制, issue 12 §3): the office sets a vote up (projects, eligible accounts, opening and closing time);
 * each eligible person rates each project once (满意 / 基本满意 / 不满意) while it is open — a rating cannot be changed
 * once submitted; results per project (counts, 满意率, 满意 share) once it has closed.
 *
 * Secrecy: `vote_voters` records who has rated which project (the one-vote rule is its primary key), `vote_tallies`
 * only counts per project and rating; both are written in one transaction and nothing stores which rating a person
 * chose. The API answers counts only; the audit log records that someone voted, never how.
 */
import type { z } from 'zod';
import { resultOf, voteState } from '../../../domain/evaluate/votes';
import { can } from '../../../domain/policies/policies';
import {
  type CastBallotSchema,
  type CreateVoteSchema,
  RATINGS,
  type VoteDetailSchema,
  type VoteListSchema,
} from '../../../shared/contract/evaluate';
import { AppError, conflict, forbidden, notFound } from '../../errors';
import * as repo from '../../repositories/evaluate.repo';
import { newId } from '../../util';
import { authorize, type Ctx, requireActor } from '../context';
import { audit, candidatesFor, isUniqueViolation, programmeFor, programmesFor, requireAmong } from './common';

type VoteList = z.infer<typeof VoteListSchema>;
type VoteDetail = z.infer<typeof VoteDetailSchema>;
type VoteRow = Awaited<ReturnType<typeof repo.findVotesOfVoter>>[number];

async function coreOf(ctx: Ctx, votes: VoteRow[]) {
  const ids = votes.map((v) => v.id);
  const [eligible, voters] = await Promise.all([repo.countEligible(ctx.db, ids), repo.countVoters(ctx.db, ids)]);
  const projects = await Promise.all(ids.map((id) => repo.findVoteProjects(ctx.db, id)));
  return votes.map((v, i) => ({
    id: v.id,
    programmeId: v.programmeId,
    programme: v.programme,
    title: v.title,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    state: voteState(v, ctx.now()),
    projects: projects[i]!.length,
    eligible: Number(eligible.find((e) => e.voteId === v.id)?.n ?? 0),
    voted: Number(voters.find((e) => e.voteId === v.id)?.n ?? 0),
  }));
}

/** The votes the actor runs (the office) or may vote in (eligible deputies and representatives). */
export async function listVotes(ctx: Ctx): Promise<VoteList> {
  requireActor(ctx);
  const managed = await programmesFor(ctx, 'vote:manage');
  const own = (await repo.findVotesOfVoter(ctx.db, ctx.actor.id)).filter((v) =>
    can(ctx.actor, 'vote:cast', { ownerOrgId: v.ownerOrgId }),
  );
  const run = await repo.findVotesOfProgrammes(
    ctx.db,
    managed.map((p) => p.id),
  );
  const all = [...run, ...own.filter((v) => !run.some((r) => r.id === v.id))];
  const cores = await coreOf(ctx, all);
  const votes = await Promise.all(
    cores.map(async (c) => {
      const eligible = own.some((v) => v.id === c.id);
      const rated = eligible ? await repo.findRatedProjects(ctx.db, c.id, ctx.actor.id) : [];
      return { ...c, mine: { eligible, done: eligible && rated.length >= c.projects } };
    }),
  );
  const setup = managed.length
    ? await Promise.all(
        managed.map(async (p) => ({
          id: p.id,
          name: p.name,
          projects: (await repo.findProgrammeProjects(ctx.db, p.id))
            .sort((a, b) => (a.matterSeq ?? a.seq) - (b.matterSeq ?? b.seq) || a.seq - b.seq)
            .map((x) => ({ id: x.id, code: x.code, name: x.name })),
          voters: await candidatesFor(ctx, 'vote:cast', p),
        })),
      )
    : null;
  return { votes, abilities: { manage: managed.length > 0 }, setup };
}

/** Set up a vote: the programme's projects, eligible accounts of its government, a time window. */
export async function createVote(ctx: Ctx, input: z.infer<typeof CreateVoteSchema>) {
  const programme = await programmeFor(ctx, 'vote:manage', input.programmeId);
  authorize(ctx, 'vote:manage', { ownerOrgId: programme.ownerOrgId });
  if (input.closesAt <= ctx.now().toISOString()) throw new AppError('VALIDATION', '截止时间应晚于当前时间');
  const projects = await repo.findProgrammeProjects(ctx.db, programme.id);
  requireAmong(input.projectIds, new Set(projects.map((p) => p.id)), '项目（须为本计划的项目）');
  const voters = await candidatesFor(ctx, 'vote:cast', programme);
  requireAmong(
    input.voterIds,
    new Set(voters.map((v) => v.id)),
    '投票人（须为该计划所属政府的人大代表或群众代表账号）',
  );
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertVote(
      trx,
      {
        id,
        programmeId: programme.id,
        title: input.title,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        createdBy: ctx.actor!.id,
        createdAt: ctx.now().toISOString(),
      },
      input.projectIds,
      input.voterIds,
      RATINGS,
    );
    await audit(trx, ctx, 'vote.create', 'vote', id, {
      title: input.title,
      projects: input.projectIds.length,
      voters: input.voterIds.length,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
    });
  });
  return { id };
}

/** A vote as the actor may see it: 404 unless they run it or may vote in it. */
async function loadVote(ctx: Ctx, id: string) {
  requireActor(ctx);
  const v = await repo.findVote(ctx.db, id);
  if (!v) throw notFound('满意度测评');
  const programme = await repo.findProgrammeRef(ctx.db, v.programmeId);
  if (!programme) throw notFound('满意度测评');
  const owner = { ownerOrgId: programme.ownerOrgId };
  const manage = can(ctx.actor, 'vote:manage', owner);
  const eligible = can(ctx.actor, 'vote:cast', owner) && (await repo.isEligible(ctx.db, id, ctx.actor.id));
  if (!manage && !eligible) throw notFound('满意度测评');
  return { v: { ...v, programme: programme.name, ownerOrgId: programme.ownerOrgId }, manage, eligible };
}

/** The voting form (eligible) or the results (after closing): counts only, never a ballot or a voter. */
export async function getVote(ctx: Ctx, id: string): Promise<VoteDetail> {
  const { v, manage, eligible } = await loadVote(ctx, id);
  const [core] = await coreOf(ctx, [v]);
  const projects = await repo.findVoteProjects(ctx.db, id);
  const rated = eligible ? await repo.findRatedProjects(ctx.db, id, ctx.actor!.id) : [];
  const closed = core!.state === 'closed';
  const tallies = closed ? await repo.findTallies(ctx.db, id) : [];
  return {
    vote: core!,
    projects: projects.map((p) => ({ id: p.id, code: p.code, name: p.name, annualTarget: p.annualTargetText })),
    mine: { eligible, rated },
    abilities: { manage, cast: eligible && core!.state === 'open' && rated.length < projects.length },
    results: closed
      ? projects.map((p) => ({
          projectId: p.id,
          code: p.code,
          name: p.name,
          ...resultOf(tallies.filter((t) => t.projectId === p.id)),
        }))
      : null,
  };
}

/** Rate projects of an open vote, once each: a project already rated by this person is refused (409). */
export async function castBallot(ctx: Ctx, id: string, input: z.infer<typeof CastBallotSchema>): Promise<VoteDetail> {
  const { v, eligible } = await loadVote(ctx, id);
  if (!eligible) throw forbidden('您不在本次测评的投票人名单中');
  const state = voteState(v, ctx.now());
  if (state === 'upcoming') throw new AppError('CONFLICT', '本次测评尚未开始');
  if (state === 'closed') throw new AppError('CONFLICT', '本次测评已截止，不能再投票');
  const projects = await repo.findVoteProjects(ctx.db, id);
  requireAmong(
    input.ratings.map((r) => r.projectId),
    new Set(projects.map((p) => p.id)),
    '项目（不在本次测评中）',
  );
  const rated = new Set(await repo.findRatedProjects(ctx.db, id, ctx.actor!.id));
  if (input.ratings.some((r) => rated.has(r.projectId))) throw conflict('已评价过的项目不能更改');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.castBallot(trx, id, ctx.actor!.id, input.ratings);
      // That someone voted, and on how many projects — never how.
      await audit(trx, ctx, 'vote.cast', 'vote', id, { projects: input.ratings.length });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('已评价过的项目不能更改');
    throw e;
  }
  return getVote(ctx, id);
}
