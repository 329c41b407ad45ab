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
import type { User } from '../db/repos/users';
import { API_TOKEN_PREFIX, newSecret, secretHash } from '../domain/auth/secrets';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';

/** last_used_at is written at most this often, so a busy script does not turn reads into writes. */
const TOUCH_MS = 60 * 1000;
const MAX_NAME = 100;

/** Makes a personal API token for a user, labelled with `name`. */
export function createApiToken(deps: ServiceDeps, userId: number, name: string): Api.CreatedApiToken {
  const label = name.trim();
  if (label === '' || label.length > MAX_NAME)
    throw new ValidationError(`token name must be 1 to ${MAX_NAME} characters`);
  const now = deps.clock();
  const token = newSecret(API_TOKEN_PREFIX);
  const id = insertToken(deps.db, userId, label, secretHash(token), now);
  return { id, name: label, createdAt: now.toISOString(), token };
}

/** The user behind a bearer token, or null when it is unknown or revoked. */
export function resolveApiToken(deps: ServiceDeps, token: string): { user: User; tokenId: number } | null {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const { db } = deps;
  const now = deps.clock();
  const found = findTokenByHash(db, secretHash(token));
  if (!found || found.revokedAt !== null) return null;
  if (found.lastUsedAt === null || now.getTime() - new Date(found.lastUsedAt).getTime() >= TOUCH_MS) {
    touchToken(db, found.id, now);
  }
  return { user: { id: found.userId, username: found.username }, tokenId: found.id };
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
  if (token.revokedAt === null) revokeToken(db, tokenId, deps.clock());
  return findTokenById(db, tokenId) as ApiToken;
}
