import type { Db } from '../connection';
import { prepared } from '../statements';
import { ConflictError, NotFoundError } from '../../domain/errors';

/**
 * All SQL over the projects table lives here, settings_json included: other repositories
 * and services ask this module instead of reading the table themselves.
 */

/** A review project: the unit that owns sources, records and members. */
export interface Project {
  id: number;
  name: string;
  description: string;
  /** settings_json as a document of named sections (services/project-settings.ts owns them) */
  settings: SettingsDocument;
  createdAt: string;
}

/** projects.settings_json: one section per area ("screening", "prisma", "prioritisation", …). */
export type SettingsDocument = Record<string, unknown>;

interface ProjectRow {
  id: number;
  name: string;
  description: string;
  settings_json: string;
  created_at: string;
}

/**
 * The one reader of settings_json. Every writer stores a JSON object, so anything else is a
 * bug, not input: it reads as an empty document (each area then falls back to its defaults,
 * and the next section write replaces it with a valid one) and the server log says so,
 * instead of one unreadable column turning every page of the project into a 500.
 */
export function settingsDocumentFromJson(json: string, projectId: number): SettingsDocument {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as SettingsDocument;
  } catch {
    // reported below
  }
  console.warn(`projects.settings_json of project ${projectId} is not a JSON object; read as {}`);
  return {};
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    settings: settingsDocumentFromJson(row.settings_json, row.id),
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

/** The project with this id, or NotFound. */
export function getProject(db: Db, id: number): Project {
  const project = findProject(db, id);
  if (!project) throw new NotFoundError(`project ${id} not found`);
  return project;
}

/** Whether the project exists (cached statement: every screening decision asks). */
export function projectExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM projects WHERE id = ?').get(id) !== undefined;
}

/** NotFound unless the project exists. */
export function requireProjectExists(db: Db, id: number): void {
  if (!projectExists(db, id)) throw new NotFoundError(`project ${id} not found`);
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

// ---------- settings_json (sections are owned by services/project-settings.ts) ----------

/** The project's settings document, or undefined when the project does not exist. */
export function readSettingsDocument(db: Db, projectId: number): SettingsDocument | undefined {
  const row = prepared(db, 'SELECT settings_json FROM projects WHERE id = ?').get(projectId) as
    { settings_json: string } | undefined;
  return row && settingsDocumentFromJson(row.settings_json, projectId);
}

/** Section names are identifiers (letters and digits), so they stand in a JSON path as they are. */
export function isSectionName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(name);
}

/**
 * Replaces one section of settings_json and nothing else. The one write of the column: an
 * unreadable document is replaced by a valid one holding just this section (as the reader
 * already treated it as empty). Returns false when the project does not exist.
 */
export function writeSettingsSection(db: Db, projectId: number, section: string, value: unknown): boolean {
  // Names come from code (a SettingsSection) or are checked first (an archive): a bad one is a bug.
  if (!isSectionName(section)) throw new Error(`not a settings section name: ${section}`);
  const info = prepared(
    db,
    `UPDATE projects SET settings_json = json_set(
       CASE WHEN json_valid(settings_json) AND json_type(settings_json) = 'object' THEN settings_json ELSE '{}' END,
       ?, json(?)) WHERE id = ?`,
  ).run(`$.${section}`, JSON.stringify(value), projectId);
  return info.changes === 1;
}
