import { createApp } from '../../../server/app';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { includeAtFullText, seedScreeningProject } from '../../support/screening';

/**
 * Issue 13.4, studies not reports: two reports grouped as one study on the Full text page are
 * coded once, as one study, and every denominator of the synthesis counts studies. (Before, the
 * coding list and the synthesis counted the two reports as two studies.)
 */
describe('reports grouped as one study are coded and counted as one study', () => {
  async function setup() {
    const db = openTestDb();
    const p = seedScreeningProject(db, 3);
    const [r1, r2, r3] = p.recordIds as [number, number, number];
    includeAtFullText(db, p.projectId, p.owner, [r1, r2, r3]);
    const app = createApp({ db, clock: () => new Date('2026-04-01T10:00:00Z') });
    const owner = (await loginAgent(app, p.owner.username)).agent;
    const alice = (await loginAgent(app, p.alice.username)).agent;
    const base = `/api/projects/${p.projectId}`;
    await owner
      .post(`${base}/studies`)
      .send({ label: 'Trial A (two reports)', recordIds: [r2, r1] })
      .expect(201);
    await owner.patch(`${base}/coding/settings`).send({ codersRequired: 1 });
    const code = async (key: string) =>
      (
        await owner
          .post(`${base}/codes`)
          .send({ code: key, label: `Theme ${key}` })
          .expect(201)
      ).body.id as number;
    return { db, p, base, owner, alice, r1, r2, r3, codeA: await code('A'), codeB: await code('B') };
  }

  it('lists the grouped reports as one study, coded under its first report whichever report names it', async () => {
    const s = await setup();
    const list = await s.alice.get(`${s.base}/coding/studies`).expect(200);
    expect(list.body.studies.map((x: { id: number }) => x.id)).toEqual([s.r1, s.r3]);
    expect(list.body.studies[0].reportIds).toEqual([s.r1, s.r2]);

    // Coding the second report codes the study.
    const applied = await s.alice
      .post(`${s.base}/coding/studies/${s.r2}/applications`)
      .send({ codeId: s.codeA, excerpt: 'from the second report' })
      .expect(201);
    expect(applied.body.recordId).toBe(s.r1);
    for (const id of [s.r1, s.r2]) {
      const detail = await s.alice.get(`${s.base}/coding/studies/${id}`).expect(200);
      expect(detail.body.study.id).toBe(s.r1);
      expect(detail.body.applications.map((a: { excerpt: string }) => a.excerpt)).toEqual([
        'from the second report',
      ]);
    }
  });

  it('counts studies in every denominator of the synthesis', async () => {
    const s = await setup();
    await s.alice.post(`${s.base}/coding/studies/${s.r1}/applications`).send({ codeId: s.codeA }).expect(201);
    await s.alice.post(`${s.base}/coding/studies/${s.r2}/applications`).send({ codeId: s.codeA }).expect(201);
    await s.alice.post(`${s.base}/coding/studies/${s.r3}/applications`).send({ codeId: s.codeB }).expect(201);
    const synthesis = await s.owner.get(`${s.base}/synthesis`).expect(200);
    expect(synthesis.body.studies).toBe(2);
    const byCode = Object.fromEntries(
      synthesis.body.codes.map((c: { code: string; studies: number; share: number }) => [
        c.code,
        [c.studies, c.share],
      ]),
    );
    // Theme A: one study (its two reports count once) of two; theme B: the other study.
    expect(byCode).toEqual({ A: [1, 0.5], B: [1, 0.5] });
    expect(synthesis.body.coOccurrence.matrix).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });
});
