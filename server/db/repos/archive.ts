import type { Db } from '../connection';

/** One row of a project table, as SQLite returns it. */
export type Row = Record<string, unknown>;

/**
 * Where a table's rows of one project are: most tables carry project_id; link tables without
 * it are reached through their parent. Table and column names come only from the archive
 * table list in services/archive.ts (never from input), values are always bound parameters.
 */
export interface TableScope {
  table: string;
  /** SQL condition with one `?` for the project id */
  where: string;
  orderBy: string;
}

export function projectRows(db: Db, scope: TableScope, projectId: number): Row[] {
  return db
    .prepare(`SELECT * FROM ${scope.table} WHERE ${scope.where} ORDER BY ${scope.orderBy}`)
    .all(projectId) as Row[];
}

export function tableColumns(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
    (c) => c.name,
  );
}

/** Every table of the schema (the archive test checks each is archived or knowingly skipped). */
export function schemaTables(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
}

export function insertRow(db: Db, table: string, row: Row): number {
  const columns = Object.keys(row);
  const info = db
    .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
    .run(...columns.map((c) => row[c]));
  return Number(info.lastInsertRowid);
}

export function setColumn(db: Db, table: string, id: number, column: string, value: unknown): void {
  db.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(value, id);
}

export function usernamesById(db: Db): Map<number, string> {
  const rows = db.prepare('SELECT id, username FROM users').all() as { id: number; username: string }[];
  return new Map(rows.map((r) => [r.id, r.username]));
}

export function userIdByName(db: Db, username: string): number | undefined {
  const row = db.prepare('SELECT id FROM users WHERE username = ?').get(username) as
    { id: number } | undefined;
  return row?.id;
}

/** An account nobody can log into: the hash is not one password-hash.ts can parse, so login fails. */
export function insertLockedUser(db: Db, username: string, lockedHash: string, now: string): number {
  const info = db
    .prepare(
      'INSERT INTO users (username, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?)',
    )
    .run(username, lockedHash, now, now);
  return Number(info.lastInsertRowid);
}

export function memberRows(db: Db, projectId: number): { user_id: number; role: string; added_at: string }[] {
  return db
    .prepare('SELECT user_id, role, added_at FROM project_members WHERE project_id = ? ORDER BY user_id')
    .all(projectId) as { user_id: number; role: string; added_at: string }[];
}
