import type * as Api from '../api/types';
import {
  findInvitation,
  findInvitationByHash,
  insertInvitation,
  listInvitations,
  markInvitationUsed,
  revokeInvitation,
  type InvitationRow,
} from '../db/repos/invitations';
import { addMember, findMember } from '../db/repos/members';
import { findUserById } from '../db/repos/users';
import type { AccountActor } from '../domain/auth/account-events';
import {
  DAY_MS,
  INVITATION_DAYS,
  linkState,
  linkUrl,
  requirePending,
  type LinkRefusals,
} from '../domain/auth/one-time-links';
import { DEFAULT_SCRYPT, hashPassword } from '../domain/auth/password-hash';
import type { Role } from '../domain/auth/roles';
import { newSecret, secretHash } from '../domain/auth/secrets';
import { ConflictError, GoneError, NotFoundError } from '../domain/errors';
import { storeUser, validateNewUser, type AccountDeps, type Credentials } from './accounts';
import { logAccountEvent } from './account-log';
import type { ServiceDeps } from './deps';
import { startSession, type StartedSession } from './sessions';

/**
 * Invitations from a project's owners: a single-use link that joins the project with the role
 * the owner chose, expiring (7 days unless said otherwise), revocable, stored as the SHA-256
 * of its 256-bit token only. Opening it lets the invitee create an account or sign in with
 * theirs, then join.
 */

function present(row: InvitationRow, now: Date): Api.Invitation {
  return {
    id: row.id,
    role: row.role,
    state: linkState(row, now),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    usedBy: row.usedBy,
    revokedAt: row.revokedAt,
  };
}

export function listProjectInvitations(deps: ServiceDeps, projectId: number): Api.Invitation[] {
  const now = deps.clock();
  return listInvitations(deps.db, projectId).map((row) => present(row, now));
}

/** Makes an invitation for `role`; the link (with its secret) is shown this once. */
export function createInvitation(
  deps: ServiceDeps,
  projectId: number,
  by: AccountActor,
  input: { role: Role; expiresInMs?: number; baseUrl: string },
): Api.CreatedInvitation {
  const { db } = deps;
  const now = deps.clock();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + (input.expiresInMs ?? INVITATION_DAYS * DAY_MS));
  const id = db.transaction(() => {
    const made = insertInvitation(db, {
      projectId,
      role: input.role,
      tokenHash: secretHash(token),
      createdBy: by === 'administrator' ? null : by,
      now,
      expiresAt,
    });
    logAccountEvent(db, now, {
      event: 'invitation_created',
      by,
      projectId,
      details: { invitationId: made, role: input.role, expiresAt: expiresAt.toISOString() },
    });
    return made;
  })();
  return {
    invitation: present(findInvitation(db, projectId, id) as InvitationRow, now),
    link: { url: linkUrl(input.baseUrl, 'invite', token), expiresAt: expiresAt.toISOString() },
  };
}

/** Revokes a pending invitation of the project (a used or already revoked one stays as it is). */
export function revokeProjectInvitation(
  deps: ServiceDeps,
  projectId: number,
  by: AccountActor,
  invitationId: number,
): Api.Invitation {
  const { db } = deps;
  const now = deps.clock();
  return db.transaction(() => {
    const row = findInvitation(db, projectId, invitationId);
    if (!row) throw new NotFoundError(`no invitation ${invitationId} in this project`);
    if (revokeInvitation(db, invitationId, now)) {
      logAccountEvent(db, now, {
        event: 'invitation_revoked',
        by,
        projectId,
        details: { invitationId, role: row.role },
      });
    }
    return present(findInvitation(db, projectId, invitationId) as InvitationRow, now);
  })();
}

const REFUSALS: LinkRefusals = {
  unknown: 'this invitation link is not valid; check that it was copied whole',
  used: 'this invitation has already been used; ask the project owner for a new one',
  revoked: 'this invitation has been withdrawn by the project owner; ask them for a new one',
  expired: 'this invitation has expired; ask the project owner for a new one',
};

/** The pending invitation for a token, or a clear refusal: 404 unknown, 410 used, revoked or expired. */
function pending(deps: ServiceDeps, token: string, now: Date): InvitationRow {
  return requirePending(findInvitationByHash(deps.db, secretHash(token)), now, REFUSALS);
}

/** What the invitee sees before accepting: the project, the role, who invited them. */
export function inspectInvitation(deps: ServiceDeps, token: string): Api.InvitationPreview {
  const row = pending(deps, token, deps.clock());
  return {
    project: { id: row.projectId, name: row.projectName },
    role: row.role,
    invitedBy: row.createdBy,
    expiresAt: row.expiresAt,
  };
}

/**
 * Spends the invitation for `user` and makes them a member with its role, in the caller's
 * transaction: a second use of the same link loses the race there.
 */
function join(
  deps: ServiceDeps,
  token: string,
  user: { id: number; username: string },
  now: Date,
): Api.AcceptedInvitation {
  const { db } = deps;
  const row = pending(deps, token, now);
  if (findMember(db, row.projectId, user.id)) {
    throw new ConflictError(`you are already a member of "${row.projectName}"; this invitation stays unused`);
  }
  if (!markInvitationUsed(db, row.id, user.id, now)) throw new GoneError(REFUSALS.used, { state: 'used' });
  addMember(db, row.projectId, user.id, row.role, now);
  logAccountEvent(db, now, {
    event: 'invitation_accepted',
    subject: user,
    projectId: row.projectId,
    details: { invitationId: row.id, role: row.role },
  });
  return { projectId: row.projectId, role: row.role };
}

/** A signed-in user accepts an invitation: they join the project with its role. */
export function acceptInvitation(deps: ServiceDeps, userId: number, token: string): Api.AcceptedInvitation {
  const { db } = deps;
  const user = findUserById(db, userId);
  if (!user) throw new NotFoundError('no such user');
  return db.transaction(() => join(deps, token, user, deps.clock())).immediate();
}

/**
 * Someone without an account accepts an invitation: a new account (the usual username and
 * password rules), joined to the project with the invitation's role, and signed in.
 */
export async function registerFromInvitation(
  deps: AccountDeps,
  input: Credentials & { token: string; previousToken?: string | undefined },
): Promise<StartedSession & Api.AcceptedInvitation> {
  const { db } = deps;
  pending(deps, input.token, deps.clock()); // refuse a dead link before the costly hash
  const username = validateNewUser(db, input);
  const passwordHash = await hashPassword(input.password, deps.hashParams ?? DEFAULT_SCRYPT);
  const now = deps.clock();
  const { user, joined } = db
    .transaction(() => {
      const row = pending(deps, input.token, now);
      const made = storeUser(deps, {
        username,
        passwordHash,
        by: 'self',
        details: { invitationId: row.id },
      });
      return { user: made, joined: join(deps, input.token, made, now) };
    })
    .immediate();
  return { ...startSession(deps, { ...user, admin: false }, input.previousToken, now), ...joined };
}
