/**
 * 批量建账号: a spreadsheet (.xlsx through the import readers' OOXML reader, or .csv) with the columns 单位, 姓名, 手机,
 * 邮箱 and optionally 角色, 职责, 用户名. The preview checks every row (unknown unit, duplicate, bad phone or e-mail,
 * role rules) in Chinese; the commit re-checks and creates every account in one transaction — or none — and answers
 * the usernames and temporary passwords once, also as an .xlsx to download. Nothing of the passwords is kept.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { can, mayEver } from '../../../domain/policies/policies';
import { accountRoleProblem } from '../../../domain/policies/user';
import {
  type BulkCommit,
  type BulkPreview,
  EMAIL_RE,
  PHONE_RE,
  UNIT_DUTIES,
  type UnitDuty,
} from '../../../shared/contract/admin';
import { generatePassword } from '../../../shared/password-policy';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/statuses';
import { hashPassword } from '../../auth/passwords';
import type { DbOrTx } from '../../db/connect';
import { AppError, forbidden } from '../../errors';
import { writeXlsx } from '../../files/export/formula-safety';
import { decodeText } from '../../files/import/detect';
import { ImportFileError } from '../../files/import/errors';
import { readImportFile } from '../../files/import/read-import-file';
import * as repo from '../../repositories/admin.repo';
import { insertAudit } from '../../repositories/audit.repo';
import { parseJson } from '../../util';
import { type Ctx, requireActor } from '../context';
import { recordedUserId } from '../local-operator';
import { insertAccount } from './users';

type Crypto = Parameters<typeof insertAccount>[3] & Parameters<typeof hashPassword>[1];
type File = { fileName: string; content: string };

const MAX_ROWS = 2000;

/** Header words of each column (the first row with 单位 and 姓名 is the header). */
const HEADERS: Record<string, readonly string[]> = {
  unit: ['单位', '所属单位', '单位名称', '部门'],
  name: ['姓名', '名字', '联系人'],
  phone: ['手机', '手机号', '手机号码', '联系电话', '电话'],
  email: ['邮箱', '电子邮箱', '邮件', 'email', 'e-mail'],
  role: ['角色'],
  duty: ['职责', '职务', '类型'],
  username: ['用户名', '账号'],
};

// ---- Reading the file ---------------------------------------------------------------------------------------------

/** RFC 4180 CSV (quoted fields with doubled quotes; comma or tab; CRLF, LF or CR). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  const src = text.replace(/^\ufeff/, '');
  const re = /("(?:[^"]|"")*"|[^,\t\r\n]*)(,|\t|\r\n|\n|\r|$)/g;
  for (let m = re.exec(src); m && m.index < src.length; m = re.exec(src)) {
    const raw = m[1] ?? '';
    rows[rows.length - 1]!.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] !== ',' && m[2] !== '\t') rows.push([]);
  }
  return rows.filter((r) => r.length > 0);
}

/** The file's first sheet as rows of text. */
function readGrid(file: File): string[][] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(Buffer.from(file.content, 'base64'));
  } catch {
    throw new AppError('VALIDATION', '文件内容无法读取（应为 base64 编码）');
  }
  if (bytes.length === 0) throw new AppError('VALIDATION', '文件是空的');
  try {
    if (/\.xlsx$/i.test(file.fileName)) {
      const read = readImportFile(bytes, file.fileName, { limits: { maxFileBytes: 1_000_000 } });
      const table = read.tables[0];
      return (table?.rows ?? []).map((r) => r.map((c) => c.text));
    }
    if (/\.(csv|txt)$/i.test(file.fileName)) return parseCsv(decodeText(bytes));
  } catch (e) {
    if (e instanceof ImportFileError) throw new AppError('VALIDATION', e.message);
    throw e;
  }
  throw new AppError('VALIDATION', '只支持 Excel（.xlsx）或 CSV（.csv）文件；.xls 请在 Excel 中另存为 .xlsx');
}

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Column index of each field, from the first of the first 10 rows that names 单位 and 姓名. */
function findHeader(grid: string[][]): { at: number; cols: Partial<Record<string, number>> } | null {
  for (let r = 0; r < Math.min(10, grid.length); r++) {
    const cells = grid[r]!.map(norm);
    const cols: Partial<Record<string, number>> = {};
    for (const [field, words] of Object.entries(HEADERS)) {
      const i = cells.findIndex((c) => words.some((w) => c === norm(w) || c.startsWith(norm(w))));
      if (i >= 0) cols[field] = i;
    }
    if (cols.unit !== undefined && cols.name !== undefined) return { at: r, cols };
  }
  return null;
}

