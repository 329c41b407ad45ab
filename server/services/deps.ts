import type { Db } from '../db/connection';
import type { Clock } from '../domain/clock';

/**
 * What every service gets first: the database and the clock. A service reads the clock
 * once per operation (`const now = deps.clock()`) and hands the instant down as a value,
 * so one operation never stamps two different times. See CONTRIBUTING.md.
 */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
}
