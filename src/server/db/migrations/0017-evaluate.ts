/** 0017-evaluate. Frozen once landed: imports nothing from the app. */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design
export async function up(_db: Kysely<any>): Promise<void> {}
