/** Building blocks shared by the per-resource contract files. */
import { z } from 'zod';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `{ id }` path parameters. A malformed id answers 404 "…不存在或无权访问" like an unknown one (the server maps a
 * params validation failure to NOT_FOUND with this message), so ids cannot be probed.
 */
export const idParams = (what: string) =>
  z.strictObject({ id: z.string().regex(ID, `${what}不存在或无权访问`).describe(`${what} id`) });

/** `{ ok: true }`. */
export const OkSchema = z.object({ ok: z.boolean() });

/** A request without a body (state-changing POSTs such as logout or publish): nothing or `{}`. */
export const EmptyBodySchema = z.strictObject({});

/** ISO-8601 timestamp or YYYY-MM-DD date as text. */
export const isoText = z.string();

/** A reporting round as other answers name it. */
export const RoundRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  asOf: z.string(),
  dueDate: z.string(),
});

/** A project as the report page and the project page show it: code, name, target, tags and units in roles. */
/** An indicator as every view lists it: name, kind, unit and the annual target (text and number). */
export const IndicatorCoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  unit: z.string(),
  targetText: z.string(),
  targetValue: z.number().nullable(),
});

export const ProjectCoreSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  annualTarget: z.string(),
  levels: z.array(z.string()),
  flags: z.array(z.string()),
  type: z.string(),
  matter: z.string().nullable(),
  leadUnits: z.array(z.string()),
  assistUnits: z.array(z.string()),
  cohostUnits: z.array(z.string()),
});

/** A programme's schedule settings as stored: 序时进度 plan, traffic-light bands, late submissions. */
export const ProgrammeScheduleSchema = z.object({
  mode: z.enum(['linear', 'monthly', 'quarterly', 'deadline']),
  yellowBandPoints: z.number(),
  redBelowShareOfSchedule: z.number().nullable(),
  monthlyPoints: z.array(z.number()).nullable().optional(),
  quarterlyPoints: z.array(z.number()).nullable().optional(),
  deadline: z.string().nullable().optional(),
  /** Submissions after a round's due date: accepted and marked late (allow), or refused. */
  lateSubmission: z.enum(['allow', 'refuse']).optional(),
});
