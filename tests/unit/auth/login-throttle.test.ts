import {
  emptyLoginFailures,
  loginVerdict,
  recordLoginFailure,
  type LoginLimits,
} from '../../../server/domain/auth/login-throttle';

const LIMITS: LoginLimits = { windowMs: 60_000, perIp: 4, perUsername: 3 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('login throttle rule', () => {
  it('locks a username only for the addresses that failed for it', () => {
    const f = emptyLoginFailures();
    for (let i = 0; i < 3; i += 1) recordLoginFailure(f, { username: 'Alice', address: 'A' }, at(i), LIMITS);
    expect(loginVerdict(f, { username: 'alice', address: 'A' }, at(5), LIMITS)).toMatchObject({
      allowed: false,
      why: 'username',
    });
    expect(loginVerdict(f, { username: 'alice', address: 'B' }, at(5), LIMITS)).toEqual({ allowed: true });
    expect(loginVerdict(f, { username: 'bob', address: 'A' }, at(5), LIMITS)).toEqual({ allowed: true });
  });

  it('locks an address that fails for many usernames, whatever the username', () => {
    const f = emptyLoginFailures();
    for (let i = 0; i < 4; i += 1) recordLoginFailure(f, { username: `u${i}`, address: 'A' }, at(i), LIMITS);
    expect(loginVerdict(f, { username: 'fresh', address: 'A' }, at(5), LIMITS)).toMatchObject({
      allowed: false,
      why: 'address',
    });
  });

  it('says when to retry: when the oldest failure holding the limit leaves the window', () => {
    const f = emptyLoginFailures();
    for (let i = 0; i < 4; i += 1)
      recordLoginFailure(f, { username: `u${i}`, address: 'A' }, at(i * 10), LIMITS);
    const verdict = loginVerdict(f, { username: 'x', address: 'A' }, at(35), LIMITS);
    expect(verdict).toEqual({ allowed: false, why: 'address', retryAfterMs: 25_000 });
    expect(loginVerdict(f, { username: 'x', address: 'A' }, at(60), LIMITS)).toEqual({ allowed: true });
  });

  it('keeps memory bounded: expired entries are dropped', () => {
    const f = emptyLoginFailures();
    for (let i = 0; i < 1000; i += 1) {
      recordLoginFailure(f, { username: `u${i}`, address: `a${i}` }, at(0), LIMITS);
    }
    recordLoginFailure(f, { username: 'late', address: 'late' }, at(3600), LIMITS);
    for (let i = 0; i < 999; i += 1)
      recordLoginFailure(f, { username: 'late', address: 'late' }, at(3600), LIMITS);
    expect(f.byAddress.size).toBe(1);
    expect(f.byPair.size).toBe(1);
  });
});
