import { schemaVersion } from '../db/migrate';
import type { ServiceDeps } from './deps';

/** What GET /api/health reports: the server answers, its schema version and its clock. */
export function health(deps: ServiceDeps): { ok: true; schemaVersion: number; time: string } {
  return { ok: true, schemaVersion: schemaVersion(deps.db), time: deps.clock().toISOString() };
}
