import { createApp } from '../../../server/app';
import { loginAgent, type LoggedIn } from '../../support/auth';
import {
  concreteUrls,
  differences,
  getRoutesOf,
  readEverything,
  unclassified,
  type Reading,
} from '../../support/blinding';
import { openTestDb } from '../../support/db';
import { includeAtFullText, seedScreeningProject } from '../../support/screening';
import { importCodebook } from '../../../server/services/coding';
import { readyForAppraisal } from '../../support/appraisal';

/**
 * The differential blinding sweep (issue 13, "one visibility policy"). Every GET route of the
 * app, read from its router, with every parameter value of a small project: what a blinded
 * reviewer (bob) and a viewer (victor) read must be byte-identical whether or not the other
 * reviewer (alice) has voted, retracted, or been resolved against, and whether or not the owner
 * has acted on the outcome (retrieved a report), and at coding and appraisal whatever the other
 * coder or appraiser did on a study and the owner reconciled. No normalisation is needed: the clock is fixed,
 * bob and victor do not act between readings, and nothing they may see carries an id or a time
 * that someone else's act creates.
 */

// Each step reads every GET URL (about 130, PNG and PDF renderings included) for two members:
// seconds of work, which a loaded machine can stretch past the default 30 s.
jest.setTimeout(120_000);

const clock = () => new Date('2026-03-01T09:00:00Z');

