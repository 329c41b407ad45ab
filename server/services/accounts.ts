import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { revokeUserPasswordLinks } from '../db/repos/password-links';
import { deleteUserSessions } from '../db/repos/sessions';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  updatePasswordHash,
  type User,
  type UserWithHash,
} from '../db/repos/users';
import type { AccountActor } from '../domain/auth/account-events';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  verifyPassword,
  type ScryptParams,
} from '../domain/auth/password-hash';
import { assertAcceptablePassword } from '../domain/auth/password-policy';
import { parseUsername } from '../domain/auth/username';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../domain/errors';
import { logAccountEvent } from './account-log';
import { commonPasswords } from './common-passwords';
import type { ServiceDeps } from './deps';

/**
 * Account services act for a user outside any project: where the convention's `actor` stands
 * they take the acting user's id, and the administrator's commands (the CLI) name the user in
 * the input.
 */

/** What the account services that hash a password need: the common deps and the scrypt cost. */
export interface AccountDeps extends ServiceDeps {
  /** scrypt cost; tests and screenshots pass a cheap one, everything else uses DEFAULT_SCRYPT. */
  hashParams?: ScryptParams;
}

/** A username and a password, as someone typed them. */
export interface Credentials {
  username: string;
  password: string;
}

/** Checks a would-be account (username form, free name, password policy); returns the username. */
export function validateNewUser(db: Db, input: Credentials): string {
  const name = parseUsername(input.username);
  assertAcceptablePassword(input.password, { commonPasswords: commonPasswords(), username: name });
  assertUsernameFree(db, name);
  return name;
}

export function assertUsernameFree(db: Db, username: string): void {
  const existing = findUserByUsername(db, username);
  if (existing) throw new ConflictError(`a user named "${existing.username}" already exists`);
}

export interface StoredUserInput {
  username: string;
  passwordHash: string;
  /** a site administrator */
  admin?: boolean;
  /**
   * who made the account, for the account log: a user id, the command line, or 'self' (an
   * invitee registering); omitted for fixtures such as the demo, which are not logged
   */
  by?: AccountActor | 'self';
  details?: Record<string, unknown>;
}

/** Stores a validated user with its password hash (and logs it when `by` is given). */
export function storeUser(deps: ServiceDeps, input: StoredUserInput): User {
  const { db } = deps;
  const { username, passwordHash } = input;
  const now = deps.clock();
  try {
    return db.transaction(() => {
      const user = { id: insertUser(db, username, passwordHash, now, { isAdmin: input.admin }), username };
      if (input.by !== undefined) {
        logAccountEvent(db, now, {
          event: 'account_created',
          by: input.by === 'self' ? undefined : input.by,
          subject: user,
          details: { admin: input.admin ?? false, ...input.details },
        });
      }
      return user;
    })();
  } catch (error) {
    // Another request may have taken the name while we were hashing.
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new ConflictError(`a user named "${username}" already exists`, undefined, { cause: error });
    }
    throw error;
  }
}

/** Creates an account after checking the username and the password policy (the CLI's `user add`). */
export async function createUser(
  deps: AccountDeps,
  input: Credentials & { admin?: boolean; by?: AccountActor },
): Promise<User> {
  const username = validateNewUser(deps.db, input);
  const passwordHash = await hashPassword(input.password, deps.hashParams ?? DEFAULT_SCRYPT);
  return storeUser(deps, { username, passwordHash, admin: input.admin, by: input.by ?? 'administrator' });
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password. An unknown username costs the same scrypt work as a wrong
 * password, so response time does not tell which usernames exist; both get the same message.
 * A wrong password for an existing account is logged. A disabled account is refused, saying
 * so only to someone who gave its right password.
 */
export async function checkCredentials(deps: ServiceDeps, input: Credentials): Promise<Api.SignedInUser> {
  const { db } = deps;
  const user = findUserByUsername(db, input.username);
  if (!user) {
    dummyHash ??= hashPassword('not a password of anyone', DEFAULT_SCRYPT);
    await verifyPassword(input.password, await dummyHash);
    throw new UnauthenticatedError('wrong username or password');
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    logAccountEvent(db, deps.clock(), { event: 'sign_in_failed', subject: user });
    throw new UnauthenticatedError('wrong username or password');
  }
  if (user.disabledAt !== null)
    throw new UnauthenticatedError('this account is disabled; ask an administrator');
  return { id: user.id, username: user.username, admin: user.isAdmin };
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  /** the session making the change, which stays signed in */
  keepSessionId?: string | undefined;
}

/**
 * Changes a user's own password: needs the current one (ASVS 6.2.3), applies the policy, and
 * ends every other session of the user so a stolen session does not outlive the change.
 */
export async function changePassword(
  deps: AccountDeps,
  userId: number,
  input: PasswordChange,
): Promise<void> {
  const user = findUserById(deps.db, userId);
  if (!user) throw new NotFoundError('no such user');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ValidationError('the current password is wrong', { field: 'currentPassword' });
  }
  await storeNewPassword(deps, user, input.newPassword, {
    keepSessionId: input.keepSessionId,
    event: 'password_changed',
  });
}

/**
 * Sets a password without the current one: the administrator's reset on the command line
 * (`sift user passwd`). Ends every session of the user; API tokens stay valid.
 */
export async function resetPassword(deps: AccountDeps, input: Credentials): Promise<User> {
  const found = findUserByUsername(deps.db, input.username);
  if (!found) throw new NotFoundError(`no user named "${input.username}"`);
  await storeNewPassword(deps, found, input.password, {
    event: 'password_reset_by_administrator',
    by: 'administrator',
  });
  return { id: found.id, username: found.username };
}

/**
 * Checks a new password against the policy, hashes it and stores it, ending the user's
 * sessions (but `keepSessionId`) and any unused password link, and logs `event`. `inside`
 * runs in the same transaction (a password link marks itself used there).
 */
export async function storeNewPassword(
  deps: AccountDeps,
  user: UserWithHash | User,
  newPassword: string,
  options: {
    keepSessionId?: string | undefined;
    event: 'password_changed' | 'password_set' | 'password_reset_by_administrator';
    by?: AccountActor;
    details?: Record<string, unknown>;
    inside?: (now: Date) => void;
  },
): Promise<void> {
  const { db } = deps;
  assertAcceptablePassword(newPassword, { commonPasswords: commonPasswords(), username: user.username });
  const hash = await hashPassword(newPassword, deps.hashParams ?? DEFAULT_SCRYPT);
  const now = deps.clock();
  db.transaction(() => {
    options.inside?.(now);
    updatePasswordHash(db, user.id, hash, now);
    deleteUserSessions(db, user.id, options.keepSessionId);
    revokeUserPasswordLinks(db, user.id, now);
    logAccountEvent(db, now, {
      event: options.event,
      by: options.by,
      subject: { id: user.id, username: user.username },
      details: options.details,
    });
  })();
}

/** Finds a user by name for commands that take --username; fails with a clear message. */
export function requireUserByName(db: Db, username: string): User {
  const user = findUserByUsername(db, username);
  if (!user) throw new NotFoundError(`no user named "${username}"`);
  return { id: user.id, username: user.username };
}

/** The signed-in user's own view of themselves (for /api/auth/me after a change of role). */
export function signedInUser(db: Db, userId: number): Api.SignedInUser {
  const user = findUserById(db, userId);
  if (!user) throw new NotFoundError('no such user');
  return { id: user.id, username: user.username, admin: user.isAdmin };
}
