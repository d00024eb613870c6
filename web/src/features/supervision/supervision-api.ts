/** 督办 calls, built from the shared contract (src/shared/contract/supervision.ts). */
import { API, urlOf } from '../../../../src/shared/contract';
import type { CreateSupervisionInput } from '../../../../src/shared/contract/supervision';
import { call } from '../../api/client';

export type SupervisionFilter = {
  programmeId?: string;
  projectId?: string;
  orgId?: string;
  level?: 'yellow' | 'red' | 'listed';
  status?: 'open' | 'responded' | 'closed';
};

export const supervisionApi = {
  list: (query: SupervisionFilter = {}) => call(API.supervisions, { query }),
  get: (id: string) => call(API.supervision, { params: { id } }),
  raise: (body: CreateSupervisionInput) => call(API.raiseSupervision, { body }),
  respond: (id: string, version: number, measures: string, completionDate: string) =>
    call(API.respondSupervision, { params: { id }, body: { version, measures, completionDate } }),
  reject: (id: string, version: number, reason: string) =>
    call(API.rejectSupervision, { params: { id }, body: { version, reason } }),
  close: (id: string, version: number, note?: string) =>
    call(API.closeSupervision, { params: { id }, body: { version, ...(note ? { note } : {}) } }),
};

/** The 督办单 of a record (.docx download). */
export const supervisionDocxUrl = (id: string) => urlOf(API.supervisionRecordDocx, { id });
