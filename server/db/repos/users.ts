import type { Db } from '../connection';

export interface User {
  id: number;
  username: string;
}

/** A user with what sign-in needs: the hash, the site role and whether the account is disabled. */
export interface UserWithHash extends User {
  passwordHash: string;
  isAdmin: boolean;
  disabledAt: string | null;
}

/** One account as the administrators' list shows it. */
export interface AccountRow extends User {
  isAdmin: boolean;
  disabledAt: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  /** made by an administrator and waiting for its first password (set through its one-time link) */
  awaitingPassword: boolean;
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  is_admin: number;
  disabled_at: string | null;
  created_at: string;
  last_login_at: string | null;
}

const COLUMNS = 'id, username, password_hash, is_admin, disabled_at, created_at, last_login_at';

const toUser = (row: UserRow): UserWithHash => ({
  id: row.id,
  username: row.username,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin === 1,
  disabledAt: row.disabled_at,
});

const toAccount = (row: UserRow): AccountRow => ({
  id: row.id,
  username: row.username,
  isAdmin: row.is_admin === 1,
  disabledAt: row.disabled_at,
  createdAt: row.created_at,
  lastLoginAt: row.last_login_at,
  awaitingPassword: row.password_hash === NO_PASSWORD,
});

/**
 * The password hash of an account that has no password yet (made by an administrator, waiting
 * for its one-time link): not a hash of anything, so no password ever verifies against it.
 */
export const NO_PASSWORD = '!';

/** Inserts a user; the UNIQUE (case-insensitive) username constraint is the caller's to translate. */
export function insertUser(
  db: Db,
  username: string,
  passwordHash: string,
  now: Date,
  options: { isAdmin?: boolean } = {},
): number {
  const at = now.toISOString();
  const info = db
    .prepare(
      'INSERT INTO users (username, password_hash, created_at, password_changed_at, is_admin) VALUES (?, ?, ?, ?, ?)',
    )
    .run(username, passwordHash, at, at, options.isAdmin ? 1 : 0);
  return Number(info.lastInsertRowid);
}

/** Finds a user by name, ignoring case (the column is COLLATE NOCASE). */
export function findUserByUsername(db: Db, username: string): UserWithHash | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username) as
    UserRow | undefined;
  return row && toUser(row);
}

export function findUserById(db: Db, id: number): UserWithHash | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  return row && toUser(row);
}

export function findAccount(db: Db, id: number): AccountRow | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
  return row && toAccount(row);
}

/** Every account, by name. */
export function listAccounts(db: Db): AccountRow[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY username COLLATE NOCASE`).all() as UserRow[];
  return rows.map(toAccount);
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

/** Administrators whose accounts are not disabled: the site must keep at least one. */
export function countActiveAdmins(db: Db): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM users WHERE is_admin = 1 AND disabled_at IS NULL').get() as {
      n: number;
    }
  ).n;
}

export function updatePasswordHash(db: Db, id: number, passwordHash: string, now: Date): void {
  db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(
    passwordHash,
    now.toISOString(),
    id,
  );
}

export function setAdmin(db: Db, id: number, isAdmin: boolean): void {
  db.prepare('UPDATE users SET is_admin = ? WHERE id = ?').run(isAdmin ? 1 : 0, id);
}

/** Disables an account (now) or enables it again (null). */
export function setDisabled(db: Db, id: number, now: Date | null): void {
  db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(now ? now.toISOString() : null, id);
}

export function touchLastLogin(db: Db, id: number, now: Date): void {
  db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(now.toISOString(), id);
}

/**
 * Where a user's work is recorded, by table and column: votes, resolutions, full-text
 * retrieval, duplicate decisions, codes and extracted values. An account with a row in any of
 * them is never deleted (it is disabled instead), so the audit trail stays whole.
 * tests/integration/accounts/user-work.test.ts fails when a table gains a user column that is
 * not listed here or in ACCOUNT_TABLES.
 */
export const USER_WORK: readonly { table: string; column: string }[] = [
  { table: 'screening_events', column: 'user_id' },
  { table: 'screening_votes', column: 'user_id' },
  { table: 'screening_state', column: 'resolved_by' },
  { table: 'fulltext_reports', column: 'updated_by' },
  { table: 'dedup_decisions', column: 'user_id' },
  { table: 'code_applications', column: 'user_id' },
  { table: 'extraction_values', column: 'user_id' },
  { table: 'coding_done', column: 'user_id' },
  { table: 'consensus_applications', column: 'decided_by' },
  { table: 'consensus_applications', column: 'removed_by' },
  { table: 'consensus_values', column: 'decided_by' },
  { table: 'consensus_values', column: 'from_user_id' },
  { table: 'appraisal_tools', column: 'updated_by' },
  { table: 'appraisals', column: 'user_id' },
  { table: 'appraisal_answers', column: 'user_id' },
  { table: 'appraisal_consensus', column: 'decided_by' },
  { table: 'appraisal_consensus_answers', column: 'from_user_id' },
  { table: 'appraisal_consensus_answers', column: 'decided_by' },
  { table: 'project_actions', column: 'user_id' },
  { table: 'project_actions', column: 'undone_by' },
  { table: 'record_labels', column: 'added_by' },
  { table: 'record_notes', column: 'user_id' },
  { table: 'record_events', column: 'user_id' },
];

/** Tables about the account itself (deleted with it, or kept by name): not "work". */
export const ACCOUNT_TABLES: readonly string[] = [
  'users',
  'sessions',
  'api_tokens',
  'project_members',
  'password_links',
  'invitations',
  'account_events',
];

/** Whether the user has any recorded work (see USER_WORK). */
export function hasRecordedWork(db: Db, userId: number): boolean {
  const checks = USER_WORK.map((w) => `EXISTS (SELECT 1 FROM ${w.table} WHERE ${w.column} = @id)`);
  const row = db.prepare(`SELECT ${checks.join(' OR ')} AS found`).get({ id: userId }) as { found: number };
  return row.found === 1;
}

/** Deletes a user; sessions, tokens, memberships and password links go with it (ON DELETE CASCADE). */
export function deleteUser(db: Db, id: number): void {
  db.prepare('DELETE FROM users WHERE id = ?').run(id);
}
