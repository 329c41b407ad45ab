import type * as Api from '../api/types';
import { countActiveAdmins, countUsers } from '../db/repos/users';
import { DEFAULT_SCRYPT, hashPassword } from '../domain/auth/password-hash';
import { safeEqual } from '../domain/auth/secrets';
import { ConflictError, ForbiddenError } from '../domain/errors';
import { storeUser, validateNewUser, type AccountDeps } from './accounts';
import { logAccountEvent } from './account-log';
import type { ServiceDeps } from './deps';
import { startSession, type StartedSession } from './sessions';

/**
 * First-run setup: on a database with no account, the setup page makes the first
 * administrator. It needs the one-time setup token that `sift serve` prints on its console
 * at start-up (kept in memory only), so being able to reach the server is not enough: one
 * must also see its console. We do not rely on the caller's address instead, because behind
 * a reverse proxy on the same machine every request arrives from loopback.
 */

/** Whether the setup page is still open: no account exists yet. */
export function setupRequired(deps: ServiceDeps): boolean {
  return countUsers(deps.db) === 0;
}

/** Whether accounts exist but none is an active administrator (an upgraded database: `sift user admin` fixes it). */
export function lacksAdministrator(deps: ServiceDeps): boolean {
  return countUsers(deps.db) > 0 && countActiveAdmins(deps.db) === 0;
}

/** What the sign-in page needs to know (public). */
export function siteStatus(deps: ServiceDeps, demo: Api.SiteStatus['demo']): Api.SiteStatus {
  return { setupRequired: setupRequired(deps), demo };
}

export interface SetupInput {
  username: string;
  password: string;
  /** the token the caller typed or followed a link with */
  setupToken: string;
  previousToken?: string | undefined;
}

/**
 * Makes the first administrator and signs them in. Refused (409) once any account exists,
 * and (403) without the server's setup token, or when the server was started without one.
 */
export async function completeSetup(
  deps: AccountDeps,
  serverToken: string | undefined,
  input: SetupInput,
): Promise<StartedSession> {
  const { db } = deps;
  if (!setupRequired(deps))
    throw new ConflictError('setup is done: this server already has accounts; sign in');
  if (serverToken === undefined || !safeEqual(input.setupToken, serverToken)) {
    throw new ForbiddenError(
      'the setup token is missing or wrong; use the link or token that `sift serve` printed when it started',
      { reason: 'setup_token' },
    );
  }
  const username = validateNewUser(db, input);
  const passwordHash = await hashPassword(input.password, deps.hashParams ?? DEFAULT_SCRYPT);
  const user = db
    .transaction(() => {
      // Two setup pages submitted at once: only the first one finds no account.
      if (!setupRequired(deps))
        throw new ConflictError('setup is done: this server already has accounts; sign in');
      const made = storeUser(deps, { username, passwordHash, admin: true });
      logAccountEvent(db, deps.clock(), { event: 'setup', subject: made, details: { admin: true } });
      return made;
    })
    .immediate();
  return startSession(deps, { ...user, admin: true }, input.previousToken);
}
