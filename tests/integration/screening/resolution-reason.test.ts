import { createApp } from '../../../server/app';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

/** Issue 13: a reason is asked for when a conflict is resolved as exclude, never as include. */
describe('resolving a conflict over HTTP', () => {
  async function conflictAt(stage: 'title_abstract' | 'full_text') {
    const db = openTestDb();
    const p = seedScreeningProject(db, 2);
    const app = createApp({ db, clock: () => new Date('2026-02-02T12:00:00Z') });
    const [owner, alice, bob] = await Promise.all(
      [p.owner, p.alice, p.bob].map(async (m) => (await loginAgent(app, m.username)).agent),
    );
    const base = `/api/projects/${p.projectId}`;
    const both = async (recordId: number, s: string, a: string, b: string) => {
      await alice!
        .post(`${base}/decisions`)
        .send({ recordId, stage: s, decision: a, reason: a === 'exclude' ? 'Wrong population' : undefined })
        .expect(201);
      await bob!
        .post(`${base}/decisions`)
        .send({ recordId, stage: s, decision: b, reason: b === 'exclude' ? 'Wrong population' : undefined })
        .expect(201);
    };
    // Which records reach full text is computed from everyone's title/abstract votes, so full
    // text opens to reviewers once the owner unblinds title/abstract (the visibility policy).
    if (stage === 'full_text') await owner!.post(`${base}/screening/title_abstract/unblind`).expect(200);
    for (const recordId of p.recordIds) {
      if (stage === 'full_text') {
        await both(recordId, 'title_abstract', 'include', 'include');
        await owner!
          .post(`${base}/fulltext/${recordId}/link`)
          .send({ url: `https://example.org/${recordId}` })
          .expect(200);
      }
      await both(recordId, stage, 'include', 'exclude');
    }
    return { owner: owner!, base, recordIds: p.recordIds };
  }

  it.each(['title_abstract', 'full_text'] as const)('includes without a reason at %s', async (stage) => {
    const { owner, base, recordIds } = await conflictAt(stage);
    const res = await owner
      .post(`${base}/screening/${stage}/resolutions`)
      .send({ recordId: recordIds[0], decision: 'include' })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'resolved', outcome: 'include' });
  });

  it('still asks for a reason to exclude at full text', async () => {
    const { owner, base, recordIds } = await conflictAt('full_text');
    const refused = await owner
      .post(`${base}/screening/full_text/resolutions`)
      .send({ recordId: recordIds[1], decision: 'exclude' })
      .expect(400);
    expect(refused.body.error.message).toMatch(/exclusion reason is required/);
    await owner
      .post(`${base}/screening/full_text/resolutions`)
      .send({ recordId: recordIds[1], decision: 'exclude', reason: 'Wrong outcome' })
      .expect(201);
  });
});
