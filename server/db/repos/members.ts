import type { Db } from '../connection';
import type { Role } from '../../domain/auth/roles';

export interface Member {
  userId: number;
  username: string;
  role: Role;
  addedAt: string;
}

interface MemberRow {
  user_id: number;
  username: string;
  role: Role;
  added_at: string;
}

const toMember = (row: MemberRow): Member => ({
  userId: row.user_id,
  username: row.username,
  role: row.role,
  addedAt: row.added_at,
});

/**
 * Makes a user a member of a project with a role. Project creation calls this to make the
 * creator its owner. Fails on the primary key if the user is already a member.
 */
export function addMember(db: Db, projectId: number, userId: number, role: Role, now: Date): void {
  db.prepare('INSERT INTO project_members (project_id, user_id, role, added_at) VALUES (?, ?, ?, ?)').run(
    projectId,
    userId,
    role,
    now.toISOString(),
  );
}

/** The caller's role in a project, or undefined when they are not a member. */
export function findRole(db: Db, projectId: number, userId: number): Role | undefined {
  const row = db
    .prepare('SELECT role FROM project_members WHERE project_id = ? AND user_id = ?')
    .get(projectId, userId) as { role: Role } | undefined;
  return row?.role;
}

export function findMember(db: Db, projectId: number, userId: number): Member | undefined {
  const row = db
    .prepare(
      `SELECT m.user_id, u.username, m.role, m.added_at FROM project_members m JOIN users u ON u.id = m.user_id
       WHERE m.project_id = ? AND m.user_id = ?`,
    )
    .get(projectId, userId) as MemberRow | undefined;
  return row && toMember(row);
}

export function listMembers(db: Db, projectId: number): Member[] {
  const rows = db
    .prepare(
      `SELECT m.user_id, u.username, m.role, m.added_at FROM project_members m JOIN users u ON u.id = m.user_id
       WHERE m.project_id = ? ORDER BY u.username COLLATE NOCASE`,
    )
    .all(projectId) as MemberRow[];
  return rows.map(toMember);
}

export function updateMemberRole(db: Db, projectId: number, userId: number, role: Role): boolean {
  return (
    db
      .prepare('UPDATE project_members SET role = ? WHERE project_id = ? AND user_id = ?')
      .run(role, projectId, userId).changes === 1
  );
}

export function removeMember(db: Db, projectId: number, userId: number): boolean {
  return (
    db.prepare('DELETE FROM project_members WHERE project_id = ? AND user_id = ?').run(projectId, userId)
      .changes === 1
  );
}

export function countOwners(db: Db, projectId: number): number {
  return (
    db
      .prepare("SELECT COUNT(*) AS n FROM project_members WHERE project_id = ? AND role = 'owner'")
      .get(projectId) as {
      n: number;
    }
  ).n;
}

/** The ids of the projects a user belongs to, with their role (for listing "my projects"). */
export function listUserMemberships(db: Db, userId: number): { projectId: number; role: Role }[] {
  const rows = db
    .prepare('SELECT project_id, role FROM project_members WHERE user_id = ? ORDER BY project_id')
    .all(userId) as { project_id: number; role: Role }[];
  return rows.map((r) => ({ projectId: r.project_id, role: r.role }));
}
