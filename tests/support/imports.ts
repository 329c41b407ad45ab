import type { Db } from '../../server/db/connection';
import type { Clock } from '../../server/domain/clock';
import type { ImportDeps } from '../../server/services/import';
import { defaultImportPool } from '../../server/services/import-pool';

const NOW = new Date('2026-01-01T00:00:00.000Z');

/** What the import services need, with the process's worker pool (real threads, the default budget). */
export function importDeps(db: Db, clock: Clock = () => NOW): ImportDeps {
  return { db, clock, imports: defaultImportPool() };
}
