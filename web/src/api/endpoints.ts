/**
 * Typed API calls, built from the shared contract (src/shared/contract): each call names an endpoint there, so its
 * URL, body and answer types are the server's own — there is no hand-kept list of URLs or response types here.
 */
import { API, type ResponseOf, urlOf } from '../../../src/shared/contract';
import type { AuditExportQuery, AuditListQuery } from '../../../src/shared/contract/audit';
import type { EvaluationRulesInput } from '../../../src/shared/contract/dashboard';
import type {
  CorrectionInputSchema,
  DisclosureSettingsInputSchema,
  PublishChoiceSchema,
} from '../../../src/shared/contract/disclosure';
import type { ReturnWithCommentsInput, SaveAnalysisInput } from '../../../src/shared/contract/reports';
import type { RolloverInput, RolloverPreviewInput } from '../../../src/shared/contract/rollover';
import type {
  BulkApproveInput,
  CreateRoundSchema,
  ExtendRoundInput,
  ReopenUnitInput,
} from '../../../src/shared/contract/rounds';
import type { ScheduleSettingsInput } from '../../../src/shared/schedule-schema';
import type {
  AdjustTargetInput,
  ChangePasswordInput,
  ImportOptions,
  LoginInput,
  OpenRoundInput,
  SaveReportInput,
} from '../../../src/shared/schemas';
import { call, requestForm, type UploadProgress } from './client';

export type {
  ImportCommitSummary,
  ImportPreviewResponse,
  ProgrammeSummary,
  PublicRound,
} from '../../../src/shared/api-types';

/** What is imported: an uploaded file, or text pasted from Word/WPS/Excel/a web page (HTML or plain text). */
export type ImportSource = { kind: 'file'; file: File } | { kind: 'paste'; text: string };

export type ImportCallOptions = { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal };

type ImportEndpoint = typeof API.importPreview | typeof API.importCommit;

/** Files go as multipart/form-data (field `file` + field `options` as JSON); pasted text as JSON `{text, options}`. */
function importCall<E extends ImportEndpoint>(
  e: E,
  source: ImportSource,
  options: ImportOptions,
  opts: ImportCallOptions,
): Promise<ResponseOf<E>> {
  if (source.kind === 'paste') {
    const input = { body: { text: source.text, options } };
    return call<ImportEndpoint>(e, input, opts.signal ? { signal: opts.signal } : {}) as Promise<ResponseOf<E>>;
  }
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  form.append('file', source.file, source.file.name);
  return requestForm<ResponseOf<E>>(urlOf(e), form, opts);
}

const open = { allow401: true } as const;

type CreateRoundInput = import('zod').input<typeof CreateRoundSchema>;
type ReturnWithCommentsBody = Omit<ReturnWithCommentsInput, 'comment'> & { comment?: string };

