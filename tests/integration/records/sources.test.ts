import { createApp } from '../../../server/app';
import type * as Api from '../../../server/api/types';
import { ConflictError } from '../../../server/domain/errors';
import { dedupSummary, listClusterViews, runDedup, undoDecision } from '../../../server/services/dedup';
import { projectPrisma } from '../../../server/services/prisma';
import { deleteSource } from '../../../server/services/sources';
import { createMember, loginAgent } from '../../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';
import { flowViolations } from '../../support/prisma';
import { seedReviewedProject, tickingClock } from '../../support/records';

/**
 * Correcting sources (issue 16): a source imported with the wrong kind is fixed and the PRISMA
 * diagram follows; a source whose records carry no decisions is deleted at once, one with
 * decisions only when the deletion is confirmed, after the caller was told what it loses.
 */
describe('correcting a source', () => {
  it('moves a database mislabelled "other method" to the databases column once its kind is fixed', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    createMember(db, projectId, 'owner', 'owner');
    createMember(db, projectId, 'rita', 'reviewer');
    const scopus = seedSource(db, projectId, { name: 'Scopus', kind: 'other' });
    seedRecords(db, projectId, scopus, [{ title: 'A' }, { title: 'B' }, { title: 'C' }]);
    const app = createApp({ db, clock: tickingClock(), uploadsDir: '/nonexistent' });
    const owner = (await loginAgent(app, 'owner')).agent;
    const rita = (await loginAgent(app, 'rita')).agent;
    const base = `/api/projects/${projectId}`;
    const before = projectPrisma(db, projectId).model;
    expect([before.website_results, before.database_results]).toEqual([3, null]);

    await rita.patch(`${base}/sources/${scopus}`).send({ kind: 'database' }).expect(403);
    await owner.patch(`${base}/sources/${scopus}`).send({ kind: 'library' }).expect(400);
    await owner.patch(`${base}/sources/999`).send({ kind: 'database' }).expect(404);
    const fixed = await owner
      .patch(`${base}/sources/${scopus}`)
      .send({
        kind: 'database',
        name: 'Scopus (Elsevier)',
        searchDate: '2026-01-15',
        searchString: 'TITLE-ABS(micro*)',
      })
      .expect(200);
    expect(fixed.body.source).toMatchObject({
      kind: 'database',
      name: 'Scopus (Elsevier)',
      searchDate: '2026-01-15',
      searchString: 'TITLE-ABS(micro*)',
      records: 3,
    });
    const after = projectPrisma(db, projectId);
    expect([after.model.website_results, after.model.database_results]).toEqual([null, 3]);
    expect(after.model.database_specific_results).toEqual([{ name: 'Scopus (Elsevier)', n: 3 }]);
    expect(flowViolations(after)).toEqual([]);
    const history = (await owner.get(`${base}/history`).expect(200)).body as Api.HistoryResponse;
    expect(history.actions[0]).toMatchObject({
      kind: 'source_edit',
      undoable: false,
      details: {
        sourceId: scopus,
        before: { name: 'Scopus', kind: 'other', searchDate: null, searchString: null },
        after: { name: 'Scopus (Elsevier)', kind: 'database', searchDate: '2026-01-15' },
      },
    });
    // a correction is recorded; it is not undone as a bulk action is (edit the source again)
    await owner.post(`${base}/history/${history.actions[0]!.id}/undo`).expect(409);
  });
});

