import fc from 'fast-check';
import type { Db } from '../../server/db/connection';
import { recordFacts } from '../../server/db/repos/record-query';
import { computePrisma } from '../../server/domain/prisma/compute';
import { finalStatus } from '../../server/domain/records/status';
import { prismaInputFromReview } from '../../server/domain/prisma/from-review';
import type { Stage } from '../../server/domain/screening/types';
import { decideCluster, dedupSummary, listClusterViews, runDedup } from '../../server/services/dedup';
import { groupReports, markNotRetrievable, setLink } from '../../server/services/fulltext';
import { runBulk } from '../../server/services/bulk';
import { createLabel, labelRecord } from '../../server/services/labels';
import { projectPrisma } from '../../server/services/prisma';
import { decide, resolve, unblind, type Actor } from '../../server/services/screening';
import { createMember } from '../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../support/db';
import { flowViolations, recordsInExactlyOneEndBox } from '../support/prisma';
import {
  asServicesAllow,
  assignIds,
  FULL_TEXT_REASON,
  outcomeOfPlan,
  REMOVAL_REASONS,
  reviewPlanArb,
  stateOf,
  withOtherPrimaries,
  type ReviewPlan,
  type StagePlan,
} from '../support/review-plan';

/**
 * The flow properties of tests/unit/prisma/flow-properties.test.ts on reviews built through
 * the real services into SQLite: records imported by the import's writer, merged by the
 * deduplication engine, removed before screening by bulk exclusions, voted on by two reviewers,
 * resolved by the owner, retrieved, decided at full text and grouped into studies. Fewer runs: each builds two databases.
 */
const clock = () => new Date('2026-04-01T10:00:00Z');

const WORDS = ['statin', 'aspirin', 'exercise', 'diet', 'sleep', 'smoking', 'memory', 'stroke', 'asthma'];
const PLACES = ['Norway', 'Kenya', 'Chile', 'Japan', 'Canada', 'Nepal', 'Ghana', 'Peru', 'Spain', 'Laos'];

/** A work's bibliographic fields: distinct works share no DOI and little of their title. */
function fieldsOf(i: number, primary: boolean): SeedRecord {
  return {
    title: `${WORDS[i % WORDS.length]} and ${WORDS[(i * 5 + 3) % WORDS.length]} outcomes among adults in ${PLACES[i % PLACES.length]} (cohort ${i})`,
    doi: `10.5555/plan.${i}`,
    year: 2000 + i,
    authors: [`Writer${i}, Q`],
    journal: `Journal ${i}`,
    // the most complete copy is the one deduplication keeps
    ...(primary ? { abstract: `Findings of work ${i}.`, volume: String(i), pages: `${i}-${i + 9}` } : {}),
  };
}

interface Built {
  db: Db;
  projectId: number;
  recordIds: number[];
}

