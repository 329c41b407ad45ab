import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  ImportBudgetError,
  ImportCancelledError,
  NotFoundError,
  ParseError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '../domain/errors';
import { afterRequestBody } from './after-body';

/** The one place where domain errors become HTTP statuses. */
export function statusOf(error: DomainError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError || error instanceof ImportCancelledError) return 409;
  if (error instanceof GoneError) return 410;
  if (error instanceof ParseError || error instanceof ImportBudgetError) return 422;
  if (error instanceof RateLimitedError) return 429;
  return 400;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = { error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } };
  afterRequestBody(req, res, () => res.status(404).json(body));
};

/** Registered last. Unknown errors are bugs: logged with their stack, answered without detail. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let status: number;
  let body: ErrorBody;
  if (err instanceof DomainError) {
    status = statusOf(err);
    body = { error: { code: err.code, message: err.message, details: err.details } };
  } else if (err instanceof ZodError) {
    status = 400;
    body = {
      error: {
        code: 'validation_failed',
        message: err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        details: err.issues,
      },
    };
  } else if (isBodyParserError(err)) {
    // express.json() and multer raise these for malformed or oversized input: the client's fault.
    status = err.status;
    body = { error: { code: err.status === 413 ? 'too_large' : 'bad_request', message: err.message } };
  } else {
    console.error(err);
    status = 500;
    body = { error: { code: 'internal', message: 'internal server error' } };
  }
  // A refusal can come before the upload it refuses has been read: answer once it has.
  afterRequestBody(req, res, () => res.status(status).json(body));
};

function isBodyParserError(err: unknown): err is { status: number; message: string } {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { status?: unknown; type?: unknown; name?: unknown };
  return (
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    (typeof e.type === 'string' || e.name === 'MulterError' || e.name === 'PayloadTooLargeError')
  );
}
