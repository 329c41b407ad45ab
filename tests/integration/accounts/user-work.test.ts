import { ACCOUNT_TABLES, USER_WORK } from '../../../server/db/repos/users';
import { openTestDb } from '../../support/db';

/**
 * An account with recorded work is never deleted (SECURITY.md; services/admin.ts). The check
 * reads USER_WORK, so a table that gains a user column must be listed there: this test finds
 * every column that points at users (a foreign key to users, or named user_id, …_user_id or …_by without a
 * foreign key elsewhere) in the migrated schema and fails on one that is not.
 */
it('USER_WORK lists every column that records who did something', () => {
  const db = openTestDb();
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const found: string[] = [];
  for (const table of tables.filter((t) => !ACCOUNT_TABLES.includes(t))) {
    const fks = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { from: string; table: string }[];
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    for (const { name } of columns) {
      const fk = fks.find((f) => f.from === name);
      const looksLikeUser = name === 'user_id' || name.endsWith('_user_id') || name.endsWith('_by');
      if (fk?.table === 'users' || (looksLikeUser && !fk)) found.push(`${table}.${name}`);
    }
  }
  expect(found.sort()).toEqual(USER_WORK.map((w) => `${w.table}.${w.column}`).sort());
});
