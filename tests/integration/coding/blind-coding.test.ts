import { createApp } from '../../../server/app';
import { importCodebook } from '../../../server/services/coding';
import { setLink } from '../../../server/services/fulltext';
import { decide, updateSettings } from '../../../server/services/screening';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { includeAtFullText, seedScreeningProject } from '../../support/screening';

/**
 * Issue 13.3, blind dual coding with consensus: coders do not see each other's codes, excerpts
 * or extraction values on a study until both finished it (or the owner unblinds coding); the
 * owner reconciles both into the consensus coding, and the synthesis counts only the consensus.
 */

const clock = () => new Date('2026-05-01T08:00:00Z');

async function setup() {
  const db = openTestDb();
  const p = seedScreeningProject(db, 2);
  const [s1, s2] = p.recordIds as [number, number];
  includeAtFullText(db, p.projectId, p.owner, [s1, s2]);
  importCodebook(db, p.projectId, {
    codes: [
      { code: 'A', label: 'Theme A', description: '', parent: null },
      { code: 'B', label: 'Theme B', description: '', parent: null },
    ],
    fields: [{ key: 'country', label: 'Country', kind: 'text', options: [] }],
  });
  const app = createApp({ db, clock });
  const [owner, alice, bob, victor] = await Promise.all(
    [p.owner, p.alice, p.bob, p.viewer].map(async (m) => (await loginAgent(app, m.username)).agent),
  );
  const base = `/api/projects/${p.projectId}`;
  const codes = (await owner!.get(`${base}/codebook`).expect(200)).body.codes as {
    id: number;
    code: string;
  }[];
  const codeId = (key: string) => codes.find((c) => c.code === key)!.id;
  return {
    db,
    p,
    base,
    s1,
    s2,
    owner: owner!,
    alice: alice!,
    bob: bob!,
    victor: victor!,
    A: codeId('A'),
    B: codeId('B'),
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function codeBoth(s: Setup) {
  const a = await s.alice
    .post(`${s.base}/coding/studies/${s.s1}/applications`)
    .send({ codeId: s.A, excerpt: 'ALICE-EXCERPT', page: '3' })
    .expect(201);
  await s.alice.put(`${s.base}/coding/studies/${s.s1}/values/country`).send({ value: 'Chile' }).expect(200);
  const b = await s.bob
    .post(`${s.base}/coding/studies/${s.s1}/applications`)
    .send({ codeId: s.B, excerpt: 'BOB-EXCERPT' })
    .expect(201);
  await s.bob.put(`${s.base}/coding/studies/${s.s1}/values/country`).send({ value: 'Peru' }).expect(200);
  return { aliceApp: a.body.id as number, bobApp: b.body.id as number };
}

describe('blind dual coding', () => {
  it('each coder sees only their own codes, excerpts and values until both have finished the study', async () => {
    const s = await setup();
    await codeBoth(s);
    const bobView = async () => (await s.bob.get(`${s.base}/coding/studies/${s.s1}`).expect(200)).body;
    const first = await bobView();
    expect(JSON.stringify(first)).not.toMatch(/ALICE|Chile/);
    expect(first).toMatchObject({
      othersVisible: false,
      doneBy: null,
      consensus: null,
      otherValues: [],
      values: { country: 'Peru' },
    });
    expect(first.applications.map((a: { excerpt: string }) => a.excerpt)).toEqual(['BOB-EXCERPT']);
    const list = (await s.bob.get(`${s.base}/coding/studies`).expect(200)).body.studies;
    expect(list[0]).toMatchObject({ id: s.s1, applications: 1, done: false, doneBy: null, consensus: null });

    // bob finishes: alice has not, so nothing of hers shows yet.
    await s.bob.post(`${s.base}/coding/studies/${s.s1}/done`).expect(200);
    expect(JSON.stringify(await bobView())).not.toMatch(/ALICE|Chile/);
    // his coding is now fixed until he reopens it
    await s.bob.post(`${s.base}/coding/studies/${s.s1}/applications`).send({ codeId: s.A }).expect(409);

    // alice finishes too: each now sees the other's work on this study.
    await s.alice.post(`${s.base}/coding/studies/${s.s1}/done`).expect(200);
    const both = await bobView();
    expect(both).toMatchObject({ othersVisible: true, doneBy: ['alice', 'bob'], done: true });
    expect(both.applications.map((a: { excerpt: string; coder: string }) => [a.coder, a.excerpt])).toEqual([
      ['alice', 'ALICE-EXCERPT'],
      ['bob', 'BOB-EXCERPT'],
    ]);
    expect(both.otherValues).toEqual([
      { userId: s.p.alice.userId, coder: 'alice', values: { country: 'Chile' } },
    ]);
    // and "done" is final: a refusal that says only that the study has its coders
    const reopen = await s.bob.delete(`${s.base}/coding/studies/${s.s1}/done`).expect(409);
    expect(reopen.body.error.message).toMatch(/every finished coder it needs/);
  });

  it('the synthesis counts only the consensus the owner reconciled, recorded with who and when', async () => {
    const s = await setup();
    const { aliceApp, bobApp } = await codeBoth(s);
    for (const agent of [s.alice, s.bob])
      await agent.post(`${s.base}/coding/studies/${s.s1}/done`).expect(200);

    // Nothing reconciled yet: two included studies, no codes counted.
    const before = (await s.owner.get(`${s.base}/synthesis`).expect(200)).body;
    expect(before.studies).toBe(2);
    expect(before.codes.map((c: { studies: number }) => c.studies)).toEqual([0, 0]);
    expect(before.coding).toEqual({ codersRequired: 2, studiesWithCoding: 0 });

    // The owner accepts alice's A as it is, bob's B with an edited excerpt, and alice's country.
    const accepted = await s.owner
      .post(`${s.base}/coding/studies/${s.s1}/consensus/applications`)
      .send({ fromApplicationId: aliceApp })
      .expect(201);
    expect(accepted.body).toMatchObject({
      codeId: s.A,
      excerpt: 'ALICE-EXCERPT',
      page: '3',
      fromApplicationId: aliceApp,
      fromCoder: 'alice',
      decidedBy: s.p.owner.username,
      decidedAt: '2026-05-01T08:00:00.000Z',
    });
    const edited = await s.owner
      .post(`${s.base}/coding/studies/${s.s1}/consensus/applications`)
      .send({ fromApplicationId: bobApp, excerpt: 'BOB-EXCERPT, shortened' })
      .expect(201);
    await s.owner
      .put(`${s.base}/coding/studies/${s.s1}/consensus/values/country`)
      .send({ value: 'Chile', fromUserId: s.p.alice.userId })
      .expect(200);
    // a reviewer cannot reconcile
    await s.bob
      .post(`${s.base}/coding/studies/${s.s1}/consensus/applications`)
      .send({ codeId: s.A })
      .expect(403);

    const after = (await s.owner.get(`${s.base}/synthesis`).expect(200)).body;
    expect(
      after.codes.map((c: { code: string; studies: number; share: number }) => [c.code, c.studies, c.share]),
    ).toEqual([
      ['A', 1, 0.5],
      ['B', 1, 0.5],
    ]);
    expect(after.themes[1].evidence).toEqual([
      expect.objectContaining({ excerpt: 'BOB-EXCERPT, shortened', coder: 'bob', studyId: s.s1 }),
    ]);
    const country = after.crossTabs.find((t: { characteristic: string }) => t.characteristic === 'country');
    expect(country.values).toEqual(['Chile', 'not reported']);
    // agreement between the coders' own codes (not the consensus): A alice only, B bob only
    expect(
      after.agreement.map(
        (t: { code: string; onlyFirst: number; onlySecond: number; observedAgreement: number }) => [
          t.code,
          t.onlyFirst,
          t.onlySecond,
          t.observedAgreement,
        ],
      ),
    ).toEqual([
      ['A', 1, 0, 0],
      ['B', 0, 1, 0],
    ]);

    // Taking B out of the consensus takes it out of the synthesis; the row stays for the audit.
    await s.owner.delete(`${s.base}/coding/consensus/applications/${edited.body.id}`).expect(204);
    const removed = (await s.owner.get(`${s.base}/synthesis`).expect(200)).body;
    expect(removed.codes.map((c: { studies: number }) => c.studies)).toEqual([1, 0]);
    expect(
      s.db
        .prepare('SELECT removed_by AS removedBy FROM consensus_applications WHERE id = ?')
        .get(edited.body.id),
    ).toEqual({ removedBy: s.p.owner.userId });
  });

  it('synthesis and coding agreement are the owner’s while coding is blind, everyone’s once unblinded', async () => {
    const s = await setup();
    for (const agent of [s.bob, s.victor]) {
      await agent.get(`${s.base}/synthesis`).expect(403);
      await agent.get(`${s.base}/synthesis.md`).expect(403);
      await agent.get(`${s.base}/coding/agreement`).expect(403);
    }
    await s.bob.post(`${s.base}/coding/unblind`).expect(403);
    await s.owner.post(`${s.base}/coding/unblind`).expect(200);
    for (const agent of [s.bob, s.victor]) {
      await agent.get(`${s.base}/synthesis`).expect(200);
      await agent.get(`${s.base}/coding/agreement`).expect(200);
    }
    // once coding is open, coders see each other's work without finishing
    await codeBoth(s);
    const view = (await s.bob.get(`${s.base}/coding/studies/${s.s1}`).expect(200)).body;
    expect(view.othersVisible).toBe(true);
    expect(JSON.stringify(view)).toMatch(/ALICE-EXCERPT/);
  });

  it('one coder per study: the synthesis counts the coder’s own codes where the owner wrote no consensus', async () => {
    const s = await setup();
    await s.owner.patch(`${s.base}/coding/settings`).send({ codersRequired: 1 }).expect(200);
    await s.alice.post(`${s.base}/coding/studies/${s.s2}/applications`).send({ codeId: s.B }).expect(201);
    const synthesis = (await s.owner.get(`${s.base}/synthesis`).expect(200)).body;
    expect(synthesis.codes.map((c: { studies: number }) => c.studies)).toEqual([0, 1]);
    expect(synthesis.coding).toEqual({ codersRequired: 1, studiesWithCoding: 1 });
  });

  it('while screening is blind, coding writes are refused alike for included and other records', async () => {
    const db = openTestDb();
    const p = seedScreeningProject(db, 2);
    const [included, other] = p.recordIds as [number, number];
    // The owner includes one record alone and leaves both screening stages blind.
    const deps = { db, clock };
    const one = { reviewersRequired: 1 as const };
    updateSettings(deps, p.projectId, p.owner, { stages: { title_abstract: one, full_text: one } });
    decide(deps, p.projectId, p.owner, { recordId: included, stage: 'title_abstract', decision: 'include' });
    setLink(deps, p.projectId, p.owner, included, 'https://example.org/report');
    decide(deps, p.projectId, p.owner, { recordId: included, stage: 'full_text', decision: 'include' });
    importCodebook(db, p.projectId, {
      codes: [{ code: 'A', label: 'A', description: '', parent: null }],
      fields: [{ key: 'country', label: 'Country', kind: 'text', options: [] }],
    });
    const app = createApp({ db, clock });
    const alice = (await loginAgent(app, p.alice.username)).agent;
    const base = `/api/projects/${p.projectId}/coding`;
    const answers = [];
    for (const recordId of [included, other]) {
      const apply = await alice.post(`${base}/studies/${recordId}/applications`).send({ codeId: 1 });
      const value = await alice.put(`${base}/studies/${recordId}/values/country`).send({ value: 'Chile' });
      const done = await alice.post(`${base}/studies/${recordId}/done`);
      answers.push([apply.status, apply.body, value.status, value.body, done.status, done.body]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]![0]).toBe(403);
  });
});
