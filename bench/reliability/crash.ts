/**
 * Part 1 — kill -9 during save/submit bursts (issue 8 §4; security-reliability.md T57).
 *
 * The real server runs on a copy of the demo database. The office opens a new round; reporters (demo accounts) each
 * own a few reports of it and write concurrently: save a draft (a unique token in the progress text), submit, and the
 * office returns it (the token in the comment) so it can be saved again. At a random moment (0–2 s after the burst's
 * first acknowledged write) the server gets SIGKILL.
 * Then, before anything else touches the database:
 *   - SQLite: the file is opened read-only and `PRAGMA integrity_check` must say ok; PostgreSQL: amcheck on every
 *     btree index;
 *   - every write answered 2xx before the kill must be in report_versions with its version number, action and token;
 *   - every stored version must have its audit row (report + history + audit all present or all absent), and the
 *     report's current version number must be the newest stored version;
 *   - requests in flight at the kill (no answer) may or may not be stored: counted, never an error.
 * The server is restarted on the same database (restart time = spawn to the first healthy /api/health), each report is
 * read back over HTTP (its version must be at least the last acknowledged one), and the next burst starts.
 */

import { openReader, type Row } from './lib/db';
import { Client, errorOf, type HttpResult } from './lib/http';
import { demoDatabase, type Engine, Server, sleep } from './lib/server';

export type CrashOptions = { engine: Engine; crashes: number; writersPerReporter: number; random: () => number };

export type CrashFigures = {
  engine: Engine;
  crashes: number;
  acknowledged: number;
  lost: number;
  inFlight: number;
  inFlightStored: number;
  torn: number;
  integrityOk: number;
  integrityNotes: string[];
  restartMs: number[];
  firstStartMs: number;
  answers: Record<string, number>;
  serverErrors: string[];
};

type Action = 'save' | 'submit' | 'return';
type Write = { reportId: string; action: Action; token: string; versionNo: number };
type Slot = { reportId: string; owner: Client; version: number; status: string; saved: boolean };

const REPORTER_COUNT = 6;

type ReportAnswer = { report: { id: string; versionNo: number; status: string } };

class Burst {
  killing = false;
  acked: Write[] = [];
  inFlight: Write[] = [];
  answers: Record<string, number> = {};
  serverErrors: string[] = [];
  /** Resolves at the burst's first acknowledged write (the kill comes after it, so that every burst writes). */
  readonly firstAck: Promise<void>;
  private acknowledge: () => void = () => {};
  private seq = 0;

  constructor(
    private readonly office: Client,
    private readonly label: string,
  ) {
    this.firstAck = new Promise((resolve) => {
      this.acknowledge = resolve;
    });
  }

