/** The calls of the notification centre and the chase board, built from the shared contract (contract/chase.ts). */
import { API, type ResponseOf } from '../../../../src/shared/contract';
import { call } from '../../api/client';

export type NotificationList = ResponseOf<typeof API.notifications>;
export type NotificationItem = NotificationList['items'][number];
export type ChaseBoard = ResponseOf<typeof API.chaseBoard>;
export type ChaseBoardUnit = ChaseBoard['units'][number];
export type ChaseResult = ResponseOf<typeof API.chaseRound>;

export const chaseApi = {
  notifications: (limit = 50) => call(API.notifications, { query: { limit } }),
  read: (id: string) => call(API.readNotification, { params: { id }, body: {} }),
  readAll: () => call(API.readAllNotifications, { body: {} }),
  board: (roundId: string) => call(API.chaseBoard, { params: { id: roundId } }),
  chase: (roundId: string, orgIds?: string[]) =>
    call(API.chaseRound, { params: { id: roundId }, body: orgIds ? { orgIds } : {} }),
};

/** Colours of a notification's level (Ant Design Tag colours). */
export const LEVEL_COLOURS: Record<string, string> = {
  info: 'default',
  blue: 'blue',
  yellow: 'gold',
  red: 'red',
  listed: 'magenta',
};

export const KIND_LABELS: Record<string, string> = {
  remind: '提醒',
  chase: '催办',
  escalate: '催办',
  supervision: '督办',
  info: '通知',
};

export type ChaseRulesView = ResponseOf<typeof API.chaseRules>;
export type ChaseRulesInput = ChaseRulesView['rules'];

export const chaseRulesApi = {
  get: (programmeId: string) => call(API.chaseRules, { params: { id: programmeId } }),
  set: (programmeId: string, body: ChaseRulesInput) => call(API.setChaseRules, { params: { id: programmeId }, body }),
};
