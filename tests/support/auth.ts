import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Db } from '../../server/db/connection';
import { addMember as addMemberRow } from '../../server/db/repos/members';
import { setAdmin } from '../../server/db/repos/users';
import type { Role } from '../../server/domain/auth/roles';
import { hashPasswordSync, type ScryptParams } from '../../server/domain/auth/password-hash';
import { requireUserByName, storeUser, validateNewUser } from '../../server/services/accounts';
import { createApiToken } from '../../server/services/api-tokens';

const NOW = new Date('2026-01-01T00:00:00.000Z');

/** The password createUser gives when none is passed (passes the policy). */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Cheap scrypt for test accounts, so suites that make many users stay fast. The cost is
 * stored in each hash, so login verifies these through the real code path; the production
 * cost (DEFAULT_SCRYPT) is covered by tests/unit/auth/password-hash.test.ts.
 */
export const TEST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

/**
 * Creates an account with the service's own checks (username, policy, uniqueness) and
 * returns its id. Synchronous (cheap scrypt on this thread), so `await` is optional.
 */
export function createUser(db: Db, username: string, password: string = TEST_PASSWORD): number {
  const name = validateNewUser(db, { username, password });
  return storeUser(
    { db, clock: () => NOW },
    { username: name, passwordHash: hashPasswordSync(password, TEST_SCRYPT) },
  ).id;
}

/** Creates a site administrator (the repository call `sift user admin` ends in); returns the id. */
export function createAdmin(db: Db, username: string, password: string = TEST_PASSWORD): number {
  const id = createUser(db, username, password);
  setAdmin(db, id, true);
  return id;
}

/** Gives a user a role in a project (the repository call project creation uses). */
export function addMember(db: Db, projectId: number, userId: number, role: Role): void {
  addMemberRow(db, projectId, userId, role, NOW);
}

/** Creates a user and makes them a member with `role`; returns the user id. */
export function createMember(db: Db, projectId: number, username: string, role: Role): number {
  const id = createUser(db, username);
  addMember(db, projectId, id, role);
  return id;
}

export interface LoggedIn {
  /** keeps the session cookie and, unless {csrf: false}, sends X-CSRF-Token on every request */
  agent: TestAgent;
  /** the csrfToken login returned */
  csrf: string;
  user: { id: number; username: string };
}

/**
 * Signs in through POST /api/auth/login and returns a supertest agent holding the session.
 * The agent sends the CSRF header by default (what the browser client does); pass
 * {csrf: false} for an agent that does not, to test the CSRF refusal.
 */
export async function loginAgent(
  app: Express,
  username: string,
  password: string = TEST_PASSWORD,
  options: { csrf?: boolean } = {},
): Promise<LoggedIn> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ username, password });
  if (res.status !== 200)
    throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrf = (res.body as { csrfToken: string }).csrfToken;
  if (options.csrf !== false) agent.set('X-CSRF-Token', csrf);
  return { agent, csrf, user: (res.body as { user: { id: number; username: string } }).user };
}

/** Makes a personal API token for a user and returns the secret, for `Authorization: Bearer`. */
export function bearer(db: Db, username: string): string {
  const user = requireUserByName(db, username);
  return createApiToken({ db, clock: () => NOW }, user.id, 'test').token;
}

/** The header pair for a bearer token: `.set(...authHeader(token))`. */
export function authHeader(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}
