import { NotFoundError, ValidationError } from '../../server/domain/errors';
import { projectPrisma, prismaBoxRecords } from '../../server/services/prisma';
import { resolveProject } from '../../server/services/projects';
import { prismaInputFor } from '../../server/services/prisma-state';
import { openTestDb, seedProject, seedRecords, seedSource } from '../support/db';

function seedReview() {
  const db = openTestDb();
  const projectId = seedProject(db, 'Statins review');
  const otherProject = seedProject(db, 'Another review');
  const embase = seedSource(db, projectId, { name: 'Embase', kind: 'database' });
  const pubmed = seedSource(db, projectId, { name: 'PubMed', kind: 'database' });
  const trials = seedSource(db, projectId, { name: 'ClinicalTrials.gov', kind: 'register' });
  const citations = seedSource(db, projectId, { name: 'Citation searching', kind: 'other' });
  seedSource(db, projectId, { name: 'Empty search', kind: 'database' });
  const ids = {
    embase: seedRecords(db, projectId, embase, [
      { title: 'Statins and stroke' },
      { title: 'Statins <b>and</b> MI', authors: ['Doe, J'], doi: '10.1/x' },
      { title: 'C' },
    ]),
    pubmed: seedRecords(db, projectId, pubmed, [{ title: 'D' }, { title: 'E' }]),
    trials: seedRecords(db, projectId, trials, [{ title: 'F' }]),
    citations: seedRecords(db, projectId, citations, [{ title: 'G' }, { title: 'H' }]),
  };
  seedRecords(db, otherProject, seedSource(db, otherProject), [{ title: 'not ours' }]);
  return { db, projectId, otherProject, ids };
}

describe('PRISMA from the database', () => {
  it('counts the records identified per source with their ids', () => {
    const { db, projectId, ids } = seedReview();
    const input = prismaInputFor(db, projectId);
    expect(input.sources).toEqual([
      { name: 'Embase', kind: 'database', n: 3, ids: ids.embase },
      { name: 'PubMed', kind: 'database', n: 2, ids: ids.pubmed },
      { name: 'ClinicalTrials.gov', kind: 'register', n: 1, ids: ids.trials },
      { name: 'Citation searching', kind: 'other', n: 2, ids: ids.citations },
      { name: 'Empty search', kind: 'database', n: 0, ids: [] },
    ]);
    const { model, trace, hints } = projectPrisma(db, projectId);
    expect(model.database_results).toBe(5);
    expect(model.register_results).toBe(1);
    expect(model.citations_results).toBe(2);
    expect(model.database_specific_results).toEqual([
      { name: 'Embase', n: 3 },
      { name: 'PubMed', n: 2 },
      { name: 'Empty search', n: 0 },
    ]);
    expect(trace.database_results).toEqual([...ids.embase, ...ids.pubmed]);
    expect(hints.other).toBe(true);
  });

  it('lists the records behind a box a page at a time, in trace order', () => {
    const { db, projectId, ids } = seedReview();
    const page = prismaBoxRecords(db, projectId, 'database_specific_results:Embase', { offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.records).toEqual([
      expect.objectContaining({
        id: ids.embase[1],
        title: 'Statins <b>and</b> MI',
        authors: ['Doe, J'],
        doi: '10.1/x',
        sourceName: 'Embase',
      }),
    ]);
    expect(
      prismaBoxRecords(db, projectId, 'citations_results', { offset: 0, limit: 50 }).records.map((r) => r.id),
    ).toEqual(ids.citations);
  });

  it('refuses a box with no record list and a project that does not exist', () => {
    const { db, projectId } = seedReview();
    expect(() => prismaBoxRecords(db, projectId, 'total_studies_ma', { offset: 0, limit: 10 })).toThrow(
      NotFoundError,
    );
    expect(() => projectPrisma(db, 9999)).toThrow(NotFoundError);
  });

  it('picks the project by name, or the only one', () => {
    const { db, otherProject } = seedReview();
    expect(resolveProject(db, 'Another review').id).toBe(otherProject);
    expect(() => resolveProject(db)).toThrow(ValidationError);
    expect(() => resolveProject(db, 'Nope')).toThrow(NotFoundError);
  });
});
