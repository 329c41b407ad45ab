import type { Db } from '../db/connection';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  updatePasswordHash,
  type User,
} from '../db/repos/users';
import { deleteUserSessions } from '../db/repos/sessions';
import {
  DEFAULT_SCRYPT,
  hashPassword,
  verifyPassword,
  type ScryptParams,
} from '../domain/auth/password-hash';
import { assertAcceptablePassword } from '../domain/auth/password-policy';
import { parseUsername } from '../domain/auth/username';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../domain/errors';
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
  const existing = findUserByUsername(db, name);
  if (existing) throw new ConflictError(`a user named "${existing.username}" already exists`);
  return name;
}

/** Stores a validated user with its password hash. */
export function storeUser(deps: ServiceDeps, input: { username: string; passwordHash: string }): User {
  const { username, passwordHash } = input;
  try {
    return { id: insertUser(deps.db, username, passwordHash, deps.clock()), username };
  } catch (error) {
    // Another request may have taken the name while we were hashing.
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new ConflictError(`a user named "${username}" already exists`, undefined, { cause: error });
    }
    throw error;
  }
}

/** Creates an account after checking the username and the password policy. */
export async function createUser(deps: AccountDeps, input: Credentials): Promise<User> {
  const username = validateNewUser(deps.db, input);
  const passwordHash = await hashPassword(input.password, deps.hashParams ?? DEFAULT_SCRYPT);
  return storeUser(deps, { username, passwordHash });
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password. An unknown username costs the same scrypt work as a wrong
 * password, so response time does not tell which usernames exist; both get the same message.
 */
export async function checkCredentials(db: Db, input: Credentials): Promise<User> {
  const user = findUserByUsername(db, input.username);
  if (!user) {
    dummyHash ??= hashPassword('not a password of anyone', DEFAULT_SCRYPT);
    await verifyPassword(input.password, await dummyHash);
    throw new UnauthenticatedError('wrong username or password');
  }
  if (!(await verifyPassword(input.password, user.passwordHash)))
    throw new UnauthenticatedError('wrong username or password');
  return { id: user.id, username: user.username };
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
  await storeNewPassword(deps, user, input.newPassword, input.keepSessionId);
}

/**
 * Sets a password without the current one: the administrator's reset on the command line
 * (there is no e-mail reset). Ends every session of the user; API tokens stay valid.
 */
export async function resetPassword(deps: AccountDeps, input: Credentials): Promise<User> {
  const found = findUserByUsername(deps.db, input.username);
  if (!found) throw new NotFoundError(`no user named "${input.username}"`);
  await storeNewPassword(deps, found, input.password, undefined);
  return { id: found.id, username: found.username };
}

async function storeNewPassword(
  deps: AccountDeps,
  user: User,
  newPassword: string,
  keepSessionId: string | undefined,
): Promise<void> {
  const { db } = deps;
  assertAcceptablePassword(newPassword, { commonPasswords: commonPasswords(), username: user.username });
  const hash = await hashPassword(newPassword, deps.hashParams ?? DEFAULT_SCRYPT);
  const now = deps.clock();
  db.transaction(() => {
    updatePasswordHash(db, user.id, hash, now);
    deleteUserSessions(db, user.id, keepSessionId);
  })();
}

/** Finds a user by name for commands that take --username; fails with a clear message. */
export function requireUserByName(db: Db, username: string): User {
  const user = findUserByUsername(db, username);
  if (!user) throw new NotFoundError(`no user named "${username}"`);
  return { id: user.id, username: user.username };
}
