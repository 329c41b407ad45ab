import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Db } from '../db/connection';

/** The largest step better-sqlite3 accepts: copy everything that remains at once. */
const ALL_PAGES = 0x7fffffff;

export interface BackupResult {
  pages: number;
  bytes: number;
  /** backup steps taken (the first copies nothing; each gives other connections a turn) */
  steps: number;
}

/**
 * Copies a live database with SQLite's online backup API. Other connections may keep writing:
 * the backup restarts on their changes and ends with one consistent snapshot. The copy is
 * written next to `out` and renamed into place only after `PRAGMA integrity_check` passes,
 * so a failed backup never leaves a half-written file under the expected name.
 */
export async function backupDatabase(
  db: Db,
  out: string,
  options: { pagesPerStep?: number } = {},
): Promise<BackupResult> {
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  const pagesPerStep = options.pagesPerStep ?? 1000;
  let lastRemaining = Infinity;
  let steps = 0;
  try {
    const progress = await db.backup(partial, {
      // A write from another connection restarts the copy; a server that writes without pause
      // would restart it forever. After a restart (or many steps) finish in one step: that is one
      // read transaction, which in WAL mode never blocks the writers.
      progress: ({ remainingPages }) => {
        steps += 1;
        // no progress since the last step means another connection wrote and the copy began again
        const restarted = remainingPages >= lastRemaining;
        lastRemaining = remainingPages;
        return restarted || steps > 50 ? ALL_PAGES : pagesPerStep;
      },
    });
    const copy = new Database(partial);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
      // A self-contained file: no -wal beside it to forget when the backup is copied elsewhere.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(partial, out);
    return { pages: progress.totalPages, bytes: fs.statSync(out).size, steps };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
