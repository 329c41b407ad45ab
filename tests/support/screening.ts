import type { Db } from '../../server/db/connection';
import type { Actor } from '../../server/domain/auth/actor';
import { setLink } from '../../server/services/fulltext';
import { decide, unblind, updateSettings } from '../../server/services/screening';
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

/**
 * Makes records included studies the way a review does, through the real services: one
 * reviewer per record suffices, the owner includes each at title/abstract, links its full
 * text and includes it at full text, and unblinds both stages (which studies are included is
 * computed from the screening votes, so coders see the list once both are open to them).
 * `owner` must be a real account with the owner role.
 */
export function includeAtFullText(
  db: Db,
  projectId: number,
  owner: Actor,
  recordIds: readonly number[],
): void {
  const deps = { db, clock: () => new Date('2026-01-02T00:00:00.000Z') };
  const one = { reviewersRequired: 1 as const };
  updateSettings(deps, projectId, owner, { stages: { title_abstract: one, full_text: one } });
  for (const recordId of recordIds) {
    decide(deps, projectId, owner, { recordId, stage: 'title_abstract', decision: 'include' });
    setLink(deps, projectId, owner, recordId, `https://example.org/report/${recordId}`);
    decide(deps, projectId, owner, { recordId, stage: 'full_text', decision: 'include' });
  }
  for (const stage of ['title_abstract', 'full_text'] as const) unblind(db, projectId, owner, stage);
}
