import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../../server/app';
import { openDatabase, type Db } from '../../../server/db/connection';
import { readyForAppraisal } from '../../support/appraisal';
import { loginAgent, type LoggedIn } from '../../support/auth';
import { removeDir, sift, tempDir } from '../../support/cli';
import { seedScreeningProject } from '../../support/screening';

/**
 * Issue 20, "must show": two appraisers appraise three studies blind with MMAT 2018, the owner
 * reconciles their disagreements, and the summary, its exports (JSON, CSV, CLI) and the plot
 * agree with the consensus. Worked out by hand:
 *
 * - s1, a survey (its design from the extraction form: quantitative descriptive). alice answers
 *   every criterion yes but 4.4 can't tell; bob yes but 4.4 no and 4.5 no. The owner accepts
 *   bob's 4.4 and writes 4.5 yes herself. Consensus: S1 S2 4.1 4.2 4.3 yes, 4.4 no, 4.5 yes.
 * - s2: both appraise it as qualitative and answer everything yes: the agreement stands alone.
 * - s3: alice appraises it as qualitative (1.3 no, the rest yes); bob as mixed methods, S2 no.
 *   The owner decides qualitative, accepts alice's 1.1–1.5, and writes S2 can't tell.
 *   Consensus: S1 yes, S2 can't tell, 1.1 1.2 yes, 1.3 no, 1.4 1.5 yes.
 */

const clock = () => new Date('2026-04-01T10:00:00Z');
const YES_ALL = ['S1', 'S2', '1.1', '1.2', '1.3', '1.4', '1.5'];

interface Setup {
  db: Db;
  file: string;
  dir: string;
  base: string;
  s1: number;
  s2: number;
  s3: number;
  aliceId: number;
  bobId: number;
  owner: LoggedIn['agent'];
  alice: LoggedIn['agent'];
  bob: LoggedIn['agent'];
  victor: LoggedIn['agent'];
}

async function setup(): Promise<Setup> {
  const dir = tempDir('sift-appraisal-');
  const file = path.join(dir, 'review.sqlite');
  const db = openDatabase(file);
  const p = seedScreeningProject(db, 3);
  const [s1, s2, s3] = p.recordIds as [number, number, number];
  readyForAppraisal(
    db,
    p.projectId,
    { owner: { userId: p.owner.userId, role: 'owner' }, coder: { userId: p.alice.userId, role: 'reviewer' } },
    { recordIds: [s1, s2, s3], designs: { [s1]: 'Survey' }, themed: [s1, s2] },
  );
  const app = createApp({ db, clock });
  const [owner, alice, bob, victor] = await Promise.all(
    [p.owner, p.alice, p.bob, p.viewer].map(async (m) => (await loginAgent(app, m.username)).agent),
  );
  return {
    db,
    file,
    dir,
    base: `/api/projects/${p.projectId}/appraisal`,
    s1,
    s2,
    s3,
    aliceId: p.alice.userId,
    bobId: p.bob.userId,
    owner: owner!,
    alice: alice!,
    bob: bob!,
    victor: victor!,
  };
}

type Agent = LoggedIn['agent'];

async function answer(agent: Agent, s: Setup, study: number, criterion: string, value: string, who: string) {
  await agent
    .put(`${s.base}/studies/${study}/answers/${criterion}`)
    .send({
      answer: value,
      justification: `${who}: ${criterion} is ${value}`,
      quote: `${who}-QUOTE`,
      page: '3',
    })
    .expect(200);
}

async function appraise(
  agent: Agent,
  s: Setup,
  study: number,
  design: string | null,
  answers: Record<string, string>,
  who: string,
) {
  if (design) await agent.put(`${s.base}/studies/${study}/design`).send({ design }).expect(200);
  for (const [criterion, value] of Object.entries(answers))
    await answer(agent, s, study, criterion, value, who);
}

