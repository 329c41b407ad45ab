import type { InvitationState } from '../../api/accounts';
import { GoneError, NotFoundError, ValidationError } from '../errors';

/**
 * One-time links (invitations, password resets, a new account's first password): their
 * URLs, lifetimes and states. The token travels in the URL's fragment (`#/invite/…`), which
 * browsers never send to a server, so it stays out of proxy and server logs.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Invitations, unless the owner says otherwise (`--expires`, the page's choice). */
export const INVITATION_DAYS = 7;
export const MAX_INVITATION_DAYS = 90;
/** A forgotten password's reset: short, as ASVS 6.4.1 asks of system-made secrets. */
export const RESET_LINK_MS = DAY_MS;
/** A new account's first password: as long as an invitation, since it is one. */
export const ACTIVATION_LINK_MS = INVITATION_DAYS * DAY_MS;

/** The page a link opens, on the server at `baseUrl` (http://localhost:3000, https://sift.example.org). */
export function linkUrl(baseUrl: string, kind: 'invite' | 'reset', token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#/${kind}/${token}`;
}

/** Checks a --base-url: an absolute http(s) URL without a fragment. */
export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(
      `--base-url must be an absolute URL such as https://sift.example.org; got "${value}"`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hash || url.search) {
    throw new ValidationError(`--base-url must be an http(s) URL without ? or #; got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

/** Parses an expiry such as `7d`, `36h` or `7` (days), from 1 hour to MAX_INVITATION_DAYS days. */
export function parseExpiry(value: string): number {
  const match = /^(\d+)\s*([dh]?)$/.exec(value.trim());
  const ms = match ? Number(match[1]) * (match[2] === 'h' ? 60 * 60 * 1000 : DAY_MS) : NaN;
  if (!(ms >= 60 * 60 * 1000 && ms <= MAX_INVITATION_DAYS * DAY_MS)) {
    throw new ValidationError(
      `an expiry is a number of days (7d) or hours (36h), from 1 hour to ${MAX_INVITATION_DAYS} days; got "${value}"`,
    );
  }
  return ms;
}

/** Where a one-time link stands at `now`: spent and withdrawn come before expired. */
export function linkState(
  link: { usedAt: string | null; revokedAt: string | null; expiresAt: string },
  now: Date,
): InvitationState {
  if (link.usedAt !== null) return 'used';
  if (link.revokedAt !== null) return 'revoked';
  if (Date.parse(link.expiresAt) <= now.getTime()) return 'expired';
  return 'pending';
}

/** What to say when a link cannot be used: unknown (404), or used, revoked or expired (410). */
export type LinkRefusals = Record<'unknown' | Exclude<InvitationState, 'pending'>, string>;

/** The link if it is still pending at `now`; otherwise the refusal that names why. */
export function requirePending<
  T extends { usedAt: string | null; revokedAt: string | null; expiresAt: string },
>(link: T | undefined, now: Date, refusals: LinkRefusals): T {
  if (!link) throw new NotFoundError(refusals.unknown);
  const state = linkState(link, now);
  if (state !== 'pending') throw new GoneError(refusals[state], { state });
  return link;
}
