import type { Db } from '../connection';

export interface User {
  id: number;
  username: string;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
}

const toUser = (row: UserRow): UserWithHash => ({
  id: row.id,
  username: row.username,
  passwordHash: row.password_hash,
});

/** Inserts a user; the UNIQUE (case-insensitive) username constraint is the caller's to translate. */
export function insertUser(db: Db, username: string, passwordHash: string, now: Date): number {
  const at = now.toISOString();
  const info = db
    .prepare(
      'INSERT INTO users (username, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?)',
    )
    .run(username, passwordHash, at, at);
  return Number(info.lastInsertRowid);
}

/** Finds a user by name, ignoring case (the column is COLLATE NOCASE). */
export function findUserByUsername(db: Db, username: string): UserWithHash | undefined {
  const row = db.prepare('SELECT id, username, password_hash FROM users WHERE username = ?').get(username) as
    UserRow | undefined;
  return row && toUser(row);
}

export function findUserById(db: Db, id: number): UserWithHash | undefined {
  const row = db.prepare('SELECT id, username, password_hash FROM users WHERE id = ?').get(id) as
    UserRow | undefined;
  return row && toUser(row);
}

export function updatePasswordHash(db: Db, id: number, passwordHash: string, now: Date): void {
  db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(
    passwordHash,
    now.toISOString(),
    id,
  );
}
