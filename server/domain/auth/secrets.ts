import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes (256 bits) as base64url: unguessable session, CSRF and API token values. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Personal API tokens start with this, so a leaked one is recognisable (and greppable). */
export const API_TOKEN_PREFIX = 'sift_';

/**
 * What we store in place of a session or API token: its SHA-256. The secrets are 256-bit
 * random values, so a fast hash is enough (no dictionary to attack), and a database leak
 * does not hand out working credentials.
 */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two strings without leaking where they differ through timing. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
