// Worker-thread entry of the import readers (see parse-in-worker.ts). The readers are TypeScript: tsx is registered
// here, in the worker itself (loader hooks of the main thread do not carry over), resolved from this file's location
// so it works under vitest, `npx tsx` and `node bin/shishi.mjs serve` alike, whatever the working directory.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readImportFile, readPastedText } = await import('./read-import-file.ts');
const { ImportFileError } = await import('./errors.ts');
const { buildImportPreview } = await import('../../../domain/collect/import/preview.ts');

parentPort.on('message', (job) => {
  try {
    const result =
      job.kind === 'file'
        ? readImportFile(job.bytes, job.fileName, { limits: job.limits })
        : readPastedText(job.text, { limits: job.limits });
    parentPort.postMessage({
      id: job.id,
      ok: true,
      result: job.preview ? buildImportPreview(result, job.preview) : result,
    });
  } catch (e) {
    const refused = e instanceof ImportFileError;
    parentPort.postMessage({
      id: job.id,
      ok: false,
      refused,
      code: refused ? e.code : undefined,
      status: refused ? e.status : undefined,
      message: e instanceof Error ? e.message : String(e),
    });
  }
});
parentPort.postMessage({ ready: true });
