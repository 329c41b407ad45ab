import { roleAtLeast, type Role } from './roles';

/**
 * What a project member may do, and the weakest role that may do it. Routes guard with an
 * action (requireProjectAction) rather than a role, so this table is the one place that
 * says who may do what.
 */
export const ACTIONS = {
  /** see the project, its records, counts and (when unblinded) decisions */
  read: 'viewer',
  /** vote at title/abstract and full text */
  screen: 'reviewer',
  /** code included studies (synthesis) */
  code: 'reviewer',
  /** appraise included studies (critical appraisal) */
  appraise: 'reviewer',
  /** change eligibility criteria, reviewers per record, blind mode, exclusion reasons */
  settings: 'owner',
  /** import search results, upload full texts */
  import: 'owner',
  /** review and confirm duplicate clusters */
  dedup: 'owner',
  /** record the final decision on a conflict; unblind a stage */
  resolve: 'owner',
  /** export records, decisions, the PRISMA diagram and archives */
  export: 'owner',
  /** add, re-role and remove members */
  members: 'owner',
  /** put labels on records and write team notes (viewers read them) */
  annotate: 'reviewer',
  /** label or exclude every record matching a filter, merge duplicate clusters in bulk, undo one; read the project's history */
  bulk: 'owner',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ACTIONS;

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTIONS, value);
}

/** The weakest role allowed to perform `action`. */
export function minimumRole(action: Action): Role {
  return ACTIONS[action];
}

/** Whether a member with `role` may perform `action`. */
export function may(role: Role, action: Action): boolean {
  return roleAtLeast(role, ACTIONS[action]);
}
