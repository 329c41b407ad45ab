import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { DEFAULT_LOGIN_LIMITS } from '../../../server/http/login-limits';
import { createUser, TEST_PASSWORD } from '../../support/auth';
import { openTestDb } from '../../support/db';

describe('login rate limiting', () => {
  let db: Db;

  beforeEach(() => {
    db = openTestDb();
    createUser(db, 'alice');
    createUser(db, 'bob');
  });

  const attempt = (app: ReturnType<typeof createApp>, username: string, password: string) =>
    request(app).post('/api/auth/login').send({ username, password });

  it(`refuses a username after ${DEFAULT_LOGIN_LIMITS.perUsername} failures with 429 in the error shape, right password included`, async () => {
    const app = createApp({ db });
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perUsername; i += 1) {
      await attempt(app, 'alice', `wrong guess ${i}`).expect(401);
    }
    const limited = await attempt(app, 'alice', 'wrong again').expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.message).toMatch(/too many failed sign-in attempts/);
    expect(limited.headers['retry-after']).toBeDefined();
    await attempt(app, 'ALICE', TEST_PASSWORD).expect(429);
    // another account is not locked out by someone guessing alice's password
    await attempt(app, 'bob', TEST_PASSWORD).expect(200);
  });

  it('counts only failures: successful logins never use up the allowance', async () => {
    const app = createApp({ db, loginLimits: { perUsername: 3 } });
    for (let i = 0; i < 6; i += 1) await attempt(app, 'alice', TEST_PASSWORD).expect(200);
    await attempt(app, 'alice', 'wrong guess').expect(401);
    await attempt(app, 'alice', TEST_PASSWORD).expect(200);
  });

  it('refuses an IP that sprays many usernames', async () => {
    const app = createApp({ db, loginLimits: { perIp: 5, perUsername: 100 } });
    for (let i = 0; i < 5; i += 1) await attempt(app, i % 2 ? 'alice' : 'bob', `guess ${i}`).expect(401);
    const res = await attempt(app, 'alice', TEST_PASSWORD).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it('forgets failures once the window has passed', async () => {
    const app = createApp({ db, loginLimits: { perUsername: 2, windowMs: 300 } });
    await attempt(app, 'alice', 'wrong 1').expect(401);
    await attempt(app, 'alice', 'wrong 2').expect(401);
    await attempt(app, 'alice', TEST_PASSWORD).expect(429);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await attempt(app, 'alice', TEST_PASSWORD).expect(200);
  });
});
