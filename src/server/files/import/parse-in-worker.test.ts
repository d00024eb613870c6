/** The readers in a worker thread: same results and refusals as in-process; time and heap limits stop a parse. */
import { afterAll, describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { closeParseWorkers, parseInWorker } from './parse-in-worker';

afterAll(() => closeParseWorkers());

const spans = `<table>${'<tr><td colspan=200>x</td></tr>'.repeat(9000)}</table>`;

describe('parseInWorker', () => {
  it('reads pasted text and files, and carries refusals as ImportFileError', async () => {
    const r = await parseInWorker({ kind: 'paste', text: '序号\t项目名称\t进展\n1\t公园\t完工' });
    expect(r.tables[0]?.rows).toHaveLength(2);
    const f = await parseInWorker({ kind: 'file', bytes: Buffer.from('a\tb\n1\t2'), fileName: 'a.txt' });
    expect(f.tables[0]?.rows).toHaveLength(2);
    const e = await parseInWorker({ kind: 'paste', text: 'x\n'.repeat(1_000_000) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ImportFileError);
    expect(e).toMatchObject({ code: 'TOO_MANY_ROWS', status: 413 });
  });

  it('a parse over the time limit is stopped with a Chinese 413', async () => {
    const e = await parseInWorker({ kind: 'paste', text: spans }, { timeoutMs: 30 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'PARSE_TIMEOUT', status: 413 });
    expect((e as Error).message).toMatch(/超过 0 秒|超过 0\.\d 秒|已停止/);
  });

  it('a parse over the heap limit kills the worker, not the process', async () => {
    const e = await parseInWorker({ kind: 'paste', text: spans }, { maxOldGenerationSizeMb: 16 }).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: 'PARSE_MEMORY', status: 413 });
    // The pool replaces the dead worker.
    const r = await parseInWorker({ kind: 'paste', text: 'a\tb\n1\t2' }, { maxOldGenerationSizeMb: 16 });
    expect(r.tables).toHaveLength(1);
  });
});
