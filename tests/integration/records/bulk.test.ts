import { createApp } from '../../../server/app';
import type * as Api from '../../../server/api/types';
import { listClusterViews, runDedup } from '../../../server/services/dedup';
import { projectPrisma } from '../../../server/services/prisma';
import { queue } from '../../../server/services/screening';
import { createMember, loginAgent } from '../../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource, type SeedRecord } from '../../support/db';
import { tickingClock } from '../../support/records';

/**
 * Bulk actions (issue 16): the owner labels or excludes every record matching a filter, or
 * merges every duplicate cluster above a score; each shows its count first, is recorded in the
 * project's history and is undone as one step. A bulk exclusion removes records nobody has
 * screened, and PRISMA counts them in "Records removed before screening: other reasons".
 */
function setup() {
  const db = openTestDb();
  const clock = tickingClock();
  const projectId = seedProject(db, 'Bulk');
  const ownerId = createMember(db, projectId, 'owner', 'owner');
  const aliceId = createMember(db, projectId, 'alice', 'reviewer');
  createMember(db, projectId, 'bob', 'reviewer');
  const work = (i: number, year: number): SeedRecord => ({
    title: `Physical activity and learning outcome ${i} in adult continuing education`,
    year,
    doi: `10.5555/work.${i}`,
    authors: [`Author${i}, A`],
  });
  const recordIds = seedRecords(db, projectId, seedSource(db, projectId, { name: 'Scopus' }), [
    work(1, 2012),
    work(2, 2015),
    work(3, 2018),
    work(4, 2019),
    work(5, 2021),
    work(6, 2023),
  ]);
  const citations = seedRecords(
    db,
    projectId,
    seedSource(db, projectId, { name: 'Citation searching', kind: 'other' }),
    [work(7, 2010)],
  );
  const app = createApp({ db, clock, uploadsDir: '/nonexistent' });
  return { db, clock, projectId, ownerId, aliceId, recordIds: [...recordIds, ...citations], app };
}

