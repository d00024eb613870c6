/** A small fictional programme for tests: units A and B, a bureau, three projects (one shared by A and B), one past round. */
import type { Dataset } from '../../domain/model/dataset';
import { DEFAULT_SCHEDULE_SETTINGS } from '../../domain/model/types';

export const PASSWORD = 'test-pass-123';
const at = '2026-07-05T08:00:00.000Z';

export function smallDataset(): Dataset {
  const version = (id: string, reportId: string, n: number, action: string, status: 'draft' | 'submitted' | 'approved', by: string) => ({
    id,
    reportId,
    versionNo: n,
    status,
    action,
    progressText: '1.已完成施工招标。2.累计新增充电插口60个。',
    selfAssessment: '按计划推进',
    problems: '无',
    nextSteps: '1.9月底前完成主体施工。',
    targetAdjustmentNote: '',
    completedAnnualTarget: false,
    values: [{ indicatorId: 'ind-1', value: 60 }],
    lagAnalysis: null,
    comment: null,
    createdBy: by,
    createdAt: at,
  });
  return {
    organizations: [
      { id: 'gov', name: '测试区人民政府', shortName: '区政府', kind: 'government', parentId: null, aliases: [] },
      { id: 'org-a', name: '东湖街道', shortName: null, kind: 'street', parentId: 'gov', aliases: ['东湖街道办'] },
      { id: 'org-b', name: '西岭街道', shortName: null, kind: 'street', parentId: 'gov', aliases: [] },
      { id: 'org-c', name: '区民政局', shortName: null, kind: 'bureau', parentId: 'gov', aliases: ['民政局'] },
    ],
    users: [
      { id: 'u-sup', username: 'sup', displayName: '督查室张三', role: 'supervisor', unitIds: [], password: PASSWORD },
      { id: 'u-a', username: 'repa', displayName: '东湖填报员', role: 'reporter', unitIds: ['org-a'], password: PASSWORD },
      { id: 'u-b', username: 'repb', displayName: '西岭填报员', role: 'reporter', unitIds: ['org-b'], password: PASSWORD },
      { id: 'u-l', username: 'lead', displayName: '区领导', role: 'leader', unitIds: [], password: PASSWORD },
      { id: 'u-d', username: 'dep', displayName: '人大代表', role: 'deputy', unitIds: [], password: PASSWORD },
    ],
    programmes: [
      {
        id: 'prog',
        name: '测试区2026年民生实事',
        year: 2026,
        level: '区',
        ownerOrgId: 'gov',
        statusVocabulary: ['按计划推进', '滞后', '已完成'],
        schedule: DEFAULT_SCHEDULE_SETTINGS,
        status: 'active',
      },
    ],
    categories: [{ id: 'cat-1', programmeId: 'prog', seq: 1, name: '一、完善公共设施' }],
    matters: [
      { id: 'm-1', programmeId: 'prog', categoryId: 'cat-1', number: '11', title: '建设充电设施', goalText: '建设200个充电插口。', seq: 1 },
    ],
    projects: [
      { id: 'p-1', programmeId: 'prog', matterId: 'm-1', parentId: null, code: '11-1', name: '东湖街道充电设施建设', levels: ['区级'], flags: [], type: '工程类', annualTargetText: '建设120个充电插口。', seq: 1 },
      { id: 'p-2', programmeId: 'prog', matterId: 'm-1', parentId: null, code: '11-2', name: '西岭街道长者服务站', levels: ['区级'], flags: ['key_supervision'], type: '工程类', annualTargetText: '完工。', seq: 2 },
      { id: 'p-3', programmeId: 'prog', matterId: 'm-1', parentId: null, code: '11-3', name: '老旧小区电梯加装', levels: ['市级', '区级'], flags: [], type: '工程类', annualTargetText: '新增40台、完工20台', seq: 3 },
    ],
    projectUnits: [
      { id: 'pu-1', projectId: 'p-1', orgId: 'org-a', role: 'lead', shareNote: '', seq: 1 },
      { id: 'pu-2', projectId: 'p-2', orgId: 'org-b', role: 'lead', shareNote: '', seq: 1 },
      { id: 'pu-3', projectId: 'p-3', orgId: 'org-a', role: 'lead', shareNote: '新增20台', seq: 1 },
      { id: 'pu-4', projectId: 'p-3', orgId: 'org-b', role: 'lead', shareNote: '新增20台', seq: 2 },
      { id: 'pu-5', projectId: 'p-3', orgId: 'org-c', role: 'assist', shareNote: '', seq: 3 },
    ],
    indicators: [
      { id: 'ind-1', projectId: 'p-1', seq: 1, name: '充电插口', kind: 'quantity', unit: '个', targetText: '建设120个充电插口', targetValue: 120, deadline: null, orgId: null },
      { id: 'ind-2', projectId: 'p-2', seq: 1, name: '形象进度', kind: 'milestone', unit: '%', targetText: '完工', targetValue: 100, deadline: null, orgId: null },
      { id: 'ind-3a', projectId: 'p-3', seq: 1, name: '新增电梯（东湖）', kind: 'quantity', unit: '台', targetText: '新增20台', targetValue: 20, deadline: null, orgId: 'org-a' },
      { id: 'ind-3b', projectId: 'p-3', seq: 2, name: '新增电梯（西岭）', kind: 'quantity', unit: '台', targetText: '新增20台', targetValue: 20, deadline: null, orgId: 'org-b' },
    ],
    periodTargets: [
      { id: 'pt-1', projectId: 'p-1', indicatorId: 'ind-1', periodKey: '2026-Q3', targetText: '累计建设90个充电插口', targetValue: 90, cumulative: true },
      { id: 'pt-2', projectId: 'p-1', indicatorId: 'ind-1', periodKey: '2026-Q4', targetText: '累计建设120个充电插口', targetValue: 120, cumulative: true },
    ],
    targetVersions: [],
    rounds: [
      { id: 'r-q2', programmeId: 'prog', name: '2026年第二季度进展情况填报', periodType: 'quarter', periodKey: '2026-Q2', asOf: '2026-06-30', dueDate: '2026-07-05', columns: [], status: 'open' },
    ],
    reports: [
      { id: 'rep-q2-1', roundId: 'r-q2', projectId: 'p-1', orgId: 'org-a', status: 'approved', versionNo: 3, lastComment: null, submittedAt: at, approvedAt: at, updatedAt: at },
      { id: 'rep-q2-2', roundId: 'r-q2', projectId: 'p-2', orgId: 'org-b', status: 'submitted', versionNo: 2, lastComment: null, submittedAt: at, approvedAt: null, updatedAt: at },
    ],
    reportVersions: [
      version('v1', 'rep-q2-1', 1, 'save', 'draft', 'u-a'),
      version('v2', 'rep-q2-1', 2, 'submit', 'submitted', 'u-a'),
      version('v3', 'rep-q2-1', 3, 'approve', 'approved', 'u-sup'),
      { ...version('v4', 'rep-q2-2', 1, 'save', 'draft', 'u-b'), values: [] },
      { ...version('v5', 'rep-q2-2', 2, 'submit', 'submitted', 'u-b'), values: [] },
    ],
  };
}
