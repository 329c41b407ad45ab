import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/** A migration file: NNNN_name.sql, applied once, in order, never edited after it lands. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`migration file name ${file} is not NNNN_name.sql`);
      return {
        version: Number(match[1]),
        name: match[2] as string,
        sql: fs.readFileSync(path.join(dir, file), 'utf8'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies the migrations a database lacks, each in its own transaction, and refuses a
 * database that is out of step with the code: one that has a migration the code does not
 * know (newer than this build) or whose applied migration differs by name from the file.
 */
export function migrate(db: Database.Database, dir: string): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const known = readMigrations(dir);
  const done = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  for (const row of done) {
    const expected = known[row.version - 1];
    if (!expected) {
      throw new Error(
        `database is at migration ${row.version} (${row.name}) but this build knows only ${known.length}: upgrade Sift`,
      );
    }
    if (expected.name !== row.name) {
      throw new Error(
        `database migration ${row.version} is "${row.name}" but the code has "${expected.name}": out of step`,
      );
    }
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of known.slice(done.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return { applied };
}

/** The number of the last migration applied to this database. */
export function schemaVersion(db: Database.Database): number {
  return (db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number })
    .version;
}
