import type { Db } from '../db/connection';
import { addMember } from '../db/repos/members';
import {
  createProject,
  findProjectByName,
  listProjects,
  type NewProject,
  type Project,
} from '../db/repos/projects';
import type { Clock } from '../domain/clock';
import { NotFoundError, ValidationError } from '../domain/errors';

/** The name given to the project the CLI creates when a database has none and no name was given. */
export const DEFAULT_PROJECT_NAME = 'My review';

export interface ResolveOptions {
  /** Create the named project (or the default one in an empty database) instead of failing. */
  create?: boolean;
  clock: Clock;
}

/**
 * Finds the project a command means: the named one, or the only one when no name is given.
 * With `create`, a missing project is created, so a first `sift import` needs no set-up.
 */
export function resolveProject(db: Db, name: string | undefined, options: ResolveOptions): Project {
  if (name !== undefined) {
    const found = findProjectByName(db, name);
    if (found) return found;
    if (options.create) return createProject(db, { name }, options.clock());
    throw new NotFoundError(`no project named "${name}" (see sift project list)`);
  }
  const projects = listProjects(db);
  if (projects.length === 1) return projects[0]!;
  if (projects.length === 0) {
    if (options.create) return createProject(db, { name: DEFAULT_PROJECT_NAME }, options.clock());
    throw new NotFoundError('the database has no project yet (sift project add --name NAME)');
  }
  throw new ValidationError(
    `the database has ${projects.length} projects; choose one with --project (${projects.map((p) => `"${p.name}"`).join(', ')})`,
  );
}

/** Creates a project and makes its creator the owner, in one transaction. */
export function createOwnedProject(db: Db, input: NewProject, ownerId: number, clock: Clock): Project {
  return db.transaction(() => {
    const now = clock();
    const project = createProject(db, input, now);
    addMember(db, project.id, ownerId, 'owner', now);
    return project;
  })();
}
