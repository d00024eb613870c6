/**
 * One endpoint of the HTTP API as data: method, path, request and response schemas. The server registers its routes
 * from these (src/server/http/routes) and the web client builds its calls from them (web/src/api/endpoints.ts), so
 * there is no second, hand-kept list of URLs or types.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type Endpoint = {
  method: HttpMethod;
  /** Fastify-style path, parameters as `:name`. */
  path: string;
  /** Short Chinese description (OpenAPI summary). */
  summary: string;
  /** OpenAPI tag (the resource). */
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success answer's schema. */
  response: z.ZodType;
  /** Success status (default 200). */
  status?: 200 | 201;
  /** Answered without a session (login, public pages). */
  anonymous?: boolean;
  /** Also accepts multipart/form-data with these fields (documented; the route reads the parts itself). */
  multipart?: z.ZodType;
  /** The answer is a file of this content type, not JSON. */
  file?: string;
};

/** Keeps the literal types of an endpoint description (for inference on both sides). */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/** Path parameters of an endpoint, as the caller passes them. */
export type ParamsOf<E extends Endpoint> = E['params'] extends z.ZodType ? z.input<E['params']> : undefined;
/** Request body as the caller sends it (before defaults are applied). */
export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : undefined;
/** Query string as the caller sends it. */
export type QueryOf<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : undefined;
/** The success answer. */
export type ResponseOf<E extends Endpoint> = z.output<E['response']>;

/** The concrete URL of an endpoint: `:name` replaced by the encoded parameter, query appended. */
export function urlOf(
  e: Pick<Endpoint, 'path'>,
  params?: Record<string, string | number> | undefined,
  query?: Record<string, string | number | boolean | null | undefined> | undefined,
): string {
  const path = e.path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${e.path}`);
    return encodeURIComponent(String(v));
  });
  const qs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return qs ? `${path}?${qs}` : path;
}