function build(plan: ReviewPlan): Built {
  const db = openTestDb();
  const deps = { db, clock };
  const projectId = seedProject(db, 'Planned review');
  const actor = (name: string, role: 'owner' | 'reviewer'): Actor => ({
    userId: createMember(db, projectId, name, role),
    role,
  });
  const owner = actor('owner', 'owner');
  const alice = actor('alice', 'reviewer');
  const bob = actor('bob', 'reviewer');
  // Full text opens to reviewers once title/abstract is unblinded (the visibility policy);
  // blinding changes who sees the counts, never the counts.
  unblind(db, projectId, owner, 'title_abstract');

  const expected = assignIds(plan);
  const primaries = plan.works.map((w, i) => expected[i]![w.primary % w.copies.length]!);
  plan.sources.forEach((source, s) => {
    const sourceId = seedSource(db, projectId, source);
    const records: SeedRecord[] = [];
    plan.works.forEach((w, i) =>
      w.copies.forEach((from, c) => {
        if (from === s) records.push(fieldsOf(i, expected[i]![c] === primaries[i]));
      }),
    );
    seedRecords(db, projectId, sourceId, records);
  });
  runDedup(db, projectId, clock);
  // The engine keeps the most complete copy; where it kept another (a tie), pick ours as a reviewer would.
  for (const cluster of listClusterViews(db, projectId, 'merged')) {
    const wanted = primaries.find((p) => cluster.records.some((r) => r.id === p));
    if (wanted !== undefined && cluster.primaryRecordId !== wanted)
      decideCluster(db, projectId, cluster.id, { decision: 'merge', primaryId: wanted }, owner.userId, clock);
  }
  const rootOf = new Map(
    (
      db.prepare('SELECT id, COALESCE(duplicate_of, id) AS root FROM records').all() as {
        id: number;
        root: number;
      }[]
    ).map((r) => [r.id, r.root]),
  );
  plan.works.forEach((_, i) => {
    for (const id of expected[i]!) expect(rootOf.get(id)).toBe(primaries[i]);
  });

  const apply = (stage: Stage, recordId: number, what: StagePlan, reason: string | null) => {
    const vote = (who: Actor, decision: 'include' | 'exclude' | 'maybe') =>
      decide(deps, projectId, who, {
        recordId,
        stage,
        decision,
        reason: decision === 'exclude' ? reason : null,
      });
    const conflict = () => {
      vote(alice, 'include');
      vote(bob, 'exclude');
    };
    switch (what) {
      case 'none':
        return;
      case 'one_include':
        return vote(alice, 'include');
      case 'one_exclude':
        return vote(alice, 'exclude');
      case 'include':
        vote(alice, 'include');
        return vote(bob, 'include');
      case 'maybe':
        vote(alice, 'maybe');
        return vote(bob, 'include');
      case 'changed_to_include':
        vote(alice, 'exclude');
        vote(bob, 'include');
        return vote(alice, 'include');
      case 'exclude':
        vote(alice, 'exclude');
        return vote(bob, 'exclude');
      case 'conflict':
        return conflict();
      case 'resolved_include':
        conflict();
        return resolve(deps, projectId, owner, { recordId, stage, decision: 'include' });
      case 'resolved_exclude':
        conflict();
        return resolve(deps, projectId, owner, { recordId, stage, decision: 'exclude', reason });
    }
  };
  // Bulk exclusions before screening, as an owner makes them: the works to remove carry a label,
  // and one bulk action per reason removes the records with that label.
  for (const reason of REMOVAL_REASONS) {
    const ids = plan.works.flatMap((w, i) => (w.removed === reason ? [primaries[i]!] : []));
    if (ids.length === 0) continue;
    const label = createLabel(deps, projectId, owner, { name: reason, colour: '#aa3300' });
    for (const recordId of ids) labelRecord(deps, projectId, owner, { recordId, labelId: label.id });
    const done = runBulk(deps, projectId, owner, {
      filter: { labelIds: [label.id] },
      action: { kind: 'exclude', reason },
    });
    expect(done.changed).toBe(ids.length);
  }
  const studies = new Map<number, number[]>();
  plan.works.forEach((w, i) => {
    const id = primaries[i]!;
    apply('title_abstract', id, w.titleAbstract, w.reason);
    if (outcomeOfPlan(w.titleAbstract) !== 'include') return;
    if (w.study !== null) studies.set(w.study, [...(studies.get(w.study) ?? []), id]);
    if (w.retrieval === 'not_retrievable') markNotRetrievable(deps, projectId, owner, { recordId: id });
    if (w.retrieval !== 'retrieved') return;
    setLink(deps, projectId, owner, id, `https://example.org/report/${id}`);
    apply('full_text', id, w.fullText, w.reason ?? FULL_TEXT_REASON);
  });
  for (const [study, ids] of studies)
    groupReports(deps, projectId, owner, { label: `Study ${study}`, recordIds: ids });
  return { db, projectId, recordIds: [...rootOf.keys()] };
}

describe('the PRISMA flow of reviews built through the services', () => {
  it('adds up, ends every record once, matches the review state and ignores which copy is primary', () => {
    fc.assert(
      fc.property(reviewPlanArb(10), fc.nat(3), (generated, shift) => {
        const plan = asServicesAllow(generated);
        const first = build(plan);
        const result = projectPrisma(first.db, first.projectId);
        expect(flowViolations(result)).toEqual([]);
        expect(recordsInExactlyOneEndBox(result.trace, first.recordIds)).toEqual([]);
        const removed = dedupSummary(first.db, first.projectId).duplicates;
        expect((result.model.duplicates ?? 0) + (result.model.other_duplicates ?? 0)).toBe(removed);
        // the database says what the plan says: the repository reads the state it was given
        expect(result.model).toEqual(computePrisma(prismaInputFromReview(stateOf(plan))).model);
        // the stored outcomes (kept by triggers) are the domain's final status of every record
        const stored = first.db
          .prepare('SELECT record_id AS id, status, stage, reason FROM record_outcomes ORDER BY record_id')
          .all() as { id: number; status: string; stage: string | null; reason: string | null }[];
        const facts = recordFacts(first.db, first.projectId, first.recordIds);
        expect(stored).toEqual(
          [...first.recordIds].sort((a, b) => a - b).map((id) => ({ id, ...finalStatus(facts.get(id)!) })),
        );

        const second = build(withOtherPrimaries(plan, shift));
        expect(projectPrisma(second.db, second.projectId).model).toEqual(result.model);
      }),
      { numRuns: 25 },
    );
  });
});
