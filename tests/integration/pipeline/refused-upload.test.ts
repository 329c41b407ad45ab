import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { addMember, createUser, loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';

/**
 * An upload refused from its headers alone (401, 403, 404) still gets its answer. The guards
 * decide before the body is read; answering at once let the server close the connection of a
 * client that asked for `Connection: close` (supertest does) while that client was still
 * streaming the file from disk, and the client saw "write EPIPE" instead of the refusal. It
 * made the access-control test of the import API flaky on a fresh clone (cold disk cache).
 * A 1 MB file streamed from disk made every such request fail before the fix.
 */
describe('a refused upload is answered, not cut off', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-refused-'));
  const file = path.join(dir, 'search.ris');
  fs.writeFileSync(file, `TY  - JOUR\nTI  - ${'x'.repeat(1024 * 1024)}\nER  - \n`);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function setup() {
    const db = openTestDb();
    const app = createApp({ db, uploadsDir: dir });
    createUser(db, 'olivia');
    const owner = (await loginAgent(app, 'olivia')).agent;
    const projectId = (await owner.post('/api/projects').send({ name: 'Review' }).expect(201)).body.project
      .id as number;
    addMember(db, projectId, createUser(db, 'victor'), 'viewer');
    createUser(db, 'stranger');
    const viewer = (await loginAgent(app, 'victor')).agent;
    const stranger = (await loginAgent(app, 'stranger')).agent;
    return { db, app, projectId, viewer, stranger };
  }

  it('answers 401, 403 and 404 to uploads of a 1 MB file, every time', async () => {
    const { db, app, projectId, viewer, stranger } = await setup();
    const sources = `/api/projects/${projectId}/sources`;
    for (let round = 0; round < 3; round++) {
      const anonymous = await request(app).post(sources).field('name', 'x').attach('files', file);
      expect(anonymous.status).toBe(401);
      const refused = await viewer.post(sources).field('name', 'x').attach('files', file);
      expect(refused.body.error).toMatchObject({ code: 'forbidden' });
      const hidden = await stranger.post(sources).field('name', 'x').attach('files', file);
      expect(hidden.body.error).toMatchObject({ code: 'not_found', message: 'project not found' });
      const pdf = await viewer.post(`/api/projects/${projectId}/fulltext/1/pdf`).attach('file', file);
      expect(pdf.status).toBe(403);
      const unrouted = await viewer.post('/api/nowhere').attach('files', file);
      expect(unrouted.status).toBe(404);
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 0 });
  });
});
