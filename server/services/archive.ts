import type { Db } from '../db/connection';
import * as repo from '../db/repos/archive';
import type { Row } from '../db/repos/archive';
import { createProject, findProject, findProjectByName, type Project } from '../db/repos/projects';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';
import { restoreDocument } from './project-settings';
import { visibilityFor } from './visibility';
import type { Actor } from '../domain/auth/actor';

export const ARCHIVE_FORMAT = 'sift-project-archive';
export const ARCHIVE_VERSION = 1;

/**
 * The password hash of accounts an archive import has to create (a member or voter who has no
 * account in this database). It is not a hash password-hash.ts can parse, so nobody can log in
 * as them until an administrator sets a password (`sift user passwd`); they exist only so the
 * decisions keep their authors.
 */
export const LOCKED_PASSWORD_HASH = '!locked:created-by-archive-import';

type Target = 'users' | string;

/**
 * Every table that holds a project's data, in an order where each row's references come
 * earlier. `refs` name the columns holding another row's id: they are written as archive ids
 * (1..n in the order of the original ids) or, for users, as usernames. References to the
 * table itself (records.duplicate_of, codes.parent_id, dedup_decisions.undone_by) are set
 * after all rows exist.
 */
interface TableSpec extends repo.TableScope {
  /** the surrogate key renumbered on import, when the table has one */
  id?: 'id';
  refs: Record<string, Target>;
  /** JSON columns that hold ids inside them */
  jsonIds?: Record<string, (value: unknown, map: IdMapper) => unknown>;
}

const inProject = 'project_id = ?';

export const ARCHIVED_TABLES: TableSpec[] = [
  { table: 'sources', where: inProject, orderBy: 'id', id: 'id', refs: {} },
  {
    table: 'records',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { source_id: 'sources', duplicate_of: 'records' },
  },
  { table: 'dedup_runs', where: inProject, orderBy: 'id', id: 'id', refs: {} },
  {
    table: 'dedup_clusters',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { primary_record_id: 'records', run_id: 'dedup_runs' },
    jsonIds: { evidence_json: (v, map) => remapEvidence(v, map) },
  },
  {
    table: 'dedup_cluster_members',
    where: 'cluster_id IN (SELECT id FROM dedup_clusters WHERE project_id = ?)',
    orderBy: 'cluster_id, record_id',
    refs: { cluster_id: 'dedup_clusters', record_id: 'records' },
  },
  {
    table: 'dedup_decisions',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: {
      cluster_id: 'dedup_clusters',
      primary_record_id: 'records',
      user_id: 'users',
      undone_by: 'dedup_decisions',
    },
    jsonIds: { before_json: (v, map) => remapSnapshot(v, map) },
  },
  {
    table: 'screening_events',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { record_id: 'records', user_id: 'users' },
  },
  {
    table: 'screening_votes',
    where: inProject,
    orderBy: 'record_id, stage, user_id',
    refs: { record_id: 'records', user_id: 'users' },
  },
  {
    table: 'screening_state',
    where: inProject,
    orderBy: 'record_id, stage',
    refs: { record_id: 'records', resolved_by: 'users' },
  },
  {
    table: 'fulltext_reports',
    where: inProject,
    orderBy: 'record_id',
    refs: { record_id: 'records', updated_by: 'users' },
  },
  { table: 'studies', where: inProject, orderBy: 'id', id: 'id', refs: {} },
  {
    table: 'study_reports',
    where: 'study_id IN (SELECT id FROM studies WHERE project_id = ?)',
    orderBy: 'record_id',
    refs: { record_id: 'records', study_id: 'studies' },
  },
  { table: 'ranking_models', where: inProject, orderBy: 'project_id', refs: {} },
  { table: 'ranking_scores', where: inProject, orderBy: 'record_id', refs: { record_id: 'records' } },
  { table: 'codes', where: inProject, orderBy: 'id', id: 'id', refs: { parent_id: 'codes' } },
  { table: 'extraction_fields', where: inProject, orderBy: 'id', id: 'id', refs: {} },
  {
    table: 'code_applications',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { record_id: 'records', code_id: 'codes', user_id: 'users' },
  },
  {
    table: 'extraction_values',
    where: inProject,
    orderBy: 'record_id, field_id, user_id',
    refs: { record_id: 'records', field_id: 'extraction_fields', user_id: 'users' },
  },
  { table: 'theme_summaries', where: inProject, orderBy: 'code_id', refs: { code_id: 'codes' } },
  {
    table: 'coding_done',
    where: inProject,
    orderBy: 'record_id, user_id',
    refs: { record_id: 'records', user_id: 'users' },
  },
  {
    table: 'consensus_applications',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: {
      record_id: 'records',
      code_id: 'codes',
      from_application_id: 'code_applications',
      decided_by: 'users',
      removed_by: 'users',
    },
  },
  {
    table: 'consensus_values',
    where: inProject,
    orderBy: 'record_id, field_id',
    refs: { record_id: 'records', field_id: 'extraction_fields', from_user_id: 'users', decided_by: 'users' },
  },
  { table: 'labels', where: inProject, orderBy: 'id', id: 'id', refs: {} },
  {
    table: 'project_actions',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { user_id: 'users', undone_by: 'users' },
    jsonIds: { details_json: (v, map) => remapActionDetails(v, map) },
  },
  {
    table: 'record_labels',
    where: inProject,
    orderBy: 'record_id, label_id',
    refs: { record_id: 'records', label_id: 'labels', added_by: 'users', action_id: 'project_actions' },
  },
  {
    table: 'record_notes',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { record_id: 'records', user_id: 'users' },
  },
  {
    table: 'record_removals',
    where: inProject,
    orderBy: 'record_id',
    refs: { record_id: 'records', action_id: 'project_actions' },
  },
  {
    table: 'record_events',
    where: inProject,
    orderBy: 'id',
    id: 'id',
    refs: { record_id: 'records', user_id: 'users', action_id: 'project_actions' },
  },
  { table: 'appraisal_tools', where: inProject, orderBy: 'id', id: 'id', refs: { updated_by: 'users' } },
  {
    table: 'appraisals',
    where: inProject,
    orderBy: 'record_id, user_id',
    refs: { record_id: 'records', user_id: 'users' },
  },
  {
    table: 'appraisal_answers',
    where: inProject,
    orderBy: 'record_id, user_id, criterion',
    refs: { record_id: 'records', user_id: 'users' },
  },
  {
    table: 'appraisal_consensus',
    where: inProject,
    orderBy: 'record_id',
    refs: { record_id: 'records', decided_by: 'users' },
  },
  {
    table: 'appraisal_consensus_answers',
    where: inProject,
    orderBy: 'record_id, criterion',
    refs: { record_id: 'records', from_user_id: 'users', decided_by: 'users' },
  },
];

