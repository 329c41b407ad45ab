import type { Request } from 'express';
import { z } from 'zod';

/**
 * The one schema of an id in a path (/projects/:projectId, …/records/:recordId, …): a
 * positive whole number, written plainly. Anything else ("abc", "-1", "1e3", "07") is a
 * malformed request, 400 validation_failed on every route; a well-formed id that names
 * nothing is a 404 from the service.
 */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large');

const byName = new Map<string, z.ZodType<Record<string, number>>>();

/** The id in the path parameter `name`, or a ZodError naming it (400 validation_failed). */
export function idParam(req: Request, name: string): number {
  let schema = byName.get(name);
  if (!schema) byName.set(name, (schema = z.object({ [name]: IdParam })));
  return schema.parse(req.params)[name]!;
}
