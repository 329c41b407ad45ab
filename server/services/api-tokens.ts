import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import {
  findTokenByHash,
  findTokenById,
  insertToken,
  listUserTokens,
  revokeToken,
  touchToken,
  type ApiToken,
} from '../db/repos/tokens';
import { findUserById } from '../db/repos/users';
import { API_TOKEN_PREFIX, newSecret, secretHash } from '../domain/auth/secrets';
import { NotFoundError, ValidationError } from '../domain/errors';
import { logAccountEvent } from './account-log';
import type { ServiceDeps } from './deps';

/** last_used_at is written at most this often, so a busy script does not turn reads into writes. */
const TOUCH_MS = 60 * 1000;
const MAX_NAME = 100;

/** Makes a personal API token for a user, labelled with `name`. */
export function createApiToken(deps: ServiceDeps, userId: number, name: string): Api.CreatedApiToken {
  const label = name.trim();
  if (label === '' || label.length > MAX_NAME)
    throw new ValidationError(`token name must be 1 to ${MAX_NAME} characters`);
  const { db } = deps;
  const now = deps.clock();
  const token = newSecret(API_TOKEN_PREFIX);
  const user = findUserById(db, userId);
  if (!user) throw new NotFoundError('no such user');
  const id = db.transaction(() => {
    const made = insertToken(db, userId, label, secretHash(token), now);
    logAccountEvent(db, now, {
      event: 'api_token_created',
      subject: user,
      details: { tokenId: made, name: label },
    });
    return made;
  })();
  return { id, name: label, createdAt: now.toISOString(), token };
}

/** The user behind a bearer token, or null when it is unknown, revoked, or its account disabled. */
export function resolveApiToken(
  deps: ServiceDeps,
  token: string,
): { user: Api.SignedInUser; tokenId: number } | null {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const { db } = deps;
  const now = deps.clock();
  const found = findTokenByHash(db, secretHash(token));
  if (!found || found.revokedAt !== null || found.userDisabledAt !== null) return null;
  if (found.lastUsedAt === null || now.getTime() - new Date(found.lastUsedAt).getTime() >= TOUCH_MS) {
    touchToken(db, found.id, now);
  }
  return { user: { id: found.userId, username: found.username, admin: found.isAdmin }, tokenId: found.id };
}

export function listApiTokens(db: Db, userId: number): ApiToken[] {
  return listUserTokens(db, userId);
}

/**
 * Revokes a token. A user may revoke only their own tokens, and another user's looks like a
 * missing one (the HTTP route); the administrator, at the server's command line, any token.
 */
export function revokeApiToken(deps: ServiceDeps, by: number | 'administrator', tokenId: number): ApiToken {
  const { db } = deps;
  const token = findTokenById(db, tokenId);
  if (!token || (by !== 'administrator' && token.userId !== by))
    throw new NotFoundError(`no API token ${tokenId}`);
  if (token.revokedAt === null) {
    const now = deps.clock();
    const owner = findUserById(db, token.userId);
    db.transaction(() => {
      revokeToken(db, tokenId, now);
      logAccountEvent(db, now, {
        event: 'api_token_revoked',
        by,
        subject: owner ? { id: owner.id, username: owner.username } : null,
        details: { tokenId, name: token.name },
      });
    })();
  }
  return findTokenById(db, tokenId) as ApiToken;
}