/** Tables deliberately left out of an archive, and why (the round-trip test checks this list is complete). */
export const SKIPPED_TABLES: Record<string, string> = {
  projects: 'the project row itself is the archive\'s "project" section',
  project_members: 'the "members" section, by username',
  users: 'accounts are not project data; members and authors travel by username, never with password hashes',
  sessions: 'login sessions are credentials of this server',
  api_tokens: 'API tokens are credentials of this server',
  schema_migrations: 'the schema version belongs to the database, not to a project',
  password_links: 'one-time password links are credentials of this server',
  invitations: 'invitation links are credentials of this server; the archive carries the members they made',
  account_events: "the account log is the server's record of its accounts, not project data",
  records_fts: 'the full-text index of records, rebuilt by its triggers as the records are inserted',
  record_outcomes:
    "each record's final status, a projection its triggers rebuild as the records and decisions are inserted",
  records_fts_data: 'FTS5 storage of records_fts (derived)',
  records_fts_idx: 'FTS5 storage of records_fts (derived)',
  records_fts_docsize: 'FTS5 storage of records_fts (derived)',
  records_fts_config: 'FTS5 storage of records_fts (derived)',
};

export interface ProjectArchive {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  project: { name: string; description: string; settings: unknown; createdAt: string };
  members: { username: string; role: string; addedAt: string }[];
  /** table name → rows; ids renumbered 1..n, user columns as usernames, *_json columns parsed */
  tables: Record<string, Row[]>;
}

/** Archive id ↔ database id for one direction of the copy. */
type IdMapper = (table: Target, id: unknown) => unknown;

/**
 * Writes one project, with everything that hangs off it, as a versioned JSON document: one
 * read transaction, so the archive is a single consistent snapshot while others write.
 */
export function exportArchive(deps: ServiceDeps, projectId: number): ProjectArchive {
  const now = deps.clock();
  return deps.db.transaction(() => readArchive(deps.db, projectId, now))();
}

/** The archive as this member may download it: everything, so the `export` view of the visibility policy (owners). */
export function exportArchiveFor(deps: ServiceDeps, projectId: number, actor: Actor): ProjectArchive {
  visibilityFor(deps.db, projectId, actor).require({ kind: 'export' });
  return exportArchive(deps, projectId);
}

