import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import {
  authHeader,
  bearer,
  createAdmin,
  createMember,
  createUser,
  loginAgent,
  TEST_PASSWORD,
} from '../../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';

/** Every transition of an account and an invitation, over HTTP on a real database (issue 21). */
describe('the account lifecycle', () => {
  let db: Db;
  let now: Date;
  const clock = () => now;
  const NEW_PASSWORD = 'a fresh and long passphrase';

  beforeEach(() => {
    db = openTestDb();
    now = new Date('2026-05-01T08:00:00Z');
  });

  const tokenOf = (url: string) => url.split('/').pop() as string;

  describe('first-run setup', () => {
    it('needs the console token, makes a signed-in administrator, and is refused once an account exists', async () => {
      const app = createApp({ db, clock, setupToken: 'console-token' });
      expect((await request(app).get('/api/auth/status').expect(200)).body).toEqual({
        setupRequired: true,
        demo: null,
      });
      const body = { username: 'lead', password: TEST_PASSWORD };
      const wrong = await request(app)
        .post('/api/setup')
        .send({ ...body, setupToken: 'guess' })
        .expect(403);
      expect(wrong.body.error.message).toMatch(/setup token is missing or wrong/);
      const agent = request.agent(app);
      const done = await agent
        .post('/api/setup')
        .send({ ...body, setupToken: 'console-token' })
        .expect(201);
      expect(done.body.user).toEqual({ id: expect.any(Number), username: 'lead', admin: true });
      await agent.get('/api/admin/users').set('X-CSRF-Token', done.body.csrfToken).expect(200);
      const again = await request(app)
        .post('/api/setup')
        .send({ username: 'intruder', password: TEST_PASSWORD, setupToken: 'console-token' })
        .expect(409);
      expect(again.body.error.message).toMatch(/already has accounts/);
      expect((await request(app).get('/api/auth/status')).body.setupRequired).toBe(false);
    });

    it('a server started without a setup token refuses setup', async () => {
      const app = createApp({ db, clock });
      await request(app)
        .post('/api/setup')
        .send({ username: 'lead', password: TEST_PASSWORD, setupToken: '' })
        .expect(403);
    });
  });

  describe('administrators', () => {
    let app: ReturnType<typeof createApp>;
    let admin: Awaited<ReturnType<typeof loginAgent>>;
    let aliceId: number;

    beforeEach(async () => {
      app = createApp({ db, clock });
      createAdmin(db, 'lead');
      aliceId = createUser(db, 'alice');
      admin = await loginAgent(app, 'lead');
    });

    it("disabling an account stops its cookie and its token at the next request; its owner can't sign in; enabling restores the token", async () => {
      const alice = await loginAgent(app, 'alice');
      const token = bearer(db, 'alice');
      await alice.agent.get('/api/projects').expect(200);
      const disabled = await admin.agent.post(`/api/admin/users/${aliceId}/disable`).expect(200);
      expect(disabled.body).toMatchObject({ username: 'alice', disabled: true });
      await alice.agent.get('/api/projects').expect(401);
      await request(app)
        .get('/api/projects')
        .set(...authHeader(token))
        .expect(401);
      const signIn = await request(app)
        .post('/api/auth/login')
        .send({ username: 'alice', password: TEST_PASSWORD })
        .expect(401);
      expect(signIn.body.error.message).toMatch(/disabled/);
      await admin.agent.post(`/api/admin/users/${aliceId}/enable`).expect(200);
      await request(app)
        .get('/api/projects')
        .set(...authHeader(token))
        .expect(200);
      await loginAgent(app, 'alice');
    });

    it('an administrator cannot disable themselves, nor leave the site without an administrator', async () => {
      const leadId = admin.user.id;
      await admin.agent.post(`/api/admin/users/${leadId}/disable`).expect(409);
      await admin.agent.patch(`/api/admin/users/${leadId}`).send({ admin: false }).expect(409);
      await admin.agent.patch(`/api/admin/users/${aliceId}`).send({ admin: true }).expect(200);
      await admin.agent.patch(`/api/admin/users/${leadId}`).send({ admin: false }).expect(200);
    });

    it('a reset link works once and then never; it ends the old sessions and signs the new browser in', async () => {
      const alice = await loginAgent(app, 'alice');
      const link = await admin.agent.post(`/api/admin/users/${aliceId}/reset-link`).expect(201);
      expect(link.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/reset\/[\w-]{43}$/);
      const token = tokenOf(link.body.url);
      expect(
        (await request(app).post('/api/auth/reset/inspect').send({ token }).expect(200)).body,
      ).toMatchObject({
        username: 'alice',
        purpose: 'reset',
      });
      const used = await request(app)
        .post('/api/auth/reset')
        .send({ token, newPassword: NEW_PASSWORD })
        .expect(200);
      expect(used.body.user.username).toBe('alice');
      await alice.agent.get('/api/projects').expect(401);
      const again = await request(app)
        .post('/api/auth/reset')
        .send({ token, newPassword: 'yet another passphrase' })
        .expect(410);
      expect(again.body.error.message).toMatch(/already been used/);
      await request(app).post('/api/auth/reset/inspect').send({ token }).expect(410);
      await loginAgent(app, 'alice', NEW_PASSWORD);
    });

    it('a reset link expires after 24 hours, and a newer link replaces an older one', async () => {
      const first = tokenOf(
        (await admin.agent.post(`/api/admin/users/${aliceId}/reset-link`).expect(201)).body.url,
      );
      const second = tokenOf(
        (await admin.agent.post(`/api/admin/users/${aliceId}/reset-link`).expect(201)).body.url,
      );
      const replaced = await request(app)
        .post('/api/auth/reset')
        .send({ token: first, newPassword: NEW_PASSWORD })
        .expect(410);
      expect(replaced.body.error.message).toMatch(/replaced by a newer one/);
      now = new Date(now.getTime() + 24 * 3600_000 + 1);
      const expired = await request(app)
        .post('/api/auth/reset')
        .send({ token: second, newPassword: NEW_PASSWORD })
        .expect(410);
      expect(expired.body.error.message).toMatch(/expired/);
      await request(app)
        .post('/api/auth/reset')
        .send({ token: 'no-such-token', newPassword: NEW_PASSWORD })
        .expect(404);
    });

    it('creates an account without a password and gives the link with which its owner chooses one', async () => {
      const made = await admin.agent.post('/api/admin/users').send({ username: 'carol' }).expect(201);
      expect(made.body.account).toMatchObject({ username: 'carol', admin: false, awaitingPassword: true });
      await request(app).post('/api/auth/login').send({ username: 'carol', password: '!' }).expect(401);
      const token = tokenOf(made.body.link.url);
      expect((await request(app).post('/api/auth/reset/inspect').send({ token })).body.purpose).toBe(
        'activate',
      );
      await request(app).post('/api/auth/reset').send({ token, newPassword: NEW_PASSWORD }).expect(200);
      await loginAgent(app, 'carol', NEW_PASSWORD);
      const list = await admin.agent.get('/api/admin/users').expect(200);
      expect(list.body.find((a: { username: string }) => a.username === 'carol')).toMatchObject({
        awaitingPassword: false,
        lastSignInAt: now.toISOString(),
      });
    });

    it('deleting an account with decisions is refused (disable it instead); one without is deleted', async () => {
      const projectId = seedProject(db);
      createMember(db, projectId, 'owner', 'owner');
      const bobId = createMember(db, projectId, 'bob', 'reviewer');
      const [recordId] = seedRecords(db, projectId, seedSource(db, projectId), [{ title: 'A study' }]);
      const bob = await loginAgent(app, 'bob');
      await bob.agent
        .post(`/api/projects/${projectId}/screening/title_abstract/decisions`)
        .send({ recordId, decision: 'include' })
        .expect(201);
      const refused = await admin.agent.delete(`/api/admin/users/${bobId}`).expect(409);
      expect(refused.body.error.message).toMatch(/disable the account instead/);
      await admin.agent.delete(`/api/admin/users/${aliceId}`).expect(204);
      expect(
        (await admin.agent.get('/api/admin/users')).body.map((a: { username: string }) => a.username),
      ).toEqual(['bob', 'lead', 'owner']);
    });

    it('every account event lands in the log administrators read, which is append-only in SQLite', async () => {
      await admin.agent.post(`/api/admin/users/${aliceId}/disable`).expect(200);
      await request(app)
        .post('/api/auth/login')
        .send({ username: 'lead', password: 'wrong password' })
        .expect(401);
      const log = await admin.agent.get('/api/admin/events').expect(200);
      expect(log.body.slice(0, 3)).toEqual([
        expect.objectContaining({ event: 'sign_in_failed', subject: 'lead' }),
        expect.objectContaining({ event: 'account_disabled', actor: 'lead', subject: 'alice' }),
        expect.objectContaining({ event: 'signed_in', actor: 'lead', subject: 'lead' }),
      ]);
      expect(() => db.prepare("UPDATE account_events SET event = 'nothing'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM account_events').run()).toThrow(/append-only/);
    });
  });

  describe('invitations', () => {
    let app: ReturnType<typeof createApp>;
    let projectId: number;
    let owner: Awaited<ReturnType<typeof loginAgent>>;

    beforeEach(async () => {
      app = createApp({ db, clock });
      projectId = seedProject(db, 'Invited review');
      createMember(db, projectId, 'owner', 'owner');
      owner = await loginAgent(app, 'owner');
    });

    const invite = async (role: string, extra: object = {}) => {
      const res = await owner.agent
        .post(`/api/projects/${projectId}/invitations`)
        .send({ role, ...extra })
        .expect(201);
      return { id: res.body.invitation.id as number, token: tokenOf(res.body.link.url), body: res.body };
    };
    const register = (token: string, username: string) =>
      request(app).post('/api/invitations/register').send({ token, username, password: TEST_PASSWORD });

    it.each(['viewer', 'reviewer', 'owner'])(
      'gives exactly the role the owner chose (%s), to a new account that is signed in',
      async (role) => {
        const { token, body } = await invite(role);
        expect(body.invitation).toMatchObject({ role, state: 'pending', createdBy: 'owner' });
        expect(Date.parse(body.link.expiresAt) - now.getTime()).toBe(7 * 24 * 3600_000);
        const preview = await request(app).post('/api/invitations/inspect').send({ token }).expect(200);
        expect(preview.body).toMatchObject({
          project: { id: projectId, name: 'Invited review' },
          role,
          invitedBy: 'owner',
        });
        const joined = await register(token, 'newcomer').expect(201);
        expect(joined.body).toMatchObject({ user: { username: 'newcomer', admin: false }, projectId, role });
        const members = await owner.agent.get(`/api/projects/${projectId}/members`).expect(200);
        expect(members.body.find((m: { username: string }) => m.username === 'newcomer').role).toBe(role);
      },
    );

    it('an existing account signs in and accepts; a used invitation is then refused with a clear message', async () => {
      createUser(db, 'dana');
      const { token, id } = await invite('reviewer');
      const dana = await loginAgent(app, 'dana');
      expect((await dana.agent.post('/api/invitations/accept').send({ token }).expect(200)).body).toEqual({
        projectId,
        role: 'reviewer',
      });
      const reused = await register(token, 'someone').expect(410);
      expect(reused.body.error.message).toBe(
        'this invitation has already been used; ask the project owner for a new one',
      );
      const list = await owner.agent.get(`/api/projects/${projectId}/invitations`).expect(200);
      expect(list.body.find((i: { id: number }) => i.id === id)).toMatchObject({
        state: 'used',
        usedBy: 'dana',
      });
    });

    it('an expired invitation is refused with a clear message', async () => {
      const { token } = await invite('reviewer', { expiresInDays: 1 });
      now = new Date(now.getTime() + 24 * 3600_000);
      const res = await request(app).post('/api/invitations/inspect').send({ token }).expect(410);
      expect(res.body.error).toMatchObject({
        code: 'gone',
        message: 'this invitation has expired; ask the project owner for a new one',
      });
      await register(token, 'late').expect(410);
      const later = await loginAgent(app, 'owner'); // a day idle ended the owner's first session
      expect(
        (await later.agent.get(`/api/projects/${projectId}/invitations`).expect(200)).body[0].state,
      ).toBe('expired');
    });

    it('a revoked invitation is refused with a clear message', async () => {
      const { token, id } = await invite('viewer');
      const revoked = await owner.agent.delete(`/api/projects/${projectId}/invitations/${id}`).expect(200);
      expect(revoked.body.state).toBe('revoked');
      const res = await register(token, 'too-late').expect(410);
      expect(res.body.error.message).toBe(
        'this invitation has been withdrawn by the project owner; ask them for a new one',
      );
      await request(app).post('/api/invitations/inspect').send({ token: 'not-a-real-token' }).expect(404);
    });

    it('stores only a hash of the token', async () => {
      const { token } = await invite('viewer');
      const stored = db.prepare('SELECT token_hash FROM invitations').all() as { token_hash: string }[];
      expect(JSON.stringify(stored)).not.toContain(token);
    });
  });
});
