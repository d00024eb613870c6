/** Wires `shishi import FILE` (without --dry-run) to the database: unit matching against the tree, then the commit. */
import type { ImportPreview } from '../domain/collect/import/types';
import { mayEver } from '../domain/policies/policies';
import { openDb } from '../server/db/connect';
import { findLatestProgramme } from '../server/repositories/programmes.repo';
import { findUserByUsername } from '../server/repositories/users.repo';
import { loadActor } from '../server/services/actor';
import { commitImport, listOrgsForMatching } from '../server/services/collect/import-commit';
import { systemClock } from '../server/services/context';
import { parseArgs } from './args';
import { type ImportIO, importCommand } from './import';
import { databaseUrl } from './serve';

/** Remove the database flags that only this wrapper understands. */
function stripDbFlags(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--create-units') continue;
    if (['--programme', '--as', '--db'].includes(a)) {
      i++;
      continue;
    }
    if (/^--(programme|as|db)=/.test(a)) continue;
    out.push(a);
  }
  return out;
}

export async function importWithDb(argv: string[], io: ImportIO): Promise<number> {
  const args = parseArgs(argv, ['dry-run', 'json', 'create-units']);
  const rest = stripDbFlags(argv);
  if (args.flags['dry-run']) return importCommand(rest, io);
  const handle = await openDb(databaseUrl(args.flags.db));
  try {
    const db = handle.db;
    const username = typeof args.flags.as === 'string' ? args.flags.as : 'admin';
    const user = await findUserByUsername(db, username);
    const actor = user?.active ? (await loadActor(db, user)).actor : null;
    if (!actor || !mayEver(actor, 'import:commit')) {
      io.stderr.write(`导入需要督查室或管理员账号：--as ${username} 不存在或无权导入\n`);
      return 2;
    }
    const orgs = await listOrgsForMatching(db, actor);
    const commit = async (preview: ImportPreview) => {
      const year = preview.round.year;
      let programmeId = typeof args.flags.programme === 'string' ? args.flags.programme : null;
      if (!programmeId) {
        const p = await findLatestProgramme(db, year);
        if (!p) throw new Error(`没有找到${year ?? ''}年度的实事计划，请用 --programme 指定`);
        programmeId = p.id;
      }
      const s = await commitImport({ db, actor, ip: null, now: systemClock }, preview, {
        programmeId,
        createUnits: args.flags['create-units'] ? preview.units.unknown : [],
      });
      const skipped = s.skipped.map((x) => `\n  未导入：${x.code ?? ''} ${x.name ?? ''}（${x.reason}）`).join('');
      return `已导入：新建项目${s.projectsCreated}个，更新项目${s.projectsUpdated}个，写入填报版本${s.reportsVersioned}份，新建单位${s.unitsCreated}个${skipped}`;
    };
    return await importCommand(rest, io, { commit, orgs });
  } catch (e) {
    io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}