function readArchive(db: Db, projectId: number, now: Date): ProjectArchive {
  const project = findProject(db, projectId);
  if (!project) throw new NotFoundError(`no project ${projectId}`);
  const names = repo.usernamesById(db);
  const ids = new Map<string, Map<number, number>>();
  const rowsByTable = new Map<string, Row[]>();
  for (const spec of ARCHIVED_TABLES) {
    const rows = repo.projectRows(db, spec, projectId);
    rowsByTable.set(spec.table, rows);
    if (spec.id) ids.set(spec.table, new Map(rows.map((r, index) => [r.id as number, index + 1])));
  }
  const toArchive: IdMapper = (table, id) => {
    if (id === null || id === undefined) return null;
    if (table === 'users') return known(names.get(id as number), `user ${String(id)}`);
    return known(ids.get(table)?.get(id as number), `${table} row ${String(id)}`);
  };
  const tables: Record<string, Row[]> = {};
  for (const spec of ARCHIVED_TABLES) {
    tables[spec.table] = (rowsByTable.get(spec.table) ?? []).map((row) => {
      const out: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (column === 'project_id') continue;
        if (column === 'id' && spec.id) out.id = toArchive(spec.table, value);
        else if (column in spec.refs) out[column] = toArchive(spec.refs[column]!, value);
        else if (column.endsWith('_json')) {
          const parsed = JSON.parse(value as string) as unknown;
          out[column] = spec.jsonIds?.[column] ? spec.jsonIds[column](parsed, toArchive) : parsed;
        } else out[column] = value;
      }
      return out;
    });
  }
  const members = repo
    .memberRows(db, projectId)
    .map((m) => ({
      username: known(names.get(m.user_id), `user ${m.user_id}`),
      role: m.role,
      addedAt: m.added_at,
    }))
    .sort((a, b) => a.username.localeCompare(b.username));
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    project: {
      name: project.name,
      description: project.description,
      settings: project.settings,
      createdAt: project.createdAt,
    },
    members,
    tables,
  };
}

export interface ArchiveImport {
  /** the parsed archive document, checked here */
  archive: unknown;
  /** the name of the new project; the archived project's name by default */
  name?: string | undefined;
}

export interface ImportArchiveResult {
  project: Project;
  rows: Record<string, number>;
  /** usernames that had no account here and were created locked */
  createdUsers: string[];
}

/**
 * Recreates an archived project in this database with new ids, in one transaction: a refused
 * archive (wrong format, name taken, broken reference) changes nothing. Projection tables
 * (screening_votes/state, ranking scores) are copied as archived, which is exactly what
 * replaying the events would give, since the export read them in one snapshot.
 */
export function importArchive(deps: ServiceDeps, input: ArchiveImport): ImportArchiveResult {
  const { db } = deps;
  const doc = checkArchive(input.archive);
  const now = deps.clock().toISOString();
  return db.transaction(() => {
    const name = input.name ?? doc.project.name;
    if (findProjectByName(db, name)) {
      throw new ConflictError(`a project named "${name}" already exists (choose another with --name)`);
    }
    const project = createProject(
      db,
      { name, description: doc.project.description },
      new Date(doc.project.createdAt),
    );
    restoreDocument(db, project.id, doc.project.settings);
    const createdUsers: string[] = [];
    const userId = (username: string): number => {
      const found = repo.userIdByName(db, username);
      if (found !== undefined) return found;
      createdUsers.push(username);
      return repo.insertLockedUser(db, username, LOCKED_PASSWORD_HASH, now);
    };
    for (const m of doc.members) {
      repo.insertRow(db, 'project_members', {
        project_id: project.id,
        user_id: userId(m.username),
        role: m.role,
        added_at: m.addedAt,
      });
    }
    const ids = new Map<string, Map<number, number>>();
    const toDb: IdMapper = (table, id) => {
      if (id === null || id === undefined) return null;
      if (table === 'users') return userId(String(id));
      return known(
        ids.get(table)?.get(id as number),
        `${table} row ${String(id)} (referenced before it exists)`,
      );
    };
    const rows: Record<string, number> = {};
    for (const spec of ARCHIVED_TABLES) {
      const archived = doc.tables[spec.table] ?? [];
      const map = new Map<number, number>();
      ids.set(spec.table, map);
      const later: [newId: number, column: string, archiveId: unknown][] = [];
      const columns = new Set(repo.tableColumns(db, spec.table));
      for (const row of archived) {
        const out: Row = columns.has('project_id') ? { project_id: project.id } : {};
        for (const [column, value] of Object.entries(row)) {
          if (!columns.has(column) || column === 'project_id') {
            throw new ValidationError(`archive: ${spec.table} has no column "${column}"`);
          }
          if (column === 'id' && spec.id) continue;
          if (spec.refs[column] === spec.table) out[column] = null;
          else if (column in spec.refs) out[column] = toDb(spec.refs[column]!, value);
          else if (column.endsWith('_json')) {
            out[column] = JSON.stringify(spec.jsonIds?.[column] ? spec.jsonIds[column](value, toDb) : value);
          } else out[column] = value;
        }
        const newId = repo.insertRow(db, spec.table, out);
        if (spec.id) map.set(row.id as number, newId);
        for (const [column, target] of Object.entries(spec.refs)) {
          if (target === spec.table && row[column] != null) later.push([newId, column, row[column]]);
        }
      }
      for (const [newId, column, archiveId] of later) {
        repo.setColumn(db, spec.table, newId, column, toDb(spec.table, archiveId));
      }
      rows[spec.table] = archived.length;
    }
    return { project, rows, createdUsers };
  })();
}

