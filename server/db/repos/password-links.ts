import type { Db } from '../connection';

export type PasswordLinkPurpose = 'reset' | 'activate';

/** A one-time link that sets a user's password (only its token's hash is stored). */
export interface PasswordLink {
  id: number;
  userId: number;
  username: string;
  purpose: PasswordLinkPurpose;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

interface LinkRow {
  id: number;
  user_id: number;
  username: string;
  purpose: PasswordLinkPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

const toLink = (row: LinkRow): PasswordLink => ({
  id: row.id,
  userId: row.user_id,
  username: row.username,
  purpose: row.purpose,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  revokedAt: row.revoked_at,
});

export interface NewPasswordLink {
  userId: number;
  purpose: PasswordLinkPurpose;
  tokenHash: string;
  createdBy: number | null;
  now: Date;
  expiresAt: Date;
}

export function insertPasswordLink(db: Db, link: NewPasswordLink): number {
  const info = db
    .prepare(
      `INSERT INTO password_links (user_id, purpose, token_hash, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      link.userId,
      link.purpose,
      link.tokenHash,
      link.createdBy,
      link.now.toISOString(),
      link.expiresAt.toISOString(),
    );
  return Number(info.lastInsertRowid);
}

export function findPasswordLinkByHash(db: Db, tokenHash: string): PasswordLink | undefined {
  const row = db
    .prepare(
      `SELECT l.id, l.user_id, u.username, l.purpose, l.created_at, l.expires_at, l.used_at, l.revoked_at
       FROM password_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?`,
    )
    .get(tokenHash) as LinkRow | undefined;
  return row && toLink(row);
}

/** Revokes every unused link of a user (a newer one replaces them, or the password was set). */
export function revokeUserPasswordLinks(db: Db, userId: number, now: Date): void {
  db.prepare(
    'UPDATE password_links SET revoked_at = ? WHERE user_id = ? AND used_at IS NULL AND revoked_at IS NULL',
  ).run(now.toISOString(), userId);
}

/** Marks a link used; false when it was already used or revoked (a concurrent use lost the race). */
export function markPasswordLinkUsed(db: Db, id: number, now: Date): boolean {
  return (
    db
      .prepare(
        'UPDATE password_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL',
      )
      .run(now.toISOString(), id).changes === 1
  );
}
