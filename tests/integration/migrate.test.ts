import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR, openDatabase } from '../../server/db/connection';
import { migrate, readMigrations } from '../../server/db/migrate';
import { tempDir } from '../support/cli';

describe('migrate()', () => {
  it('applies every migration once and records it', () => {
    const db = openDatabase(':memory:');
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(readMigrations(MIGRATIONS_DIR).map((m) => m.version));
    expect(migrate(db, MIGRATIONS_DIR).applied).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a database that has a migration this build does not know', () => {
    const dir = tempDir('sift-migrate-');
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    fs.writeFileSync(path.join(dir, '0002_b.sql'), 'CREATE TABLE b (x INTEGER);');
    const db = new Database(':memory:');
    migrate(db, dir);
    fs.rmSync(path.join(dir, '0002_b.sql'));
    expect(() => migrate(db, dir)).toThrow(/at migration 2 .* knows only 1/);
  });

  it('refuses a database whose applied migration has another name', () => {
    const dir = tempDir('sift-migrate-');
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    const db = new Database(':memory:');
    migrate(db, dir);
    fs.renameSync(path.join(dir, '0001_a.sql'), path.join(dir, '0001_other.sql'));
    expect(() => migrate(db, dir)).toThrow(/out of step/);
  });

  it('rolls back a failing migration whole', () => {
    const dir = tempDir('sift-migrate-');
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);');
    const db = new Database(':memory:');
    expect(() => migrate(db, dir)).toThrow();
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(0);
  });

  it('refuses a gap in the numbering', () => {
    const dir = tempDir('sift-migrate-');
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/without gaps/);
  });
});
