import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { listUserTokens } from '../../../server/db/repos/tokens';
import { secretHash } from '../../../server/domain/auth/secrets';
import { authHeader, bearer, createUser, loginAgent, TEST_PASSWORD } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { addMember } from '../../support/auth';

describe('CSRF protection and personal API tokens', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let aliceId: number;
  let bobId: number;
  let projectId: number;

  beforeEach(() => {
    db = openTestDb();
    app = createApp({ db, clock: () => new Date('2026-02-01T10:00:00Z') });
    aliceId = createUser(db, 'alice');
    bobId = createUser(db, 'bob');
    projectId = seedProject(db);
    addMember(db, projectId, aliceId, 'owner');
  });

  const memberCount = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM project_members').get() as { n: number }).n;

  it('a state-changing request from a cookie session without X-CSRF-Token is refused with 403 and changes nothing', async () => {
    const { agent } = await loginAgent(app, 'alice', undefined, { csrf: false });
    const res = await agent
      .post(`/api/projects/${projectId}/members`)
      .send({ username: 'bob', role: 'reviewer' })
      .expect(403);
    expect(res.body.error).toEqual({
      code: 'forbidden',
      message: 'missing or wrong X-CSRF-Token header',
      details: { reason: 'csrf' },
    });
    expect(memberCount()).toBe(1);
  });

  it.each(['PATCH', 'PUT', 'DELETE'])(
    '%s from a cookie session without the header is refused too',
    async (method) => {
      const { agent } = await loginAgent(app, 'alice', undefined, { csrf: false });
      const path = `/api/projects/${projectId}/members/${aliceId}`;
      const call =
        method === 'PATCH' ? agent.patch(path) : method === 'PUT' ? agent.put(path) : agent.delete(path);
      await call.send({ role: 'viewer' }).expect(403);
      expect(memberCount()).toBe(1);
    },
  );

  it("a wrong CSRF token (another session's) is refused", async () => {
    const other = await loginAgent(app, 'bob');
    const { agent } = await loginAgent(app, 'alice', undefined, { csrf: false });
    await agent
      .post(`/api/projects/${projectId}/members`)
      .set('X-CSRF-Token', other.csrf)
      .send({ username: 'bob', role: 'reviewer' })
      .expect(403);
    expect(memberCount()).toBe(1);
  });

  it('the right CSRF token is accepted', async () => {
    const { agent, csrf } = await loginAgent(app, 'alice', undefined, { csrf: false });
    await agent
      .post(`/api/projects/${projectId}/members`)
      .set('X-CSRF-Token', csrf)
      .send({ username: 'bob', role: 'reviewer' })
      .expect(201);
    expect(memberCount()).toBe(2);
  });

  it('reads need no CSRF token', async () => {
    const { agent } = await loginAgent(app, 'alice', undefined, { csrf: false });
    await agent.get(`/api/projects/${projectId}/members`).expect(200);
  });

  it('a bearer token needs no CSRF token', async () => {
    const token = bearer(db, 'alice');
    await request(app)
      .post(`/api/projects/${projectId}/members`)
      .set(...authHeader(token))
      .send({ username: 'bob', role: 'viewer' })
      .expect(201);
    const me = await request(app)
      .get('/api/auth/me')
      .set(...authHeader(token))
      .expect(200);
    expect(me.body).toEqual({ user: { id: aliceId, username: 'alice', admin: false }, via: 'token' });
  });

  it('a bearer header wins over a session cookie, and a bad one is refused rather than ignored', async () => {
    const { agent } = await loginAgent(app, 'alice');
    const res = await agent.get('/api/auth/me').set('Authorization', 'Bearer sift_notarealtoken').expect(401);
    expect(res.body.error.message).toMatch(/API token is invalid or revoked/);
    await agent.get('/api/auth/me').set('Authorization', 'Basic YWxpY2U6eA==').expect(401);
  });

  it('a revoked token is refused at once', async () => {
    const token = bearer(db, 'alice');
    await request(app)
      .get('/api/auth/me')
      .set(...authHeader(token))
      .expect(200);
    const [made] = listUserTokens(db, aliceId);
    await request(app)
      .delete(`/api/tokens/${made?.id}`)
      .set(...authHeader(token))
      .expect(204);
    await request(app)
      .get('/api/auth/me')
      .set(...authHeader(token))
      .expect(401);
    await request(app)
      .post(`/api/projects/${projectId}/members`)
      .set(...authHeader(token))
      .send({ username: 'bob', role: 'viewer' })
      .expect(401);
    expect(memberCount()).toBe(1);
  });

  it('/api/health stays public, even for a caller with a bad token', async () => {
    await request(app).get('/api/health').expect(200);
    await request(app).get('/api/health').set('Authorization', 'Bearer sift_nope').expect(200);
  });

  it('POST /api/tokens shows the secret once, stores only its hash, and lists without it', async () => {
    const { agent } = await loginAgent(app, 'alice');
    const made = await agent.post('/api/tokens').send({ name: 'laptop script' }).expect(201);
    expect(made.body).toEqual({
      id: expect.any(Number),
      name: 'laptop script',
      createdAt: '2026-02-01T10:00:00.000Z',
      token: expect.stringMatching(/^sift_[\w-]{43}$/),
    });
    const stored = db.prepare('SELECT token_hash FROM api_tokens WHERE id = ?').get(made.body.id) as {
      token_hash: string;
    };
    expect(stored.token_hash).toBe(secretHash(made.body.token));
    const list = await agent.get('/api/tokens').expect(200);
    expect(list.body).toEqual([
      {
        id: made.body.id,
        name: 'laptop script',
        createdAt: '2026-02-01T10:00:00.000Z',
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    await request(app)
      .get('/api/auth/me')
      .set(...authHeader(made.body.token))
      .expect(200);
    const after = await agent.get('/api/tokens').expect(200);
    expect(after.body[0].lastUsedAt).toBe('2026-02-01T10:00:00.000Z');
  });

  it("a bearer token cannot change the account's password (only a browser session can)", async () => {
    const token = bearer(db, 'alice');
    const res = await request(app)
      .post('/api/auth/password')
      .set(...authHeader(token))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })
      .expect(403);
    expect(res.body.error.message).toMatch(/browser session/);
    // the old password still signs in: nothing changed
    await loginAgent(app, 'alice');
  });

  it('a token cannot mint another token (only a browser session can)', async () => {
    const token = bearer(db, 'alice');
    const res = await request(app)
      .post('/api/tokens')
      .set(...authHeader(token))
      .send({ name: 'x' })
      .expect(403);
    expect(res.body.error.message).toMatch(/browser session/);
  });

  it("a user cannot see or revoke another user's token", async () => {
    bearer(db, 'bob');
    const [bobs] = listUserTokens(db, bobId);
    const { agent } = await loginAgent(app, 'alice');
    expect((await agent.get('/api/tokens').expect(200)).body).toEqual([]);
    await agent.delete(`/api/tokens/${bobs?.id}`).expect(404);
    expect(listUserTokens(db, bobId)[0]?.revokedAt).toBeNull();
  });

  it('logout with a bearer token is refused: tokens are revoked, not logged out', async () => {
    const token = bearer(db, 'alice');
    await request(app)
      .post('/api/auth/logout')
      .set(...authHeader(token))
      .expect(400);
    await request(app)
      .get('/api/auth/me')
      .set(...authHeader(token))
      .expect(200);
  });
});
