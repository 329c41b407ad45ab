import fs from 'node:fs';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';
import { tempDir } from '../../support/cli';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function setup(n = 4) {
  const db = openTestDb();
  const p = seedScreeningProject(db, n);
  const uploadsDir = tempDir('sift-http-');
  const app = createApp({ db, clock: () => new Date('2026-02-02T12:00:00Z'), uploadsDir });
  const [owner, alice, bob, viewer] = await Promise.all(
    [p.owner, p.alice, p.bob, p.viewer].map((m) => loginAgent(app, m.username)),
  );
  return {
    db,
    app,
    uploadsDir,
    ...p,
    as: { owner: owner!.agent, alice: alice!.agent, bob: bob!.agent, viewer: viewer!.agent },
  };
}

describe('screening over HTTP: from records to included studies', () => {
  it('two reviewers, a conflict, its resolution, full text and included studies', async () => {
    const s = await setup(4);
    const base = `/api/projects/${s.projectId}`;
    const [r1, r2, r3, r4] = s.recordIds as [number, number, number, number];

    const queue = await s.as.alice.get(`${base}/queue?stage=title_abstract`).expect(200);
    expect(queue.body.remaining).toBe(4);
    expect(queue.body.records.map((r: { id: number }) => r.id)).toEqual([r1, r2, r3, r4]);
    expect(queue.body.records[0]).toMatchObject({ id: r1, title: 'Record 1', myVote: null });

    const votes: [number, string, string][] = [
      [r1, 'include', 'include'],
      [r2, 'include', 'exclude'],
      [r3, 'exclude', 'exclude'],
      [r4, 'maybe', 'include'],
    ];
    for (const [recordId, a, b] of votes) {
      await s.as.alice
        .post(`${base}/decisions`)
        .send({ recordId, stage: 'title_abstract', decision: a })
        .expect(201);
      await s.as.bob
        .post(`${base}/decisions`)
        .send({
          recordId,
          stage: 'title_abstract',
          decision: b,
          reason: b === 'exclude' ? 'Not about adults' : undefined,
        })
        .expect(201);
    }
    expect((await s.as.bob.get(`${base}/queue?stage=title_abstract`).expect(200)).body).toMatchObject({
      records: [],
      remaining: 0,
    });

    const conflicts = await s.as.owner.get(`${base}/conflicts?stage=title_abstract`).expect(200);
    expect(conflicts.body.conflicts).toEqual([expect.objectContaining({ recordId: r2 })]);
    await s.as.owner
      .post(`${base}/resolutions`)
      .send({ recordId: r2, stage: 'title_abstract', decision: 'include', reason: 'Adults in a subgroup' })
      .expect(201);
    await s.as.owner
      .post(`${base}/resolutions`)
      .send({ recordId: r2, stage: 'title_abstract', decision: 'exclude' })
      .expect(409);
    // Full text (the reports sought, their PDFs) opens to reviewers and viewers once title/abstract is unblinded.
    await s.as.viewer.get(`${base}/fulltext`).expect(403);
    await s.as.owner.post(`${base}/screening/title_abstract/unblind`).expect(200);

    const sought = await s.as.owner.get(`${base}/fulltext`).expect(200);
    expect(
      sought.body.reports.map((r: { recordId: number; status: string }) => [r.recordId, r.status]),
    ).toEqual([
      [r1, 'sought'],
      [r2, 'sought'],
      [r4, 'sought'],
    ]);
    await s.as.owner.post(`${base}/fulltext/${r1}/pdf`).attach('file', PDF, 'smith2020.pdf').expect(201);
    await s.as.owner
      .post(`${base}/fulltext/${r2}/link`)
      .send({ url: 'https://doi.org/10.1000/x' })
      .expect(200);
    await s.as.owner.post(`${base}/fulltext/${r4}/not-retrievable`).send({ note: 'no copy' }).expect(200);
    const pdf = await s.as.viewer
      .get(`${base}/fulltext/${r1}/pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('smith2020.pdf');
    expect(pdf.body).toEqual(PDF);

    await s.as.alice
      .post(`${base}/decisions`)
      .send({ recordId: r1, stage: 'full_text', decision: 'exclude' })
      .expect(400);
    for (const recordId of [r1, r2]) {
      await s.as.alice
        .post(`${base}/screening/full_text/decisions`)
        .send({ recordId, decision: 'include' })
        .expect(201);
      await s.as.bob
        .post(`${base}/screening/full_text/decisions`)
        .send({ recordId, decision: 'include' })
        .expect(201);
    }
    await s.as.owner
      .post(`${base}/studies`)
      .send({ label: 'SMITH-TRIAL', recordIds: [r1, r2] })
      .expect(201);

    const status = await s.as.owner.get(`${base}/screening/status`).expect(200);
    expect(status.body).toMatchObject({
      titleAbstract: {
        total: 4,
        included: 3,
        excluded: 1,
        conflicts: 0,
        resolved: 1,
        exclusionReasons: [{ reason: 'Not about adults', count: 1 }],
      },
      fullText: { reportsSought: 3, reportsNotRetrieved: 1, reportsAssessed: 2, included: 2, excluded: 0 },
      included: { reports: 2, studies: 1 },
    });

    const agreement = await s.as.owner.get(`${base}/agreement?stage=title_abstract`).expect(200);
    // By hand (maybe counts as include; rows alice, columns bob): table [[2,1],[0,1]], n = 4.
    // po = 3/4; rows (.75, .25), columns (.5, .5); pe = .75·.5 + .25·.5 = .5; kappa = (.75−.5)/(1−.5) = .5.
    // SE (Fleiss, Cohen & Everitt 1969): diagonal .5(1−1.25·.5)² + .25(1−.75·.5)² = .16796875;
    // off-diagonal (1−κ)²·.25(.5+.25)² = .03515625; minus (κ − pe(1−κ))² = .0625;
    // variance = .140625 / (n(1−pe)²) = .140625 / 1 → SE = .375; 95 % CI .5 ± 1.959964·.375, clipped at 1.
    // PABAK = 2·.75 − 1 = .5. AC1: π = (.625, .375), pe = 2·.625·.375 = .46875, (.75−.46875)/(1−.46875) = 9/17.
    // Krippendorff's alpha: 8 values (5 include, 3 exclude), 6 coincide: 1 − 7·(8−6)/(64−25−9) = 8/15.
    expect(agreement.body).toMatchObject({
      n: 4,
      percentAgreement: 75,
      table: [
        [2, 1],
        [0, 1],
      ],
      kappa: expect.closeTo(0.5, 6),
      kappaSE: expect.closeTo(0.375, 6),
      kappaCI95: [expect.closeTo(-0.234986494, 6), 1],
      pabak: expect.closeTo(0.5, 6),
      ac1: expect.closeTo(9 / 17, 6),
      alpha: expect.closeTo(8 / 15, 6),
      interpretation: 'moderate',
    });
  });

  it('two reviewers deciding on the same record at the same moment lose nothing', async () => {
    const s = await setup(1);
    const base = `/api/projects/${s.projectId}`;
    const recordId = s.recordIds[0]!;
    const [a, b] = await Promise.all([
      s.as.alice.post(`${base}/decisions`).send({ recordId, stage: 'title_abstract', decision: 'include' }),
      s.as.bob.post(`${base}/decisions`).send({ recordId, stage: 'title_abstract', decision: 'exclude' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const conflicts = await s.as.owner.get(`${base}/conflicts?stage=title_abstract`).expect(200);
    expect(
      conflicts.body.conflicts[0].votes
        .map((v: { username: string; decision: string }) => [v.username, v.decision])
        .sort(),
    ).toEqual([
      ['alice', 'include'],
      ['bob', 'exclude'],
    ]);
  });

  it('refuses bad input without changing anything', async () => {
    const s = await setup(1);
    const base = `/api/projects/${s.projectId}`;
    const recordId = s.recordIds[0]!;
    await s.as.alice
      .post(`${base}/decisions`)
      .send({ recordId, stage: 'title_abstract', decision: 'perhaps' })
      .expect(400);
    await s.as.alice
      .post(`${base}/decisions`)
      .send({ recordId: 999999, stage: 'title_abstract', decision: 'include' })
      .expect(404);
    await s.as.alice.get(`${base}/queue?stage=abstracts`).expect(400);
    await s.as.viewer.post(`${base}/decisions`).send({ recordId, decision: 'include' }).expect(403);
    await s.as.alice.patch(`${base}/settings`).send({ eligibilityCriteria: 'x' }).expect(403);
    await s.as.owner
      .patch(`${base}/settings`)
      .send({ stages: { title_abstract: { reviewersRequired: 5 } } })
      .expect(400);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM screening_events').get()).toEqual({ n: 0 });
  });

  it('a PDF upload without the %PDF- signature is refused and leaves no row and no file', async () => {
    const s = await setup(1);
    const base = `/api/projects/${s.projectId}`;
    const recordId = s.recordIds[0]!;
    await s.as.alice.post(`${base}/decisions`).send({ recordId, decision: 'include' }).expect(201);
    await s.as.bob.post(`${base}/decisions`).send({ recordId, decision: 'include' }).expect(201);
    const res = await s.as.owner
      .post(`${base}/fulltext/${recordId}/pdf`)
      .attach('file', Buffer.from('MZ\x90\x00 not a pdf'), 'evil.pdf')
      .expect(400);
    expect(res.body.error.message).toMatch(/not a PDF/);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM fulltext_reports').get()).toEqual({ n: 0 });
    expect(fs.readdirSync(s.uploadsDir, { recursive: true })).toEqual([]);
    await s.as.alice.post(`${base}/fulltext/${recordId}/pdf`).attach('file', PDF, 'a.pdf').expect(403);
  });

  it('settings: any member reads them, the owner changes them', async () => {
    const s = await setup(1);
    const base = `/api/projects/${s.projectId}`;
    const patched = await s.as.owner
      .patch(`${base}/settings`)
      .send({ eligibilityCriteria: 'Adults', stages: { title_abstract: { reviewersRequired: 1 } } })
      .expect(200);
    expect(patched.body.stages.title_abstract).toMatchObject({
      reviewersRequired: 1,
      blind: true,
      unblinded: false,
    });
    const read = await s.as.viewer.get(`${base}/settings`).expect(200);
    expect(read.body.eligibilityCriteria).toBe('Adults');
    await request(s.app).get(`${base}/settings`).expect(401);
  });
});
