/** Typed API calls. Response shapes come from src/shared/api-types.ts. */
import type {
  ConsolidatedTable,
  ImportCommitSummary,
  ImportPreviewResponse,
  Me,
  MyReportItem,
  ProgrammeSummary,
  ProjectDetail,
  PublicRound,
  ReportDetail,
  RoundSummary,
} from '../../../src/shared/api-types';
import type {
  AdjustTargetInput,
  ImportOptions,
  LoginInput,
  OpenRoundInput,
  SaveReportInput,
} from '../../../src/shared/schemas';
import { request, requestForm, type UploadProgress } from './client';

export type {
  ImportCommitSummary,
  ImportPreviewResponse,
  ProgrammeSummary,
  PublicRound,
} from '../../../src/shared/api-types';

/** What is imported: an uploaded file, or text pasted from Word/WPS/Excel/a web page (HTML or plain text). */
export type ImportSource = { kind: 'file'; file: File } | { kind: 'paste'; text: string };

export type ImportCallOptions = { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal };

/** Files go as multipart/form-data (field `file` + field `options` as JSON); pasted text as JSON `{text, options}`. */
function importCall<T>(
  path: string,
  source: ImportSource,
  options: ImportOptions,
  call: ImportCallOptions,
): Promise<T> {
  if (source.kind === 'paste')
    return request<T>('POST', path, { text: source.text, options }, call.signal ? { signal: call.signal } : {});
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  form.append('file', source.file, source.file.name);
  return requestForm<T>(path, form, call);
}

const id = (s: string) => encodeURIComponent(s);

export const api = {
  login: (input: LoginInput) => request<Me>('POST', '/api/auth/login', input, { allow401: true }),
  logout: () => request<{ ok: boolean }>('POST', '/api/auth/logout', {}, { allow401: true }),
  me: () => request<Me>('GET', '/api/auth/me', undefined, { allow401: true }),

  programmes: () => request<ProgrammeSummary[]>('GET', '/api/programmes'),
  rounds: (programmeId: string) => request<RoundSummary[]>('GET', `/api/programmes/${id(programmeId)}/rounds`),
  openRound: (input: OpenRoundInput) => request<RoundSummary>('POST', '/api/rounds', input),
  table: (roundId: string) => request<ConsolidatedTable>('GET', `/api/rounds/${id(roundId)}/table`),
  myReports: (roundId: string) => request<MyReportItem[]>('GET', `/api/rounds/${id(roundId)}/my-reports`),
  publish: (roundId: string) => request<{ published: number }>('POST', `/api/rounds/${id(roundId)}/publish`, {}),

  project: (projectId: string) => request<ProjectDetail>('GET', `/api/projects/${id(projectId)}`),
  adjustTarget: (indicatorId: string, input: AdjustTargetInput) =>
    request<ProjectDetail>('POST', `/api/indicators/${id(indicatorId)}/adjust`, input),

  report: (reportId: string) => request<ReportDetail>('GET', `/api/reports/${id(reportId)}`),
  saveReport: (reportId: string, input: SaveReportInput) =>
    request<ReportDetail>('PUT', `/api/reports/${id(reportId)}`, input),
  submitReport: (reportId: string, baseVersion: number) =>
    request<ReportDetail>('POST', `/api/reports/${id(reportId)}/submit`, { baseVersion }),
  returnReport: (reportId: string, baseVersion: number, comment: string) =>
    request<ReportDetail>('POST', `/api/reports/${id(reportId)}/return`, { baseVersion, comment }),
  approveReport: (reportId: string, baseVersion: number, comment?: string) =>
    request<ReportDetail>(
      'POST',
      `/api/reports/${id(reportId)}/approve`,
      comment ? { baseVersion, comment } : { baseVersion },
    ),

  importPreview: (source: ImportSource, options: ImportOptions, call: ImportCallOptions = {}) =>
    importCall<ImportPreviewResponse>('/api/imports/preview', source, options, call),
  importCommit: (source: ImportSource, options: ImportOptions, call: ImportCallOptions = {}) =>
    importCall<ImportCommitSummary>('/api/imports/commit', source, options, call),

  publicRounds: () => request<PublicRound[]>('GET', '/api/public/rounds', undefined, { allow401: true }),
  publicTable: (roundId: string) =>
    request<ConsolidatedTable>('GET', `/api/public/rounds/${id(roundId)}/table`, undefined, { allow401: true }),
};

/** The official .xlsx of a round's consolidated table (a plain link: the browser downloads it with the cookie). */
export const xlsxUrl = (roundId: string) => `/api/rounds/${id(roundId)}/table.xlsx`;
