import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Db } from '../db/connection';

export interface BackupResult {
  pages: number;
  bytes: number;
}

/**
 * Copies a live database with SQLite's online backup API. Other connections may keep writing:
 * the backup restarts on their changes and ends with one consistent snapshot. The copy is
 * written next to `out` and renamed into place only after `PRAGMA integrity_check` passes,
 * so a failed backup never leaves a half-written file under the expected name.
 */
export async function backupDatabase(db: Db, out: string): Promise<BackupResult> {
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    const progress = await db.backup(partial);
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
    return { pages: progress.totalPages, bytes: fs.statSync(out).size };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}