async function setup() {
  const db = openTestDb();
  const p = seedScreeningProject(db, 6);
  const { app, paths } = getRoutesOf(() => createApp({ db, clock, uploadsDir: '/nonexistent' }));
  const login = (name: string) => loginAgent(app, name);
  const [owner, alice, bob, victor] = await Promise.all(
    [p.owner, p.alice, p.bob, p.viewer].map((m) => login(m.username)),
  );
  const base = `/api/projects/${p.projectId}`;
  const urls = paths.flatMap((path) => concreteUrls(path, { projectId: p.projectId, recordId: p.recordIds }));
  return {
    db,
    p,
    paths,
    base,
    urls,
    owner: owner!.agent,
    alice: alice!.agent,
    bob: bob!.agent,
    victor: victor!.agent,
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** What bob and victor read now. */
async function blindReadings(s: Setup): Promise<Record<string, Record<string, Reading>>> {
  return { bob: await readEverything(s.bob, s.urls), victor: await readEverything(s.victor, s.urls) };
}

async function expectUnchanged(s: Setup, before: Record<string, Record<string, Reading>>, after: string) {
  const now = await blindReadings(s);
  for (const who of ['bob', 'victor']) {
    expect({ who, after, differences: differences(before[who]!, now[who]!) }).toEqual({
      who,
      after,
      differences: [],
    });
  }
}

const vote = (
  agent: LoggedIn['agent'],
  base: string,
  stage: string,
  recordId: number,
  decision: string,
  reason?: string,
) => agent.post(`${base}/screening/${stage}/decisions`).send({ recordId, decision, reason }).expect(201);

describe('the differential blinding sweep over every GET route', () => {
  it('classifies every GET route the app serves (a new route fails here until it is classified)', async () => {
    const { paths } = await setup();
    expect(unclassified(paths)).toEqual({ missing: [], stale: [] });
  });

  it('title/abstract blind: bob and victor read the same bytes whatever alice votes, retracts or is resolved against', async () => {
    const s = await setup();
    const [r1, r2, r3, r4, r5] = s.p.recordIds as [number, number, number, number, number];
    const ta = 'title_abstract';
    await vote(s.bob, s.base, ta, r1, 'include');
    await vote(s.bob, s.base, ta, r2, 'exclude');
    await vote(s.bob, s.base, ta, r3, 'include');
    await vote(s.bob, s.base, ta, r4, 'include');
    const ownerBefore = await readEverything(s.owner, s.urls);
    const before = await blindReadings(s);

    // A vote alice takes back on a record bob has not judged…
    await vote(s.alice, s.base, ta, r5, 'exclude');
    await expectUnchanged(s, before, 'alice voted on a record bob has not judged');
    await s.alice.delete(`${s.base}/screening/${ta}/decisions/${r5}`).expect(204);
    await expectUnchanged(s, before, 'alice retracted');

    // r1 agreed (include: it goes on to full text), r2..r4 in conflict.
    await vote(s.alice, s.base, ta, r1, 'include');
    await vote(s.alice, s.base, ta, r2, 'include');
    await vote(s.alice, s.base, ta, r3, 'exclude');
    await vote(s.alice, s.base, ta, r4, 'exclude');
    await expectUnchanged(s, before, 'alice voted');
    // …and one on a record he has: the conflict goes away again
    await s.alice.delete(`${s.base}/screening/${ta}/decisions/${r3}`).expect(204);
    await expectUnchanged(s, before, 'alice retracted a vote that made a conflict');

    await s.owner
      .post(`${s.base}/screening/${ta}/resolutions`)
      .send({ recordId: r2, decision: 'include' })
      .expect(201);
    await s.owner
      .post(`${s.base}/screening/${ta}/resolutions`)
      .send({ recordId: r4, decision: 'exclude', reason: 'Wrong population' })
      .expect(201);
    await expectUnchanged(s, before, 'the owner resolved against bob and against alice');

    await s.owner.post(`${s.base}/fulltext/${r1}/link`).send({ url: 'https://example.org/r1' }).expect(200);
    await s.owner.post(`${s.base}/fulltext/${r2}/not-retrievable`).send({}).expect(200);
    await expectUnchanged(s, before, 'the owner retrieved the reports the outcomes sent on');

    // The owner sees all of it: the sweep reads routes whose answers do move.
    expect(differences(ownerBefore, await readEverything(s.owner, s.urls)).length).toBeGreaterThan(10);
  });

  it('full text blind (title/abstract unblinded): the same holds for alice’s full-text votes and their resolution', async () => {
    const s = await setup();
    const [r1, r2, r3] = s.p.recordIds as [number, number, number];
    for (const agent of [s.alice, s.bob])
      for (const r of [r1, r2, r3]) await vote(agent, s.base, 'title_abstract', r, 'include');
    for (const r of [r1, r2, r3])
      await s.owner
        .post(`${s.base}/fulltext/${r}/link`)
        .send({ url: `https://example.org/${r}` })
        .expect(200);
    await s.owner.post(`${s.base}/screening/title_abstract/unblind`).expect(200);
    const ft = 'full_text';
    await vote(s.bob, s.base, ft, r1, 'include');
    await vote(s.bob, s.base, ft, r2, 'include');
    const before = await blindReadings(s);

    await vote(s.alice, s.base, ft, r3, 'include');
    await expectUnchanged(s, before, 'alice voted at full text on a report bob has not judged');
    await s.alice.delete(`${s.base}/screening/${ft}/decisions/${r3}`).expect(204);
    await expectUnchanged(s, before, 'alice retracted at full text');

    await vote(s.alice, s.base, ft, r1, 'include');
    await vote(s.alice, s.base, ft, r2, 'exclude', 'Wrong population');
    await vote(s.alice, s.base, ft, r3, 'exclude', 'Wrong outcomes');
    await expectUnchanged(s, before, 'alice voted at full text');
    await s.alice.delete(`${s.base}/screening/${ft}/decisions/${r2}`).expect(204);
    await expectUnchanged(s, before, 'alice retracted a full-text vote that made a conflict');
    await vote(s.alice, s.base, ft, r2, 'exclude', 'Wrong population');

    await s.owner
      .post(`${s.base}/screening/${ft}/resolutions`)
      .send({ recordId: r2, decision: 'include' })
      .expect(201);
    await expectUnchanged(s, before, 'the owner resolved against alice at full text');
  });

  it('coding blind (both screening stages unblinded): the same holds for alice’s codes, excerpts, values, her "done" and the owner’s consensus', async () => {
    const s = await setup();
    const [s1, s2] = s.p.recordIds as [number, number];
    includeAtFullText(s.db, s.p.projectId, s.p.owner, [s1, s2]);
    importCodebook(s.db, s.p.projectId, {
      codes: ['A', 'B'].map((code) => ({ code, label: `Theme ${code}`, description: '', parent: null })),
      fields: [{ key: 'country', label: 'Country', kind: 'text', options: [] }],
    });
    const [A, B] = (await s.owner.get(`${s.base}/codebook`).expect(200)).body.codes.map(
      (c: { id: number }) => c.id,
    );
    const study = `${s.base}/coding/studies/${s1}`;
    await s.bob.post(`${study}/applications`).send({ codeId: A, excerpt: 'bob reads A' }).expect(201);
    await s.bob.put(`${study}/values/country`).send({ value: 'Peru' }).expect(200);
    const ownerBefore = await readEverything(s.owner, s.urls);
    const before = await blindReadings(s);

    const kept = await s.alice
      .post(`${study}/applications`)
      .send({ codeId: B, excerpt: 'ALICE-B', page: '2' })
      .expect(201);
    const dropped = await s.alice
      .post(`${study}/applications`)
      .send({ codeId: A, excerpt: 'ALICE-A' })
      .expect(201);
    await s.alice.put(`${study}/values/country`).send({ value: 'Chile' }).expect(200);
    await s.alice.post(`${s.base}/coding/studies/${s2}/applications`).send({ codeId: A }).expect(201);
    await expectUnchanged(s, before, 'alice coded');

    await s.alice.delete(`${s.base}/coding/applications/${dropped.body.id}`).expect(204);
    await expectUnchanged(s, before, 'alice removed a code');

    await s.alice.post(`${study}/done`).expect(200);
    await expectUnchanged(s, before, 'alice finished the study');

    await s.owner
      .post(`${study}/consensus/applications`)
      .send({ fromApplicationId: kept.body.id })
      .expect(201);
    await s.owner
      .put(`${study}/consensus/values/country`)
      .send({ value: 'Chile', fromUserId: s.p.alice.userId })
      .expect(200);
    await expectUnchanged(s, before, 'the owner reconciled against bob');

    expect(differences(ownerBefore, await readEverything(s.owner, s.urls)).length).toBeGreaterThan(3);
  });

  it('appraisal blind (coding unblinded): the same holds for alice’s designs, answers, her "done" and the owner’s consensus', async () => {
    const s = await setup();
    const [s1, s2] = s.p.recordIds as [number, number];
    readyForAppraisal(
      s.db,
      s.p.projectId,
      {
        owner: { userId: s.p.owner.userId, role: 'owner' },
        coder: { userId: s.p.owner.userId, role: 'owner' },
      },
      { recordIds: [s1, s2], designs: { [s1]: 'Survey' }, themed: [s1] },
    );
    const appraisal = `${s.base}/appraisal/studies`;
    const say = (agent: LoggedIn['agent'], study: number, criterion: string, answer: string, why: string) =>
      agent
        .put(`${appraisal}/${study}/answers/${criterion}`)
        .send({ answer, justification: why, quote: why, page: '2' })
        .expect(200);
    await say(s.bob, s1, 'S1', 'yes', 'bob reads S1');
    await s.bob.put(`${appraisal}/${s2}/design`).send({ design: 'qualitative' }).expect(200);
    await say(s.bob, s2, '1.1', 'no', 'bob reads 1.1');
    const ownerBefore = await readEverything(s.owner, s.urls);
    const before = await blindReadings(s);

    await say(s.alice, s1, 'S1', 'no', 'ALICE-S1');
    await say(s.alice, s1, 'S2', 'cant_tell', 'ALICE-S2');
    await s.alice.put(`${appraisal}/${s2}/design`).send({ design: 'mixed-methods' }).expect(200);
    await say(s.alice, s2, '5.1', 'yes', 'ALICE-5.1');
    await expectUnchanged(s, before, 'alice appraised');

    await s.alice.delete(`${appraisal}/${s1}/answers/S2`).expect(204);
    await expectUnchanged(s, before, 'alice took an answer back');

    for (const criterion of ['S2', '4.1', '4.2', '4.3', '4.4', '4.5'])
      await say(s.alice, s1, criterion, 'yes', `ALICE-${criterion}`);
    await s.alice.post(`${appraisal}/${s1}/done`).expect(200);
    await expectUnchanged(s, before, 'alice finished a study bob has not');

    await s.owner
      .put(`${appraisal}/${s1}/consensus/answers/S1`)
      .send({ fromUserId: s.p.alice.userId })
      .expect(200);
    await s.owner.put(`${appraisal}/${s2}/consensus/design`).send({ design: 'mixed-methods' }).expect(200);
    await expectUnchanged(s, before, 'the owner reconciled against bob');

    expect(differences(ownerBefore, await readEverything(s.owner, s.urls)).length).toBeGreaterThan(3);
  });
});
