import type { Db } from '../connection';
import { ConflictError, NotFoundError } from '../../domain/errors';

/** A review project: the unit that owns sources, records and members. */
export interface Project {
  id: number;
  name: string;
  description: string;
  settings: Record<string, unknown>;
  createdAt: string;
}

interface ProjectRow {
  id: number;
  name: string;
  description: string;
  settings_json: string;
  created_at: string;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export interface NewProject {
  name: string;
  description?: string;
}

/** Creates a project; a name already taken is a conflict, since the CLI finds projects by name. */
export function createProject(db: Db, input: NewProject, now: Date): Project {
  if (findProjectByName(db, input.name))
    throw new ConflictError(`a project named "${input.name}" already exists`);
  const info = db
    .prepare('INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)')
    .run(input.name, input.description ?? '', now.toISOString());
  return getProject(db, Number(info.lastInsertRowid));
}

export function listProjects(db: Db): Project[] {
  const rows = db.prepare('SELECT * FROM projects ORDER BY id').all() as ProjectRow[];
  return rows.map(toProject);
}

/** The projects with these ids (for a user's membership list), in id order. */
export function listProjectsByIds(db: Db, ids: readonly number[]): Project[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT * FROM projects WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(ids)) as ProjectRow[];
  return rows.map(toProject);
}

export function findProject(db: Db, id: number): Project | undefined {
  const row = db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  return row && toProject(row);
}

export function getProject(db: Db, id: number): Project {
  const project = findProject(db, id);
  if (!project) throw new NotFoundError(`project ${id} not found`);
  return project;
}

export function findProjectByName(db: Db, name: string): Project | undefined {
  const row = db.prepare('SELECT * FROM projects WHERE name = ?').get(name) as ProjectRow | undefined;
  return row && toProject(row);
}

export interface ProjectChanges {
  name?: string;
  description?: string;
}

/** Renames or re-describes a project; an absent field stays as it was. */
export function updateProject(db: Db, id: number, changes: ProjectChanges): Project {
  const current = getProject(db, id);
  const name = changes.name ?? current.name;
  const other = findProjectByName(db, name);
  if (other && other.id !== id) throw new ConflictError(`a project named "${name}" already exists`);
  db.prepare('UPDATE projects SET name = ?, description = ? WHERE id = ?').run(
    name,
    changes.description ?? current.description,
    id,
  );
  return getProject(db, id);
}
