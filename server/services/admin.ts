import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { countOwners, listUserMemberships } from '../db/repos/members';
import { findProject } from '../db/repos/projects';
import { deleteUserSessions } from '../db/repos/sessions';
import {
  countActiveAdmins,
  deleteUser,
  findAccount,
  findUserByUsername,
  hasRecordedWork,
  listAccounts,
  NO_PASSWORD,
  setAdmin,
  setDisabled,
  type AccountRow,
  type User,
} from '../db/repos/users';
import type { AccountActor } from '../domain/auth/account-events';
import { parseUsername } from '../domain/auth/username';
import { ConflictError, NotFoundError } from '../domain/errors';
import { assertUsernameFree, storeUser } from './accounts';
import { logAccountEvent } from './account-log';
import type { ServiceDeps } from './deps';
import { issuePasswordLink } from './password-links';

/**
 * What site administrators do (the Admin page, and the same through `sift user …` at the
 * server's command line, where the actor is 'administrator'). The routes let only
 * administrators in; these services keep the site's invariants: it always has an active
 * administrator, and an account with recorded work is disabled, never deleted.
 */

function present(row: AccountRow): Api.Account {
  return {
    id: row.id,
    username: row.username,
    admin: row.isAdmin,
    disabled: row.disabledAt !== null,
    disabledAt: row.disabledAt,
    createdAt: row.createdAt,
    lastSignInAt: row.lastLoginAt,
    awaitingPassword: row.awaitingPassword,
  };
}

export function listAllAccounts(db: Db): Api.Account[] {
  return listAccounts(db).map(present);
}

function requireAccount(db: Db, userId: number): AccountRow {
  const account = findAccount(db, userId);
  if (!account) throw new NotFoundError(`no account ${userId}`);
  return account;
}

/** Finds an account by name for the CLI's --username; fails with a clear message. */
export function accountIdByName(db: Db, username: string): number {
  const user = findUserByUsername(db, username);
  if (!user) throw new NotFoundError(`no user named "${username}"`);
  return user.id;
}

/**
 * Makes an account without a password, and the one-time link with which its owner chooses
 * one (ASVS 6.4.1: no system-made password that could become the long-term one; the
 * administrator never knows it).
 */
export function createAccount(
  deps: ServiceDeps,
  by: AccountActor,
  input: { username: string; admin: boolean; baseUrl: string },
): Api.CreatedAccount {
  const { db } = deps;
  const username = parseUsername(input.username);
  assertUsernameFree(db, username);
  // One transaction: an account never exists without the link that lets its owner in.
  return db.transaction(() => {
    const user = storeUser(deps, { username, passwordHash: NO_PASSWORD, admin: input.admin, by });
    const link = issuePasswordLink(deps, by, { user, purpose: 'activate', baseUrl: input.baseUrl });
    return { account: present(requireAccount(db, user.id)), link };
  })();
}

/** Refuses to leave the site without an active administrator. */
function assertKeepsAnAdmin(db: Db, account: AccountRow, what: string): void {
  if (account.isAdmin && account.disabledAt === null && countActiveAdmins(db) === 1) {
    throw new ConflictError(
      `${account.username} is the only administrator; make someone else one before ${what}`,
    );
  }
}

/**
 * Disables an account at once: its sessions end and its API tokens are refused while it is
 * disabled; its votes, codes and decisions stay attributed to it. An administrator cannot
 * disable their own account.
 */
export function disableAccount(deps: ServiceDeps, by: AccountActor, userId: number): Api.Account {
  const { db } = deps;
  const now = deps.clock();
  return db
    .transaction(() => {
      const account = requireAccount(db, userId);
      if (by === userId) throw new ConflictError('you cannot disable your own account');
      if (account.disabledAt === null) {
        assertKeepsAnAdmin(db, account, 'disabling this account');
        setDisabled(db, userId, now);
        const sessions = deleteUserSessions(db, userId);
        logAccountEvent(db, now, { event: 'account_disabled', by, subject: account, details: { sessions } });
      }
      return present(requireAccount(db, userId));
    })
    .immediate();
}

/** Enables a disabled account again: it signs in anew; its API tokens work again unless revoked. */
export function enableAccount(deps: ServiceDeps, by: AccountActor, userId: number): Api.Account {
  const { db } = deps;
  const now = deps.clock();
  return db
    .transaction(() => {
      const account = requireAccount(db, userId);
      if (account.disabledAt !== null) {
        setDisabled(db, userId, null);
        logAccountEvent(db, now, { event: 'account_enabled', by, subject: account });
      }
      return present(requireAccount(db, userId));
    })
    .immediate();
}

/** Makes an account a site administrator, or no longer one (never the last active one). */
export function setAccountAdmin(
  deps: ServiceDeps,
  by: AccountActor,
  userId: number,
  admin: boolean,
): Api.Account {
  const { db } = deps;
  const now = deps.clock();
  return db
    .transaction(() => {
      const account = requireAccount(db, userId);
      if (account.isAdmin !== admin) {
        if (!admin) assertKeepsAnAdmin(db, account, 'removing this one');
        setAdmin(db, userId, admin);
        logAccountEvent(db, now, { event: admin ? 'admin_granted' : 'admin_revoked', by, subject: account });
      }
      return present(requireAccount(db, userId));
    })
    .immediate();
}

/** A one-time link that lets the account's owner set a new password (valid 24 hours). */
export function issueResetLink(
  deps: ServiceDeps,
  by: AccountActor,
  input: { userId: number; baseUrl: string },
): Api.OneTimeLink {
  const account = requireAccount(deps.db, input.userId);
  if (account.disabledAt !== null)
    throw new ConflictError(`${account.username} is disabled; enable the account first`);
  return issuePasswordLink(deps, by, { user: account, purpose: 'reset', baseUrl: input.baseUrl });
}

/**
 * Deletes an account that has no recorded work. One with votes, codes or other decisions is
 * refused (409: disable it instead), so the audit trail stays whole; so is one's own account,
 * the last administrator and a project's only owner.
 */
export function deleteAccount(deps: ServiceDeps, by: AccountActor, userId: number): void {
  const { db } = deps;
  const now = deps.clock();
  db.transaction(() => {
    const account = requireAccount(db, userId);
    if (by === userId) throw new ConflictError('you cannot delete your own account');
    if (hasRecordedWork(db, userId)) {
      throw new ConflictError(
        `${account.username} has recorded decisions, votes or codes; disable the account instead, so the audit trail stays whole`,
      );
    }
    assertKeepsAnAdmin(db, account, 'deleting this account');
    for (const { projectId, role } of listUserMemberships(db, userId)) {
      if (role === 'owner' && countOwners(db, projectId) === 1) {
        const name = findProject(db, projectId)?.name ?? `project ${projectId}`;
        throw new ConflictError(
          `${account.username} is the only owner of "${name}"; make someone else owner first`,
        );
      }
    }
    deleteUser(db, userId);
    logAccountEvent(db, now, { event: 'account_deleted', by, subject: account as User });
  }).immediate();
}
