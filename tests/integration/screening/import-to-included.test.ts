import { createApp } from '../../../server/app';
import { createUser, loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { tempDir } from '../../support/cli';

/** Five RIS records; the last repeats the first (same DOI, title, authors): deduplication merges it. */
const RIS = [
  ['Learner perceptions of micro-credentials', 'Smith, Jane', '2021', '10.1000/mc.1'],
  ['Employer views on digital badges', 'Doe, John', '2022', '10.1000/mc.2'],
  ['A blockchain wallet for credentials', 'Lee, Ann', '2020', '10.1000/mc.3'],
  ['Adult students and short courses', 'Kim, Bo', '2023', '10.1000/mc.4'],
  ['Learner perceptions of micro-credentials', 'Smith, Jane', '2021', '10.1000/mc.1'],
]
  .map(
    ([title, author, year, doi]) =>
      `TY  - JOUR\r\nTI  - ${title}\r\nAU  - ${author}\r\nPY  - ${year}\r\nDO  - ${doi}\r\nJO  - Journal of Testing\r\nER  - \r\n`,
  )
  .join('\r\n');

describe('from import to included studies over HTTP', () => {
  it('import, deduplicate, dual screening with a conflict and its resolution, full text, included studies', async () => {
    const db = openTestDb();
    const app = createApp({
      db,
      clock: () => new Date('2026-03-03T09:00:00Z'),
      uploadsDir: tempDir('sift-e2e-'),
    });
    for (const name of ['owner', 'alice', 'bob']) createUser(db, name);
    const owner = (await loginAgent(app, 'owner')).agent;
    const alice = (await loginAgent(app, 'alice')).agent;
    const bob = (await loginAgent(app, 'bob')).agent;

    const created = await owner.post('/api/projects').send({ name: 'Micro-credentials' }).expect(201);
    const base = `/api/projects/${created.body.project.id}`;
    await owner.post(`${base}/members`).send({ username: 'alice', role: 'reviewer' }).expect(201);
    await owner.post(`${base}/members`).send({ username: 'bob', role: 'reviewer' }).expect(201);
    await owner
      .post(`${base}/sources`)
      .field('name', 'Scopus')
      .attach('files', Buffer.from(RIS), 'scopus.ris')
      .expect(201);
    await owner.post(`${base}/dedup/run`).expect(200);

    const queue = await alice.get(`${base}/queue?stage=title_abstract&limit=50`).expect(200);
    expect(queue.body.remaining).toBe(4);
    const byTitle = new Map<string, number>(
      queue.body.records.map((r: { id: number; title: string }) => [r.title, r.id]),
    );
    const id = (prefix: string) => [...byTitle].find(([t]) => t.startsWith(prefix))![1];

    const votes: [string, string, string][] = [
      ['Learner', 'include', 'include'],
      ['Employer', 'exclude', 'exclude'],
      ['A blockchain', 'exclude', 'include'],
      ['Adult', 'include', 'maybe'],
    ];
    for (const [title, a, b] of votes) {
      await alice
        .post(`${base}/decisions`)
        .send({ recordId: id(title), stage: 'title_abstract', decision: a })
        .expect(201);
      await bob
        .post(`${base}/decisions`)
        .send({ recordId: id(title), stage: 'title_abstract', decision: b })
        .expect(201);
    }
    const conflicts = await owner.get(`${base}/conflicts?stage=title_abstract`).expect(200);
    expect(conflicts.body.conflicts.map((c: { recordId: number }) => c.recordId)).toEqual([
      id('A blockchain'),
    ]);
    await owner
      .post(`${base}/resolutions`)
      .send({
        recordId: id('A blockchain'),
        stage: 'title_abstract',
        decision: 'exclude',
        reason: 'Technical, no learners',
      })
      .expect(201);

    // Full text opens to the reviewers once the owner unblinds title/abstract.
    await owner.post(`${base}/screening/title_abstract/unblind`).expect(200);
    for (const title of ['Learner', 'Adult']) {
      await owner
        .post(`${base}/fulltext/${id(title)}/link`)
        .send({ url: `https://doi.org/10.1000/${title}` })
        .expect(200);
    }
    expect((await alice.get(`${base}/queue?stage=full_text`).expect(200)).body.remaining).toBe(2);
    await alice
      .post(`${base}/decisions`)
      .send({ recordId: id('Learner'), stage: 'full_text', decision: 'include' })
      .expect(201);
    await bob
      .post(`${base}/decisions`)
      .send({ recordId: id('Learner'), stage: 'full_text', decision: 'include' })
      .expect(201);
    await alice
      .post(`${base}/decisions`)
      .send({ recordId: id('Adult'), stage: 'full_text', decision: 'exclude', reason: 'Wrong population' })
      .expect(201);
    await bob
      .post(`${base}/decisions`)
      .send({ recordId: id('Adult'), stage: 'full_text', decision: 'include' })
      .expect(201);
    await owner
      .post(`${base}/resolutions`)
      .send({ recordId: id('Adult'), stage: 'full_text', decision: 'exclude' })
      .expect(400);
    await owner
      .post(`${base}/resolutions`)
      .send({ recordId: id('Adult'), stage: 'full_text', decision: 'exclude', reason: 'Wrong population' })
      .expect(201);

    const status = await owner.get(`${base}/screening/status`).expect(200);
    expect(status.body).toMatchObject({
      titleAbstract: { total: 4, included: 2, excluded: 2, conflicts: 0, awaiting: 0 },
      fullText: {
        reportsSought: 2,
        reportsNotRetrieved: 0,
        reportsAssessed: 2,
        included: 1,
        excluded: 1,
        exclusionReasons: [{ reason: 'Wrong population', count: 1 }],
      },
      included: { reports: 1, studies: 1 },
    });
    const agreement = await owner.get(`${base}/agreement?stage=title_abstract`).expect(200);
    expect(agreement.body).toMatchObject({ n: 4, percentAgreement: 75 });
  });
});
