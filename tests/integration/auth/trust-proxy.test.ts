import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { createUser, TEST_PASSWORD } from '../../support/auth';
import { openTestDb } from '../../support/db';

/** `sift serve --trust-proxy`: Express's `trust proxy`, so cookies and addresses work behind HTTPS. */
describe('behind a reverse proxy (trustProxy)', () => {
  let db: Db;

  beforeEach(() => {
    db = openTestDb();
    createUser(db, 'alice');
  });

  const login = (app: ReturnType<typeof createApp>) =>
    request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ username: 'alice', password: TEST_PASSWORD })
      .expect(200);

  const cookiesOf = (res: request.Response) => (res.headers['set-cookie'] as unknown as string[]) ?? [];

  it('with a trusted proxy saying https, the session cookie is __Host-sift_session and Secure', async () => {
    const res = await login(createApp({ db, trustProxy: 'loopback' }));
    const cookie = cookiesOf(res).find((c) => c.startsWith('__Host-sift_session=')) ?? '';
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('without trust proxy, X-Forwarded-Proto is ignored: plain sift_session, not Secure', async () => {
    const res = await login(createApp({ db }));
    const cookies = cookiesOf(res);
    expect(cookies.some((c) => c.startsWith('__Host-'))).toBe(false);
    expect(cookies.find((c) => c.startsWith('sift_session='))).not.toMatch(/; Secure/);
  });

  it('a proxy that is not on the trusted list is not believed', async () => {
    const res = await login(createApp({ db, trustProxy: '192.0.2.1' }));
    expect(cookiesOf(res).some((c) => c.startsWith('__Host-'))).toBe(false);
  });
});
