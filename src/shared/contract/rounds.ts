/** Programmes and their reporting rounds: list, open, publish. */
import { z } from 'zod';
import { ProgrammeAbilitiesSchema, RoundAbilitiesSchema } from '../abilities';
import { OpenRoundSchema } from '../schemas';
import { EmptyBodySchema, idParams } from './common';
import { endpoint } from './endpoint';

/** GET /api/programmes item. */
export const ProgrammeSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number(),
  level: z.string(),
  owner: z.string(),
  statusVocabulary: z.array(z.string()),
  abilities: ProgrammeAbilitiesSchema,
});

export const RoundSummarySchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  name: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  dueDate: z.string(),
  status: z.string(),
  total: z.number(),
  handedIn: z.number(),
  abilities: RoundAbilitiesSchema,
});

export const PublishResultSchema = z.object({ published: z.number() });

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
};
