import { API_TOKEN_PREFIX, newSecret, safeEqual, secretHash } from '../../../server/domain/auth/secrets';
import {
  newSessionTimes,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionIsLive,
  sessionNeedsTouch,
} from '../../../server/domain/auth/session-policy';
import { parseUsername } from '../../../server/domain/auth/username';
import { ValidationError } from '../../../server/domain/errors';

describe('secrets', () => {
  it('newSecret gives 256 random bits as base64url, different every time', () => {
    const a = newSecret();
    const b = newSecret(API_TOKEN_PREFIX);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b).toMatch(/^sift_[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 100 }, () => newSecret())).size).toBe(100);
  });

  it('secretHash is SHA-256 hex and deterministic', () => {
    expect(secretHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('safeEqual compares exactly', () => {
    expect(safeEqual('token', 'token')).toBe(true);
    expect(safeEqual('token', 'tokem')).toBe(false);
    expect(safeEqual('token', 'token2')).toBe(false);
    expect(safeEqual('', 'x')).toBe(false);
  });
});

describe('session lifetime', () => {
  const start = new Date('2026-03-01T09:00:00Z');
  const later = (ms: number) => new Date(start.getTime() + ms);

  it('a new session expires after the absolute lifetime', () => {
    const times = newSessionTimes(start);
    expect(Date.parse(times.expiresAt) - start.getTime()).toBe(SESSION_ABSOLUTE_MS);
  });

  it('ends after the idle window without use, and at the absolute expiry even when used', () => {
    const times = newSessionTimes(start);
    expect(sessionIsLive(times, later(SESSION_IDLE_MS - 1))).toBe(true);
    expect(sessionIsLive(times, later(SESSION_IDLE_MS))).toBe(false);
    const recentlyUsed = { ...times, lastSeenAt: later(SESSION_ABSOLUTE_MS - 1000).toISOString() };
    expect(sessionIsLive(recentlyUsed, later(SESSION_ABSOLUTE_MS - 1))).toBe(true);
    expect(sessionIsLive(recentlyUsed, later(SESSION_ABSOLUTE_MS))).toBe(false);
  });

  it('writes last_seen_at only when it is a minute old', () => {
    expect(sessionNeedsTouch(start.toISOString(), later(59_999))).toBe(false);
    expect(sessionNeedsTouch(start.toISOString(), later(60_000))).toBe(true);
  });
});

describe('usernames', () => {
  it.each(['owner', 'alice', 'bob', 'j.smith', 'a_b-c@uni.edu', 'X'])('accepts %s', (name) => {
    expect(parseUsername(name)).toBe(name);
  });
  it.each(['', ' alice', 'alice ', '-alice', 'al ice', '<script>', 'a'.repeat(65), 'ålice'])(
    'refuses %j',
    (name) => {
      expect(() => parseUsername(name)).toThrow(ValidationError);
    },
  );
});
