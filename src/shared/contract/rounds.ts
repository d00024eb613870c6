/** Programmes and their reporting rounds: list, open, publish. */
import { z } from 'zod';
import { ProgrammeAbilitiesSchema, RoundAbilitiesSchema } from '../abilities';
import { ScheduleSettingsSchema } from '../schedule-schema';
import { OpenRoundSchema } from '../schemas';
import { EmptyBodySchema, idParams, ProgrammeScheduleSchema, RoundRefSchema } from './common';
import { endpoint } from './endpoint';

/** A programme's schedule settings in force: how 序时进度 is computed and the traffic-light bands. */

/** GET /api/programmes item. */
export const ProgrammeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  level: z.string(),
  owner: z.string(),
  statusVocabulary: z.array(z.string()),
  abilities: ProgrammeAbilitiesSchema,
  schedule: ProgrammeScheduleSchema,
});

export const RoundSummarySchema = RoundRefSchema.extend({
  programmeId: z.string(),
  status: z.string(),
  total: z.number(),
  handedIn: z.number(),
  abilities: RoundAbilitiesSchema,
});

export const PublishResultSchema = z.object({ published: z.number() });

/** PUT /api/programmes/:id/schedule answer: the settings now in force and the queued re-assessment. */
export const ScheduleResultSchema = z.object({
  schedule: ProgrammeScheduleSchema,
  reassessJobId: z.string(),
});

export const ROUND_ENDPOINTS = {
  programmes: endpoint({
    method: 'GET',
    path: '/api/programmes',
    summary: '实事计划列表',
    tag: 'rounds',
    response: z.array(ProgrammeSummarySchema),
  }),
  rounds: endpoint({
    method: 'GET',
    path: '/api/programmes/:id/rounds',
    summary: '实事计划的填报批次',
    tag: 'rounds',
    params: idParams('实事计划'),
    response: z.array(RoundSummarySchema),
  }),
  programmeSchedule: endpoint({
    method: 'PUT',
    path: '/api/programmes/:id/schedule',
    summary: '设置序时进度计划与红黄绿灯规则（随后在后台重新研判）',
    tag: 'rounds',
    params: idParams('实事计划'),
    body: ScheduleSettingsSchema,
    response: ScheduleResultSchema,
  }),
  openRound: endpoint({
    method: 'POST',
    path: '/api/rounds',
    summary: '开启填报批次',
    tag: 'rounds',
    body: OpenRoundSchema,
    response: RoundSummarySchema,
    status: 201,
  }),
  publish: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/publish',
    summary: '发布已审核的填报',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: PublishResultSchema,
  }),
  closeRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/close',
    summary: '关闭填报批次（不再接受填报、提交和退回；审核与发布照常）',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: RoundSummarySchema,
  }),
  reopenRound: endpoint({
    method: 'POST',
    path: '/api/rounds/:id/reopen',
    summary: '重新开启已关闭的填报批次',
    tag: 'rounds',
    params: idParams('填报批次'),
    body: EmptyBodySchema,
    response: RoundSummarySchema,
  }),
};
