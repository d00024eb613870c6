/**
 * Response shapes of the HTTP API, shared by server presenters and the web client. Each is inferred from its zod
 * schema in shared/contract/ (the server serialises responses with those schemas), so the shapes are written once.
 */
import type { z } from 'zod';
import type { MeSchema } from './contract/auth';
import type { ImportCommitSummarySchema, ImportPreviewResponseSchema } from './contract/imports';
import type { ProjectDetailSchema } from './contract/projects';
import type { AssessmentFactsSchema, ReportDetailSchema, ScheduleSettingsWireSchema } from './contract/reports';
import type { ProgrammeSummarySchema, RoundSummarySchema } from './contract/rounds';
import type {
  ConsolidatedTableSchema,
  FindingSchema,
  MyReportItemSchema,
  PublicRoundSchema,
  TableRowSchema,
} from './contract/table';

export type Me = z.infer<typeof MeSchema>;
export type Finding = z.infer<typeof FindingSchema>;
/** One row of a round's consolidated table (one project × responsible unit). */
export type TableRow = z.infer<typeof TableRowSchema>;
export type ConsolidatedTable = z.infer<typeof ConsolidatedTableSchema>;
export type ReportDetail = z.infer<typeof ReportDetailSchema>;
/** The programme's schedule settings: how 序时进度 is computed and the traffic-light bands. */
export type ScheduleSettingsWire = z.infer<typeof ScheduleSettingsWireSchema>;
/** What a report is judged against apart from its own text. */
export type AssessmentFacts = z.infer<typeof AssessmentFactsSchema>;
export type MyReportItem = z.infer<typeof MyReportItemSchema>;
export type RoundSummary = z.infer<typeof RoundSummarySchema>;
/** A project across the year: its targets and every round's reports, judged. */
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;
/** GET /api/programmes item. */
export type ProgrammeSummary = z.infer<typeof ProgrammeSummarySchema>;
/** GET /api/public/rounds item: a round that has published rows. */
export type PublicRound = z.infer<typeof PublicRoundSchema>;
/** POST /api/imports/preview answer: the preview and the organisations unknown units can be mapped to. */
export type ImportPreviewResponse = z.infer<typeof ImportPreviewResponseSchema>;
/** POST /api/imports/commit answer. */
export type ImportCommitSummary = z.infer<typeof ImportCommitSummarySchema>;
