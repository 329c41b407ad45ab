import type { Db } from '../../server/db/connection';
import { decideCluster, dedupSummary, listClusterViews, runDedup } from '../../server/services/dedup';
import { setLink } from '../../server/services/fulltext';
import { projectPrisma, updatePrismaSettings } from '../../server/services/prisma';
import { decide, updateSettings, type Actor } from '../../server/services/screening';
import { createMember } from '../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../support/db';
import { recordsInExactlyOneEndBox } from '../support/prisma';

/**
 * The defects of issue 13 in the PRISMA flow, each through the real services: records
 * imported, merged by the deduplication engine, screened, retrieved and included.
 */
const clock = () => new Date('2026-03-01T09:00:00Z');

function review(name = 'Flow') {
  const db = openTestDb();
  const deps = { db, clock };
  const projectId = seedProject(db, name);
  const owner: Actor = {
    userId: createMember(db, projectId, `owner.${name.replace(/\W/g, '')}`, 'owner'),
    role: 'owner',
  };
  const one = { reviewersRequired: 1 as const };
  updateSettings(deps, projectId, owner, { stages: { title_abstract: one, full_text: one } });
  const source = (sourceName: string, kind: 'database' | 'register' | 'other', records: SeedRecord[]) =>
    seedRecords(db, projectId, seedSource(db, projectId, { name: sourceName, kind }), records);
  const include = (recordId: number) => {
    decide(deps, projectId, owner, { recordId, stage: 'title_abstract', decision: 'include' });
    setLink(deps, projectId, owner, recordId, `https://example.org/${recordId}.pdf`);
    decide(deps, projectId, owner, { recordId, stage: 'full_text', decision: 'include' });
  };
  const excludeAtTitle = (recordId: number) =>
    decide(deps, projectId, owner, { recordId, stage: 'title_abstract', decision: 'exclude' });
  return { db, deps, projectId, owner, source, include, excludeAtTitle };
}

/** A work as one source holds it; `complete` adds the fields that make a record the primary. */
const work = (i: number, complete = false): SeedRecord => ({
  title: `Statins and outcome number ${i} in a cohort`,
  doi: `10.1000/flow.${i}`,
  year: 2021,
  authors: [`Author${i}, A`],
  journal: 'Journal of Flows',
  ...(complete ? { abstract: `An abstract of work ${i}.`, volume: '3', pages: '1-9' } : {}),
});

function primaryOf(db: Db, recordId: number): number {
  const row = db.prepare('SELECT duplicate_of FROM records WHERE id = ?').get(recordId) as {
    duplicate_of: number | null;
  };
  return row.duplicate_of ?? recordId;
}

describe('one flow through the PRISMA diagram', () => {
  it('counts a record found by citation searching that duplicates a database record', () => {
    const { db, projectId, source, include } = review();
    const [embase] = source('Embase', 'database', [work(1, true)]);
    const [cited] = source('Citation searching', 'other', [work(1)]);
    runDedup(db, projectId, clock);
    expect(primaryOf(db, cited!)).toBe(embase);
    include(embase!);

    const { model, trace } = projectPrisma(db, projectId);
    expect(model.citations_results).toBe(1);
    expect(model.other_duplicates).toBe(1);
    expect(trace.other_duplicates).toEqual([cited]);
    expect(recordsInExactlyOneEndBox(trace, [embase!, cited!])).toEqual([]);
  });

  it('shows as many duplicates as the deduplication removed when the kept copy is a database record', () => {
    const { db, projectId, source } = review();
    source('Embase', 'database', [work(1, true), work(2, true)]);
    source('Citation searching', 'other', [work(1), work(2)]);
    source('Google Scholar', 'other', [work(1), work(2)]);
    runDedup(db, projectId, clock);

    const { model } = projectPrisma(db, projectId);
    const removed = dedupSummary(db, projectId).duplicates;
    expect(removed).toBe(4);
    expect(model.duplicates).toBe(0);
    expect(model.other_duplicates).toBe(4);
    expect((model.duplicates as number) + (model.other_duplicates as number)).toBe(removed);
  });

  it('counts other-methods records screened out at title/abstract in their own column', () => {
    const { db, projectId, source, excludeAtTitle } = review();
    const cited = source('Citation searching', 'other', [work(1), work(2)]);
    source('Embase', 'database', [work(3)]);
    for (const id of cited) excludeAtTitle(id);

    const { model, trace, warnings } = projectPrisma(db, projectId);
    expect(model.citations_results).toBe(2);
    expect(model.other_records_screened).toBe(2);
    expect(model.other_records_excluded).toBe(2);
    expect(model.other_sought_reports).toBe(0);
    expect(trace.other_records_excluded).toEqual(cited);
    expect(warnings.map((w) => w.code)).not.toContain('other_sought_mismatch');
  });

  it('draws the other-methods column straight to retrieval until a team screens one of its records out', async () => {
    const { db, projectId, source, include } = review();
    const cited = source('Citation searching', 'other', [work(1), work(2)]);
    for (const id of cited) include(id);
    const straight = projectPrisma(db, projectId).model;
    expect(straight.other_records_screened).toBeNull();
    expect(straight.other_sought_reports).toBe(2);

    updatePrismaSettings(db, projectId, { otherScreening: 'always' });
    const shown = projectPrisma(db, projectId).model;
    expect(shown.other_records_screened).toBe(2);
    expect(shown.other_records_excluded).toBe(0);
    expect(shown.other_sought_reports).toBe(2);
  });

  it('credits a study to the same column whichever record of its cluster is primary', () => {
    const models = [true, false].map((citedIsPrimary) => {
      const { db, projectId, source, include } = review(citedIsPrimary ? 'Cited kept' : 'Embase kept');
      const [embase] = source('Embase', 'database', [work(1, !citedIsPrimary)]);
      const [cited] = source('Citation searching', 'other', [work(1, citedIsPrimary)]);
      source('Website', 'other', [work(2)]);
      runDedup(db, projectId, clock);
      const kept = citedIsPrimary ? cited! : embase!;
      expect(primaryOf(db, citedIsPrimary ? embase! : cited!)).toBe(kept);
      include(kept);
      return projectPrisma(db, projectId).model;
    });
    expect(models[0]).toEqual(models[1]);
    expect(models[0]).toMatchObject({
      database_results: 1,
      citations_results: 1,
      website_results: 1,
      duplicates: 0,
      other_duplicates: 1,
      records_screened: 1,
      dbr_sought_reports: 1,
      dbr_assessed: 1,
      other_sought_reports: 0,
      new_reports: 1,
      new_studies: 1,
    });
  });

  it('keeps the credit when a reviewer picks another primary after screening has started', () => {
    const { db, projectId, owner, source } = review();
    const [embase] = source('Embase', 'database', [work(1, true)]);
    const [cited] = source('Citation searching', 'other', [work(1)]);
    runDedup(db, projectId, clock);
    const before = projectPrisma(db, projectId).model;
    const [cluster] = listClusterViews(db, projectId, 'merged');
    decideCluster(db, projectId, cluster!.id, { decision: 'merge', primaryId: cited! }, owner.userId, clock);
    expect(primaryOf(db, embase!)).toBe(cited);
    expect(projectPrisma(db, projectId).model).toEqual(before);
  });
});
