import { Router } from 'express';
import { screeningRoutes } from '../../../server/http/routes/screening';
import { fulltextRoutes } from '../../../server/http/routes/fulltext';
import { createApp, type AppContext } from '../../../server/app';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { fillPath, isUnrouted, readRoutesCounted } from '../../support/routes';
import { seedScreeningProject } from '../../support/screening';

/**
 * Blind mode: before the owner unblinds a stage, nothing bob can call tells him what alice
 * voted. Alice's votes carry marker strings; every GET route of the screening and
 * full-text routers (read from the routers, so a new route is covered) and bob's own
 * decision answer are searched for them, for alice's user id, and for conflict counts.
 * The routes come from the shared reader (tests/support/routes.ts): each pattern of a route
 * registered with several paths is requested on its own, and none may miss its route.
 */

/** Every GET pattern of the screening and full-text routers, as the app serves them under /api. */
function screeningGetRoutes(ctx: AppContext): string[] {
  const { routes } = readRoutesCounted(
    () => Router().use(screeningRoutes(ctx)).use(fulltextRoutes(ctx)),
    (router) => router,
    '/api',
  );
  return routes.filter((r) => r.method === 'GET').map((r) => r.path);
}

describe('blind mode leaks nothing to another reviewer', () => {
  async function setup() {
    const db = openTestDb();
    const p = seedScreeningProject(db, 4);
    const app = createApp({ db, clock: () => new Date('2026-02-02T12:00:00Z') });
    const owner = (await loginAgent(app, p.owner.username)).agent;
    const alice = (await loginAgent(app, p.alice.username)).agent;
    const bob = (await loginAgent(app, p.bob.username)).agent;
    const base = `/api/projects/${p.projectId}`;
    const [r1, r2, r3, r4] = p.recordIds as [number, number, number, number];
    // r1 reaches full text (both include) so full-text routes have something to show. While
    // title/abstract is blind, full text is closed to reviewers (which records reached it would
    // tell their votes): the secret full-text vote is the owner's.
    for (const agent of [alice, bob])
      await agent.post(`${base}/decisions`).send({ recordId: r1, decision: 'include' }).expect(201);
    await owner.post(`${base}/fulltext/${r1}/link`).send({ url: 'https://example.org/r1' }).expect(200);
    await alice
      .post(`${base}/screening/full_text/decisions`)
      .send({ recordId: r1, decision: 'exclude', reason: 'SECRET-FT-REASON' })
      .expect(403);
    await owner
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
    return { db, app, owner, alice, bob, base, p, r1, r2, r3, r4 };
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

  type Setup = Awaited<ReturnType<typeof setup>>;

  /** Bob's GET of every screening and full-text route, at both stages, with the answer. */
  async function bobReadsEverything(s: Setup) {
    const ctx: AppContext = { db: s.db, clock: () => new Date(), uploadsDir: '/nonexistent' };
    const paths = screeningGetRoutes(ctx);
    // queue, mine, progress, conflicts, agreement (each short and per stage), settings, status, and full text's 4
    expect(paths).toHaveLength(15);
    const answers: { url: string; status: number; body: unknown }[] = [];
    for (const stage of ['title_abstract', 'full_text']) {
      for (const route of paths) {
        const url = fillPath(route, { projectId: s.p.projectId, stage, recordId: s.r1 });
        const res = await s.bob.get(route.includes(':stage') ? url : `${url}?stage=${stage}`);
        // Each URL reaches its route: a mis-built URL would answer the fallback 404 and check nothing.
        expect({ url, unrouted: isUnrouted(res) }).toEqual({ url, unrouted: false });
        answers.push({ url: `${url} (${stage})`, status: res.status, body: res.body });
      }
    }
    expect(answers).toHaveLength(paths.length * 2);
    return answers;
  }

  it('every GET route and every decision answer, at both stages, before unblinding', async () => {
    const s = await setup();
    for (const { url, status, body } of await bobReadsEverything(s)) {
      // Refusals (conflicts and agreement are the owner's while blind; no PDF uploaded) leak nothing either.
      expect({ url, status: [200, 403, 404].includes(status) }).toEqual({ url, status: true });
      expectNoLeak(body, s.p.alice.userId, `${url} (${status})`);
    }

    // Bob's own vote on a record alice voted on: the answer carries only his vote.
    const answer = await s.bob
      .post(`${s.base}/decisions`)
      .send({ recordId: s.r2, decision: 'include' })
      .expect(201);
    expectNoLeak(answer.body, s.p.alice.userId, 'POST decisions');
    const ftAnswer = await s.bob
      .post(`${s.base}/screening/full_text/decisions`)
      .send({ recordId: s.r1, decision: 'include' })
      .expect(403);
    expectNoLeak(ftAnswer.body, s.p.alice.userId, 'POST full-text decisions');
    await s.bob.get(`${s.base}/conflicts?stage=title_abstract`).expect(403);
    await s.bob.get(`${s.base}/agreement?stage=title_abstract`).expect(403);
  });

  it('what bob reads while blind is the same whether or not alice has voted on a record he voted on', async () => {
    const s = await setup();
    await s.bob.post(`${s.base}/decisions`).send({ recordId: s.r4, decision: 'include' }).expect(201);
    const before = await bobReadsEverything(s);
    // Alice's exclude puts r4 in conflict: it stays at title/abstract, so nothing bob may see moves.
    await s.alice.post(`${s.base}/decisions`).send({ recordId: s.r4, decision: 'exclude' }).expect(201);
    expect(await bobReadsEverything(s)).toEqual(before);
    await s.alice.delete(`${s.base}/decisions/${s.r4}`).expect(204);
    expect(await bobReadsEverything(s)).toEqual(before);
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
