import { createApp } from '../../../server/app';
import type * as Api from '../../../server/api/types';
import { createMember, loginAgent, type LoggedIn } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { CLOCK, seedReviewedProject } from '../../support/records';

/**
 * The records workspace over HTTP: the list with its filters and sorting, the record page and
 * its timeline, labels and notes, each as the visibility policy lets the caller see it. In the
 * seeded review title/abstract is unblinded and full text still blind, so alice (a reviewer)
 * sees title/abstract judgements but no outcome computed from the full-text votes.
 */
describe('the records workspace API', () => {
  const db = openTestDb();
  const review = seedReviewedProject(db);
  const { projectId, ids } = review;
  createMember(db, projectId, 'victor', 'viewer');
  const app = createApp({ db, clock: CLOCK, uploadsDir: '/nonexistent' });
  const base = `/api/projects/${projectId}`;
  let owner: LoggedIn['agent'];
  let alice: LoggedIn['agent'];
  let bob: LoggedIn['agent'];
  let victor: LoggedIn['agent'];
  beforeAll(async () => {
    [owner, alice, bob, victor] = (
      await Promise.all(['owner', 'alice', 'bob', 'victor'].map((u) => loginAgent(app, u)))
    ).map((l) => l.agent) as [typeof owner, typeof alice, typeof bob, typeof victor];
  });

  it('lists records with their source, labels and, for the owner, their outcome', async () => {
    const res = await owner.get(`${base}/records?limit=50`).expect(200);
    const body = res.body as Api.RecordListResponse;
    expect(body.total).toBe(8);
    expect(body.outcomesVisible).toBe(true);
    const item = body.items.find((i) => i.id === ids.excludedFt)!;
    expect(item).toMatchObject({
      sourceName: 'Embase',
      sourceKind: 'database',
      outcome: { status: 'excluded', stage: 'full_text', reason: 'Wrong outcome' },
    });
    expect(body.items.find((i) => i.id === ids.old)!.removedBeforeScreening).toMatchObject({
      reason: 'Outside the date range',
    });
    expect(body.items.find((i) => i.id === ids.copy)!.duplicateOf).toBe(ids.included);
  });

  it('keeps the first contract of GET …/records (offset, limit, q, sourceId)', async () => {
    const res = await owner.get(`${base}/records?q=statins&limit=2&offset=1`).expect(200);
    expect(res.body).toMatchObject({ total: 4, offset: 1, limit: 2 });
    expect((res.body as Api.RecordListResponse).items.map((i) => i.id)).toEqual([ids.excludedTa, ids.old]);
  });

  it('sorts and pages by cursor', async () => {
    const first = (await owner.get(`${base}/records?sort=year&dir=desc&limit=3`).expect(200))
      .body as Api.RecordListResponse;
    expect(first.items.map((i) => i.year)).toEqual([2024, 2023, 2022]);
    const next = (
      await owner.get(`${base}/records?sort=year&dir=desc&limit=3&cursor=${first.nextCursor}`).expect(200)
    ).body as Api.RecordListResponse;
    expect(next.items.map((i) => i.year)).toEqual([2022, 2021, 2021]);
    await owner.get(`${base}/records?cursor=nonsense`).expect(400);
    await owner.get(`${base}/records?sort=colour`).expect(400);
    await owner.get(`${base}/records?status=maybe`).expect(400);
  });

  it('refuses a blinded member the filters that would tell what others decided, and shows no outcome', async () => {
    for (const agent of [alice, victor]) {
      const list = (await agent.get(`${base}/records`).expect(200)).body as Api.RecordListResponse;
      expect(list.outcomesVisible).toBe(false);
      expect(list.items.every((i) => i.outcome === null)).toBe(true);
      for (const query of ['status=included', 'status=pending', 'stage=full_text', 'reason=Wrong%20outcome'])
        expect((await agent.get(`${base}/records?${query}`).expect(403)).body.error.details).toMatchObject({
          reason: 'blind',
        });
      // deduplication is no one's screening judgement
      await agent.get(`${base}/records?status=duplicate`).expect(200);
    }
    // their own votes are their own; title/abstract is open to alice, full text is not
    const mine = (await alice.get(`${base}/records?myVote=title_abstract:exclude`).expect(200))
      .body as Api.RecordListResponse;
    expect(mine.items.map((i) => i.id)).toEqual([ids.excludedTa]);
    await alice.get(`${base}/records?conflict=title_abstract`).expect(200);
    await alice.get(`${base}/records?conflict=full_text`).expect(403);
  });

  it('shows a blinded reviewer the timeline of their own votes only, the owner everything', async () => {
    const kinds = (body: Api.TimelineResponse) =>
      body.events.map(
        (e) => `${e.kind}${e.stage ? `:${e.stage}` : ''}${e.user ? `:${e.user.username}` : ''}`,
      );
    const ownerView = (await owner.get(`${base}/records/${ids.excludedFt}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(kinds(ownerView)).toEqual([
      'imported',
      'vote:title_abstract:alice',
      'vote:title_abstract:bob',
      'retrieval:owner',
      'vote:full_text:alice',
      'vote:full_text:bob',
    ]);
    expect(ownerView.events[1]).toMatchObject({ decision: 'include', text: `alice on ${ids.excludedFt}` });
    const aliceView = (await alice.get(`${base}/records/${ids.excludedFt}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(kinds(aliceView)).toEqual([
      'imported',
      'vote:title_abstract:alice',
      'vote:title_abstract:bob',
      'retrieval:owner',
      'vote:full_text:alice',
    ]);
    expect(aliceView.hiddenStages).toEqual(['full_text']);
    const resolved = (await alice.get(`${base}/records/${ids.resolvedOut}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(resolved.events.map((e) => e.kind)).toContain('resolve');
    const merged = (await victor.get(`${base}/records/${ids.included}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(merged.events.find((e) => e.kind === 'dedup')).toMatchObject({
      decision: 'auto-merge',
      user: null,
    });
    const removed = (await victor.get(`${base}/records/${ids.old}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(removed.events.at(-1)).toMatchObject({
      kind: 'removed',
      reason: 'Outside the date range',
      user: { username: 'owner' },
      actionId: review.removalActionId,
    });
  });

  it('shows the record page: copies merged into it, labels, notes as blinding allows', async () => {
    const label = (
      await owner.post(`${base}/labels`).send({ name: 'Key paper', colour: '#AA0011' }).expect(201)
    ).body.label as Api.Label;
    expect(label).toMatchObject({ name: 'Key paper', colour: '#aa0011', records: 0 });
    await alice.put(`${base}/records/${ids.included}/labels/${label.id}`).expect(200);
    await victor.put(`${base}/records/${ids.included}/labels/${label.id}`).expect(403);
    await alice.post(`${base}/labels`).send({ name: 'Mine', colour: '#000000' }).expect(403);
    await owner.post(`${base}/labels`).send({ name: 'key PAPER', colour: '#000000' }).expect(409);
    await bob
      .post(`${base}/records/${ids.included}/notes`)
      .send({ text: 'Exclude? Wrong population' })
      .expect(201);
    await alice.post(`${base}/records/${ids.included}/notes`).send({ text: 'A key paper.' }).expect(201);
    await alice.post(`${base}/records/${ids.included}/notes`).send({ text: '   ' }).expect(400);

    const page = async (agent: typeof owner) =>
      (await agent.get(`${base}/records/${ids.included}`).expect(200)).body.record as Api.RecordPageDetail;
    const ownerPage = await page(owner);
    expect(ownerPage.copies.map((c) => [c.id, c.sourceName, c.sourceKind])).toEqual([
      [ids.copy, 'Citation searching', 'other'],
    ]);
    expect(ownerPage.labels.map((l) => l.name)).toEqual(['Key paper']);
    expect(ownerPage.notes.map((n) => `${n.username}: ${n.text}`)).toEqual([
      'bob: Exclude? Wrong population',
      'alice: A key paper.',
    ]);
    expect(ownerPage.outcome).toEqual({ status: 'included', stage: 'full_text', reason: null });
    expect(ownerPage.raw.length).toBeGreaterThanOrEqual(0);
    // full text is blind to alice: bob's note is a judgement she does not see yet, nor the outcome
    const alicePage = await page(alice);
    expect(alicePage.notes.map((n) => n.username)).toEqual(['alice']);
    expect(alicePage.outcome).toBeNull();
    const timeline = (await owner.get(`${base}/records/${ids.included}/timeline`).expect(200))
      .body as Api.TimelineResponse;
    expect(timeline.events.filter((e) => e.kind === 'label_added')).toMatchObject([
      { label: 'Key paper', user: { username: 'alice' }, actionId: null },
    ]);
    const list = (await victor.get(`${base}/records?labelId=${label.id}`).expect(200))
      .body as Api.RecordListResponse;
    expect(list.items.map((i) => [i.id, i.labels.map((l) => l.name)])).toEqual([
      [ids.included, ['Key paper']],
    ]);
    await alice.delete(`${base}/records/${ids.included}/labels/${label.id}`).expect(200);
    expect((await page(owner)).labels).toEqual([]);
  });
});
