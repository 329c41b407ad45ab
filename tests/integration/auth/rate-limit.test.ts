import request from 'supertest';
import { createApp, type AppDeps } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { DEFAULT_LOGIN_LIMITS } from '../../../server/domain/auth/login-throttle';
import { createUser, TEST_PASSWORD } from '../../support/auth';
import { openTestDb } from '../../support/db';

/**
 * Login limiting (SECURITY.md, "Sessions, passwords, throttling"): per address and per
 * username, but a username locked by someone else's failures stays open to an address that
 * has not failed for it. Client addresses come from X-Forwarded-For only behind a trusted
 * proxy (`trustProxy`), which is how these tests play several clients.
 */
describe('login rate limiting', () => {
  let db: Db;
  let now: Date;
  const clock = () => now;

  beforeEach(() => {
    db = openTestDb();
    now = new Date('2026-03-01T09:00:00Z');
    createUser(db, 'alice');
    createUser(db, 'bob');
  });

  const app = (deps: Partial<AppDeps> = {}) => createApp({ db, clock, ...deps });
  const attempt = (a: ReturnType<typeof createApp>, username: string, password: string, from?: string) => {
    const req = request(a).post('/api/auth/login');
    if (from) req.set('X-Forwarded-For', from);
    return req.send({ username, password });
  };

  it(`locks a username after ${DEFAULT_LOGIN_LIMITS.perUsername} failures for the address that failed, right password included, with 429 in the error shape`, async () => {
    const server = app();
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perUsername; i += 1) {
      await attempt(server, 'alice', `wrong guess ${i}`).expect(401);
    }
    const limited = await attempt(server, 'alice', 'wrong again').expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.message).toMatch(/too many failed sign-in attempts/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await attempt(server, 'ALICE', TEST_PASSWORD).expect(429);
    // another account is not locked out by someone guessing alice's password
    await attempt(server, 'bob', TEST_PASSWORD).expect(200);
  });

  it("a locked username does not lock out the right password from an address that has not failed (the owner's own)", async () => {
    const server = app({ trustProxy: 'loopback' });
    for (let i = 0; i < DEFAULT_LOGIN_LIMITS.perUsername; i += 1) {
      await attempt(server, 'alice', `guess ${i}`, '203.0.113.66').expect(401);
    }
    await attempt(server, 'alice', TEST_PASSWORD, '203.0.113.66').expect(429);
    await attempt(server, 'alice', TEST_PASSWORD, '198.51.100.7').expect(200);
  });

  it('a distributed guesser gets one try per fresh address once the username is locked, not a new allowance', async () => {
    const server = app({ trustProxy: 'loopback', loginLimits: { perUsername: 3 } });
    for (let i = 0; i < 3; i += 1) await attempt(server, 'alice', `guess ${i}`, '203.0.113.1').expect(401);
    await attempt(server, 'alice', 'another guess', '203.0.113.2').expect(401);
    await attempt(server, 'alice', 'and another', '203.0.113.2').expect(429);
    await attempt(server, 'alice', TEST_PASSWORD, '203.0.113.2').expect(429);
  });

  it('behind a proxy, failures by one client do not lock out the others (each has its own address)', async () => {
    const server = app({ trustProxy: 'loopback', loginLimits: { perIp: 5, perUsername: 100 } });
    for (let i = 0; i < 5; i += 1) {
      await attempt(server, i % 2 ? 'alice' : 'bob', `guess ${i}`, '203.0.113.9').expect(401);
    }
    await attempt(server, 'bob', TEST_PASSWORD, '203.0.113.9').expect(429);
    await attempt(server, 'bob', TEST_PASSWORD, '192.0.2.44').expect(200);
    await attempt(server, 'alice', TEST_PASSWORD, '192.0.2.45').expect(200);
  });

  it('without trust proxy, X-Forwarded-For is ignored: a client cannot claim a fresh address', async () => {
    const server = app({ loginLimits: { perUsername: 2 } });
    await attempt(server, 'alice', 'wrong 1', '203.0.113.1').expect(401);
    await attempt(server, 'alice', 'wrong 2', '203.0.113.2').expect(401);
    await attempt(server, 'alice', TEST_PASSWORD, '198.51.100.200').expect(429);
  });

  it('refuses an address that sprays many usernames', async () => {
    const server = app({ loginLimits: { perIp: 5, perUsername: 100 } });
    for (let i = 0; i < 5; i += 1) await attempt(server, i % 2 ? 'alice' : 'bob', `guess ${i}`).expect(401);
    const res = await attempt(server, 'alice', TEST_PASSWORD).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it('counts only failures: successful logins never use up the allowance', async () => {
    const server = app({ loginLimits: { perUsername: 3 } });
    for (let i = 0; i < 6; i += 1) await attempt(server, 'alice', TEST_PASSWORD).expect(200);
    await attempt(server, 'alice', 'wrong guess').expect(401);
    await attempt(server, 'alice', TEST_PASSWORD).expect(200);
  });

  it('forgets failures once the window has passed (on the clock the app is given)', async () => {
    const server = app({ loginLimits: { perUsername: 2, windowMs: 60_000 } });
    await attempt(server, 'alice', 'wrong 1').expect(401);
    await attempt(server, 'alice', 'wrong 2').expect(401);
    await attempt(server, 'alice', TEST_PASSWORD).expect(429);
    now = new Date(now.getTime() + 59_000);
    await attempt(server, 'alice', TEST_PASSWORD).expect(429);
    now = new Date(now.getTime() + 2_000);
    await attempt(server, 'alice', TEST_PASSWORD).expect(200);
  });
});
