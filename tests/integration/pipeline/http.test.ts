import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { UPLOAD_LIMITS } from '../../../server/http/routes/sources';
import { addMember, createUser, loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { FIXTURES } from './fixtures';

const clock = () => new Date('2026-07-01T12:00:00Z');

type Agent = Awaited<ReturnType<typeof loginAgent>>['agent'];

/** An app with one signed-in user, "olivia"; `agent` carries her session and CSRF header. */
async function setup() {
  const db = openTestDb();
  const app = createApp({ db, clock });
  createUser(db, 'olivia');
  const { agent, user } = await loginAgent(app, 'olivia');
  return { db, app, agent, user };
}

async function createProject(agent: Agent, name = 'MC review'): Promise<number> {
  const res = await agent.post('/api/projects').send({ name }).expect(201);
  return res.body.project.id as number;
}

describe('projects API', () => {
  it('creates, lists, reads and renames a project', async () => {
    const { agent } = await setup();
    const created = await agent
      .post('/api/projects')
      .send({ name: 'MC review', description: 'learners' })
      .expect(201);
    expect(created.body.project).toEqual({
      id: 1,
      name: 'MC review',
      description: 'learners',
      createdAt: '2026-07-01T12:00:00.000Z',
      sources: 0,
      records: 0,
      role: 'owner',
    });
    expect((await agent.get('/api/projects').expect(200)).body.projects).toHaveLength(1);
    expect((await agent.get('/api/projects/1').expect(200)).body.project.name).toBe('MC review');
    const patched = await agent.patch('/api/projects/1').send({ name: 'Renamed' }).expect(200);
    expect(patched.body.project).toMatchObject({ name: 'Renamed', description: 'learners' });
  });

  it('answers 400 for a bad body or a malformed id, 409 for a taken name, 404 for an unknown id', async () => {
    const { agent } = await setup();
    await createProject(agent);
    expect((await agent.post('/api/projects').send({ name: '' }).expect(400)).body.error.code).toBe(
      'validation_failed',
    );
    expect((await agent.post('/api/projects').send({ name: 'MC review' }).expect(409)).body.error.code).toBe(
      'conflict',
    );
    await agent.get('/api/projects/99').expect(404);
    await agent.get('/api/projects/abc').expect(400);
    await agent.patch('/api/projects/1').send({}).expect(400);
  });
});

describe('sources API (multipart upload)', () => {
  it('uploads several files as sources of one search, same outcome as the CLI', async () => {
    const { agent } = await setup();
    const id = await createProject(agent);
    const res = await agent
      .post(`/api/projects/${id}/sources`)
      .field('name', 'Embase')
      .field('kind', 'database')
      .field('searchDate', '2026-02-01')
      .field('searchString', 'micro-credential*')
      .attach('files', path.join(FIXTURES, 'embase.ris'))
      .attach('files', path.join(FIXTURES, 'asysd_scopus.ris'))
      .expect(201);
    expect(res.body).toEqual({
      sources: [
        {
          id: 1,
          file: 'embase.ris',
          format: 'ris',
          encoding: 'utf-8',
          records: 6,
          warnings: expect.any(Array),
        },
        {
          id: 2,
          file: 'asysd_scopus.ris',
          format: 'ris',
          encoding: 'utf-8',
          records: 10,
          warnings: expect.any(Array),
        },
      ],
      records: 16,
    });
    const listed = await agent.get(`/api/projects/${id}/sources`).expect(200);
    expect(listed.body.sources[0]).toMatchObject({
      name: 'Embase',
      kind: 'database',
      searchDate: '2026-02-01',
      searchString: 'micro-credential*',
      fileName: 'embase.ris',
      recordCount: 6,
      records: 6,
      importedAt: '2026-07-01T12:00:00.000Z',
    });
    expect(listed.body.sources[0].fileHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a re-upload with 409 unless force, and a bad file with 422 naming it, changing nothing', async () => {
    const { agent, db } = await setup();
    const id = await createProject(agent);
    const upload = () => agent.post(`/api/projects/${id}/sources`).field('name', 'Embase');
    await upload().attach('files', path.join(FIXTURES, 'embase.ris')).expect(201);
    const again = await upload().attach('files', path.join(FIXTURES, 'embase.ris')).expect(409);
    expect(again.body.error.message).toMatch(/already imported as source 1 "Embase"/);
    await upload().field('force', 'true').attach('files', path.join(FIXTURES, 'embase.ris')).expect(201);

    const bad = await upload()
      .attach('files', path.join(FIXTURES, 'asysd_scopus.ris'))
      .attach('files', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]), 'broken.png')
      .expect(422);
    expect(bad.body.error).toMatchObject({ code: 'parse_failed', details: { file: 'broken.png' } });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 2 });
  });

  it('refuses more files than the upload limit with 400 in the error shape, importing none', async () => {
    const { agent, db } = await setup();
    const id = await createProject(agent);
    let post = agent.post(`/api/projects/${id}/sources`).field('name', 'many');
    for (let i = 0; i <= UPLOAD_LIMITS.files; i++)
      post = post.attach('files', Buffer.from(`TY  - JOUR\nTI  - ${i}\nER  - \n`), `f${i}.ris`);
    const res = await post.expect(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(db.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 0 });
  });

  it('validates the source fields and requires a file', async () => {
    const { agent } = await setup();
    const id = await createProject(agent);
    const post = () => agent.post(`/api/projects/${id}/sources`);
    await post().field('kind', 'database').attach('files', path.join(FIXTURES, 'embase.ris')).expect(400);
    await post()
      .field('name', 'x')
      .field('kind', 'library')
      .attach('files', path.join(FIXTURES, 'embase.ris'))
      .expect(400);
    await post()
      .field('name', 'x')
      .field('searchDate', 'May 2026')
      .attach('files', path.join(FIXTURES, 'embase.ris'))
      .expect(400);
    await post().field('name', 'x').expect(400);
    await post().field('name', 'x').attach('other', path.join(FIXTURES, 'embase.ris')).expect(400);
    await agent
      .post('/api/projects/42/sources')
      .field('name', 'x')
      .attach('files', path.join(FIXTURES, 'embase.ris'))
      .expect(404);
  });
});

