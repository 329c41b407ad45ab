import type { Db } from '../../server/db/connection';
import type { Actor } from '../../server/domain/auth/actor';
import { runBulk } from '../../server/services/bulk';
import { runDedup } from '../../server/services/dedup';
import { markNotRetrievable, setLink } from '../../server/services/fulltext';
import { decide, resolve, unblind } from '../../server/services/screening';
import { createMember } from './auth';
import { seedProject, seedRecords, seedSource } from './db';

export const CLOCK = () => new Date('2026-05-04T09:00:00Z');

/** A clock a minute later at every reading, from `start`: each step of a seeded review has its own time. */
export function tickingClock(start = '2026-05-01T09:00:00Z'): () => Date {
  let t = new Date(start).getTime();
  return () => new Date((t += 60_000));
}

/**
 * A small review that has been through every step, through the real services: two sources,
 * a copy merged by deduplication, two reviewers voting at both stages, a conflict resolved by
 * the owner, reports retrieved and one not retrievable, and an old record removed before
 * screening by a bulk exclusion. `ids` names each record by what happened to it.
 */
export function seedReviewedProject(db: Db, name = 'Reviewed') {
  const projectId = seedProject(db, name);
  const member = (username: string, role: 'owner' | 'reviewer' | 'viewer'): Actor & { username: string } => ({
    userId: createMember(db, projectId, username, role),
    role,
    username,
  });
  const owner = member('owner', 'owner');
  const alice = member('alice', 'reviewer');
  const bob = member('bob', 'reviewer');
  const clock = tickingClock();
  const deps = { db, clock };
  const embase = seedSource(db, projectId, { name: 'Embase', kind: 'database' });
  const [included, excludedTa, resolvedOut, notRetrieved, excludedFt, pending, old] = seedRecords(
    db,
    projectId,
    embase,
    [
      {
        title: 'Statins and memory in older adults',
        doi: '10.1234/inc',
        year: 2021,
        authors: ['Ng, A'],
        abstract: 'A cohort.',
      },
      {
        title: 'Statins in mice',
        doi: '10.1234/mice',
        year: 2022,
        authors: ['Lee, B'],
        keywords: ['animal'],
      },
      { title: 'Aspirin and cognition', doi: '10.1234/asp', year: 2020, authors: ['Kim, C'] },
      { title: 'Exercise and dementia risk', doi: '10.1234/ex', year: 2023, authors: ['Roy, D'] },
      { title: 'Sleep and memory outcomes', doi: '10.1234/sleep', year: 2022, authors: ['Diaz, E'] },
      { title: 'Diet and cognition: a protocol', doi: '10.1234/diet', year: 2024, authors: ['Ito, F'] },
      { title: 'Statins and memory: an early trial', doi: '10.1234/old', year: 2010, authors: ['Old, G'] },
    ],
  ) as [number, number, number, number, number, number, number];
  const citations = seedSource(db, projectId, { name: 'Citation searching', kind: 'other' });
  const [copy] = seedRecords(db, projectId, citations, [
    { title: 'Statins and memory in older adults', doi: '10.1234/inc', year: 2021, authors: ['Ng, A'] },
  ]) as [number];
  runDedup(db, projectId, clock);

  const removal = runBulk(deps, projectId, owner, {
    filter: { yearTo: 2018 },
    action: { kind: 'exclude', reason: 'Outside the date range' },
  });
  const both = (
    recordId: number,
    stage: 'title_abstract' | 'full_text',
    decision: 'include' | 'exclude',
    reason?: string,
  ) => {
    decide(deps, projectId, alice, {
      recordId,
      stage,
      decision,
      reason: reason ?? null,
      note: `alice on ${recordId}`,
    });
    decide(deps, projectId, bob, { recordId, stage, decision, reason: reason ?? null });
  };
  both(included, 'title_abstract', 'include');
  both(excludedTa, 'title_abstract', 'exclude', 'Wrong population');
  decide(deps, projectId, alice, { recordId: resolvedOut, stage: 'title_abstract', decision: 'include' });
  decide(deps, projectId, bob, {
    recordId: resolvedOut,
    stage: 'title_abstract',
    decision: 'exclude',
    reason: 'Animal study',
  });
  resolve(deps, projectId, owner, {
    recordId: resolvedOut,
    stage: 'title_abstract',
    decision: 'exclude',
    reason: 'Animal study',
  });
  both(notRetrieved, 'title_abstract', 'include');
  both(excludedFt, 'title_abstract', 'include');
  // Full text opens to the reviewers once title/abstract is unblinded (the visibility policy).
  unblind(db, projectId, owner, 'title_abstract');
  markNotRetrievable(deps, projectId, owner, { recordId: notRetrieved });
  setLink(deps, projectId, owner, included, 'https://example.org/inc.pdf');
  setLink(deps, projectId, owner, excludedFt, 'https://example.org/sleep.pdf');
  both(included, 'full_text', 'include');
  both(excludedFt, 'full_text', 'exclude', 'Wrong outcome');
  return {
    projectId,
    owner,
    alice,
    bob,
    deps,
    removalActionId: removal.action.id,
    ids: { included, excludedTa, resolvedOut, notRetrieved, excludedFt, pending, old, copy },
  };
}

/** What the export must say of each record of seedReviewedProject: status, stage, reason. */
export const EXPECTED_OUTCOMES = {
  included: ['included', 'full_text', ''],
  excludedTa: ['excluded', 'title_abstract', 'Wrong population'],
  resolvedOut: ['excluded', 'title_abstract', 'Animal study'],
  notRetrieved: ['not_retrieved', 'full_text', ''],
  excludedFt: ['excluded', 'full_text', 'Wrong outcome'],
  pending: ['pending', 'title_abstract', ''],
  old: ['excluded', '', 'Outside the date range'],
  copy: ['duplicate', '', ''],
} as const;
