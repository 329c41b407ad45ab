import type { Router } from 'express';
import { screeningRoutes } from '../../../server/http/routes/screening';
import { fulltextRoutes } from '../../../server/http/routes/fulltext';
import { createApp, type AppContext } from '../../../server/app';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

/**
 * Blind mode: before the owner unblinds a stage, nothing bob can call tells him what alice
 * voted. Alice's votes carry marker strings; every GET route of the screening and
 * full-text routers (read from the routers, so a new route is covered) and bob's own
 * decision answer are searched for them, for alice's user id, and for conflict counts.
 */

interface LayerLike {
  route?: { path: string; methods: Record<string, boolean> };
}

function getRoutes(router: Router): string[] {
  return (router as unknown as { stack: LayerLike[] }).stack
    .filter((l) => l.route && l.route.methods.get)
    .map((l) => l.route!.path);
}

describe('blind mode leaks nothing to another reviewer', () => {
  async function setup() {
    const db = openTestDb();
    const p = seedScreeningProject(db, 3);
    const app = createApp({ db, clock: () => new Date('2026-02-02T12:00:00Z') });
    const owner = (await loginAgent(app, p.owner.username)).agent;
    const alice = (await loginAgent(app, p.alice.username)).agent;
    const bob = (await loginAgent(app, p.bob.username)).agent;
    const base = `/api/projects/${p.projectId}`;
    const [r1, r2, r3] = p.recordIds as [number, number, number];
    // r1 reaches full text (both include) so full-text routes have something to show.
    for (const agent of [alice, bob])
      await agent.post(`${base}/decisions`).send({ recordId: r1, decision: 'include' }).expect(201);
    await owner.post(`${base}/fulltext/${r1}/link`).send({ url: 'https://example.org/r1' }).expect(200);
    await alice
      .post(`${base}/screening/full_text/decisions`)
      .send({ recordId: r1, decision: 'exclude', reason: 'SECRET-FT-REASON', note: 'SECRET-FT-NOTE' })
      .expect(201);
    await alice
      .post(`${base}/decisions`)
      .send({ recordId: r2, decision: 'exclude', reason: 'SECRET-REASON', note: 'SECRET-NOTE' })
      .expect(201);
    await alice
      .post(`${base}/decisions`)
      .send({ recordId: r3, decision: 'include', note: 'SECRET-NOTE-3' })
      .expect(201);
    return { db, app, owner, alice, bob, base, p, r1, r2, r3 };
  }

  function expectNoLeak(body: unknown, aliceId: number, where: string) {
    const text = JSON.stringify(body);
    expect({ where, secret: /SECRET/.test(text) }).toEqual({ where, secret: false });
    expect({ where, aliceVote: text.includes(`"userId":${aliceId}`) }).toEqual({ where, aliceVote: false });
    expect({ where, conflicts: /"conflicts?"|"included"|"excluded"|"fullTextOutcome"/.test(text) }).toEqual({
      where,
      conflicts: false,
    });
  }

  it('every GET route and every decision answer, at both stages, before unblinding', async () => {
    const s = await setup();
    const ctx: AppContext = { db: s.db, clock: () => new Date(), uploadsDir: '/nonexistent' };
    const paths = [...getRoutes(screeningRoutes(ctx)), ...getRoutes(fulltextRoutes(ctx))];
    expect(paths.length).toBeGreaterThanOrEqual(8);
    let checked = 0;
    for (const stage of ['title_abstract', 'full_text']) {
      for (const route of paths) {
        const url = `/api${route}`
          .replace(':projectId', String(s.p.projectId))
          .replace(':stage', stage)
          .replace(':recordId', String(s.r1));
        const res = await s.bob.get(route.includes(':stage') ? url : `${url}?stage=${stage}`);
        // Refusals (conflicts and agreement are the owner's while blind; no PDF uploaded) leak nothing either.
        expect([200, 403, 404]).toContain(res.status);
        expectNoLeak(res.body, s.p.alice.userId, `${url} (${res.status})`);
        checked++;
      }
    }
    expect(checked).toBe(paths.length * 2);

    // Bob's own vote on a record alice voted on: the answer carries only his vote.
    const answer = await s.bob
      .post(`${s.base}/decisions`)
      .send({ recordId: s.r2, decision: 'include' })
      .expect(201);
    expectNoLeak(answer.body, s.p.alice.userId, 'POST decisions');
    const ftAnswer = await s.bob
      .post(`${s.base}/screening/full_text/decisions`)
      .send({ recordId: s.r1, decision: 'include' })
      .expect(201);
    expectNoLeak(ftAnswer.body, s.p.alice.userId, 'POST full-text decisions');
    await s.bob.get(`${s.base}/conflicts?stage=title_abstract`).expect(403);
    await s.bob.get(`${s.base}/agreement?stage=title_abstract`).expect(403);
  });

  it('the owner sees every vote while blind, and bob sees agreement once the stage is unblinded', async () => {
    const s = await setup();
    await s.bob.post(`${s.base}/decisions`).send({ recordId: s.r2, decision: 'include' }).expect(201);
    const conflicts = await s.owner.get(`${s.base}/conflicts?stage=title_abstract`).expect(200);
    expect(JSON.stringify(conflicts.body)).toContain('SECRET-REASON');
    await s.bob.post(`${s.base}/screening/title_abstract/unblind`).expect(403);
    await s.owner.post(`${s.base}/screening/title_abstract/unblind`).expect(200);
    const agreement = await s.bob.get(`${s.base}/agreement?stage=title_abstract`).expect(200);
    expect(agreement.body.n).toBe(2);
    const progress = await s.bob.get(`${s.base}/screening/title_abstract/progress`).expect(200);
    expect(progress.body).toMatchObject({ visibility: 'full', counts: { conflicts: 1 } });
    // Full text is still blind.
    await s.bob.get(`${s.base}/agreement?stage=full_text`).expect(403);
  });
});