describe('records API', () => {
  async function withRecords() {
    const { agent } = await setup();
    const id = await createProject(agent);
    await agent
      .post(`/api/projects/${id}/sources`)
      .field('name', 'Scopus')
      .attach('files', fs.readFileSync(path.join(FIXTURES, 'asysd_scopus.ris')), 'scopus.ris')
      .expect(201);
    return { agent, id };
  }

  it('pages through records and searches them', async () => {
    const { agent, id } = await withRecords();
    const page = await agent.get(`/api/projects/${id}/records?offset=2&limit=3`).expect(200);
    expect(page.body).toMatchObject({ total: 10, offset: 2, limit: 3 });
    expect(page.body.items.map((r: { position: number }) => r.position)).toEqual([3, 4, 5]);
    const title = page.body.items[0].title as string;
    const word = title.split(/\s+/).find((w) => w.length > 6)!;
    const found = await agent.get(`/api/projects/${id}/records`).query({ q: word }).expect(200);
    expect(found.body.items.map((r: { title: string }) => r.title)).toContain(title);
    await agent.get(`/api/projects/${id}/records?limit=0`).expect(400);
  });

  it('reads one record with its raw fields and provenance', async () => {
    const { agent, id } = await withRecords();
    const first = (await agent.get(`/api/projects/${id}/records?limit=1`)).body.items[0];
    const res = await agent.get(`/api/projects/${id}/records/${first.id}`).expect(200);
    expect(res.body.record).toMatchObject({
      id: first.id,
      title: first.title,
      source: { name: 'Scopus', fileName: 'scopus.ris', format: 'ris' },
    });
    expect(res.body.record.raw[0]).toEqual(['TY', expect.any(String)]);
    await agent.get(`/api/projects/${id}/records/99999`).expect(404);
  });
});

describe('access control', () => {
  it('anonymous callers get 401, strangers 404, viewers may read but not import or rename', async () => {
    const { db, app, agent } = await setup();
    const id = await createProject(agent);
    await agent
      .post(`/api/projects/${id}/sources`)
      .field('name', 'Scopus')
      .attach('files', path.join(FIXTURES, 'embase.ris'))
      .expect(201);
    await request(app).get('/api/projects').expect(401);
    await request(app).get(`/api/projects/${id}/records`).expect(401);

    createUser(db, 'stranger');
    const stranger = (await loginAgent(app, 'stranger')).agent;
    expect((await stranger.get('/api/projects').expect(200)).body.projects).toEqual([]);
    await stranger.get(`/api/projects/${id}`).expect(404);
    await stranger.get(`/api/projects/${id}/records`).expect(404);
    await stranger.get(`/api/projects/${id}/export.ris`).expect(404);

    const viewerId = createUser(db, 'victor');
    addMember(db, id, viewerId, 'viewer');
    const viewer = (await loginAgent(app, 'victor')).agent;
    expect((await viewer.get('/api/projects').expect(200)).body.projects).toEqual([
      expect.objectContaining({ id, role: 'viewer' }),
    ]);
    expect((await viewer.get(`/api/projects/${id}/records`).expect(200)).body.total).toBe(6);
    await viewer
      .post(`/api/projects/${id}/sources`)
      .field('name', 'x')
      .attach('files', path.join(FIXTURES, 'faulty_year.ris'))
      .expect(403);
    await viewer.patch(`/api/projects/${id}`).send({ name: 'Mine' }).expect(403);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 1 });
  });

  it('the creator of a project becomes its owner', async () => {
    const { db, agent, user } = await setup();
    const id = await createProject(agent);
    expect(db.prepare('SELECT user_id, role FROM project_members WHERE project_id = ?').all(id)).toEqual([
      { user_id: user.id, role: 'owner' },
    ]);
  });
});
