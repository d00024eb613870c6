/** 人大监督意见、年终总结、满意度测评 (issue 12 §2–§3). */
import { z } from 'zod';
import { LIMITS } from '../limits';
import { idParams } from './common';
import { endpoint } from './endpoint';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const idOf = (what: string) => z.string({ message: `请选择${what}` }).regex(ID, `${what}不存在或无权访问`);
const text = (what: string, max: number = LIMITS.comment) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过${max}个字符`);
/** An ISO date-time (2026-12-01T09:00:00.000Z or with an offset); stored in UTC. */
const instant = (what: string) =>
  z
    .string({ message: `请填写${what}` })
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), `${what}不是有效的时间`)
    .transform((s) => new Date(s).toISOString());
const programmeQuery = z.strictObject({ programme: idOf('实事计划').optional() });

// ---- 人大监督: oversight groups, 督办建议 and answers ---------------------------------------------------------------

/** What a deputy sees of a project: its newest approved or published report (null: none yet). */
export const OversightProgressSchema = z.object({
  roundName: z.string(),
  asOf: z.string(),
  unit: z.string(),
  status: z.string(),
  progress: z.string(),
  computedStatus: z.string().nullable(),
  light: z.string().nullable(),
  completionRatio: z.number().nullable(),
});

export const OversightAnswerSchema = z.object({ seq: z.number(), text: z.string(), by: z.string(), at: z.string() });
export const OversightOpinionSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  code: z.string(),
  projectName: z.string(),
  groupName: z.string().nullable(),
  author: z.string(),
  text: z.string(),
  at: z.string(),
  /** Every answer, oldest first (a new answer never overwrites an earlier one). */
  answers: z.array(OversightAnswerSchema),
});

export const OversightPageSchema = z.object({
  programmes: z.array(z.object({ id: z.string(), name: z.string() })),
  programme: z.object({ id: z.string(), name: z.string(), year: z.number() }).nullable(),
  abilities: z.object({ opine: z.boolean(), manage: z.boolean() }),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      members: z.array(z.object({ id: z.string(), name: z.string() })),
      projects: z.array(
        z.object({
          id: z.string(),
          code: z.string(),
          name: z.string(),
          annualTarget: z.string(),
          latest: z.array(OversightProgressSchema),
        }),
      ),
    }),
  ),
  /** Deputies: their own opinions; the office: every opinion of the programme. */
  opinions: z.array(OversightOpinionSchema),
  /** Opinions without an answer yet. */
  unanswered: z.number(),
  /** For the office setting up groups: deputies who may join, key-supervision projects that may be followed. */
  candidates: z
    .object({
      deputies: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })),
      projects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    })
    .nullable(),
});

export const CreateOversightGroupSchema = z.strictObject({
  programmeId: idOf('实事计划'),
  name: text('小组名称', 50),
  memberIds: z.array(idOf('代表')).min(1, '请至少选择一名代表').max(200, '成员不能超过200人'),
  projectIds: z.array(idOf('项目')).min(1, '请至少选择一个重点监督项目').max(500, '项目不能超过500个'),
});
export const CreateOpinionSchema = z.strictObject({
  projectId: idOf('项目'),
  text: text('督办建议', 2000),
});
export const AnswerOpinionSchema = z.strictObject({ text: text('答复内容', 2000) });
export const CreatedSchema = z.object({ id: z.string() });

// ---- 年终总结 -------------------------------------------------------------------------------------------------------

export const YearEndQuerySchema = programmeQuery;

export const YearEndConfirmationSchema = z.object({
  seq: z.number(),
  completed: z.boolean(),
  computed: z.boolean().nullable(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
});

export const YearEndProjectSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  matter: z.string().nullable(),
  annualTarget: z.string(),
  keySupervision: z.boolean(),
  /** What the newest approved or published report of the year says (null: no approved report). */
  computed: z.boolean().nullable(),
  /** The reports the computation rests on. */
  basis: z
    .object({
      roundName: z.string(),
      asOf: z.string(),
      reports: z.array(
        z.object({
          unit: z.string(),
          status: z.string(),
          completed: z.boolean(),
          computedStatus: z.string().nullable(),
          completionRatio: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
  /** The office's confirmation in force (null: not confirmed yet) and every earlier one. */
  confirmation: YearEndConfirmationSchema.nullable(),
  history: z.array(YearEndConfirmationSchema),
  /** The answer in force: the office's when confirmed, else the computed one. */
  completed: z.boolean().nullable(),
  /** A later report (as of after 31 December) says it was completed. */
  finishedAfterYearEnd: z.object({ asOf: z.string(), roundName: z.string() }).nullable(),
});

const AnalysisRowSchema = z.object({
  reportId: z.string(),
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  status: z.string().nullable(),
  problems: z.string(),
  subjective: z.string(),
  objective: z.string(),
  plan: z.string(),
  expectedCompletion: z.string().nullable(),
  reasons: z.array(z.string()),
});

export const YearEndSchema = z.object({
  programmes: z.array(z.object({ id: z.string(), name: z.string() })),
  programme: z.object({ id: z.string(), name: z.string(), year: z.number() }).nullable(),
  /** The last round of the year (as of on or before 31 December) the analyses are compiled from. */
  yearEndRound: z.object({ id: z.string(), name: z.string(), asOf: z.string() }).nullable(),
  abilities: z.object({ confirm: z.boolean() }),
  projects: z.array(YearEndProjectSchema),
  counts: z.object({
    total: z.number(),
    completed: z.number(),
    notCompleted: z.number(),
    unknown: z.number(),
    confirmed: z.number(),
    finishedAfterYearEnd: z.number(),
  }),
  /** Lag analyses of the year-end round: every one written, and those required but not handed in. */
  analyses: z.object({ all: z.array(AnalysisRowSchema), missing: z.array(AnalysisRowSchema) }),
  targetChanges: z.array(
    z.object({
      projectId: z.string(),
      code: z.string(),
      name: z.string(),
      indicator: z.string(),
      version: z.number(),
      oldText: z.string(),
      newText: z.string(),
      reason: z.string(),
      approvedBy: z.string(),
      approvedAt: z.string(),
    }),
  ),
});

export const ConfirmYearEndSchema = z.strictObject({
  programmeId: idOf('实事计划'),
  projectId: idOf('项目'),
  completed: z.boolean({ message: '请选择是否完成年度目标' }),
  reason: z.string().trim().max(LIMITS.comment, `原因不能超过${LIMITS.comment}个字符`).optional().default(''),
});

// ---- 满意度测评 -----------------------------------------------------------------------------------------------------

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export const RATING_LABELS: Record<(typeof RATINGS)[number], string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};
export const VOTE_STATES = ['upcoming', 'open', 'closed'] as const;

const VoteCoreSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  programme: z.string(),
  title: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(VOTE_STATES),
  projects: z.number(),
  eligible: z.number(),
  /** People who have rated at least one project (a count, never who). */
  voted: z.number(),
});

export const VoteListSchema = z.object({
  votes: z.array(
    VoteCoreSchema.extend({
      /** The current user may vote in it, and has rated every project. */
      mine: z.object({ eligible: z.boolean(), done: z.boolean() }),
    }),
  ),
  abilities: z.object({ manage: z.boolean() }),
  /** For the office setting up a vote: its programmes, their projects and who may vote. */
  setup: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        projects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
        voters: z.array(z.object({ id: z.string(), name: z.string(), username: z.string() })),
      }),
    )
    .nullable(),
});

export const CreateVoteSchema = z
  .strictObject({
    programmeId: idOf('实事计划'),
    title: text('测评名称', 100),
    projectIds: z.array(idOf('项目')).min(1, '请至少选择一个项目').max(500, '项目不能超过500个'),
    voterIds: z.array(idOf('投票人')).min(1, '请至少选择一名投票人').max(2000, '投票人不能超过2000人'),
    opensAt: instant('开始时间'),
    closesAt: instant('截止时间'),
  })
  .refine((v) => v.closesAt > v.opensAt, { message: '截止时间应晚于开始时间', path: ['closesAt'] });

export const VoteResultSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  total: z.number(),
  /** 满意率 = (满意 + 基本满意) / 总票数 (null: no votes). */
  satisfactionRate: z.number().nullable(),
  /** 满意 / 总票数. */
  satisfiedShare: z.number().nullable(),
});

export const VoteDetailSchema = z.object({
  vote: VoteCoreSchema,
  projects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), annualTarget: z.string() })),
  /** The current user's part: may they vote, which projects they have already rated (not how). */
  mine: z.object({ eligible: z.boolean(), rated: z.array(z.string()) }),
  abilities: z.object({ manage: z.boolean(), cast: z.boolean() }),
  /** Results per project, once the vote has closed (null before). Counts only: no ballot, no voter. */
  results: z.array(VoteResultSchema).nullable(),
});

export const CastBallotSchema = z.strictObject({
  ratings: z
    .array(
      z.strictObject({
        projectId: idOf('项目'),
        rating: z.enum(RATINGS, { message: '评价应为满意、基本满意或不满意' }),
      }),
    )
    .min(1, '请至少评价一个项目')
    .max(500, '评价不能超过500项')
    .refine((r) => new Set(r.map((x) => x.projectId)).size === r.length, '同一项目只能评价一次'),
});

export const XLSX_FILE_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const EVALUATE_ENDPOINTS = {
  oversight: endpoint({
    method: 'GET',
    path: '/api/oversight',
    summary: '人大监督：监督小组、重点监督项目的已审核进展、督办建议与答复',
    tag: 'evaluate',
    query: programmeQuery,
    response: OversightPageSchema,
  }),
  createOversightGroup: endpoint({
    method: 'POST',
    path: '/api/oversight/groups',
    summary: '设立人大监督小组（成员与跟踪的重点监督项目）',
    tag: 'evaluate',
    body: CreateOversightGroupSchema,
    response: CreatedSchema,
    status: 201,
  }),
  createOpinion: endpoint({
    method: 'POST',
    path: '/api/oversight/opinions',
    summary: '提出督办建议（人大代表）',
    tag: 'evaluate',
    body: CreateOpinionSchema,
    response: CreatedSchema,
    status: 201,
  }),
  answerOpinion: endpoint({
    method: 'POST',
    path: '/api/oversight/opinions/:id/answers',
    summary: '答复督办建议（督查室；每次答复另存，不覆盖）',
    tag: 'evaluate',
    params: idParams('督办建议'),
    body: AnswerOpinionSchema,
    response: CreatedSchema,
    status: 201,
  }),
  yearEnd: endpoint({
    method: 'GET',
    path: '/api/year-end',
    summary: '年终总结：是否完成年度目标、跨年完成、滞后分析汇编、目标调整',
    tag: 'evaluate',
    query: YearEndQuerySchema,
    response: YearEndSchema,
  }),
  confirmYearEnd: endpoint({
    method: 'POST',
    path: '/api/year-end/confirm',
    summary: '确认或更正是否完成年度目标（与计算结果不同时须写明原因）',
    tag: 'evaluate',
    body: ConfirmYearEndSchema,
    response: YearEndSchema,
  }),
  yearEndXlsx: endpoint({
    method: 'GET',
    path: '/api/year-end.xlsx',
    summary: '导出年终总结清单（.xlsx）',
    tag: 'evaluate',
    query: YearEndQuerySchema,
    response: z.string().meta({ format: 'binary', description: '年终总结清单（.xlsx）' }),
    file: XLSX_FILE_TYPE,
  }),
  votes: endpoint({
    method: 'GET',
    path: '/api/votes',
    summary: '满意度测评列表（督查室设立；代表投票）',
    tag: 'evaluate',
    response: VoteListSchema,
  }),
  createVote: endpoint({
    method: 'POST',
    path: '/api/votes',
    summary: '设立满意度测评（项目、投票人、起止时间）',
    tag: 'evaluate',
    body: CreateVoteSchema,
    response: CreatedSchema,
    status: 201,
  }),
  vote: endpoint({
    method: 'GET',
    path: '/api/votes/:id',
    summary: '一次满意度测评：投票表或结果（结果仅在截止后，只有票数）',
    tag: 'evaluate',
    params: idParams('满意度测评'),
    response: VoteDetailSchema,
  }),
  castBallot: endpoint({
    method: 'POST',
    path: '/api/votes/:id/ballot',
    summary: '投票（每人每个项目一票，提交后不能更改）',
    tag: 'evaluate',
    params: idParams('满意度测评'),
    body: CastBallotSchema,
    response: VoteDetailSchema,
  }),
} as const;
