import type { Db } from '../db/connection';
import { addMember, listUserMemberships } from '../db/repos/members';
import {
  createProject,
  findProject,
  findProjectByName,
  getProject,
  listProjects,
  listProjectsByIds,
  updateProject,
  type NewProject,
  type Project,
  type ProjectChanges,
} from '../db/repos/projects';
import { countRecords } from '../db/repos/records';
import { listSources } from '../db/repos/sources';
import type { Role } from '../domain/auth/roles';
import type { Clock } from '../domain/clock';
import { NotFoundError, ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';

/** The name given to the project the CLI creates when a database has none and no name was given. */
export const DEFAULT_PROJECT_NAME = 'My review';

export interface ResolveOptions {
  /** Create the named project (or the default one in an empty database) instead of failing. */
  create?: boolean;
  /** When the project is created (required with `create`). */
  clock?: Clock;
}

const quotedNames = (projects: readonly Project[]) => projects.map((p) => `"${p.name}"`).join(', ') || 'none';

/**
 * The one way to pick the project a command means: by name, by id (a number that is no
 * project's name), or the only project when none is named. With `create`, a missing project
 * is created by name, so a first `sift import` needs no set-up. Every refusal names the
 * projects there are.
 */
export function resolveProject(db: Db, which?: string | number, options: ResolveOptions = {}): Project {
  const create = (name: string) => {
    if (!options.clock) throw new Error('resolveProject: create needs a clock');
    return createProject(db, { name }, options.clock());
  };
  if (which !== undefined) {
    const text = String(which);
    // With `create` a name is only a name: `sift import --project 2` makes a project "2", as it always did.
    const byId = !options.create && /^[1-9]\d{0,15}$/.test(text);
    const found = findProjectByName(db, text) ?? (byId ? findProject(db, Number(text)) : undefined);
    if (found) return found;
    if (options.create && typeof which === 'string') return create(which);
    const what = typeof which === 'number' ? `with id ${which}` : `named "${which}"`;
    throw new NotFoundError(`no project ${what} (projects: ${quotedNames(listProjects(db))})`);
  }
  const projects = listProjects(db);
  if (projects.length === 1) return projects[0]!;
  if (projects.length === 0) {
    if (options.create) return create(DEFAULT_PROJECT_NAME);
    throw new NotFoundError('the database has no project yet (sift project add --name NAME)');
  }
  throw new ValidationError(
    `the database has ${projects.length} projects; choose one with --project (${quotedNames(projects)})`,
  );
}

/** Creates a project and makes its creator (`ownerId`) the owner, in one transaction. */
export function createOwnedProject(deps: ServiceDeps, ownerId: number, input: NewProject): Project {
  const { db } = deps;
  const now = deps.clock();
  return db.transaction(() => {
    const project = createProject(db, input, now);
    addMember(db, project.id, ownerId, 'owner', now);
    return project;
  })();
}

/**
 * Creates a project with no member yet: `sift project add` without --owner, run by the
 * administrator, who gives it members with `sift member add`. Nobody sees it in the web app until then.
 */
export function createUnownedProject(deps: ServiceDeps, input: NewProject): Project {
  return createProject(deps.db, input, deps.clock());
}

/** A project with the counts its card shows. */
export interface ProjectOverview {
  project: Project;
  sources: number;
  records: number;
}

function overview(db: Db, project: Project): ProjectOverview {
  return { project, sources: listSources(db, project.id).length, records: countRecords(db, project.id) };
}

/** One project with its counts; NotFound for an unknown id. */
export function projectOverview(db: Db, projectId: number): ProjectOverview {
  return overview(db, getProject(db, projectId));
}

/** Every project of the database with its counts, by id (`sift project list`, run by the administrator). */
export function allProjects(db: Db): ProjectOverview[] {
  return listProjects(db).map((p) => overview(db, p));
}

/** The projects a user is a member of, with their role: a stranger's project is not even listed. */
export function projectsOfUser(db: Db, userId: number): (ProjectOverview & { role: Role })[] {
  const roles = new Map(listUserMemberships(db, userId).map((m) => [m.projectId, m.role]));
  return listProjectsByIds(db, [...roles.keys()]).map((p) => ({
    ...overview(db, p),
    role: roles.get(p.id)!,
  }));
}

/** Renames or re-describes a project (a name taken by another project is a conflict). */
export function changeProject(db: Db, projectId: number, changes: ProjectChanges): ProjectOverview {
  return overview(db, updateProject(db, projectId, changes));
}

/** The project's name (file names and titles). */
export function projectName(db: Db, projectId: number): string {
  return getProject(db, projectId).name;
}
