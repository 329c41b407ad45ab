import { computePrisma } from '../../server/domain/prisma/compute';
import { runDedup } from '../../server/services/dedup';
import { groupReports, markNotRetrievable, setLink } from '../../server/services/fulltext';
import { prismaBoxRecords } from '../../server/services/prisma';
import { prismaInputFor } from '../../server/services/prisma-state';
import { decide, resolve, unblind, type Actor } from '../../server/services/screening';
import { createMember } from '../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../support/db';

/**
 * The whole path, through the other areas' own services: import (seeded), deduplication,
 * dual screening with a conflict and its resolution, retrieval, full text, two reports of
 * one study, then the PRISMA counts and the records behind them.
 */
describe('PRISMA of a review screened end to end', () => {
  const clock = () => new Date('2026-03-01T09:00:00Z');

  function setUp() {
    const db = openTestDb();
    const deps = { db, clock };
    const projectId = seedProject(db, 'End to end');
    const owner: Actor = { userId: createMember(db, projectId, 'owner', 'owner'), role: 'owner' };
    const alice: Actor = { userId: createMember(db, projectId, 'alice', 'reviewer'), role: 'reviewer' };
    const bob: Actor = { userId: createMember(db, projectId, 'bob', 'reviewer'), role: 'reviewer' };
    const titles = [
      'Statins after stroke: a randomised trial',
      'Aspirin in mice',
      'Exercise and memory',
      'Statins after stroke: five-year follow-up',
      'Diet and blood pressure',
      'A trial that cannot be found',
    ];
    const embase = seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'Embase', kind: 'database' }),
      titles.map((title, i) => ({
        title,
        doi: `10.1000/e2e.${i}`,
        year: 2020,
        authors: [`Author${i}, A`],
        journal: 'Journal of Trials',
      })),
    );
    // PubMed returned the first Embase record again: deduplication merges it.
    const pubmed = seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'PubMed', kind: 'database' }),
      [
        {
          title: titles[0],
          doi: '10.1000/e2e.0',
          year: 2020,
          authors: ['Author0, A'],
          journal: 'Journal of Trials',
        },
      ],
    );
    const citations = seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'Citation searching', kind: 'other' }),
      [
        {
          title: 'Statins in older adults',
          doi: '10.1000/e2e.cite',
          year: 2019,
          authors: ['Cited, C'],
          journal: 'Geriatrics',
        },
      ],
    );
    return { db, deps, projectId, owner, alice, bob, embase, pubmed, citations };
  }

  it('counts each box from the decisions and traces it to the records', () => {
    const { db, deps, projectId, owner, alice, bob, embase, pubmed, citations } = setUp();
    runDedup(db, projectId, clock);
    const both = (
      recordId: number,
      stage: 'title_abstract' | 'full_text',
      decision: 'include' | 'exclude',
      reason?: string,
    ) => {
      decide(deps, projectId, alice, { recordId, stage, decision, reason });
      decide(deps, projectId, bob, { recordId, stage, decision, reason });
    };
    const [trial, mice, memory, followUp, diet, lost] = embase as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    both(trial, 'title_abstract', 'include');
    both(mice, 'title_abstract', 'exclude', 'Animal study');
    both(followUp, 'title_abstract', 'include');
    both(lost, 'title_abstract', 'include');
    both(citations[0]!, 'title_abstract', 'include');
    // a conflict, resolved by the owner
    decide(deps, projectId, alice, { recordId: memory, stage: 'title_abstract', decision: 'include' });
    decide(deps, projectId, bob, {
      recordId: memory,
      stage: 'title_abstract',
      decision: 'exclude',
      reason: 'Wrong population',
    });
    resolve(deps, projectId, owner, { recordId: memory, stage: 'title_abstract', decision: 'include' });
    // diet: one vote only, still pending
    decide(deps, projectId, alice, { recordId: diet, stage: 'title_abstract', decision: 'exclude' });

    for (const id of [trial, followUp, memory, citations[0]!])
      setLink(deps, projectId, owner, id, `https://example.org/${id}.pdf`);
    markNotRetrievable(deps, projectId, owner, { recordId: lost });
    unblind(db, projectId, owner, 'title_abstract'); // full text opens to the reviewers
    both(trial, 'full_text', 'include');
    both(followUp, 'full_text', 'include');
    both(memory, 'full_text', 'exclude', 'Wrong outcome');
    both(citations[0]!, 'full_text', 'include');
    groupReports(deps, projectId, owner, {
      label: 'Statins after stroke trial',
      recordIds: [trial, followUp],
    });

    const { model, trace, warnings } = computePrisma(prismaInputFor(db, projectId));
    expect(model).toMatchObject({
      database_results: 7,
      citations_results: 1,
      duplicates: 1,
      records_screened: 6,
      records_excluded: 1,
      dbr_sought_reports: 4,
      dbr_notretrieved_reports: 1,
      dbr_assessed: 3,
      dbr_excluded: 1,
      other_sought_reports: 1,
      other_assessed: 1,
      new_reports: 3,
      new_studies: 2,
    });
    expect(model.database_specific_results).toEqual([
      { name: 'Embase', n: 6 },
      { name: 'PubMed', n: 1 },
    ]);
    expect(model.dbr_excluded_reasons).toEqual([{ name: 'Wrong outcome', n: 1 }]);
    expect(trace.duplicates).toHaveLength(1);
    expect([trial, ...pubmed]).toContain(trace.duplicates![0]);
    expect(trace['pending:screening']).toEqual([diet]);
    expect(warnings.map((w) => w.code)).toEqual(['pending_screening']);

    const excluded = prismaBoxRecords(db, projectId, 'dbr_excluded:Wrong outcome', { offset: 0, limit: 10 });
    expect(excluded.records.map((r) => r.title)).toEqual(['Exercise and memory']);
    const notRetrieved = prismaBoxRecords(db, projectId, 'dbr_notretrieved_reports', {
      offset: 0,
      limit: 10,
    });
    expect(notRetrieved.records.map((r) => r.id)).toEqual([lost]);
  });
});
