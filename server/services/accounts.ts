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

export interface HashOptions {
  /** scrypt cost; tests pass a cheap one, everything else uses DEFAULT_SCRYPT. */
  hashParams?: ScryptParams;
}

/** Checks a would-be account (username form, free name, password policy); returns the username. */
export function validateNewUser(db: Db, username: string, password: string): string {
  const name = parseUsername(username);
  assertAcceptablePassword(password, { commonPasswords: commonPasswords(), username: name });
  const existing = findUserByUsername(db, name);
  if (existing) throw new ConflictError(`a user named "${existing.username}" already exists`);
  return name;
}

/** Stores a validated user with its password hash. */
export function storeUser(db: Db, username: string, passwordHash: string, now: Date): User {
  try {
    return { id: insertUser(db, username, passwordHash, now), username };
  } catch (error) {
    // Another request may have taken the name while we were hashing.
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new ConflictError(`a user named "${username}" already exists`, undefined, { cause: error });
    }
    throw error;
  }
}

/** Creates an account after checking the username and the password policy. */
export async function createUser(
  db: Db,
  username: string,
  password: string,
  now: Date,
  options: HashOptions = {},
): Promise<User> {
  const name = validateNewUser(db, username, password);
  const hash = await hashPassword(password, options.hashParams ?? DEFAULT_SCRYPT);
  return storeUser(db, name, hash, now);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password. An unknown username costs the same scrypt work as a wrong
 * password, so response time does not tell which usernames exist; both get the same message.
 */
export async function checkCredentials(db: Db, username: string, password: string): Promise<User> {
  const user = findUserByUsername(db, username);
  if (!user) {
    dummyHash ??= hashPassword('not a password of anyone', DEFAULT_SCRYPT);
    await verifyPassword(password, await dummyHash);
    throw new UnauthenticatedError('wrong username or password');
  }
  if (!(await verifyPassword(password, user.passwordHash)))
    throw new UnauthenticatedError('wrong username or password');
  return { id: user.id, username: user.username };
}

/**
 * Changes a user's own password: needs the current one (ASVS 6.2.3), applies the policy, and
 * ends every other session of the user so a stolen session does not outlive the change.
 */
export async function changePassword(
  db: Db,
  userId: number,
  currentPassword: string,
  newPassword: string,
  now: Date,
  keepSessionId?: string,
  options: HashOptions = {},
): Promise<void> {
  const user = findUserById(db, userId);
  if (!user) throw new NotFoundError('no such user');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new ValidationError('the current password is wrong', { field: 'currentPassword' });
  }
  await storeNewPassword(db, user, newPassword, now, keepSessionId, options);
}

/**
 * Sets a password without the current one: the administrator's reset on the command line
 * (there is no e-mail reset). Ends every session of the user; API tokens stay valid.
 */
export async function resetPassword(
  db: Db,
  username: string,
  newPassword: string,
  now: Date,
  options: HashOptions = {},
): Promise<User> {
  const found = findUserByUsername(db, username);
  if (!found) throw new NotFoundError(`no user named "${username}"`);
  await storeNewPassword(db, found, newPassword, now, undefined, options);
  return { id: found.id, username: found.username };
}

async function storeNewPassword(
  db: Db,
  user: User,
  newPassword: string,
  now: Date,
  keepSessionId: string | undefined,
  options: HashOptions,
): Promise<void> {
  assertAcceptablePassword(newPassword, { commonPasswords: commonPasswords(), username: user.username });
  const hash = await hashPassword(newPassword, options.hashParams ?? DEFAULT_SCRYPT);
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
