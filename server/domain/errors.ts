/**
 * The one error hierarchy of Sift. The domain throws these; the HTTP layer maps them to
 * status codes in one place (server/http/errors.ts) and the CLI prints their message.
 * Anything that is not a DomainError is a bug and becomes a generic 500.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details?: unknown;

  constructor(message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Input that fails validation (bad parameters, a value out of range). */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
}

/** The thing asked for does not exist (or the caller may not know that it exists). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The request contradicts the current state (a re-import of the same file, a stale decision). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The caller is not signed in. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

/** The caller is signed in but lacks the role for this action. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** A one-time link that did exist but can no longer be used: expired, used or revoked. */
export class GoneError extends DomainError {
  readonly code = 'gone';
}

/** Too many attempts in a window (login rate limiting). */
export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
}

/** An import stopped because reading a file went over its time or memory budget; nothing was imported. */
export class ImportBudgetError extends DomainError {
  readonly code = 'import_over_budget';
}

/** An import the user cancelled while its files were being read; nothing was imported. */
export class ImportCancelledError extends DomainError {
  readonly code = 'import_cancelled';
}

/** A file that cannot be read as the format it claims to be; names file, line and reason. */
export class ParseError extends DomainError {
  readonly code = 'parse_failed';
  readonly file: string;
  readonly line: number | null;
  readonly reason: string;

  constructor(file: string, line: number | null, reason: string, options?: { cause?: unknown }) {
    super(`${file}${line != null ? `:${line}` : ''}: ${reason}`, { file, line, reason }, options);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }
}
