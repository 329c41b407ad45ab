import type { Express } from 'express';
import { createApp } from '../../../server/app';
import { rankingIdle } from '../../../server/services/ranking';
import { createMember, loginAgent } from '../../support/auth';
import { concreteUrls, differences, getRoutesOf, readEverything, type Reading } from '../../support/blinding';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

/**
 * What a blinded member reads does not depend on what the others decided. Three reviews are
 * built the same way but for the other reviewers' decisions on the records bob judged: they
 * agree with him, they disagree, or they disagree and the owner resolves against him. Bob (a
 * reviewer) and victor (a viewer) read every GET route of each; the bytes must be equal. With
 * prioritised screening on, the model trains on the settled outcomes of the first review only,
 * so this also covers the queue order, the relevance and the stopping panel. A third reviewer
 * (carol) shares the work: a record both others judged leaves bob's queue in every review
 * alike, since a queue moves with how many votes a record has, never with what they say.
 *
 * Left out of the comparison, with the reason: GET /api/auth/me, whose csrfToken is a fresh
 * random secret at every sign-in.
 */

// Each step reads every GET URL (about 130, PNG and PDF renderings included) for two members:
// seconds of work, which a loaded machine can stretch past the default 30 s.
jest.setTimeout(120_000);

const clock = () => new Date('2026-03-05T10:00:00Z');
type Variant = 'agree' | 'disagree' | 'resolved against bob';

async function review(variant: Variant) {
  const db = openTestDb();
  const p = seedScreeningProject(db, 8);
  createMember(db, p.projectId, 'carol', 'reviewer');
  const { app, paths } = getRoutesOf(() => createApp({ db, clock, uploadsDir: '/nonexistent' }));
  const as = async (name: string) => (await loginAgent(app as Express, name)).agent;
  const [owner, alice, bob, carol, victor] = await Promise.all(
    [p.owner.username, p.alice.username, p.bob.username, 'carol', p.viewer.username].map(as),
  );
  const base = `/api/projects/${p.projectId}`;
  const vote = (agent: typeof bob, recordId: number, decision: string) =>
    agent!.post(`${base}/screening/title_abstract/decisions`).send({ recordId, decision }).expect(201);
  await owner!
    .put(`${base}/ranking/settings`)
    .send({ enabled: true, keywords: ['Record'] })
    .expect(200);
  const [r1, r2, r3, r4] = p.recordIds as [number, number, number, number];
  const bobSays = { [r1]: 'include', [r2]: 'exclude', [r3]: 'include' } as Record<number, string>;
  for (const r of [r1, r2, r3]) await vote(bob, r, bobSays[r]!);
  const other = (r: number) =>
    variant === 'agree' ? bobSays[r]! : bobSays[r] === 'include' ? 'exclude' : 'include';
  for (const r of [r1, r2, r3]) await vote(alice, r, other(r));
  if (variant === 'resolved against bob') {
    for (const r of [r1, r2]) {
      const decision = other(r) === 'maybe' ? 'include' : other(r);
      await owner!
        .post(`${base}/screening/title_abstract/resolutions`)
        .send({ recordId: r, decision, reason: 'Second reading' })
        .expect(201);
    }
  }
  // alice and carol share r4: agreeing in one review, disagreeing in the others.
  await vote(alice, r4, 'include');
  await vote(carol, r4, variant === 'agree' ? 'include' : 'exclude');
  await rankingIdle(db);
  const urls = paths
    .filter((path) => path !== '/api/auth/me')
    .flatMap((path) => concreteUrls(path, { projectId: p.projectId, recordId: p.recordIds }));
  return { db, base, r1, bob: bob!, victor: victor!, owner: owner!, urls };
}

