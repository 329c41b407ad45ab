import type { Db } from '../connection';
import { prepared } from '../statements';

/**
 * Caches of the screening repositories, each trusted only while no one but screening has
 * written (see WriteStamp).
 */

// ---------- a cached record count ----------

/**
 * Two things every queue request would otherwise recompute by walking 50,000 index entries:
 * the project's record count, and where a reviewer's title/abstract queue starts (a reviewer
 * 30,000 records ahead of the other would skip them all on every request). Both are cached
 * and trusted only while nothing else has written: SQLite's data_version moves when another
 * connection commits and total_changes() when this one writes. Screening's own writes,
 * which never touch records, carry the caches forward (keepCachesAfter).
 */
interface WriteStamp {
  dataVersion: number;
  totalChanges: number;
}

interface Caches extends WriteStamp {
  /** records per project */
  counts: Map<number, number>;
  /** per project:user, a record id below which the title/abstract queue holds nothing */
  queueStarts: Map<string, number>;
}

const cachesByDb = new WeakMap<Db, Caches>();

export function writeStamp(db: Db): WriteStamp {
  const dataVersion = prepared(db, 'PRAGMA data_version').pluck().get() as number;
  const totalChanges = prepared(db, 'SELECT total_changes()').pluck().get() as number;
  return { dataVersion, totalChanges };
}

function sameStamp(a: WriteStamp, b: WriteStamp): boolean {
  return a.dataVersion === b.dataVersion && a.totalChanges === b.totalChanges;
}

/** The caches, emptied when anything but screening has written since they were filled. */
export function caches(db: Db): Caches {
  const stamp = writeStamp(db);
  let cache = cachesByDb.get(db);
  if (!cache || !sameStamp(cache, stamp)) {
    cache = { ...stamp, counts: new Map(), queueStarts: new Map() };
    cachesByDb.set(db, cache);
  }
  return cache;
}

export function projectRecordCount(db: Db, projectId: number): number {
  const cache = caches(db);
  let n = cache.counts.get(projectId);
  if (n === undefined) {
    n = prepared(db, 'SELECT COUNT(*) FROM records WHERE project_id = ?').pluck().get(projectId) as number;
    cache.counts.set(projectId, n);
  }
  return n;
}

/**
 * After a screening write (stamped before it began) the record counts still hold. Votes and
 * resolutions only ever take records out of title/abstract queues, so the queue starts hold
 * too; a retraction puts a record back, so they are dropped.
 */
export function keepCachesAfter(db: Db, before: WriteStamp, options: { queuesMayGrow: boolean }): void {
  const cache = cachesByDb.get(db);
  if (!cache || !sameStamp(cache, before)) return;
  Object.assign(cache, writeStamp(db));
  if (options.queuesMayGrow) cache.queueStarts.clear();
}
