import { XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { createApp } from '../../server/app';
import type { Db } from '../../server/db/connection';
import { createMember, createUser, loginAgent, type LoggedIn } from '../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../support/db';

describe('PRISMA HTTP API', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let projectId: number;
  let embaseIds: number[];
  let owner: LoggedIn;

  beforeEach(async () => {
    db = openTestDb();
    app = createApp({ db, clock: () => new Date('2026-02-01T10:00:00Z') });
    projectId = seedProject(db, 'Review <A>');
    embaseIds = seedRecords(db, projectId, seedSource(db, projectId, { name: 'Embase', kind: 'database' }), [
      { title: 'First', doi: '10.1/a' },
      { title: 'Second' },
      { title: 'Third' },
    ]);
    seedRecords(
      db,
      projectId,
      seedSource(db, projectId, { name: 'Trials & <registers>', kind: 'register' }),
      [{ title: 'Fourth' }],
    );
    createMember(db, projectId, 'owner', 'owner');
    createMember(db, projectId, 'victor', 'viewer');
    createUser(db, 'stranger');
    owner = await loginAgent(app, 'owner');
  });

  const url = (suffix = '') => `/api/projects/${projectId}/prisma${suffix}`;
  /** supertest leaves image/svg+xml unparsed: collect the bytes whatever the type. */
  const raw = (r: request.Response, done: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    const stream = r as unknown as NodeJS.ReadableStream;
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const svgOf = async (who: LoggedIn, suffix: string) =>
    ((await who.agent.get(url(suffix)).buffer(true).parse(raw).expect(200)).body as Buffer).toString('utf8');

  it('GET /prisma gives the model, warnings and, for the owner, the trace', async () => {
    const res = await owner.agent.get(url()).expect(200);
    expect(res.body.model).toMatchObject({ database_results: 3, register_results: 1 });
    expect(res.body.model.database_specific_results).toEqual([{ name: 'Embase', n: 3 }]);
    expect(res.body.trace['database_specific_results:Embase']).toEqual(embaseIds);
    // the counts alone, for a page that shows no record ids
    const counts = await owner.agent.get(url('?trace=false')).expect(200);
    expect(counts.body.trace).toBeUndefined();
    expect(counts.body.model).toEqual(res.body.model);
    await owner.agent.get(url('?trace=maybe')).expect(400);
    // nothing has been screened yet: the four records await title/abstract decisions
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['pending_screening']);
  });

  it('a viewer sees the counts once screening is unblinded, but never the record ids behind them', async () => {
    const viewer = await loginAgent(app, 'victor');
    // every count below identification is computed from screening votes: blind, the diagram is refused
    for (const suffix of ['', '.svg', '.png', '.pdf', '.html', '.csv'])
      await viewer.agent.get(url(suffix)).expect(403);
    for (const stage of ['title_abstract', 'full_text'])
      await owner.agent.post(`/api/projects/${projectId}/screening/${stage}/unblind`).expect(200);
    const res = await viewer.agent.get(url()).expect(200);
    expect(res.body.model.database_results).toBe(3);
    expect(res.body.trace).toBeUndefined();
    const svg = await svgOf(viewer, '.svg');
    expect(svg).not.toContain('<a href=');
    await viewer.agent.get(url('/boxes/database_results/records')).expect(403);
  });

  it.each([
    ['.svg', 'image/svg+xml', '<svg'],
    ['.png', 'image/png', '\u0089PNG'],
    ['.pdf', 'application/pdf', '%PDF-'],
    ['.csv', 'text/csv', 'data,node,box'],
    ['.html', 'text/html', '<!doctype html>'],
  ])('GET /prisma%s answers with its content type', async (ext, type, magic) => {
    const res = await owner.agent.get(url(ext)).buffer(true).parse(raw);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['content-disposition']).toContain(`prisma-${projectId}${ext}`);
    expect((res.body as Buffer).subarray(0, magic.length).toString('latin1')).toBe(magic);
  });

  it('the owner’s SVG links every count to its drill-down list, escaped', async () => {
    const svg = await svgOf(owner, '.svg');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain(
      `<a href="/api/projects/${projectId}/prisma/boxes/database_specific_results%3AEmbase/records">`,
    );
    expect(svg).toContain('Trials &amp; &lt;registers&gt;');
    expect(svg).not.toContain('<registers>');
  });

  it('options in the query switch columns, and bad ones are refused', async () => {
    const svg = await svgOf(owner, '.svg?previous=true&detail=false');
    expect(svg).toContain('data-box="box16"');
    expect(svg).not.toContain('database_specific_results:Embase');
    await owner.agent.get(url('.svg?previous=yes')).expect(400);
  });

  it('drill-down lists the records behind a box, a page at a time', async () => {
    const res = await owner.agent
      .get(url(`/boxes/${encodeURIComponent('database_specific_results:Embase')}/records?offset=1&limit=1`))
      .expect(200);
    expect(res.body).toMatchObject({ box: 'database_specific_results:Embase', total: 3, offset: 1 });
    expect(res.body.records).toEqual([
      expect.objectContaining({ id: embaseIds[1], title: 'Second', sourceName: 'Embase' }),
    ]);
    await owner.agent.get(url('/boxes/no_such_box/records')).expect(404);
    await owner.agent.get(url('/boxes/database_results/records?limit=100000')).expect(400);
  });

  it('PRISMA settings: the owner records the previous version and box texts; the diagram follows', async () => {
    await owner.agent
      .put(url('/settings'))
      .send({ previousStudies: 9, previousReports: 12, labels: { newstud: 'Neue Studien' } })
      .expect(200);
    expect((await owner.agent.get(url('/settings')).expect(200)).body).toEqual({
      previousStudies: 9,
      previousReports: 12,
      labels: { newstud: 'Neue Studien' },
    });
    const { model, hints } = (await owner.agent.get(url()).expect(200)).body;
    expect(model.previous_studies).toBe(9);
    expect(hints.previous).toBe(true);
    expect(await svgOf(owner, '.svg')).toContain('>Neue Studien<');
    // other areas' settings are left alone
    const stored = db.prepare('SELECT settings_json FROM projects WHERE id = ?').get(projectId) as {
      settings_json: string;
    };
    expect(JSON.parse(stored.settings_json).prisma.previousStudies).toBe(9);
    await owner.agent.put(url('/settings')).send({ previousStudies: -1 }).expect(400);
    await owner.agent
      .put(url('/settings'))
      .send({ labels: { not_a_box: 'x' } })
      .expect(400);
    await owner.agent.put(url('/settings')).send({ extra: true }).expect(400);
    const viewer = await loginAgent(app, 'victor');
    await viewer.agent.get(url('/settings')).expect(200);
    await viewer.agent.put(url('/settings')).send({ previousStudies: 1 }).expect(403);
    expect((await owner.agent.get(url('/settings')).expect(200)).body.previousStudies).toBe(9);
  });

  it('PRISMA settings: the owner shows the title/abstract step of the other-methods column', async () => {
    seedRecords(db, projectId, seedSource(db, projectId, { name: 'Citation searching', kind: 'other' }), [
      { title: 'Cited' },
    ]);
    expect((await owner.agent.get(url()).expect(200)).body.model.other_records_screened).toBeNull();
    await owner.agent.put(url('/settings')).send({ otherScreening: 'always' }).expect(200);
    expect((await owner.agent.get(url('/settings')).expect(200)).body).toEqual({ otherScreening: 'always' });
    const { model } = (await owner.agent.get(url()).expect(200)).body;
    expect(model).toMatchObject({
      other_records_screened: 1,
      other_records_excluded: 0,
      other_duplicates: 0,
    });
    expect(await svgOf(owner, '.svg')).toContain('data-box="oth_screened"');
    await owner.agent.put(url('/settings')).send({ otherScreening: 'never' }).expect(400);
  });

  it('refuses anonymous callers and strangers', async () => {
    await request(app).get(url()).expect(401);
    await request(app).get(url('.png')).expect(401);
    const stranger = await loginAgent(app, 'stranger');
    await stranger.agent.get(url()).expect(404);
    await stranger.agent.get(url('.svg')).expect(404);
    await stranger.agent.get(url('/boxes/database_results/records')).expect(404);
  });
});