describe('bulk exclusion before screening', () => {
  it('previews, removes, is counted by PRISMA, leaves the queues, and is undone as one step', async () => {
    const { db, projectId, aliceId, recordIds, app } = setup();
    const owner = (await loginAgent(app, 'owner')).agent;
    const alice = (await loginAgent(app, 'alice')).agent;
    const base = `/api/projects/${projectId}`;
    // alice has screened the 2012 record already: its decision stands
    await alice
      .post(`${base}/screening/title_abstract/decisions`)
      .send({ recordId: recordIds[0], decision: 'include' })
      .expect(201);
    const request = {
      filter: { yearTo: 2018 },
      action: { kind: 'exclude', reason: 'Outside the date range' },
    };
    await alice.post(`${base}/bulk/preview`).send(request).expect(403);
    const preview = (await owner.post(`${base}/bulk/preview`).send(request).expect(200))
      .body as Api.BulkPreview;
    expect(preview).toEqual({
      kind: 'bulk_exclude',
      matching: 4,
      willChange: 3,
      skipped: [
        { reason: 'already screened (their decisions stand; exclude them at their stage)', count: 1 },
      ],
    });
    const before = projectPrisma(db, projectId).model;
    const done = (await owner.post(`${base}/bulk`).send(request).expect(201)).body as Api.BulkResult;
    expect(done.changed).toBe(3);
    expect(done.action).toMatchObject({
      kind: 'bulk_exclude',
      touched: 3,
      undoable: true,
      user: { username: 'owner' },
    });

    // PRISMA: the database record leaves "Records screened" for "removed for other reasons"; the
    // citation-search record leaves its column the same way (Sift's box beside its duplicates)
    const after = projectPrisma(db, projectId);
    expect(after.model.excluded_other).toBe(2);
    expect(after.model.excluded_other_reasons).toEqual([{ name: 'Outside the date range', n: 2 }]);
    expect(after.model.records_screened).toBe((before.records_screened ?? 0) - 2);
    expect(after.model.other_excluded_other).toBe(1);
    expect(after.trace['excluded_other:Outside the date range']).toEqual([recordIds[1], recordIds[2]]);
    expect(after.warnings.filter((w) => !w.code.startsWith('pending_'))).toEqual([]);
    const drawn = await owner.get(`${base}/prisma.svg`).buffer(true).expect(200);
    const svg = Buffer.isBuffer(drawn.body) ? drawn.body.toString('utf8') : drawn.text;
    // the drawn diagram has both boxes, with the reason beneath each count
    for (const box of [
      'data-box="excluded_other" data-n="2"',
      'data-box="excluded_other:Outside the date range" data-n="2"',
      'data-box="other_excluded_other" data-n="1"',
      'data-box="other_excluded_other:Outside the date range" data-n="1"',
    ])
      expect(svg).toContain(box);

    // out of every queue; a vote on one is refused
    const queued = queue(db, projectId, { userId: aliceId, role: 'reviewer' }, 'title_abstract', 50);
    expect(queued.records.map((r) => r.id)).toEqual([recordIds[3], recordIds[4], recordIds[5]]);
    expect(queued.remaining).toBe(3);
    await alice
      .post(`${base}/screening/title_abstract/decisions`)
      .send({ recordId: recordIds[1], decision: 'include' })
      .expect(409);
    const removed = (await owner.get(`${base}/records?status=excluded`).expect(200))
      .body as Api.RecordListResponse;
    expect(removed.items.map((i) => [i.id, i.outcome])).toEqual([
      [recordIds[1], { status: 'excluded', stage: null, reason: 'Outside the date range' }],
      [recordIds[2], { status: 'excluded', stage: null, reason: 'Outside the date range' }],
      [recordIds[6], { status: 'excluded', stage: null, reason: 'Outside the date range' }],
    ]);

    // one step back
    const undone = (await owner.post(`${base}/history/${done.action.id}/undo`).expect(200)).body.action;
    expect(undone).toMatchObject({ undoable: false, undoneBy: { username: 'owner' } });
    expect(projectPrisma(db, projectId).model).toEqual(before);
    expect(queue(db, projectId, { userId: aliceId, role: 'reviewer' }, 'title_abstract', 50).remaining).toBe(
      6,
    );
    await owner.post(`${base}/history/${done.action.id}/undo`).expect(409);
    const timeline = (await alice.get(`${base}/records/${recordIds[1]}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(timeline.events.slice(1).map((e) => [e.kind, e.reason, e.actionId])).toEqual([
      ['removed', 'Outside the date range', done.action.id],
      ['restored', 'Outside the date range', done.action.id],
    ]);
    const history = (await owner.get(`${base}/history`).expect(200)).body as Api.HistoryResponse;
    expect(history.actions.map((a) => [a.kind, a.summary, a.undoneAt !== null])).toEqual([
      ['bulk_exclude', 'Removed 3 records before screening: Outside the date range', true],
    ]);
    expect(history.actions[0]!.details).toMatchObject({ filter: { yearTo: 2018 } });
    await alice.get(`${base}/history`).expect(403);
  });
});

describe('bulk label', () => {
  it('labels what the filter matches, skips what carries it, and its undo takes off only its own labels', async () => {
    const { projectId, recordIds, app } = setup();
    const owner = (await loginAgent(app, 'owner')).agent;
    const alice = (await loginAgent(app, 'alice')).agent;
    const base = `/api/projects/${projectId}`;
    const label = (await owner.post(`${base}/labels`).send({ name: 'Recent', colour: '#2266aa' }).expect(201))
      .body.label as Api.Label;
    await alice.put(`${base}/records/${recordIds[5]}/labels/${label.id}`).expect(200);
    const request = { filter: { yearFrom: 2019 }, action: { kind: 'label', labelId: label.id } };
    expect((await owner.post(`${base}/bulk/preview`).send(request).expect(200)).body).toEqual({
      kind: 'bulk_label',
      matching: 3,
      willChange: 2,
      skipped: [{ reason: 'already carry the label', count: 1 }],
    });
    const done = (await owner.post(`${base}/bulk`).send(request).expect(201)).body as Api.BulkResult;
    const labelled = async () =>
      (
        (await owner.get(`${base}/records?labelId=${label.id}`).expect(200)).body as Api.RecordListResponse
      ).items.map((i) => i.id);
    expect(await labelled()).toEqual([recordIds[3], recordIds[4], recordIds[5]]);
    await owner.post(`${base}/history/${done.action.id}/undo`).expect(200);
    expect(await labelled()).toEqual([recordIds[5]]);
    await owner
      .post(`${base}/bulk`)
      .send({ filter: {}, action: { kind: 'label', labelId: 999 } })
      .expect(404);
    await owner
      .post(`${base}/bulk`)
      .send({ filter: { colour: 'red' }, action: { kind: 'label', labelId: label.id } })
      .expect(400);
  });
});

const TOPICS = [
  '',
  'Blended learning in undergraduate nursing programmes',
  'Gamified quizzes for pharmacology revision',
  'Workplace mentoring of newly qualified teachers',
  'Microlearning videos for hospital hygiene training',
];

describe('merging every duplicate cluster above a score', () => {
  it('previews, merges the clusters at or above the score, and undoes them all as one step', async () => {
    const { db, clock, projectId, app } = setup();
    // the same metadata with two DOIs: two works by the veto, so a reviewer decides
    const pair = (i: number, extra: Partial<SeedRecord>): SeedRecord[] => {
      const record: SeedRecord = {
        title: TOPICS[i]!,
        authors: [`${['Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Silva'][i]}, N`],
        year: 2020,
        journal: 'Nurse Education Today',
        volume: String(40 + i),
        pages: `${i}0-${i}9`,
        ...extra,
      };
      return [
        { ...record, doi: `10.7777/a.${i}` },
        {
          ...record,
          doi: `10.7777/b.${i}`,
          ...(i % 2 ? { abstract: 'Only one copy has an abstract.' } : {}),
        },
      ];
    };
    seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'ERIC' }),
      [1, 2, 3, 4].flatMap((i) => pair(i, {})),
    );
    runDedup(db, projectId, clock);
    const review = listClusterViews(db, projectId, 'review');
    expect(review.length).toBeGreaterThanOrEqual(2);
    const scores = review.map((c) => c.score).sort((a, b) => a - b);
    const minScore = scores[Math.floor(scores.length / 2)]!;
    const above = review.filter((c) => c.score >= minScore);
    const owner = (await loginAgent(app, 'owner')).agent;
    const base = `/api/projects/${projectId}`;
    const request = { action: { kind: 'merge_clusters', minScore } };
    expect((await owner.post(`${base}/bulk/preview`).send(request).expect(200)).body).toMatchObject({
      kind: 'bulk_merge',
      matching: review.length,
      willChange: above.length,
      records: above.length,
    });
    const done = (await owner.post(`${base}/bulk`).send(request).expect(201)).body as Api.BulkResult;
    expect(done.changed).toBe(above.length);
    expect(listClusterViews(db, projectId, 'merged').map((c) => c.id)).toEqual(above.map((c) => c.id));
    const duplicates = () =>
      db.prepare('SELECT COUNT(*) FROM records WHERE duplicate_of IS NOT NULL').pluck().get();
    expect(duplicates()).toBe(above.length);
    await owner.post(`${base}/history/${done.action.id}/undo`).expect(200);
    expect(listClusterViews(db, projectId, 'review').map((c) => c.id)).toEqual(review.map((c) => c.id));
    expect(duplicates()).toBe(0);
  });

  it('refuses to undo when a merged cluster was decided again since', async () => {
    const { db, clock, projectId, app } = setup();
    seedRecords(db, projectId, seedSource(db, projectId, { name: 'ERIC' }), [
      {
        title: 'Peer assessment in MOOCs',
        year: 2019,
        doi: '10.8888/x.1',
        authors: ['Park, J'],
        journal: 'J',
        volume: '1',
        pages: '1-9',
      },
      {
        title: 'Peer assessment in MOOCs',
        year: 2019,
        doi: '10.8888/x.2',
        authors: ['Park, J'],
        journal: 'J',
        volume: '1',
        pages: '1-9',
      },
    ]);
    runDedup(db, projectId, clock);
    const [cluster] = listClusterViews(db, projectId, 'review');
    const owner = (await loginAgent(app, 'owner')).agent;
    const base = `/api/projects/${projectId}`;
    const done = (
      await owner
        .post(`${base}/bulk`)
        .send({ action: { kind: 'merge_clusters', minScore: 0 } })
        .expect(201)
    ).body as Api.BulkResult;
    await owner
      .post(`${base}/dedup/clusters/${cluster!.id}/decision`)
      .send({ decision: 'not-duplicate' })
      .expect(200);
    const refused = await owner.post(`${base}/history/${done.action.id}/undo`).expect(409);
    expect(refused.body.error.details).toEqual({ clusters: [cluster!.id] });
  });
});
