import fs from 'node:fs';
import { openDatabase, type Db } from '../db/connection';
import type { Project } from '../db/repos/projects';
import { systemClock } from '../domain/clock';
import { NotFoundError } from '../domain/errors';
import type { ServiceDeps } from '../services/deps';
import { resolveProject } from '../services/projects';
import { required } from './args';

/**
 * The commands that may create their database file (README, "Command line (contracts)"): they
 * start a review. Every other command refuses a missing file, so a mistyped --db never becomes
 * a new, empty database.
 */
export const CREATES_DATABASE = 'sift user add, project add, import, archive import or demo';

export interface DbOptions {
  /** Create the file when it is missing (only the commands of CREATES_DATABASE). */
  create?: boolean;
}

/** Opens --db, refusing a missing file (it checks before opening, so nothing is created). */
export function openCliDatabase(file: string | undefined, options: DbOptions = {}): Db {
  const path = required(file, 'db');
  if (!options.create && !fs.existsSync(path)) {
    throw new NotFoundError(`no database at ${path} (only ${CREATES_DATABASE} create one)`);
  }
  return openDatabase(path);
}

/** Opens --db, runs `fn`, and closes the database however `fn` ends (for commands without a project). */
export async function withDb<T>(
  file: string | undefined,
  fn: (db: Db) => T | Promise<T>,
  options: DbOptions = {},
): Promise<T> {
  const db = openCliDatabase(file, options);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** What services get from a command: its database and the system clock. */
export function cliDeps(db: Db): ServiceDeps {
  return { db, clock: systemClock };
}

/** The flags every project command takes. */
export interface ProjectFlags {
  db?: string | undefined;
  project?: string | undefined;
}

/** Opens --db, finds the project, runs `fn`, and closes the database: the frame of every project command. */
export function withProject<T>(
  flags: ProjectFlags,
  fn: (db: Db, project: Project) => T | Promise<T>,
): Promise<T> {
  return withDb(flags.db, (db) => fn(db, resolveCliProject(db, flags.project)));
}

/**
 * The project a command means: --project NAME, or the only one of the database. The one place
 * the CLI picks a project; with `create` (sift import), a missing one is created.
 */
export function resolveCliProject(
  db: Db,
  name: string | undefined,
  options: { create?: boolean } = {},
): Project {
  return resolveProject(db, name, { create: options.create ?? false, clock: systemClock });
}
