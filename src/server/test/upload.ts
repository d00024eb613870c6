/** Test helpers for the import endpoints and services: a multipart body, and the fixture's office as an actor. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../domain/policies/policies';
import { as, type Session } from './test-app';

/**
 * A multipart/form-data body with an optional `options` part (an object is sent as JSON, a string as it is) and one
 * file part.
 */
export function multipart(
  fileName: string,
  bytes: Buffer,
  options?: object | string,
  contentType = 'text/plain',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----shishi-test-boundary';
  const parts: Buffer[] = [];
  if (options !== undefined)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${typeof options === 'string' ? options : JSON.stringify(options)}\r\n`,
      ),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Commit a pasted table (UTF-8 text) through POST /api/imports/commit as `who`. */
export function commitTable(app: FastifyInstance, who: Session, table: string, options: object) {
  const up = multipart('进展表.txt', Buffer.from(table, 'utf8'), options);
  return app.inject({
    method: 'POST',
    url: '/api/imports/commit',
    headers: { ...as(who), ...up.headers },
    payload: up.payload,
  });
}

/** The fixture's office (督查室) as a service-level actor, for tests and benches that call services directly. */
export const OFFICE_ACTOR = {
  id: 'u-sup',
  role: 'supervisor',
  unitIds: [],
  orgIds: 'all',
  programmeOwnerIds: 'all',
  displayName: '督查室张三',
} as Actor;