export const api = {
  login: (body: LoginInput) => call(API.login, { body }, open),
  logout: () => call(API.logout, { body: {} }, open),
  logoutEverywhere: () => call(API.logoutEverywhere, { body: {} }),
  me: () => call(API.me, {}, open),
  changePassword: (body: ChangePasswordInput) => call(API.changePassword, { body }),
  loginHistory: () => call(API.loginHistory, {}),

  securityAccounts: () => call(API.securityAccounts, {}),
  resetPassword: (userId: string) => call(API.resetPassword, { params: { id: userId }, body: {} }),
  lockAccount: (userId: string, locked: boolean) => call(API.lockAccount, { params: { id: userId }, body: { locked } }),
  endAccountSessions: (userId: string) => call(API.endAccountSessions, { params: { id: userId }, body: {} }),

  programmes: () => call(API.programmes, {}),
  rounds: (programmeId: string) => call(API.rounds, { params: { id: programmeId } }),
  setSchedule: (programmeId: string, body: ScheduleSettingsInput) =>
    call(API.programmeSchedule, { params: { id: programmeId }, body }),
  openRound: (body: OpenRoundInput) => call(API.openRound, { body }),
  table: (roundId: string) => call(API.table, { params: { id: roundId } }),
  /** 全市汇总 (issue 12 §4). */
  rollup: (query: { year?: number; period?: string }) => call(API.rollup, { query }),
  myReports: (roundId: string) => call(API.myReports, { params: { id: roundId } }),
  publish: (roundId: string) => call(API.publish, { params: { id: roundId }, body: {} }),
  closeRound: (roundId: string) => call(API.closeRound, { params: { id: roundId }, body: {} }),
  reopenRound: (roundId: string) => call(API.reopenRound, { params: { id: roundId }, body: {} }),

  project: (projectId: string) => call(API.project, { params: { id: projectId } }),
  rolloverPreview: (programmeId: string, body: RolloverPreviewInput) =>
    call(API.rolloverPreview, { params: { id: programmeId }, body }),
  rollover: (programmeId: string, body: RolloverInput) => call(API.rollover, { params: { id: programmeId }, body }),
  adjustTarget: (indicatorId: string, body: AdjustTargetInput) =>
    call(API.adjustTarget, { params: { id: indicatorId }, body }),

  report: (reportId: string) => call(API.report, { params: { id: reportId } }),
  saveReport: (reportId: string, body: SaveReportInput) => call(API.saveReport, { params: { id: reportId }, body }),
  submitReport: (reportId: string, baseVersion: number) =>
    call(API.submitReport, { params: { id: reportId }, body: { baseVersion } }),
  returnReport: (reportId: string, baseVersion: number, comment: string) =>
    call(API.returnReport, { params: { id: reportId }, body: { baseVersion, comment } }),
  approveReport: (reportId: string, baseVersion: number, comment?: string) =>
    call(API.approveReport, { params: { id: reportId }, body: comment ? { baseVersion, comment } : { baseVersion } }),

  // Rounds and review with full control (issue 10 §3)
  round: (roundId: string) => call(API.round, { params: { id: roundId } }),
  createRound: (body: CreateRoundInput) => call(API.openRound, { body }),
  startRound: (roundId: string) => call(API.startRound, { params: { id: roundId }, body: {} }),
  archiveRound: (roundId: string) => call(API.archiveRound, { params: { id: roundId }, body: {} }),
  extendRound: (roundId: string, body: ExtendRoundInput) => call(API.extendRound, { params: { id: roundId }, body }),
  reopenUnit: (roundId: string, body: ReopenUnitInput) => call(API.reopenUnit, { params: { id: roundId }, body }),
  bulkApprove: (roundId: string, body: BulkApproveInput) => call(API.bulkApprove, { params: { id: roundId }, body }),
  missingAnalyses: (roundId: string) => call(API.missingAnalyses, { params: { id: roundId } }),
  returnWithComments: (reportId: string, body: ReturnWithCommentsBody) =>
    call(API.returnReport, { params: { id: reportId }, body }),
  revokeApproval: (reportId: string, baseVersion: number, revokeReason: string) =>
    call(API.revokeApproval, { params: { id: reportId }, body: { baseVersion, revokeReason } }),
  reportDiff: (reportId: string, from?: number, to?: number) =>
    call(API.reportDiff, { params: { id: reportId }, query: { from, to } }),
  analysis: (reportId: string) => call(API.analysis, { params: { id: reportId } }),
  saveAnalysis: (reportId: string, body: SaveAnalysisInput) =>
    call(API.saveAnalysis, { params: { id: reportId }, body }),
  analysisAction: (reportId: string, action: 'submit' | 'return' | 'approve', baseVersion: number, comment?: string) =>
    action === 'submit'
      ? call(API.submitAnalysis, { params: { id: reportId }, body: { baseVersion } })
      : action === 'return'
        ? call(API.returnAnalysis, { params: { id: reportId }, body: { baseVersion, comment: comment ?? '' } })
        : call(API.approveAnalysis, {
            params: { id: reportId },
            body: comment ? { baseVersion, comment } : { baseVersion },
          }),
  myTasks: () => call(API.myTasks, {}),

  importPreview: (source: ImportSource, options: ImportOptions, opts: ImportCallOptions = {}) =>
    importCall(API.importPreview, source, options, opts),
  importCommit: (source: ImportSource, options: ImportOptions, opts: ImportCallOptions = {}) =>
    importCall(API.importCommit, source, options, opts),

  auditLog: (query: AuditListQuery) => call(API.auditLog, { query }),
  verifyAudit: () => call(API.auditVerify, {}),

  layouts: () => call(API.layouts, {}),
  documentPreview: (roundId: string, layout: string) =>
    call(API.roundDocumentPreview, { params: { id: roundId }, query: { layout } }),

  publicRounds: () => call(API.publicRounds, {}, open),
  publicTable: (roundId: string) => call(API.publicTable, { params: { id: roundId } }, open),

  // 领导总览、排名、考核 (issue 12 §1, §3)
  dashboard: (query: { programme?: string; round?: string }) => call(API.dashboard, { query }),
  dashboardTrends: (query: { programme?: string; by?: 'programme' | 'matter' | 'project'; id?: string }) =>
    call(API.dashboardTrends, { query }),
  ranking: (query: { programme?: string; round?: string; period?: 'round' | 'year' }) => call(API.ranking, { query }),
  scores: (programmeId: string) => call(API.scores, { params: { id: programmeId } }),
  setEvaluationRules: (programmeId: string, rules: EvaluationRulesInput | null) =>
    call(API.setEvaluationRules, { params: { id: programmeId }, body: { rules } }),

  // 政务公开 (issue 13 §1)
  disclosureOverview: (programmeId: string) => call(API.disclosureOverview, { params: { id: programmeId } }),
  disclosureSettingsSave: (programmeId: string, body: import('zod').input<typeof DisclosureSettingsInputSchema>) =>
    call(API.disclosureSettingsSave, { params: { id: programmeId }, body }),
  disclosurePublish: (roundId: string, body: import('zod').input<typeof PublishChoiceSchema>) =>
    call(API.disclosurePublish, { params: { id: roundId }, body }),
  disclosureCorrect: (publicationId: string, body: import('zod').input<typeof CorrectionInputSchema>) =>
    call(API.disclosureCorrect, { params: { id: publicationId }, body }),
  disclosureModerate: (commentId: string, decision: 'approved' | 'rejected') =>
    call(API.disclosureModerate, { params: { id: commentId }, body: { decision } }),
  publicPublication: (slug: string) => call(API.publicPublication, { params: { id: slug } }, open),

  // 人大监督, 年终总结, 满意度测评 (issue 12 §2–§3)
  oversight: (programme?: string) => call(API.oversight, { query: programme ? { programme } : {} }),
  createOversightGroup: (body: { programmeId: string; name: string; memberIds: string[]; projectIds: string[] }) =>
    call(API.createOversightGroup, { body }),
  createOpinion: (body: { projectId: string; text: string }) => call(API.createOpinion, { body }),
  answerOpinion: (opinionId: string, text: string) =>
    call(API.answerOpinion, { params: { id: opinionId }, body: { text } }),
  yearEnd: (programme?: string) => call(API.yearEnd, { query: programme ? { programme } : {} }),
  confirmYearEnd: (body: { programmeId: string; projectId: string; completed: boolean; reason?: string }) =>
    call(API.confirmYearEnd, { body }),
  votes: () => call(API.votes, {}),
  createVote: (body: import('zod').input<typeof import('../../../src/shared/contract/evaluate').CreateVoteSchema>) =>
    call(API.createVote, { body }),
  vote: (id: string) => call(API.vote, { params: { id } }),
  castBallot: (id: string, ratings: { projectId: string; rating: 'satisfied' | 'basic' | 'unsatisfied' }[]) =>
    call(API.castBallot, { params: { id }, body: { ratings } }),
};