describe('deleting a source', () => {
  it('deletes a source whose records carry no decisions at once', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    createMember(db, projectId, 'owner', 'owner');
    const keep = seedSource(db, projectId, { name: 'PubMed' });
    const wrong = seedSource(db, projectId, { name: 'Wrong file' });
    seedRecords(db, projectId, keep, [{ title: 'Kept' }]);
    seedRecords(db, projectId, wrong, [{ title: 'Oops 1' }, { title: 'Oops 2' }]);
    const app = createApp({ db, clock: tickingClock(), uploadsDir: '/nonexistent' });
    const owner = (await loginAgent(app, 'owner')).agent;
    const base = `/api/projects/${projectId}`;
    const res = await owner.delete(`${base}/sources/${wrong}`).expect(200);
    expect(res.body.deleted).toMatchObject({ name: 'Wrong file', records: 2, votes: 0, hasDecisions: false });
    const sources = (await owner.get(`${base}/sources`).expect(200)).body.sources as Api.Source[];
    expect(sources.map((s) => s.name)).toEqual(['PubMed']);
    expect(
      ((await owner.get(`${base}/records?q=oops`).expect(200)).body as Api.RecordListResponse).total,
    ).toBe(0);
    const history = (await owner.get(`${base}/history`).expect(200)).body as Api.HistoryResponse;
    expect(history.actions[0]).toMatchObject({
      kind: 'source_delete',
      summary: 'Deleted source "Wrong file" and its 2 records',
      touched: 2,
    });
  });

  it('asks for confirmation, naming what would be lost, before deleting a source with decisions', async () => {
    const db = openTestDb();
    const review = seedReviewedProject(db);
    const { projectId, ids } = review;
    const app = createApp({ db, clock: tickingClock(), uploadsDir: '/nonexistent' });
    const owner = (await loginAgent(app, 'owner')).agent;
    const base = `/api/projects/${projectId}`;
    const embase = db
      .prepare('SELECT source_id FROM records WHERE id = ?')
      .pluck()
      .get(ids.included) as number;
    const refused = await owner.delete(`${base}/sources/${embase}`).expect(409);
    // 10 title/abstract votes and 4 full-text votes on Embase's records
    expect(refused.body.error.details).toMatchObject({
      name: 'Embase',
      records: 7,
      votes: 14,
      resolutions: 1,
      fullTextReports: 3,
      removals: 1,
      mergedWithOtherSources: 1,
      hasDecisions: true,
    });
    expect(dedupSummary(db, projectId).records).toBe(8);

    const clusterId = listClusterViews(db, projectId, 'merged')[0]!.id;
    const done = await owner.delete(`${base}/sources/${embase}?confirm=true`).expect(200);
    expect(done.body.deleted).toMatchObject({ records: 7, votes: 14 });
    // the citation-search copy stays, no longer a duplicate of a record that is gone
    expect(db.prepare('SELECT id, duplicate_of FROM records').all()).toEqual([
      { id: ids.copy, duplicate_of: null },
    ]);
    const prisma = projectPrisma(db, projectId);
    expect(prisma.model.citations_results).toBe(1);
    expect(prisma.model.database_results).toBeNull();
    expect(flowViolations(prisma)).toEqual([]);
    // the cluster had two records; with one left it is dissolved, and its decisions with it
    expect(() => undoDecision(db, projectId, clusterId, review.owner.userId, tickingClock())).toThrow(
      /not found/,
    );
    const history = (await owner.get(`${base}/history`).expect(200)).body as Api.HistoryResponse;
    expect(history.actions[0]).toMatchObject({
      kind: 'source_delete',
      details: { confirmed: true, lost: { votes: 14, resolutions: 1 }, source: { name: 'Embase' } },
    });
    // the records page, exports and a new run of deduplication carry on
    expect(((await owner.get(`${base}/records`).expect(200)).body as Api.RecordListResponse).total).toBe(1);
    await owner.get(`${base}/export.csv`).expect(200);
    expect(runDedup(db, projectId, tickingClock())).toMatchObject({ records: 1 });
  });

  it('keeps a cluster of the remaining sources, with a new primary, when its primary goes', () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const clock = tickingClock();
    const work = {
      title: 'Mentoring novice teachers: a cohort study',
      doi: '10.4242/m.1',
      year: 2021,
      authors: ['Berg, K'],
    };
    const [a] = seedRecords(db, projectId, seedSource(db, projectId, { name: 'ERIC' }), [
      { ...work, abstract: 'The most complete copy.' },
    ]);
    const [b] = seedRecords(db, projectId, seedSource(db, projectId, { name: 'Scopus' }), [work]);
    const [c] = seedRecords(db, projectId, seedSource(db, projectId, { name: 'WoS' }), [work]);
    runDedup(db, projectId, clock);
    const [cluster] = listClusterViews(db, projectId, 'merged');
    expect(cluster).toMatchObject({ primaryRecordId: a });
    const owner = { userId: createMember(db, projectId, 'owner', 'owner'), role: 'owner' as const };
    const eric = db.prepare('SELECT source_id FROM records WHERE id = ?').pluck().get(a) as number;
    // automatic merges are no one's decision, but records of other sources were merged with these
    expect(() => deleteSource({ db, clock }, projectId, owner, { sourceId: eric, confirm: false })).toThrow(
      ConflictError,
    );
    deleteSource({ db, clock }, projectId, owner, { sourceId: eric, confirm: true });
    expect(
      listClusterViews(db, projectId, 'merged').map((v) => [v.primaryRecordId, v.records.map((r) => r.id)]),
    ).toEqual([[b, [b, c]]]);
    expect(db.prepare('SELECT id, duplicate_of FROM records ORDER BY id').all()).toEqual([
      { id: b, duplicate_of: null },
      { id: c, duplicate_of: b },
    ]);
    // each record's stored final status follows (the records query filters on it)
    expect(
      db.prepare('SELECT record_id, status, stage FROM record_outcomes ORDER BY record_id').all(),
    ).toEqual([
      { record_id: b, status: 'pending', stage: 'title_abstract' },
      { record_id: c, status: 'duplicate', stage: null },
    ]);
    // the merge that chose the deleted record cannot be undone: it would bring back what is gone
    expect(() => undoDecision(db, projectId, cluster!.id, owner.userId, clock)).toThrow(
      /records .* were deleted with their source/,
    );
  });
});