/** A role as written (系统管理员, 填报单位 / 填报员, 督查室, admin …); null = not recognised. */
function roleOf(text: string): Role | null {
  const t = norm(text);
  if (!t) return 'reporter';
  for (const r of ROLES) if (t === r || t === norm(ROLE_LABELS[r])) return r;
  if (/填报/.test(t)) return 'reporter';
  if (/督查/.test(t)) return 'supervisor';
  if (/人大/.test(t)) return 'deputy';
  if (/领导/.test(t)) return 'leader';
  return null;
}

// ---- Preview ------------------------------------------------------------------------------------------------------

type Row = BulkPreview['rows'][number] & { duty: UnitDuty | null };

const USERNAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/;

type Actor = NonNullable<Ctx['actor']>;

function unitErrors(actor: Actor, unit: string, org: repo.OrgRow | undefined): string[] {
  if (!unit) return ['缺少单位'];
  if (!org) return [`单位“${unit}”不存在（请先在组织机构中建立，或设为已有单位的别名）`];
  if (!can(actor, 'user:manage', { unitIds: [org.id] })) return [`单位“${unit}”不在您管理的范围内`];
  return [];
}

function nameErrors(name: string): string[] {
  if (!name) return ['缺少姓名'];
  return name.length > 100 ? ['姓名不能超过100个字符'] : [];
}

function contactErrors(phone: string, email: string): string[] {
  const out: string[] = [];
  if (phone && !PHONE_RE.test(phone)) out.push(`手机号“${phone}”不正确（应为11位数字，以1开头）`);
  if (email && !EMAIL_RE.test(email)) out.push(`邮箱“${email}”格式不正确`);
  return out;
}

/** The role (default 填报单位) and duty as written, and what is wrong with them for this unit. */
function roleAndDuty(actor: Actor, roleText: string, dutyText: string, org: repo.OrgRow | undefined) {
  const errors: string[] = [];
  const role = roleOf(roleText);
  if (!role) errors.push(`角色“${roleText}”无法识别（可写：${ROLES.map((x) => ROLE_LABELS[x]).join('、')}）`);
  const duty = dutyText ? (UNIT_DUTIES.find((d) => dutyText.includes(d)) ?? null) : null;
  if (dutyText && !duty) errors.push(`职责“${dutyText}”应为联络员或分管领导`);
  const problem =
    role && org ? accountRoleProblem(actor, { id: null, role: null, unitIds: [] }, { role, unitIds: [org.id] }) : null;
  if (problem) errors.push(problem);
  return { role, duty: duty as UnitDuty | null, errors };
}

