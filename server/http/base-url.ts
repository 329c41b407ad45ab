import type { Request } from 'express';

/**
 * The address the caller reached Sift at, for the one-time links an owner or administrator
 * copies from the answer: scheme and host as the browser used them (behind a trusted proxy,
 * X-Forwarded-Proto gives the scheme). The link is shown only to the person who asked.
 */
export function requestBaseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
