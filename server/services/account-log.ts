import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { appendAccountEvent, listAccountEvents } from '../db/repos/account-events';
import { findUserById, type User } from '../db/repos/users';
import { COMMAND_LINE, type AccountActor, type AccountEventName } from '../domain/auth/account-events';

export interface AccountEventInput {
  event: AccountEventName;
  /** who did it; omitted when it is the subject themselves (signing in, changing their password) */
  by?: AccountActor;
  /** whom it concerns */
  subject?: User | null;
  projectId?: number | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the account log (append-only: the table's triggers refuse changes).
 * Called inside the transaction of the change it records, so the log never disagrees with it.
 */
export function logAccountEvent(db: Db, now: Date, input: AccountEventInput): void {
  const by = input.by ?? input.subject?.id ?? null;
  const actor =
    by === 'administrator'
      ? { id: null, name: COMMAND_LINE }
      : by === null
        ? { id: null, name: null }
        : {
            id: by,
            name:
              by === input.subject?.id ? input.subject.username : (findUserById(db, by)?.username ?? null),
          };
  appendAccountEvent(db, now, {
    event: input.event,
    actorId: actor.id,
    actorName: actor.name,
    subjectId: input.subject?.id ?? null,
    subjectName: input.subject?.username ?? null,
    projectId: input.projectId ?? null,
    details: input.details ?? null,
  });
}

/** The account log, newest first (administrators only: the route guards it). */
export function readAccountLog(db: Db, options: { limit: number; beforeId?: number }): Api.AccountEvent[] {
  return listAccountEvents(db, options).map((e) => ({
    id: e.id,
    at: e.at,
    event: e.event,
    actor: e.actorName,
    subject: e.subjectName,
    projectId: e.projectId,
    details: e.details,
  }));
}