describe('a blinded member reads the same whatever the others decided', () => {
  it('every GET route, for a reviewer and a viewer, across agreement, disagreement and resolution', async () => {
    const readings: Record<string, Record<string, Record<string, Reading>>> = {};
    const ownerReadings: Record<string, Record<string, Reading>> = {};
    for (const variant of ['agree', 'disagree', 'resolved against bob'] as Variant[]) {
      const r = await review(variant);
      readings[variant] = {
        bob: await readEverything(r.bob, r.urls),
        victor: await readEverything(r.victor, r.urls),
      };
      ownerReadings[variant] = await readEverything(r.owner, r.urls);
    }
    for (const variant of ['disagree', 'resolved against bob']) {
      for (const who of ['bob', 'victor']) {
        expect({
          variant,
          who,
          differences: differences(readings.agree![who]!, readings[variant]![who]!),
        }).toEqual({
          variant,
          who,
          differences: [],
        });
      }
      // the reviews do differ: the owner sees it
      expect(differences(ownerReadings.agree!, ownerReadings[variant]!).length).toBeGreaterThan(5);
    }
  });

  it('changing a vote answers the same whatever the others voted, and is refused only once the vote is final', async () => {
    // A vote may change until the owner resolves the record: the answer to a change carries only the
    // caller's vote, so it cannot tell agreement from disagreement. Only a resolution (the owner's
    // act, after which bob's vote can no longer change) is told, by the refusal.
    const answers: Record<string, unknown[]> = {};
    for (const variant of ['agree', 'disagree', 'resolved against bob'] as Variant[]) {
      const r = await review(variant);
      const change = await r.bob
        .post(`${r.base}/screening/title_abstract/decisions`)
        .send({ recordId: r.r1, decision: 'maybe' });
      const retract = await r.bob.delete(`${r.base}/screening/title_abstract/decisions/${r.r1}`);
      answers[variant] = [change.status, change.body, retract.status];
    }
    expect(answers.agree).toEqual([
      201,
      {
        recordId: expect.any(Number),
        stage: 'title_abstract',
        vote: expect.objectContaining({ decision: 'maybe' }),
      },
      204,
    ]);
    expect(answers.disagree).toEqual(answers.agree);
    expect(answers['resolved against bob']).toEqual([
      409,
      { error: { code: 'conflict', message: expect.stringMatching(/resolved/) } },
      409,
    ]);
  });

  it('the screening status, the PRISMA diagram and the full-text counts follow one rule for every role', async () => {
    // They used to disagree: /screening/status refused the counts that GET /prisma gave away.
    const r = await review('agree');
    const seen: string[] = [];
    for (const step of ['blind', 'title/abstract unblinded', 'both unblinded']) {
      if (step !== 'blind') {
        const stage = step === 'title/abstract unblinded' ? 'title_abstract' : 'full_text';
        await r.owner.post(`${r.base}/screening/${stage}/unblind`).expect(200);
      }
      for (const [who, agent] of [
        ['owner', r.owner],
        ['bob', r.bob],
        ['victor', r.victor],
      ] as const) {
        const status = (await agent.get(`${r.base}/screening/status`).expect(200)).body;
        const prisma = await agent.get(`${r.base}/prisma.svg`);
        const progress = (await agent.get(`${r.base}/screening/full_text/progress`).expect(200)).body;
        const shown = [
          status.visibility !== 'blinded',
          prisma.status === 200,
          progress.visibility === 'full',
        ];
        expect({ step, who, agree: new Set(shown).size === 1 }).toEqual({ step, who, agree: true });
        seen.push(`${step}: ${who} ${shown[0] ? 'sees' : 'does not see'} them`);
      }
    }
    expect(seen).toEqual([
      'blind: owner sees them',
      'blind: bob does not see them',
      'blind: victor does not see them',
      'title/abstract unblinded: owner sees them',
      'title/abstract unblinded: bob does not see them',
      'title/abstract unblinded: victor does not see them',
      'both unblinded: owner sees them',
      'both unblinded: bob sees them',
      'both unblinded: victor sees them',
    ]);
  });
});