function checkArchive(value: unknown): ProjectArchive {
  const doc = value as Partial<ProjectArchive> | null;
  if (!doc || typeof doc !== 'object' || doc.format !== ARCHIVE_FORMAT) {
    throw new ValidationError(`not a Sift project archive (expected "format": "${ARCHIVE_FORMAT}")`);
  }
  if (doc.version !== ARCHIVE_VERSION) {
    throw new ValidationError(
      `archive version ${String(doc.version)} is not supported (this Sift reads ${ARCHIVE_VERSION})`,
    );
  }
  if (!doc.project || typeof doc.project.name !== 'string' || !Array.isArray(doc.members) || !doc.tables) {
    throw new ValidationError('archive: project, members and tables are required');
  }
  const unknownTables = Object.keys(doc.tables).filter((t) => !ARCHIVED_TABLES.some((s) => s.table === t));
  if (unknownTables.length) throw new ValidationError(`archive: unknown tables ${unknownTables.join(', ')}`);
  return doc as ProjectArchive;
}

function known<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ValidationError(`archive: ${what} does not exist`);
  return value;
}

// Ids inside JSON columns: deduplication evidence pairs and the snapshot an undo restores.
function remapEvidence(value: unknown, map: IdMapper): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((pair: Row) => ({ ...pair, a: map('records', pair.a), b: map('records', pair.b) }));
}

/**
 * Ids inside a history entry's details: labels, sources and the decisions of a bulk merge. A
 * source deleted since (a source_delete entry names it) has no row to map to: its id reads null.
 */
function remapActionDetails(value: unknown, map: IdMapper): unknown {
  const tolerant = (table: Target, id: unknown): unknown => {
    try {
      return map(table, id);
    } catch {
      return null;
    }
  };
  const details = value as Record<string, unknown> | null;
  if (!details || typeof details !== 'object') return value;
  const out: Record<string, unknown> = { ...details };
  if (typeof details.labelId === 'number') out.labelId = tolerant('labels', details.labelId);
  if (typeof details.sourceId === 'number') out.sourceId = tolerant('sources', details.sourceId);
  const filter = details.filter as Record<string, unknown> | undefined;
  if (filter && typeof filter === 'object') {
    out.filter = {
      ...filter,
      ...(Array.isArray(filter.labelIds)
        ? { labelIds: filter.labelIds.map((id) => tolerant('labels', id)) }
        : {}),
      ...(Array.isArray(filter.sourceIds)
        ? { sourceIds: filter.sourceIds.map((id) => tolerant('sources', id)) }
        : {}),
    };
  }
  if (Array.isArray(details.decisions))
    out.decisions = (details.decisions as Row[]).map((d) => ({
      clusterId: tolerant('dedup_clusters', d.clusterId),
      decisionId: tolerant('dedup_decisions', d.decisionId),
    }));
  const source = details.source as Row | undefined;
  if (source && typeof source === 'object') out.source = { ...source, id: null };
  const lost = details.lost as Row | undefined;
  if (lost && typeof lost === 'object') out.lost = { ...lost, sourceId: null };
  return out;
}

function remapSnapshot(value: unknown, map: IdMapper): unknown {
  const snap = value as { clusters?: Row[]; duplicateOf?: [unknown, unknown][] } | null;
  if (!snap || typeof snap !== 'object') return value;
  return {
    ...snap,
    clusters: (snap.clusters ?? []).map((c) => ({
      ...c,
      id: map('dedup_clusters', c.id),
      primaryRecordId: map('records', c.primaryRecordId),
      memberIds: ((c.memberIds as unknown[]) ?? []).map((id) => map('records', id)),
    })),
    duplicateOf: (snap.duplicateOf ?? []).map(([r, v]) => [map('records', r), map('records', v)]),
  };
}
