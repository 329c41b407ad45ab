import type { Role } from './roles';

/**
 * Who is acting in a project: the signed-in user and their role there (set by the route
 * guard, or by the CLI). Services take an Actor wherever a role or a user changes what they
 * do or show, and decide that themselves; routes only pass it on.
 */
export interface Actor {
  userId: number;
  role: Role;
}
