import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import {
  addMember,
  countOwners,
  findMember,
  findRole,
  listMembers,
  removeMember,
  updateMemberRole,
  type Member,
} from '../db/repos/members';
import { findUserByUsername } from '../db/repos/users';
import type { Role } from '../domain/auth/roles';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';

/** The user's role in the project, or undefined when they are not a member (the route guard asks). */
export function projectRole(db: Db, projectId: number, userId: number): Role | undefined {
  return findRole(db, projectId, userId);
}

export function listProjectMembers(db: Db, projectId: number): Api.Member[] {
  return listMembers(db, projectId);
}

/** Adds an existing user to a project by name. */
export function addProjectMember(
  deps: ServiceDeps,
  projectId: number,
  input: { username: string; role: Role },
): Api.Member {
  const { db } = deps;
  const { username, role } = input;
  const user = findUserByUsername(db, username);
  if (!user) throw new ValidationError(`no user named "${username}"`, { field: 'username' });
  return db
    .transaction(() => {
      if (findMember(db, projectId, user.id)) throw new ConflictError(`${user.username} is already a member`);
      addMember(db, projectId, user.id, role, deps.clock());
      return findMember(db, projectId, user.id) as Member;
    })
    .immediate();
}

/** Changes a member's role; a project never loses its last owner. */
export function changeMemberRole(db: Db, projectId: number, userId: number, role: Role): Api.Member {
  return db
    .transaction(() => {
      const member = findMember(db, projectId, userId);
      if (!member) throw new NotFoundError('no such member');
      if (member.role === 'owner' && role !== 'owner' && countOwners(db, projectId) === 1) {
        throw new ConflictError('a project needs at least one owner; make someone else owner first');
      }
      updateMemberRole(db, projectId, userId, role);
      return { ...member, role };
    })
    .immediate();
}

/** Removes a member; a project never loses its last owner. */
export function removeProjectMember(db: Db, projectId: number, userId: number): void {
  db.transaction(() => {
    const member = findMember(db, projectId, userId);
    if (!member) throw new NotFoundError('no such member');
    if (member.role === 'owner' && countOwners(db, projectId) === 1) {
      throw new ConflictError('a project needs at least one owner; make someone else owner first');
    }
    removeMember(db, projectId, userId);
  }).immediate();
}
