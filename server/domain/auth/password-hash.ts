import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; stored inside every hash so they can change without breaking old ones. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two */
  N: number;
  /** block size */
  r: number;
  /** parallelisation */
  p: number;
}

/**
 * OWASP's Password Storage Cheat Sheet lists N=2^15, r=8, p=3 as equivalent to its 2^17/8/1
 * baseline: 32 MiB per hash instead of 128 MiB, which matters on a 2-core server where
 * several reviewers log in at once. About 0.2 s per hash on that machine.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// scrypt needs 128 * N * r bytes; allow up to 2^17/8 so stronger stored hashes still verify.
const MAX_MEMORY = 256 * 1024 * 1024;

function scryptOptions(params: ScryptParams): ScryptOptions {
  return { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEMORY };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options = scryptOptions(params);
  return new Promise((resolve, reject) => {
    // The callback form runs in libuv's thread pool, so hashing does not block the event loop.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (salt and key in base64). */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * The same hash computed on the calling thread. It blocks the event loop for the whole
 * computation, so it is only for cheap parameters in test fixtures, never for requests.
 */
export function hashPasswordSync(password: string, params: ScryptParams): string {
  const salt = randomBytes(SALT_LENGTH);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(params));
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  const salt = Buffer.from(parts[4] as string, 'base64');
  const key = Buffer.from(parts[5] as string, 'base64');
  if (salt.length === 0 || key.length === 0) return null;
  return { params: { N, r, p }, salt, key };
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** The parameters a stored hash was made with (null when it is not one of ours). */
export function hashParams(stored: string): ScryptParams | null {
  return parseHash(stored)?.params ?? null;
}