/** Duplicates within the file and against existing accounts. */
function duplicates(personInUnit: Set<string>, taken: Set<string>) {
  const persons = new Set<string>();
  const phones = new Set<string>();
  const usernames = new Set<string>();
  return {
    person(org: repo.OrgRow | undefined, name: string): string[] {
      if (!org || !name) return [];
      const key = `${org.id}|${name}`;
      if (persons.has(key)) return ['与上面的行重复（同一单位同一姓名）'];
      persons.add(key);
      return personInUnit.has(key) ? [`“${org.name}”已有名为“${name}”的账号`] : [];
    },
    phone(phone: string): string[] {
      if (!phone) return [];
      if (phones.has(phone)) return [`手机号“${phone}”与上面的行重复`];
      phones.add(phone);
      return [];
    },
    usernameErrors(wanted: string): string[] {
      if (!wanted) return [];
      if (!USERNAME_RE.test(wanted)) return [`用户名“${wanted}”只能包含字母、数字、下划线、点和连字符（2至64个字符）`];
      return taken.has(wanted.toLowerCase()) || usernames.has(wanted.toLowerCase())
        ? [`用户名“${wanted}”已被使用`]
        : [];
    },
    hasUsername: (v: string) => usernames.has(v.toLowerCase()),
    username(v: string) {
      usernames.add(v.toLowerCase());
    },
  };
}

