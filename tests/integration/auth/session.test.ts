import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { countUserSessions } from '../../../server/db/repos/sessions';
import { SESSION_IDLE_MS } from '../../../server/domain/auth/session-policy';
import { secretHash } from '../../../server/domain/auth/secrets';
import { createUser, loginAgent, TEST_PASSWORD } from '../../support/auth';
import { openTestDb } from '../../support/db';

function sessionCookie(res: request.Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookies.find((c) => c.startsWith('sift_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return cookie;
}

const cookieValue = (setCookie: string) => (setCookie.split(';')[0] as string).slice('sift_session='.length);

describe('browser sessions', () => {
  let db: Db;
  let now: Date;
  let app: ReturnType<typeof createApp>;
  let aliceId: number;

  beforeEach(() => {
    db = openTestDb();
    now = new Date('2026-02-01T10:00:00Z');
    app = createApp({ db, clock: () => now });
    aliceId = createUser(db, 'alice');
  });

  it('POST /api/auth/login returns the user and a CSRF token and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await request(app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({
      user: { id: aliceId, username: 'alice', admin: false },
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/); // plain HTTP in tests
    // Only a hash of the cookie is stored.
    const value = cookieValue(cookie);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id = ?').get(value)).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE id = ?').get(secretHash(value))).toEqual({
      n: 1,
    });
  });

  it('over HTTPS (behind a trusted proxy) the cookie is __Host-sift_session, Secure, Path=/ and without Domain', async () => {
    app.set('trust proxy', 'loopback');
    const res = await request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const cookie = cookies.find((c) => c.startsWith('__Host-sift_session=')) ?? '';
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/i);
    const value = (cookie.split(';')[0] as string).slice('__Host-sift_session='.length);
    await request(app)
      .get('/api/auth/me')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', `__Host-sift_session=${value}`)
      .expect(200);
  });

  it('a login body sent as a CORS-safelisted content type (a cross-site form) is refused', async () => {
    const form = await request(app)
      .post('/api/auth/login')
      .type('form')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(400);
    expect(form.headers['set-cookie']).toBeUndefined();
    await request(app)
      .post('/api/auth/login')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify({ username: 'alice', password: TEST_PASSWORD }))
      .expect(400);
  });

  it('usernames are matched without regard to case', async () => {
    const res = await request(app)
      .post('/api/auth/login')
      .send({ username: 'ALICE', password: TEST_PASSWORD })
      .expect(200);
    expect(res.body.user).toEqual({ id: aliceId, username: 'alice', admin: false });
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await request(app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: 'not her password' });
    const unknown = await request(app)
      .post('/api/auth/login')
      .send({ username: 'mallory', password: 'whatever-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toEqual({ code: 'unauthenticated', message: 'wrong username or password' });
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('a malformed login body is a 400, not a 500', async () => {
    const res = await request(app).post('/api/auth/login').send({ username: 'alice' }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('GET /api/auth/me names the user, the way in and the CSRF token; anonymous gets 401', async () => {
    const { agent, csrf } = await loginAgent(app, 'alice');
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body).toEqual({
      user: { id: aliceId, username: 'alice', admin: false },
      via: 'session',
      csrfToken: csrf,
    });
    const anon = await request(app).get('/api/auth/me').expect(401);
    expect(anon.body.error.code).toBe('unauthenticated');
  });

  it('every login starts a new session, and the one the browser had before is ended', async () => {
    const agent = request.agent(app);
    const first = await agent
      .post('/api/auth/login')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
    const firstCookie = cookieValue(sessionCookie(first));
    const second = await agent
      .post('/api/auth/login')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
    const secondCookie = cookieValue(sessionCookie(second));
    expect(secondCookie).not.toBe(firstCookie);
    expect(second.body.csrfToken).not.toBe(first.body.csrfToken);
    expect(countUserSessions(db, aliceId)).toBe(1);
    await request(app).get('/api/auth/me').set('Cookie', `sift_session=${firstCookie}`).expect(401);
    await request(app).get('/api/auth/me').set('Cookie', `sift_session=${secondCookie}`).expect(200);
  });

  it('a session id planted before login is not adopted (no fixation)', async () => {
    const planted = 'attacker-chosen-value';
    const res = await request(app)
      .post('/api/auth/login')
      .set('Cookie', `sift_session=${planted}`)
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
    expect(cookieValue(sessionCookie(res))).not.toBe(planted);
    await request(app).get('/api/auth/me').set('Cookie', `sift_session=${planted}`).expect(401);
  });

  it('POST /api/auth/logout deletes the session on the server, so a replayed cookie is refused', async () => {
    const agent = request.agent(app);
    const login = await agent
      .post('/api/auth/login')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
    const stolen = cookieValue(sessionCookie(login));
    const out = await agent.post('/api/auth/logout').set('X-CSRF-Token', login.body.csrfToken).expect(204);
    expect(sessionCookie(out)).toMatch(/sift_session=;/);
    expect(countUserSessions(db, aliceId)).toBe(0);
    await request(app).get('/api/auth/me').set('Cookie', `sift_session=${stolen}`).expect(401);
  });

  it('logout without the CSRF header is refused and the session survives', async () => {
    const { agent } = await loginAgent(app, 'alice', TEST_PASSWORD, { csrf: false });
    await agent.post('/api/auth/logout').expect(403);
    await agent.get('/api/auth/me').expect(200);
  });

  it('a session unused for the idle window ends, and its row is removed', async () => {
    const { agent } = await loginAgent(app, 'alice');
    now = new Date(now.getTime() + SESSION_IDLE_MS - 1000);
    await agent.get('/api/auth/me').expect(200);
    now = new Date(now.getTime() + SESSION_IDLE_MS + 1000);
    const res = await agent.get('/api/auth/me').expect(401);
    expect(res.body.error.message).toMatch(/session has ended/);
    expect(countUserSessions(db, aliceId)).toBe(0);
  });

  it('POST /api/auth/password changes the password, keeps this session and ends the others', async () => {
    const here = await loginAgent(app, 'alice');
    const elsewhere = await loginAgent(app, 'alice');
    await here.agent
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' })
      .expect(204);
    await here.agent.get('/api/auth/me').expect(200);
    await elsewhere.agent.get('/api/auth/me').expect(401);
    await request(app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(401);
    await request(app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: 'a much better passphrase' })
      .expect(200);
  });

  it('a password change needs the current password and a new one that passes the policy', async () => {
    const { agent } = await loginAgent(app, 'alice');
    const wrong = await agent
      .post('/api/auth/password')
      .send({ currentPassword: 'not it at all', newPassword: 'a much better passphrase' })
      .expect(400);
    expect(wrong.body.error.message).toMatch(/current password is wrong/);
    const weak = await agent
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'password1' })
      .expect(400);
    expect(weak.body.error.details).toEqual({ problems: ['common'] });
    const short = await agent
      .post('/api/auth/password')
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(short.body.error.details).toEqual({ problems: ['too_short'] });
    await request(app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);
  });
});
