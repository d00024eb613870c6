/**
 * Reminders benchmark (issue 11 §4): 90 units × 150 projects with a due date passing.
 *
 *   npx tsx bench/reminders.bench.ts
 *
 * Prints (1) the time of the pure evaluation (domain/chase/evaluate) on a programme where every one of 90 units reports
 * on each of 150 projects (13,500 reports a round, four quarterly rounds, two of them lagging — target < 1 s), and
 * (2) the whole run on a SQLite file (services/chase/run: load, evaluate, one transaction inserting every notification
 * and raising the 督办 records, channel deliveries queued) the day after the due date and five days after it, for a
 * programme of 150 projects with three lead units each among 90 units.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChaseReport, type ChaseRound, type ChaseState, evaluate } from '../src/domain/chase/evaluate';
import { DEFAULT_CHASE_RULES } from '../src/domain/chase/rules';
import type { Dataset } from '../src/domain/model/dataset';
import { DEFAULT_SCHEDULE_SETTINGS } from '../src/domain/model/types';
import { openDb } from '../src/server/db/connect';
import { runChase } from '../src/server/services/chase/run';
import { seedDataset } from '../src/server/services/seed-dataset';

const UNITS = 90;
const PROJECTS = 150;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function memoryReport(qi: number, p: number, u: number, dueDate: string, closed: boolean): ChaseReport {
  const lagging = (p + u) % 2 === 0;
  const handedIn = closed || (p * 7 + u) % 3 === 0;
  const assessed = lagging ? '滞后' : '按序时推进';
  return {
    id: `r${qi}-${p}-${u}`,
    projectId: `p-${p}`,
    projectCode: `${p + 1}`,
    projectName: `项目${p + 1}`,
    orgId: `org-${u}`,
    status: handedIn ? 'submitted' : 'draft',
    versionNo: handedIn ? 2 : 0,
    submittedAt: handedIn ? `${dueDate}T02:00:00.000Z` : null,
    returnedAt: null,
    assessedStatus: handedIn ? assessed : null,
    gapPoints: lagging ? -12 : 2,
    contradicted: lagging && p % 5 === 0,
    lagAnalysisRequired: lagging,
    lagAnalysisPresent: p % 4 !== 0,
  };
}

function memoryState(): ChaseState {
  const units: ChaseState['units'] = {};
  for (let u = 0; u < UNITS; u++)
    units[`org-${u}`] = { name: `第${u + 1}街道`, reporters: [`u-${u}`, `u-${u}b`], leaders: [`l-${u}`] };
  const quarters = [
    ['2026-Q1', '2026-03-31', '2026-04-08', 'closed'],
    ['2026-Q2', '2026-06-30', '2026-07-08', 'closed'],
    ['2026-Q3', '2026-09-30', '2026-10-08', 'open'],
  ] as const;
  const rounds: ChaseRound[] = quarters.map(([periodKey, asOf, dueDate, status], qi) => {
    const reports: ChaseReport[] = [];
    for (let p = 0; p < PROJECTS; p++)
      for (let u = 0; u < UNITS; u++) reports.push(memoryReport(qi, p, u, dueDate, status === 'closed'));
    return { id: `round-${qi}`, name: `${periodKey}填报`, periodKey, asOf, dueDate, status, unitDueDates: {}, reports };
  });
  return { programmeId: 'prog', programmeName: '基准计划', units, rounds };
}

function benchEvaluate() {
  const state = memoryState();
  const reports = state.rounds.reduce((n, r) => n + r.reports.length, 0);
  const now = new Date('2026-10-09T02:00:00.000Z'); // the day after the due date, 10:00 Beijing time
  evaluate(DEFAULT_CHASE_RULES, state, now); // warm-up
  const times: number[] = [];
  let actions = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    actions = evaluate(DEFAULT_CHASE_RULES, state, now).length;
    times.push(ms(t0));
  }
  times.sort((a, b) => a - b);
  console.log(
    `evaluate：${UNITS} 个单位 × ${PROJECTS} 个项目（${reports} 条填报，3 期），截止日期次日：` +
      `${actions} 个动作，中位 ${times[2]!.toFixed(1)} ms，最慢 ${times[4]!.toFixed(1)} ms（目标 < 1000 ms）`,
  );
}

function dataset(): Dataset {
  const orgs: Dataset['organizations'] = [
    { id: 'gov', name: '基准区人民政府', shortName: null, kind: 'government', parentId: null, aliases: [] },
  ];
  const users: Dataset['users'] = [
    {
      id: 'u-sup',
      username: 'sup',
      displayName: '督查室',
      role: 'supervisor',
      unitIds: ['gov'],
      password: 'bench-pass-123',
    },
  ];
  for (let u = 0; u < UNITS; u++) {
    orgs.push({
      id: `org-${u}`,
      name: `第${u + 1}街道`,
      shortName: null,
      kind: 'street',
      parentId: 'gov',
      aliases: [],
    });
    users.push({
      id: `u-${u}`,
      username: `rep${u}`,
      displayName: `第${u + 1}街道填报员`,
      role: 'reporter',
      unitIds: [`org-${u}`],
      password: 'bench-pass-123',
    });
  }
  const projects: Dataset['projects'] = [];
  const projectUnits: Dataset['projectUnits'] = [];
  const reports: Dataset['reports'] = [];
  for (let p = 0; p < PROJECTS; p++) {
    projects.push({
      id: `p-${p}`,
      programmeId: 'prog',
      matterId: null,
      parentId: null,
      code: `${p + 1}`,
      name: `基准项目${p + 1}`,
      levels: ['区级'],
      flags: [],
      type: '工程类',
      annualTargetText: '建设10处。',
      seq: p + 1,
    });
    for (let k = 0; k < 3; k++) {
      const u = (p + k * 30) % UNITS;
      projectUnits.push({
        id: `pu-${p}-${k}`,
        projectId: `p-${p}`,
        orgId: `org-${u}`,
        role: 'lead',
        shareNote: '',
        seq: k + 1,
      });
      reports.push({
        id: `rep-${p}-${k}`,
        roundId: 'r-q3',
        projectId: `p-${p}`,
        orgId: `org-${u}`,
        status: (p + k) % 4 === 0 ? 'submitted' : 'draft',
        versionNo: 0,
        lastComment: null,
        submittedAt: null,
        approvedAt: null,
        updatedAt: '2026-09-30T00:00:00.000Z',
      });
    }
  }
  return {
    organizations: orgs,
    users,
    programmes: [
      {
        id: 'prog',
        name: '基准区2026年民生实事',
        year: 2026,
        level: '区',
        ownerOrgId: 'gov',
        statusVocabulary: ['按计划推进', '滞后', '已完成'],
        schedule: DEFAULT_SCHEDULE_SETTINGS,
        status: 'active',
      },
    ],
    categories: [],
    matters: [],
    projects,
    projectUnits,
    indicators: [],
    periodTargets: [],
    targetVersions: [],
    rounds: [
      {
        id: 'r-q3',
        programmeId: 'prog',
        name: '2026年第三季度进展情况填报',
        periodType: 'quarter',
        periodKey: '2026-Q3',
        asOf: '2026-09-30',
        dueDate: '2026-10-08',
        columns: [],
        status: 'open',
      },
    ],
    reports,
    reportVersions: [],
  };
}

async function benchRun() {
  const dir = mkdtempSync(join(tmpdir(), 'shishi-reminders-bench-'));
  const handle = await openDb(join(dir, 'bench.sqlite'));
  try {
    await seedDataset(handle.db, dataset(), new Date('2026-09-29T00:00:00.000Z'));
    for (const [label, iso] of [
      ['截止日期次日（催办）', '2026-10-09T02:00:00.000Z'],
      ['逾期5天（催办 + 黄色督办单）', '2026-10-13T02:00:00.000Z'],
    ] as const) {
      const t0 = process.hrtime.bigint();
      const s = await runChase(handle.db, { now: new Date(iso), actorName: '基准测试' });
      const total = ms(t0);
      const t1 = process.hrtime.bigint();
      const again = await runChase(handle.db, { now: new Date(iso), actorName: '基准测试' });
      console.log(
        `整次运行（SQLite，${label}）：${s.actions.length} 个动作，${s.notifications} 条通知、${s.supervisions} 个督办记录、` +
          `${s.deliveries} 条外发在一个事务内写入，用时 ${total.toFixed(0)} ms；重复运行 ${ms(t1).toFixed(0)} ms，新通知 ${again.notifications} 条`,
      );
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

benchEvaluate();
await benchRun();
