import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connection';
import { NotFoundError, ValidationError } from '../../../server/domain/errors';
import { DEFAULT_PROJECT_NAME, resolveProject } from '../../../server/services/projects';
import { createUser } from '../../support/auth';
import { sift, tempDir } from '../../support/cli';
import { openTestDb, seedProject } from '../../support/db';

const clock = () => new Date('2026-05-06T07:08:09Z');

describe('resolveProject: the one way to pick the project a command means', () => {
  it('finds a project by name or by id', () => {
    const db = openTestDb();
    const a = seedProject(db, 'Alpha');
    const b = seedProject(db, 'Beta');
    expect(resolveProject(db, 'Beta').id).toBe(b);
    expect(resolveProject(db, a).name).toBe('Alpha');
    expect(resolveProject(db, String(b)).name).toBe('Beta');
  });

  it('prefers a name over an id when a project is named like a number', () => {
    const db = openTestDb();
    seedProject(db, 'Alpha');
    const named2 = seedProject(db, '1');
    expect(resolveProject(db, '1').id).toBe(named2);
  });

  it('takes the only project when none is named, and refuses to guess among several', () => {
    const db = openTestDb();
    const only = seedProject(db, 'Alpha');
    expect(resolveProject(db).id).toBe(only);
    seedProject(db, 'Beta');
    expect(() => resolveProject(db)).toThrow(ValidationError);
    expect(() => resolveProject(db)).toThrow(
      'the database has 2 projects; choose one with --project ("Alpha", "Beta")',
    );
  });

  it('refuses an unknown name or id, naming the projects there are', () => {
    const db = openTestDb();
    seedProject(db, 'Alpha');
    seedProject(db, 'Beta');
    expect(() => resolveProject(db, 'Nope')).toThrow(NotFoundError);
    expect(() => resolveProject(db, 'Nope')).toThrow('no project named "Nope" (projects: "Alpha", "Beta")');
    expect(() => resolveProject(db, 99)).toThrow('no project with id 99 (projects: "Alpha", "Beta")');
    expect(() => resolveProject(openTestDb())).toThrow('the database has no project yet');
  });

  it('creates the named or the default project only when asked', () => {
    const db = openTestDb();
    expect(resolveProject(db, undefined, { create: true, clock }).name).toBe(DEFAULT_PROJECT_NAME);
    expect(resolveProject(db, 'Gamma', { create: true, clock })).toMatchObject({
      name: 'Gamma',
      createdAt: '2026-05-06T07:08:09.000Z',
    });
    expect(() => resolveProject(db, 'Delta')).toThrow(NotFoundError);
    // with create, a number is a name, as `sift import --project 2` always read it
    expect(resolveProject(db, '1', { create: true, clock }).name).toBe('1');
  });

  it('every CLI command refuses an unknown project with the same message', async () => {
    const dir = tempDir('sift-resolve-');
    try {
      const dbFile = path.join(dir, 'review.sqlite');
      const db = openDatabase(dbFile);
      seedProject(db, 'Alpha');
      createUser(db, 'ann');
      db.close();
      const message = 'no project named "Nope" (projects: "Alpha")\n';
      const runs = [
        ['dedup', '--db', dbFile, '--project', 'Nope'],
        ['member', 'add', '--db', dbFile, '--project', 'Nope', '--username', 'ann', '--role', 'viewer'],
        ['screening', 'status', '--db', dbFile, '--project', 'Nope'],
        ['agreement', '--db', dbFile, '--project', 'Nope'],
        [
          'prisma',
          '--db',
          dbFile,
          '--project',
          'Nope',
          '--format',
          'json',
          '--out',
          path.join(dir, 'p.json'),
        ],
        ['export', '--db', dbFile, '--project', 'Nope', '--format', 'csv'],
        ['synthesis', '--db', dbFile, '--project', 'Nope'],
      ];
      for (const argv of runs) {
        const run = await sift(argv);
        // the CLI may prefix the command's name; the message itself is the same for every command
        expect({ argv, code: run.code, message: run.stderr.endsWith(message) }).toEqual({
          argv,
          code: 1,
          message: true,
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
