import type * as Api from '../api/types';
import {
  findPasswordLinkByHash,
  insertPasswordLink,
  markPasswordLinkUsed,
  revokeUserPasswordLinks,
  type PasswordLink,
  type PasswordLinkPurpose,
} from '../db/repos/password-links';
import { findUserById, type User } from '../db/repos/users';
import type { AccountActor } from '../domain/auth/account-events';
import {
  ACTIVATION_LINK_MS,
  linkUrl,
  requirePending,
  RESET_LINK_MS,
  type LinkRefusals,
} from '../domain/auth/one-time-links';
import { newSecret, secretHash } from '../domain/auth/secrets';
import { ConflictError, GoneError, NotFoundError } from '../domain/errors';
import { storeNewPassword, type AccountDeps } from './accounts';
import { logAccountEvent } from './account-log';
import type { ServiceDeps } from './deps';
import { startSession, type StartedSession } from './sessions';

/**
 * One-time links that set a password, made by an administrator (there is no mail server):
 * `reset` for a forgotten password, `activate` for the first password of an account an
 * administrator made. 256 random bits, stored as SHA-256 only; one live link per user (a new
 * one revokes the old); spent at first use. Using one ends every session of the account.
 */

/** Makes a link for `user`; the caller is inside or outside a transaction. */
export function issuePasswordLink(
  deps: ServiceDeps,
  by: AccountActor,
  input: { user: User; purpose: PasswordLinkPurpose; baseUrl: string },
): Api.OneTimeLink {
  const { db } = deps;
  const now = deps.clock();
  const token = newSecret();
  const expiresAt = new Date(
    now.getTime() + (input.purpose === 'reset' ? RESET_LINK_MS : ACTIVATION_LINK_MS),
  );
  db.transaction(() => {
    revokeUserPasswordLinks(db, input.user.id, now);
    insertPasswordLink(db, {
      userId: input.user.id,
      purpose: input.purpose,
      tokenHash: secretHash(token),
      createdBy: by === 'administrator' ? null : by,
      now,
      expiresAt,
    });
    logAccountEvent(db, now, {
      event: 'password_link_issued',
      by,
      subject: input.user,
      details: { purpose: input.purpose, expiresAt: expiresAt.toISOString() },
    });
  })();
  return { url: linkUrl(input.baseUrl, 'reset', token), expiresAt: expiresAt.toISOString() };
}

const REFUSALS: LinkRefusals = {
  unknown: 'this link is not valid; check that it was copied whole',
  used: 'this link has already been used; ask an administrator for a new one',
  revoked: 'this link has been replaced by a newer one or withdrawn; ask an administrator for a new one',
  expired: 'this link has expired; ask an administrator for a new one',
};

/** The live link for a token, or a clear refusal: 404 unknown, 410 used, withdrawn or expired. */
function liveLink(deps: ServiceDeps, token: string, now: Date): PasswordLink {
  return requirePending(findPasswordLinkByHash(deps.db, secretHash(token)), now, REFUSALS);
}

/** What a link is for, shown before the new password is typed. */
export function inspectPasswordLink(deps: ServiceDeps, token: string): Api.PasswordLinkPreview {
  const link = liveLink(deps, token, deps.clock());
  return { username: link.username, purpose: link.purpose, expiresAt: link.expiresAt };
}

/**
 * Sets the password through a link, once: the link is spent in the same transaction that
 * stores the password, every session of the account ends, and a new one starts for this browser.
 */
export async function usePasswordLink(
  deps: AccountDeps,
  input: { token: string; newPassword: string; previousToken?: string | undefined },
): Promise<StartedSession> {
  const link = liveLink(deps, input.token, deps.clock());
  const user = findUserById(deps.db, link.userId);
  if (!user) throw new NotFoundError(REFUSALS.unknown);
  if (user.disabledAt !== null) throw new ConflictError('this account is disabled; ask an administrator');
  await storeNewPassword(deps, user, input.newPassword, {
    event: 'password_set',
    details: { purpose: link.purpose },
    inside: (now) => {
      // A second use racing this one (hashing took a while) loses here, inside the transaction.
      if (!markPasswordLinkUsed(deps.db, link.id, now)) throw new GoneError(REFUSALS.used, { state: 'used' });
    },
  });
  return startSession(
    deps,
    { id: user.id, username: user.username, admin: user.isAdmin },
    input.previousToken,
  );
}
