import type { Role } from '../../domain/auth/roles';
import type { Db } from '../connection';

/** An invitation to join a project with a role (only its token's hash is stored). */
export interface InvitationRow {
  id: number;
  projectId: number;
  projectName: string;
  role: Role;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  usedBy: string | null;
  revokedAt: string | null;
}

interface Row {
  id: number;
  project_id: number;
  project_name: string;
  role: Role;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
  revoked_at: string | null;
}

const SELECT = `SELECT i.id, i.project_id, p.name AS project_name, i.role, c.username AS created_by,
  i.created_at, i.expires_at, i.used_at, u.username AS used_by, i.revoked_at
  FROM invitations i JOIN projects p ON p.id = i.project_id
  LEFT JOIN users c ON c.id = i.created_by LEFT JOIN users u ON u.id = i.used_by`;

const toInvitation = (row: Row): InvitationRow => ({
  id: row.id,
  projectId: row.project_id,
  projectName: row.project_name,
  role: row.role,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
  usedBy: row.used_by,
  revokedAt: row.revoked_at,
});

export interface NewInvitation {
  projectId: number;
  role: Role;
  tokenHash: string;
  createdBy: number | null;
  now: Date;
  expiresAt: Date;
}

export function insertInvitation(db: Db, inv: NewInvitation): number {
  const info = db
    .prepare(
      `INSERT INTO invitations (project_id, role, token_hash, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      inv.projectId,
      inv.role,
      inv.tokenHash,
      inv.createdBy,
      inv.now.toISOString(),
      inv.expiresAt.toISOString(),
    );
  return Number(info.lastInsertRowid);
}

export function findInvitationByHash(db: Db, tokenHash: string): InvitationRow | undefined {
  const row = db.prepare(`${SELECT} WHERE i.token_hash = ?`).get(tokenHash) as Row | undefined;
  return row && toInvitation(row);
}

export function findInvitation(db: Db, projectId: number, id: number): InvitationRow | undefined {
  const row = db.prepare(`${SELECT} WHERE i.project_id = ? AND i.id = ?`).get(projectId, id) as
    Row | undefined;
  return row && toInvitation(row);
}

/** A project's invitations, newest first. */
export function listInvitations(db: Db, projectId: number): InvitationRow[] {
  const rows = db.prepare(`${SELECT} WHERE i.project_id = ? ORDER BY i.id DESC`).all(projectId) as Row[];
  return rows.map(toInvitation);
}

/** Marks an invitation used by a user; false when it was used or revoked meanwhile. */
export function markInvitationUsed(db: Db, id: number, userId: number, now: Date): boolean {
  return (
    db
      .prepare(
        'UPDATE invitations SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL',
      )
      .run(now.toISOString(), userId, id).changes === 1
  );
}

export function revokeInvitation(db: Db, id: number, now: Date): boolean {
  return (
    db
      .prepare(
        'UPDATE invitations SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL',
      )
      .run(now.toISOString(), id).changes === 1
  );
}
