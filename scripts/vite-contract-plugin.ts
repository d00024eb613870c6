/**
 * The browser's copy of the API contract (issue 13 §4, first-load size). The web client builds its calls from
 * `API` in src/shared/contract (web/src/api/client.ts reads an endpoint's method and path, nothing else), but the
 * contract module also holds every request and response schema — with zod, about 80 KB gzip that every first load
 * paid for. In the web build, imports of the contract's index from web/ resolve to a generated module with each
 * endpoint's routing data only (method, path, status, file, anonymous) and the same runtime helpers
 * (urlOf, endpoint). Types still come from the real module (tsc reads the source), so the browser stays typed
 * by the server's schemas.
 *
 * Guard: a web file that reads a schema of an endpoint at run time (`API.x.body`, `.query`, `.params`, `.response`,
 * `.multipart`) fails the build with a message, since the browser copy has none — import the schema itself from its
 * module in src/shared instead.
 */
import { resolve, sep } from 'node:path';
import { type Plugin, runnerImport } from 'vite';

const VIRTUAL = '\0shishi-contract-routes';
const ROUTING_KEYS = ['method', 'path', 'status', 'file', 'anonymous'] as const;
const SCHEMA_READ = /\bAPI\.\w+\.(body|query|params|response|multipart)\b/;

export function contractRoutesPlugin(root: string): Plugin {
  const contractDir = resolve(root, 'src', 'shared', 'contract');
  const index = resolve(contractDir, 'index.ts');
  const endpointModule = resolve(contractDir, 'endpoint.ts');
  const webDir = resolve(root, 'web') + sep;
  return {
    name: 'shishi-contract-routes',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.startsWith(webDir) || !/shared[\\/]contract(?:[\\/]index(?:\.ts)?)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === index ? VIRTUAL : null;
    },
    async load(id) {
      if (id !== VIRTUAL) return null;
      const { module } = await runnerImport<{ API: Record<string, Record<string, unknown>> }>(index, {
        configFile: false,
        logLevel: 'error',
      });
      const routes: Record<string, Record<string, unknown>> = {};
      for (const [name, e] of Object.entries(module.API)) {
        const r: Record<string, unknown> = {};
        for (const k of ROUTING_KEYS) if (e[k] !== undefined) r[k] = e[k];
        routes[name] = r;
      }
      return (
        `export { endpoint, urlOf } from ${JSON.stringify(endpointModule)};\n` +
        `export const API = ${JSON.stringify(routes)};\n`
      );
    },
    transform(code, id) {
      if (!id.startsWith(webDir) || !/\.tsx?$/.test(id)) return null;
      const m = SCHEMA_READ.exec(code);
      if (m)
        this.error(
          `${id}: 浏览器端的接口契约只含方法与路径，不能在运行时读取 ${m[0]}；请直接从 src/shared 中导入该 schema`,
        );
      return null;
    },
  };
}