/** The body of a response as the exact bytes sent (supertest leaves images unparsed). */
function bytes(request: ReturnType<Agent['get']>) {
  return request.buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

const all = (ids: string[], value = 'yes') => Object.fromEntries(ids.map((id) => [id, value]));
const SURVEY = ['S1', 'S2', '4.1', '4.2', '4.3', '4.4', '4.5'];
const MIXED = ['S1', 'S2', '5.1', '5.2', '5.3', '5.4', '5.5'];

describe('two appraisers appraise three studies blind; the owner reconciles', () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(() => {
    s.db.close();
    removeDir(s.dir);
  });

  it('each appraiser sees only their own work until both finished a study', async () => {
    // the survey's design comes from the extraction form: nobody chooses it
    const list = (await s.alice.get(`${s.base}/studies`).expect(200)).body;
    expect(list.studies.map((x: { formDesign: string | null }) => x.formDesign)).toEqual([
      'quantitative-descriptive',
      null,
      null,
    ]);
    await s.alice.put(`${s.base}/studies/${s.s1}/design`).send({ design: 'qualitative' }).expect(409);

    await appraise(s.alice, s, s.s1, null, { ...all(SURVEY), '4.4': 'cant_tell' }, 'ALICE');
    await appraise(s.bob, s, s.s1, null, { ...all(SURVEY), '4.4': 'no', '4.5': 'no' }, 'BOB');
    await appraise(s.alice, s, s.s2, 'qualitative', all(YES_ALL), 'ALICE');
    await appraise(s.bob, s, s.s2, 'qualitative', all(YES_ALL), 'BOB');
    await appraise(s.alice, s, s.s3, 'qualitative', { ...all(YES_ALL), '1.3': 'no' }, 'ALICE');
    await appraise(s.bob, s, s.s3, 'mixed-methods', { ...all(MIXED), S2: 'no' }, 'BOB');

    // an answer needs a justification, and an answer the criterion allows
    await s.bob
      .put(`${s.base}/studies/${s.s1}/answers/S1`)
      .send({ answer: 'yes', justification: '  ' })
      .expect(400);
    await s.bob
      .put(`${s.base}/studies/${s.s1}/answers/S1`)
      .send({ answer: 'maybe', justification: 'x' })
      .expect(400);
    // a criterion of another design is refused
    await s.bob
      .put(`${s.base}/studies/${s.s1}/answers/1.1`)
      .send({ answer: 'yes', justification: 'x' })
      .expect(400);

    const bobView = async (study: number) => (await s.bob.get(`${s.base}/studies/${study}`).expect(200)).body;
    const first = await bobView(s.s1);
    expect(JSON.stringify(first)).not.toMatch(/ALICE/);
    expect(first).toMatchObject({ othersVisible: false, others: [], doneBy: null, consensus: null });
    expect(first.mine.answers).toHaveLength(7);
    // the results are computed from everyone's answers: withheld while appraisal is blind
    const refused = await s.bob.get(`${s.base}/summary`).expect(403);
    expect(refused.body.error.details).toEqual({ reason: 'blind', view: 'appraisal' });
    await s.victor.get(`${s.base}/plot.svg`).expect(403);
    const project = s.base.replace(/\/appraisal$/, '');
    await s.bob.get(`${project}/synthesis?appraisal=all-yes`).expect(403);
    await s.bob.get(`${project}/synthesis`).expect(200);

    // done needs every criterion answered
    await s.alice.delete(`${s.base}/studies/${s.s1}/answers/4.5`).expect(204);
    const open = await s.alice.post(`${s.base}/studies/${s.s1}/done`).expect(400);
    expect(open.body.error.message).toMatch(/still open: 4\.5/);
    await answer(s.alice, s, s.s1, '4.5', 'yes', 'ALICE');

    await s.bob.post(`${s.base}/studies/${s.s1}/done`).expect(200);
    expect(JSON.stringify(await bobView(s.s1))).not.toMatch(/ALICE/);
    // bob's appraisal of s1 is now fixed until he reopens it
    await s.bob
      .put(`${s.base}/studies/${s.s1}/answers/S1`)
      .send({ answer: 'no', justification: 'x' })
      .expect(409);

    await s.alice.post(`${s.base}/studies/${s.s1}/done`).expect(200);
    const both = await bobView(s.s1);
    expect(both).toMatchObject({ othersVisible: true, doneBy: ['alice', 'bob'] });
    expect(both.others[0].answers.find((a: { criterion: string }) => a.criterion === '4.4')).toMatchObject({
      answer: 'cant_tell',
      justification: 'ALICE: 4.4 is cant_tell',
      quote: 'ALICE-QUOTE',
      page: '3',
    });
    // what they agree on already stands; the two disagreements wait for the owner
    expect(both.consensus.unresolved).toEqual(['4.4', '4.5']);
    // "done" is final now, and the refusal tells nothing of what alice answered
    const reopen = await s.bob.delete(`${s.base}/studies/${s.s1}/done`).expect(409);
    expect(reopen.body.error.message).toMatch(/every finished appraiser it needs/);
    // s2 is not finished by both: still blind there
    expect(JSON.stringify(await bobView(s.s2))).not.toMatch(/ALICE/);
    for (const study of [s.s2, s.s3])
      for (const agent of [s.alice, s.bob]) await agent.post(`${s.base}/studies/${study}/done`).expect(200);
  });

  it('the owner reconciles the disagreements; a reviewer cannot', async () => {
    const study = (id: number) => `${s.base}/studies/${id}`;
    await s.bob
      .put(`${study(s.s1)}/consensus/answers/4.4`)
      .send({ fromUserId: s.bobId })
      .expect(403);
    const accepted = await s.owner
      .put(`${study(s.s1)}/consensus/answers/4.4`)
      .send({ fromUserId: s.bobId })
      .expect(200);
    expect(accepted.body).toMatchObject({
      criterion: '4.4',
      answer: 'no',
      justification: 'BOB: 4.4 is no',
      quote: 'BOB-QUOTE',
      fromAppraiser: 'bob',
      decidedBy: 'owner',
      updatedAt: '2026-04-01T10:00:00.000Z',
    });
    await s.owner
      .put(`${study(s.s1)}/consensus/answers/4.5`)
      .send({ answer: 'yes', justification: 'The analysis suits the question (owner).' })
      .expect(200);

    const s3 = (await s.owner.get(study(s.s3)).expect(200)).body;
    expect(s3.consensus.unresolved).toEqual(expect.arrayContaining(['design', 'S2']));
    await s.owner
      .put(`${study(s.s3)}/consensus/design`)
      .send({ design: 'qualitative' })
      .expect(200);
    for (const criterion of ['1.1', '1.2', '1.3', '1.4', '1.5'])
      await s.owner
        .put(`${study(s.s3)}/consensus/answers/${criterion}`)
        .send({ fromUserId: s.aliceId })
        .expect(200);
    await s.owner
      .put(`${study(s.s3)}/consensus/answers/S2`)
      .send({ answer: 'cant_tell', justification: 'The paper does not say.' })
      .expect(200);
    const after = (await s.owner.get(study(s.s3)).expect(200)).body;
    expect(after.consensus.design).toBe('qualitative');
    expect(after.consensus.unresolved).toEqual([]);
  });

  it('the summary, its exports, the CLI and the plot agree with the consensus', async () => {
    await s.owner.post(`${s.base}/unblind`).expect(200);
    const summary = (await s.bob.get(`${s.base}/summary`).expect(200)).body;
    expect(summary.tool).toBe('mmat-2018');
    expect(
      summary.studies.map((x: { study: number; design: string; answers: object; overall: null }) => ({
        study: x.study,
        design: x.design,
        answers: x.answers,
        overall: x.overall,
      })),
    ).toEqual([
      {
        study: s.s1,
        design: 'quantitative-descriptive',
        answers: { ...all(SURVEY), '4.4': 'no' },
        overall: null,
      },
      { study: s.s2, design: 'qualitative', answers: all(YES_ALL), overall: null },
      {
        study: s.s3,
        design: 'qualitative',
        answers: { ...all(YES_ALL), S2: 'cant_tell', '1.3': 'no' },
        overall: null,
      },
    ]);
    expect(summary.studies.map((x: { meetsAll: boolean }) => x.meetsAll)).toEqual([false, true, false]);
    const dist = Object.fromEntries(
      summary.distribution.map((d: { criterion: string; studies: number; counts: object }) => [
        d.criterion,
        [d.studies, d.counts],
      ]),
    );
    expect(dist.S2).toEqual([3, { yes: 2, no: 0, cant_tell: 1, not_answered: 0 }]);
    expect(dist['1.3']).toEqual([2, { yes: 1, no: 1, cant_tell: 0, not_answered: 0 }]);
    expect(dist['4.4']).toEqual([1, { yes: 0, no: 1, cant_tell: 0, not_answered: 0 }]);
    expect(dist['5.1']).toBeUndefined();

    // agreement from the appraisers' own answers (not the consensus), over the three studies both finished
    const agreement = Object.fromEntries(
      summary.agreement.criteria.map((a: { criterion: string }) => [a.criterion, a]),
    );
    // S1: yes/yes on all three: observed 1, kappa not estimable
    expect(agreement.S1).toMatchObject({ studies: 3, observedAgreement: 1, kappa: null });
    // S2: alice yes ×3, bob yes, yes, no: po 2/3, pe = 1·2/3, kappa 0
    expect(agreement.S2.observedAgreement).toBeCloseTo(2 / 3, 6);
    expect(agreement.S2.kappa).toBeCloseTo(0, 6);
    expect(agreement['4.4']).toMatchObject({ studies: 1, observedAgreement: 0, kappa: 0 });
    // 1.1: only s2 has both answers (bob appraised s3 as mixed methods)
    expect(agreement['1.1']).toMatchObject({ studies: 1, observedAgreement: 1, kappa: null });
    expect(agreement['5.1']).toMatchObject({ studies: 0, observedAgreement: null, kappa: null });

    // the JSON export is the summary; the CSV has the same answers
    const json = await s.bob.get(`${s.base}/summary.json`).expect(200);
    expect(JSON.parse(json.text)).toEqual(summary);
    const csv = (await s.bob.get(`${s.base}/summary.csv`).expect(200)).text.split('\r\n');
    expect(csv[0]).toBe(
      'study,label,design,S1,S2,1.1,1.2,1.3,1.4,1.5,4.1,4.2,4.3,4.4,4.5,overall,meets_all_criteria,complete,tool,notice',
    );
    expect(csv[1]).toBe(
      `${s.s1},Record 1 2020,quantitative-descriptive,yes,yes,,,,,,yes,yes,yes,no,yes,,no,yes,mmat-2018,`,
    );
    expect(csv[3]).toBe(
      `${s.s3},Record 3 2020,qualitative,yes,cant_tell,yes,yes,no,yes,yes,,,,,,,no,yes,mmat-2018,`,
    );

    // the CLI reads the same database file and prints the same contract
    const cli = await sift(['appraisal', 'summary', '--db', s.file, '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(summary);

    // the plot: one circle per answer of the consensus, in its answer's colour
    const svg = ((await bytes(s.bob.get(`${s.base}/plot.svg`)).expect(200)).body as Buffer).toString('utf8');
    const fills = [...svg.matchAll(/<circle [^>]*fill="(#[0-9A-F]{6})" stroke="#555555"/g)].map((m) => m[1]);
    const legend = 3; // the key's yes, no, can't tell
    expect(fills.length - legend).toBe(7 + 7 + 7);
    const count = (colour: string) => fills.filter((f) => f === colour).length - 1;
    expect(count('#02C100')).toBe(6 + 7 + 5); // yes
    expect(count('#BF0000')).toBe(1 + 1); // no: s1 4.4, s3 1.3
    expect(count('#4EA1F7')).toBe(1); // can't tell: s3 S2
    const png = await bytes(s.bob.get(`${s.base}/plot.png?kind=both`)).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
    const cliPlot = path.join(s.dir, 'plot.svg');
    expect(
      (await sift(['appraisal', 'summary', '--db', s.file, '--format', 'svg', '--out', cliPlot])).code,
    ).toBe(0);
    expect(fs.readFileSync(cliPlot, 'utf8')).toBe(svg);
  });

  it('the synthesis filters and stratifies its themes by appraisal result, extending its JSON', async () => {
    const base = s.base.replace(/\/appraisal$/, '');
    const plain = (await s.bob.get(`${base}/synthesis`).expect(200)).body;
    expect(plain.appraisal).toBeUndefined();
    expect(plain.codes[0]).toMatchObject({ code: 'A', studies: 2 });
    // only s2 meets all criteria
    const allYes = (await s.bob.get(`${base}/synthesis?appraisal=all-yes`).expect(200)).body;
    expect(allYes.studies).toBe(1);
    expect(allYes.codes[0]).toMatchObject({ code: 'A', studies: 1 });
    expect(allYes.appraisal).toEqual({
      option: 'all-yes',
      tool: 'mmat-2018',
      studies: { meetsAll: 1, notAll: 2, notAppraised: 0 },
    });
    const strata = (await s.bob.get(`${base}/synthesis?appraisal=stratify`).expect(200)).body;
    expect(strata.studies).toBe(3);
    expect(strata.codes[0].appraisal).toEqual({
      meetsAll: 1,
      notAll: 1,
      notAppraised: 0,
      onlyMeetsAll: false,
    });
    const cli = await sift(['synthesis', '--db', s.file, '--json', '--appraisal', 'all-yes']);
    expect(JSON.parse(cli.stdout)).toEqual(allYes);
    expect((await sift(['synthesis', '--db', s.file, '--appraisal', 'some'])).code).toBe(2);
    await s.bob.get(`${base}/synthesis?appraisal=some`).expect(400);
  });
});