  private token(): string {
    return `REL-${this.label}-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** The next write for a slot, by its state: save (or sometimes submit) a draft, return a submitted report. */
  private plan(slot: Slot, random: () => number): { client: Client; path: string; body: unknown; write: Write } {
    const token = this.token();
    const base = { reportId: slot.reportId, token, versionNo: 0 };
    if (slot.status === 'submitted')
      return {
        client: this.office,
        path: `/api/reports/${slot.reportId}/return`,
        body: { baseVersion: slot.version, comment: `退回重填 ${token}` },
        write: { ...base, action: 'return' },
      };
    if (slot.saved && random() < 0.3)
      return {
        client: slot.owner,
        path: `/api/reports/${slot.reportId}/submit`,
        body: { baseVersion: slot.version },
        write: { ...base, action: 'submit' },
      };
    return {
      client: slot.owner,
      path: `/api/reports/${slot.reportId}`,
      body: {
        baseVersion: slot.version,
        progressText: `1.已完成第${this.seq}批任务，累计建成${this.seq}个。标记 ${token}`,
        selfAssessment: '按计划推进',
        problems: '无',
        nextSteps: '12月底前全部完成。',
      },
      write: { ...base, action: 'save' },
    };
  }

  /** One write; false when the loop should stop (the server is being killed). */
  async step(slot: Slot, random: () => number): Promise<boolean> {
    if (this.killing) return false;
    const { client, path, body, write } = this.plan(slot, random);
    let res: HttpResult;
    try {
      res = await client.send(write.action === 'save' ? 'PUT' : 'POST', path, body, 30_000);
    } catch {
      this.inFlight.push(write);
      return false;
    }
    const key = `${write.action} ${res.status}`;
    this.answers[key] = (this.answers[key] ?? 0) + 1;
    if (res.status >= 200 && res.status < 300) {
      const r = (JSON.parse(res.body.toString('utf8')) as ReportAnswer).report;
      this.acked.push({ ...write, versionNo: r.versionNo });
      this.acknowledge();
      Object.assign(slot, { version: r.versionNo, status: r.status, saved: slot.saved || write.action === 'save' });
      return true;
    }
    if (res.status >= 500) this.serverErrors.push(`${write.action} ${path} → ${res.status} ${errorOf(res).message}`);
    await resync(slot);
    return true;
  }
}

/** Read a report's state back (after a conflict or a restart). */
async function resync(slot: Slot): Promise<void> {
  const r = (await slot.owner.json<ReportAnswer>('GET', `/api/reports/${slot.reportId}`)).report;
  slot.version = r.versionNo;
  slot.status = r.status;
  slot.saved = r.versionNo > 0;
}

/** Demo reporters whose units lead the most projects (so each has reports in a new round). */
async function pickReporters(db: Server['db']): Promise<string[]> {
  const reader = await openReader(db);
  try {
    const rows = await reader.all(
      `SELECT u.username, count(DISTINCT r.project_id) AS n FROM users u
         JOIN user_units uu ON uu.user_id = u.id JOIN reports r ON r.org_id = uu.org_id
        WHERE u.role = 'reporter' GROUP BY u.username ORDER BY n DESC, u.username LIMIT ?`,
      [REPORTER_COUNT],
    );
    return rows.map((r) => String(r.username));
  } finally {
    await reader.close();
  }
}

/** The office opens a fresh round; each reporter gets `perReporter` of its reports as writing slots. */
async function setUp(server: Server, perReporter: number): Promise<{ office: Client; slots: Slot[] }> {
  const reporters = await pickReporters(server.db);
  const base = server.base;
  const office = await new Client(base).mustLogin('supervisor');
  const [programme] = await office.json<{ id: string }[]>('GET', '/api/programmes');
  const round = await office.json<{ id: string }>('POST', '/api/rounds', {
    programmeId: programme!.id,
    periodType: 'quarter',
    periodKey: '2026-Q4',
    asOf: '2026-12-31',
    dueDate: '2027-01-10',
  });
  const slots: Slot[] = [];
  for (const username of reporters) {
    const owner = await new Client(base).mustLogin(username);
    const mine = await owner.json<{ reportId: string }[]>('GET', `/api/rounds/${round.id}/my-reports`);
    for (const m of mine.slice(0, perReporter))
      slots.push({ reportId: m.reportId, owner, version: 0, status: 'draft', saved: false });
  }
  return { office, slots };
}

type Check = { lost: Write[]; inFlightStored: number; torn: string[] };

/** Compare what the clients were told with what the database holds (server dead, nothing else running). */
function compare(rows: { versions: Row[]; audits: Row[]; reports: Row[] }, acked: Write[], inFlight: Write[]): Check {
  const versions = new Map(rows.versions.map((v) => [`${v.report_id}:${v.version_no}`, v]));
  const text = (v: Row | undefined) => `${v?.progress_text ?? ''} ${v?.comment ?? ''}`;
  const holds = (w: Write) => {
    const v = versions.get(`${w.reportId}:${w.versionNo}`);
    return v?.action === w.action && (w.action === 'submit' || text(v).includes(w.token));
  };
  const lost = acked.filter((w) => !holds(w));
  const stored = rows.versions.map((v) => text(v)).join('\n');
  const inFlightStored = inFlight.filter((w) => w.action !== 'submit' && stored.includes(w.token)).length;
  const audited = new Set(
    rows.audits.map(
      (a) => `${a.entity_id}:${a.action}:${(JSON.parse(String(a.after)) as { versionNo: number }).versionNo}`,
    ),
  );
  const torn: string[] = [];
  for (const v of rows.versions)
    if (Number(v.version_no) > 0 && !audited.has(`${v.report_id}:report.${v.action}:${v.version_no}`))
      torn.push(`version ${v.report_id}#${v.version_no} (${v.action}) has no audit row`);
  const newest = new Map<string, number>();
  for (const v of rows.versions)
    newest.set(String(v.report_id), Math.max(newest.get(String(v.report_id)) ?? 0, Number(v.version_no)));
  for (const r of rows.reports)
    if (Number(r.version_no) !== (newest.get(String(r.id)) ?? 0))
      torn.push(`report ${r.id} says version ${r.version_no}, newest stored is ${newest.get(String(r.id))}`);
  return { lost, inFlightStored, torn };
}

async function inspect(server: Server, reportIds: string[], acked: Write[], inFlight: Write[]) {
  const reader = await openReader(server.db);
  try {
    const integrity = await reader.integrity();
    const marks = reportIds.map(() => '?').join(',');
    const versions = await reader.all(
      `SELECT report_id, version_no, action, progress_text, comment FROM report_versions WHERE report_id IN (${marks})`,
      reportIds,
    );
    const audits = await reader.all(
      `SELECT entity_id, action, after FROM audit_log WHERE entity = 'report' AND entity_id IN (${marks})`,
      reportIds,
    );
    const reports = await reader.all(`SELECT id, version_no FROM reports WHERE id IN (${marks})`, reportIds);
    return { integrity, ...compare({ versions, audits, reports }, acked, inFlight) };
  } finally {
    await reader.close();
  }
}

/** After the restart: each report answers over HTTP with at least its last acknowledged version. */
async function readBack(slots: Slot[], acked: Write[]): Promise<string[]> {
  const problems: string[] = [];
  for (const slot of slots) {
    const want = Math.max(0, ...acked.filter((w) => w.reportId === slot.reportId).map((w) => w.versionNo));
    await resync(slot);
    if (slot.version < want)
      problems.push(`report ${slot.reportId}: HTTP shows v${slot.version}, acknowledged v${want}`);
  }
  return problems;
}

export async function runCrash(opts: CrashOptions): Promise<CrashFigures> {
  const db = await demoDatabase(opts.engine, 'crash');
  const server = new Server(db);
  const firstStartMs = await server.start();
  const { office, slots } = await setUp(server, opts.writersPerReporter);
  const reportIds = slots.map((s) => s.reportId);
  const figures: CrashFigures = {
    engine: opts.engine,
    crashes: 0,
    acknowledged: 0,
    lost: 0,
    inFlight: 0,
    inFlightStored: 0,
    torn: 0,
    integrityOk: 0,
    integrityNotes: [],
    restartMs: [],
    firstStartMs,
    answers: {},
    serverErrors: [],
  };
  console.log(
    `  ${slots.length} reports written concurrently by ${REPORTER_COUNT} reporters (+ the office returning), ${opts.crashes} kills`,
  );
  const acked: Write[] = [];
  const inFlight: Write[] = [];
  try {
    for (let n = 1; n <= opts.crashes; n++) {
      const burst = new Burst(office, `${opts.engine[0]}${n}`);
      const loops = slots.map(async (slot) => {
        while (await burst.step(slot, opts.random).catch(() => false)) {}
      });
      const t0 = performance.now();
      await Promise.race([burst.firstAck, sleep(15_000)]);
      await sleep(opts.random() * 2000);
      const killAfter = Math.round(performance.now() - t0);
      burst.killing = true;
      await server.kill('SIGKILL');
      await Promise.all(loops);
      acked.push(...burst.acked);
      inFlight.push(...burst.inFlight);
      for (const [k, v] of Object.entries(burst.answers)) figures.answers[k] = (figures.answers[k] ?? 0) + v;
      figures.serverErrors.push(...burst.serverErrors);

      const check = await inspect(server, reportIds, acked, inFlight);
      const restartMs = await server.start();
      const httpProblems = await readBack(slots, acked);
      figures.crashes = n;
      figures.restartMs.push(restartMs);
      figures.lost = check.lost.length + httpProblems.length;
      figures.inFlightStored = check.inFlightStored;
      figures.torn = check.torn.length;
      if (check.integrity.startsWith('ok')) figures.integrityOk++;
      else figures.integrityNotes.push(`crash ${n}: ${check.integrity}`);
      console.log(
        `  kill ${String(n).padStart(2)}: after ${String(killAfter).padStart(4)} ms, ${String(burst.acked.length).padStart(3)} writes acknowledged, ` +
          `${burst.inFlight.length} in flight; integrity ${check.integrity}; lost ${check.lost.length + httpProblems.length}, ` +
          `torn ${check.torn.length}; restart ${Math.round(restartMs)} ms`,
      );
      for (const w of check.lost.slice(0, 5)) console.log(`    LOST ${JSON.stringify(w)}`);
      for (const p of [...check.torn, ...httpProblems].slice(0, 5)) console.log(`    ${p}`);
    }
  } finally {
    figures.acknowledged = acked.length;
    figures.inFlight = inFlight.length;
    await server.stop();
    office.close();
    for (const s of slots) s.owner.close();
  }
  return figures;
}

export function printCrash(f: CrashFigures): void {
  const r = [...f.restartMs].sort((a, b) => a - b);
  const med = r[Math.floor(r.length / 2)] ?? 0;
  console.log(`  crashes (kill -9)            ${f.crashes}`);
  console.log(`  acknowledged writes          ${f.acknowledged}  (${answerSummary(f.answers)})`);
  console.log(`  acknowledged writes lost     ${f.lost}`);
  console.log(`  torn (version w/o audit…)    ${f.torn}`);
  console.log(`  unanswered at kill           ${f.inFlight}  (of which found stored: ${f.inFlightStored}; allowed)`);
  console.log(
    `  integrity after kill         ${f.integrityOk}/${f.crashes} ok${f.integrityNotes.length ? ` — ${f.integrityNotes.join('; ')}` : ''}`,
  );
  console.log(
    `  restart time                 median ${Math.round(med)} ms, max ${Math.round(r.at(-1) ?? 0)} ms (first start ${Math.round(f.firstStartMs)} ms)`,
  );
  console.log(`  5xx answers                  ${f.serverErrors.length}`);
  for (const e of f.serverErrors.slice(0, 5)) console.log(`    ${e}`);
}

function answerSummary(a: Record<string, number>): string {
  return Object.entries(a)
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** One line for the suite's closing summary. */
export function crashSummary(f: CrashFigures): string {
  const r = [...f.restartMs].sort((a, b) => a - b);
  return (
    `${f.crashes} kills, ${f.acknowledged} acknowledged writes, ${f.lost} lost, ${f.torn} torn, integrity ok ${f.integrityOk}/${f.crashes}, ` +
    `restart median ${Math.round(r[Math.floor(r.length / 2)] ?? 0)} ms, 5xx ${f.serverErrors.length}`
  );
}
