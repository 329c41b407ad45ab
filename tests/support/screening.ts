import type { Db } from '../../server/db/connection';
import { createMember } from './auth';
import { seedProject, seedRecords, seedSource } from './db';

/**
 * A project with n records ("Record 1".."Record n") and three real members: an owner and
 * two reviewers. Usernames are owner/alice/bob in the first project of a database and carry
 * the project id after that (usernames are unique per database).
 */
export function seedScreeningProject(db: Db, n = 6, name = 'Screening review') {
  const projectId = seedProject(db, name);
  const sourceId = seedSource(db, projectId);
  const recordIds = seedRecords(
    db,
    projectId,
    sourceId,
    Array.from({ length: n }, (_, i) => ({
      title: `Record ${i + 1}`,
      abstract: `Abstract ${i + 1}`,
      year: 2020,
    })),
  );
  const first = (db.prepare('SELECT MIN(id) AS id FROM projects').get() as { id: number }).id === projectId;
  const username = (base: string) => (first ? base : `${base}${projectId}`);
  const member = (base: string, role: 'owner' | 'reviewer' | 'viewer') => ({
    userId: createMember(db, projectId, username(base), role),
    role,
    username: username(base),
  });
  return {
    projectId,
    recordIds,
    owner: member('owner', 'owner'),
    alice: member('alice', 'reviewer'),
    bob: member('bob', 'reviewer'),
    viewer: member('victor', 'viewer'),
  };
}
