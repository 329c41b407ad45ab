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

/** last_used_at is written at most this often, so a busy script does not turn reads into writes. */
const TOUCH_MS = 60 * 1000;
const MAX_NAME = 100;

/** Makes a personal API token for a user. */
export function createApiToken(db: Db, userId: number, name: string, now: Date): Api.CreatedApiToken {
  const label = name.trim();
  if (label === '' || label.length > MAX_NAME)
    throw new ValidationError(`token name must be 1 to ${MAX_NAME} characters`);
  const token = newSecret(API_TOKEN_PREFIX);
  const id = insertToken(db, userId, label, secretHash(token), now);
  return { id, name: label, createdAt: now.toISOString(), token };
}

/** The user behind a bearer token, or null when it is unknown or revoked. */
export function resolveApiToken(db: Db, token: string, now: Date): { user: User; tokenId: number } | null {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
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
 * Revokes a token. With `ownerId`, only that user's token may be revoked and another user's
 * looks like a missing one (the HTTP route); without it, any token (the CLI, run by the admin).
 */
export function revokeApiToken(db: Db, id: number, now: Date, ownerId?: number): ApiToken {
  const token = findTokenById(db, id);
  if (!token || (ownerId !== undefined && token.userId !== ownerId))
    throw new NotFoundError(`no API token ${id}`);
  if (token.revokedAt === null) revokeToken(db, id, now);
  return findTokenById(db, id) as ApiToken;
}
