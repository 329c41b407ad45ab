import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { listMembers } from '../../../server/db/repos/members';
import { authHeader, bearer, createMember, createUser, loginAgent, type LoggedIn } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';

describe('project members API', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let projectId: number;
  let ownerId: number;
  let reviewerId: number;
  let viewerId: number;
  let owner: LoggedIn;

  beforeEach(async () => {
    db = openTestDb();
    app = createApp({ db, clock: () => new Date('2026-02-01T10:00:00Z') });
    projectId = seedProject(db, 'Review A');
    ownerId = createMember(db, projectId, 'owner', 'owner');
    reviewerId = createMember(db, projectId, 'alice', 'reviewer');
    viewerId = createMember(db, projectId, 'victor', 'viewer');
    createUser(db, 'bob');
    createUser(db, 'stranger');
    owner = await loginAgent(app, 'owner');
  });

  const url = (id = projectId) => `/api/projects/${id}/members`;
  const roles = () => Object.fromEntries(listMembers(db, projectId).map((m) => [m.username, m.role]));

  it('GET lists members with their roles, for any member', async () => {
    const expected = [
      { userId: reviewerId, username: 'alice', role: 'reviewer', addedAt: '2026-01-01T00:00:00.000Z' },
      { userId: ownerId, username: 'owner', role: 'owner', addedAt: '2026-01-01T00:00:00.000Z' },
      { userId: viewerId, username: 'victor', role: 'viewer', addedAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect((await owner.agent.get(url()).expect(200)).body).toEqual(expected);
    const viewer = await loginAgent(app, 'victor');
    expect((await viewer.agent.get(url()).expect(200)).body).toEqual(expected);
  });

  it('the owner adds a user by name with a role', async () => {
    const res = await owner.agent.post(url()).send({ username: 'bob', role: 'reviewer' }).expect(201);
    expect(res.body).toEqual({
      userId: expect.any(Number),
      username: 'bob',
      role: 'reviewer',
      addedAt: '2026-02-01T10:00:00.000Z',
    });
    expect(roles().bob).toBe('reviewer');
  });

  it('adding an unknown user is a 400, adding a member twice a 409, a bad role a 400', async () => {
    expect(
      (await owner.agent.post(url()).send({ username: 'nobody', role: 'viewer' }).expect(400)).body.error
        .message,
    ).toMatch(/no user named "nobody"/);
    await owner.agent.post(url()).send({ username: 'alice', role: 'viewer' }).expect(409);
    await owner.agent.post(url()).send({ username: 'bob', role: 'admin' }).expect(400);
    expect(roles().alice).toBe('reviewer');
    expect(roles().bob).toBeUndefined();
  });

  it('the owner changes a role and removes a member', async () => {
    const patched = await owner.agent.patch(`${url()}/${reviewerId}`).send({ role: 'owner' }).expect(200);
    expect(patched.body).toMatchObject({ userId: reviewerId, username: 'alice', role: 'owner' });
    await owner.agent.delete(`${url()}/${viewerId}`).expect(204);
    expect(roles()).toEqual({ owner: 'owner', alice: 'owner' });
    await owner.agent.delete(`${url()}/${viewerId}`).expect(404);
    await owner.agent.patch(`${url()}/999`).send({ role: 'viewer' }).expect(404);
  });

  it('the last owner can be neither demoted nor removed (409), but can hand over first', async () => {
    const demote = await owner.agent.patch(`${url()}/${ownerId}`).send({ role: 'reviewer' }).expect(409);
    expect(demote.body.error.message).toMatch(/at least one owner/);
    await owner.agent.delete(`${url()}/${ownerId}`).expect(409);
    expect(roles().owner).toBe('owner');
    await owner.agent.patch(`${url()}/${reviewerId}`).send({ role: 'owner' }).expect(200);
    await owner.agent.patch(`${url()}/${ownerId}`).send({ role: 'reviewer' }).expect(200);
    expect(roles()).toMatchObject({ owner: 'reviewer', alice: 'owner' });
  });

  describe('refusals', () => {
    const writes: [
      string,
      (a: ReturnType<typeof request.agent> | request.Agent, base: string) => request.Test,
    ][] = [
      ['POST', (a, base) => a.post(base).send({ username: 'bob', role: 'viewer' })],
      ['PATCH', (a, base) => a.patch(`${base}/${viewerId}`).send({ role: 'owner' })],
      ['DELETE', (a, base) => a.delete(`${base}/${viewerId}`)],
    ];

    it.each(writes)('%s by a viewer or a reviewer is 403 and changes nothing', async (_m, call) => {
      const before = roles();
      for (const name of ['victor', 'alice']) {
        const { agent } = await loginAgent(app, name);
        const res = await call(agent, url()).expect(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect(roles()).toEqual(before);
    });

    it.each(writes)('%s by a non-member is 404, as for a project that does not exist', async (_m, call) => {
      const before = roles();
      const { agent } = await loginAgent(app, 'stranger');
      const res = await call(agent, url()).expect(404);
      expect(res.body.error).toEqual({ code: 'not_found', message: 'project not found' });
      const missing = await call(owner.agent, url(99999)).expect(404);
      expect(missing.body).toEqual(res.body);
      expect(roles()).toEqual(before);
    });

    it.each(writes)('%s by an anonymous caller is 401', async (_m, call) => {
      const before = roles();
      await call(request.agent(app), url()).expect(401);
      expect(roles()).toEqual(before);
    });

    it('GET by a non-member is 404 and by an anonymous caller 401', async () => {
      const { agent } = await loginAgent(app, 'stranger');
      await agent.get(url()).expect(404);
      await request(app).get(url()).expect(401);
    });

    it('a non-numeric or absurd project id is a 400 validation_failed, never a 500', async () => {
      for (const id of ['abc', '0', '-1', '1e3', '99999999999999999999']) {
        const res = await owner.agent.get(`/api/projects/${id}/members`).expect(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
    });

    it("a bearer token carries its user's role, no more", async () => {
      const viewerToken = bearer(db, 'victor');
      await request(app)
        .post(url())
        .set(...authHeader(viewerToken))
        .send({ username: 'bob', role: 'viewer' })
        .expect(403);
      const ownerToken = bearer(db, 'owner');
      await request(app)
        .post(url())
        .set(...authHeader(ownerToken))
        .send({ username: 'bob', role: 'viewer' })
        .expect(201);
    });
  });
});
