import { ValidationError } from '../errors';

/** Project roles, weakest first: each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'reviewer', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Reads a role name from outside (CLI flag, JSON body) or fails naming the allowed values. */
export function parseRole(value: unknown): Role {
  if (!isRole(value))
    throw new ValidationError(`role must be one of ${ROLES.join(', ')}; got ${JSON.stringify(value)}`);
  return value;
}

/** True when `role` ranks at or above `minimum` (viewer < reviewer < owner). */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
