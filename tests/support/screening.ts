import type { Db } from '../../server/db/connection';
import { seedProject, seedRecords, seedSource } from './db';

/** A project with n records ("Record 1".."Record n") and the ids of three people to act in it. */
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
  const users = seedUsers(db, ['owner', 'alice', 'bob']);
  return {
    projectId,
    recordIds,
    owner: { userId: users[0]!, role: 'owner' as const },
    alice: { userId: users[1]!, role: 'reviewer' as const },
    bob: { userId: users[2]!, role: 'reviewer' as const },
  };
}

let nextUserId = 100;

/** User ids for screening tests (plain integers until accounts exist in the schema). */
export function seedUsers(_db: Db, names: string[]): number[] {
  return names.map(() => nextUserId++);
}
