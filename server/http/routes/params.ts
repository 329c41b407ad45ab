import type { Request } from 'express';
import { NotFoundError } from '../../domain/errors';

/** A path id that is not a positive integer names nothing: 404, like an id that does not exist. */
export function idParam(req: Request, name: string): number {
  const raw = req.params[name];
  const id = typeof raw === 'string' && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new NotFoundError(`${name} "${String(raw)}" not found`);
  return id;
}