/** The rows with their problems; `errors` for the file as a whole. */
async function check(db: DbOrTx, ctx: Ctx & { actor: NonNullable<Ctx['actor']> }, file: File) {
  const grid = readGrid(file).filter((r) => r.some((c) => c.trim()));
  const header = findHeader(grid);
  if (!header)
    return {
      rows: [] as Row[],
      errors: ['没有找到表头：第一行应含“单位”“姓名”（以及“手机”“邮箱”，可选“角色”“职责”“用户名”）'],
    };
  const body = grid.slice(header.at + 1);
  if (body.length === 0) return { rows: [] as Row[], errors: ['表格中没有账号行'] };
  if (body.length > MAX_ROWS) return { rows: [] as Row[], errors: [`一次最多${MAX_ROWS}行，请分批导入`] };
  const cell = (r: string[], field: string) => {
    const i = header.cols[field];
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  const orgs = (await repo.listAllOrgs(db)).filter((o) => o.active);
  const byName = new Map<string, repo.OrgRow>();
  for (const o of orgs) byName.set(norm(o.name), o);
  for (const o of orgs)
    for (const a of parseJson<string[]>(o.aliases, [])) if (!byName.has(norm(a))) byName.set(norm(a), o);
  for (const o of orgs) if (o.shortName && !byName.has(norm(o.shortName))) byName.set(norm(o.shortName), o);

  // Existing accounts: same person in the same unit, and usernames taken.
  const existing = await repo.listUsers(db, {});
  const existingUnits = await repo.unitsOfUsers(
    db,
    existing.map((u) => u.id),
  );
  const nameOf = new Map(existing.map((u) => [u.id, u.displayName]));
  const personInUnit = new Set(existingUnits.map((x) => `${x.orgId}|${nameOf.get(x.userId)}`));
  const taken = new Set(existing.map((u) => u.username.toLowerCase()));
  const seen = duplicates(personInUnit, taken);
  let counter = 1;
  const suggest = (base: string | null) => {
    const free = (v: string) => !taken.has(v.toLowerCase()) && !seen.hasUsername(v);
    if (base && USERNAME_RE.test(base)) {
      if (free(base)) return base;
      for (let n = 2; n < 1000; n++) if (free(`${base}${n}`)) return `${base}${n}`;
    }
    for (;;) {
      const v = `user${String(counter++).padStart(4, '0')}`;
      if (free(v)) return v;
    }
  };

  const rows: Row[] = body.map((r, i) => {
    const f = (field: string) => cell(r, field);
    const org = f('unit') ? byName.get(norm(f('unit'))) : undefined;
    const phone = f('phone').replace(/[\s-]/g, '');
    const { role, duty, errors: roleErrors } = roleAndDuty(ctx.actor, f('role'), f('duty'), org);
    const errors = [
      ...unitErrors(ctx.actor, f('unit'), org),
      ...nameErrors(f('name')),
      ...contactErrors(phone, f('email')),
      ...roleErrors,
      ...seen.person(org, f('name')),
      ...seen.phone(phone),
    ];
    const wanted = f('username');
    errors.push(...seen.usernameErrors(wanted));
    const username = wanted || suggest(f('email').split('@')[0]?.toLowerCase() || null);
    seen.username(username);
    return {
      row: header.at + 2 + i,
      unit: org?.name ?? f('unit'),
      unitId: org?.id ?? null,
      displayName: f('name'),
      phone,
      email: f('email'),
      role,
      username,
      duty,
      errors,
    };
  });
  return { rows, errors: [] as string[] };
}

function requireManager(ctx: Ctx): asserts ctx is Ctx & { actor: NonNullable<Ctx['actor']> } {
  requireActor(ctx);
  if (!mayEver(ctx.actor, 'user:manage')) throw forbidden('仅系统管理员可批量建立账号');
}

const wire = (rows: Row[]): BulkPreview['rows'] => rows.map(({ duty: _d, ...r }) => r);

export async function previewBulkUsers(ctx: Ctx, file: File): Promise<BulkPreview> {
  requireManager(ctx);
  const { rows, errors } = await check(ctx.db, ctx, file);
  return { rows: wire(rows), errors, ok: errors.length === 0 && rows.every((r) => r.errors.length === 0) };
}

/** The created accounts as an .xlsx (单位, 姓名, 用户名, 临时密码, 角色), base64. */
async function accountsXlsx(accounts: BulkCommit['accounts']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('新建账号');
  ws.columns = [
    { header: '单位', key: 'unit', width: 28 },
    { header: '姓名', key: 'displayName', width: 12 },
    { header: '用户名', key: 'username', width: 18 },
    { header: '临时密码', key: 'temporaryPassword', width: 20 },
    { header: '角色', key: 'role', width: 14 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const a of accounts) ws.addRow({ ...a, role: ROLE_LABELS[a.role] });
  ws.addRow([]);
  ws.addRow(['临时密码仅此一次提供，请妥善转交本人；首次登录须修改密码。']);
  return (await writeXlsx(wb)).toString('base64');
}

export async function commitBulkUsers(ctx: Ctx, file: File, crypto: Crypto): Promise<BulkCommit> {
  requireManager(ctx);
  const first = await previewBulkUsers(ctx, file);
  if (!first.ok)
    throw new AppError(
      'VALIDATION',
      first.errors[0] ??
        `有${first.rows.filter((r) => r.errors.length).length}行存在问题，请修正后重新上传（未建立任何账号）`,
      { rows: first.rows.filter((r) => r.errors.length).map((r) => ({ row: r.row, errors: r.errors })) },
    );
  const passwords = first.rows.map(() => generatePassword((n) => randomBytes(n)));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p, crypto)));
  const accounts = await ctx.db.transaction().execute(async (trx) => {
    const again = await check(trx, ctx, file);
    if (again.errors.length || again.rows.some((r) => r.errors.length))
      throw new AppError('CONFLICT', '账号或单位在预览后发生了变化，请重新预览');
    const out: BulkCommit['accounts'] = [];
    for (const [i, r] of again.rows.entries()) {
      await insertAccount(
        trx,
        ctx,
        {
          username: r.username,
          displayName: r.displayName,
          role: r.role!,
          units: [{ orgId: r.unitId!, duty: r.duty }],
          phone: r.phone || null,
          email: r.email || null,
          passwordHash: hashes[i]!,
          mustChangePassword: true,
        },
        crypto,
        'bulk',
      );
      out.push({
        username: r.username,
        displayName: r.displayName,
        unit: r.unit,
        role: r.role!,
        temporaryPassword: passwords[i]!,
      });
    }
    await insertAudit(trx, {
      at: ctx.now().toISOString(),
      actorId: recordedUserId(ctx.actor),
      actorName: ctx.actor?.displayName ?? null,
      action: 'user.bulkCreate',
      entity: 'user',
      entityId: null,
      after: { fileName: file.fileName, count: out.length, usernames: out.map((a) => a.username) },
      ip: ctx.ip,
    });
    return out;
  });
  return { accounts, xlsx: await accountsXlsx(accounts) };
}
