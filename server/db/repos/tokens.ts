import type { Db } from '../connection';

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiTokenWithUser extends ApiToken {
  username: string;
  isAdmin: boolean;
  userDisabledAt: string | null;
}

interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const COLUMNS = 't.id, t.user_id, t.name, t.created_at, t.last_used_at, t.revoked_at';

const toToken = (row: TokenRow): ApiToken => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export function insertToken(db: Db, userId: number, name: string, tokenHash: string, now: Date): number {
  const info = db
    .prepare('INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)')
    .run(userId, name, tokenHash, now.toISOString());
  return Number(info.lastInsertRowid);
}

/** The token with this hash and its owner's name, revoked or not. */
export function findTokenByHash(db: Db, tokenHash: string): ApiTokenWithUser | undefined {
  const row = db
    .prepare(
      `SELECT ${COLUMNS}, u.username, u.is_admin, u.disabled_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    )
    .get(tokenHash) as
    (TokenRow & { username: string; is_admin: number; disabled_at: string | null }) | undefined;
  return (
    row && {
      ...toToken(row),
      username: row.username,
      isAdmin: row.is_admin === 1,
      userDisabledAt: row.disabled_at,
    }
  );
}

export function findTokenById(db: Db, id: number): ApiToken | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM api_tokens t WHERE t.id = ?`).get(id) as
    TokenRow | undefined;
  return row && toToken(row);
}

export function listUserTokens(db: Db, userId: number): ApiToken[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM api_tokens t WHERE t.user_id = ? ORDER BY t.id`)
    .all(userId) as TokenRow[];
  return rows.map(toToken);
}

/** Marks a token revoked; returns false when it did not exist or was already revoked. */
export function revokeToken(db: Db, id: number, now: Date): boolean {
  const info = db
    .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .run(now.toISOString(), id);
  return info.changes === 1;
}

export function touchToken(db: Db, id: number, now: Date): void {
  db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now.toISOString(), id);
}
