/**
 * The local operator: whoever runs the command line against a database file they hold (`shishi import`, `shishi
 * export` without --as). A system administrator with no units (acts for every organisation), named 命令行, that is
 * not a user: nothing it writes points at a user row (created_by and the audit log's actor_id are null; the audit log
 * names it 命令行).
 */
import { type Actor, makeActor } from '../../domain/policies/policies';

/** The id the local operator carries in memory; never written (see `recordedUserId`). */
export const LOCAL_OPERATOR_ID = 'local-operator';
export const LOCAL_OPERATOR_NAME = '命令行';

export function localOperator(): Actor {
  return makeActor({ id: LOCAL_OPERATOR_ID, role: 'admin', displayName: LOCAL_OPERATOR_NAME }, [], []);
}

/** The users.id to record for an actor (created_by, audit actor_id): null for the local operator and for nobody. */
export const recordedUserId = (actor: Actor | null | undefined): string | null =>
  !actor || actor.id === LOCAL_OPERATOR_ID ? null : actor.id;