/** The year-end list as .xlsx (a plain link: the browser downloads it with the cookie). */
export const yearEndXlsxUrl = (programme: string) => urlOf(API.yearEndXlsx, undefined, { programme });

/** The 考核 table of a programme (.xlsx). */
export const scoresXlsxUrl = (programmeId: string) => urlOf(API.scoresXlsx, { id: programmeId });

/** The official .xlsx of a round's consolidated table (a plain link: the browser downloads it with the cookie). */
export const xlsxUrl = (roundId: string) => urlOf(API.tableXlsx, { id: roundId });

/** The audit log as a file (CSV for Excel, or JSON Lines), filtered; a plain link, downloaded with the cookie. */
export const auditExportUrl = (query: AuditExportQuery) =>
  urlOf(API.auditExport, undefined, query as Record<string, string | undefined>);

/** A round's official document in a layout and format (a plain link: the browser downloads it with the cookie). */
export const documentUrl = (roundId: string, layout: string, format: 'docx' | 'xlsx' | 'pdf') =>
  urlOf(API.roundDocument, { id: roundId }, { layout, format });

/** The 通报 draft of a round (.docx). */
export const bulletinUrl = (roundId: string) => urlOf(API.bulletinDocx, { id: roundId });

/** The 督办单 of one lagging report (.docx). */
export const supervisionFormUrl = (roundId: string, reportId: string) =>
  urlOf(API.supervisionFormDocx, { id: roundId }, { report: reportId });
