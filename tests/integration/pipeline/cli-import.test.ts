import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connection';
import { sift, tempDir } from '../../support/cli';
import { FIXTURES } from './fixtures';

const EMBASE = path.join(FIXTURES, 'embase.ris');
const SCOPUS = path.join(FIXTURES, 'asysd_scopus.ris');
const MISSING = path.join(FIXTURES, 'missing_values.ris');

describe('sift project', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds projects and lists them as text and JSON', async () => {
    const db = path.join(dir, 'p.sqlite');
    expect(await sift(['project', 'add', '--db', db, '--name', 'Micro-credentials'])).toMatchObject({
      code: 0,
      stdout: 'created project 1 "Micro-credentials"\n',
    });
    const listed = await sift(['project', 'list', '--db', db, '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        id: 1,
        name: 'Micro-credentials',
        description: '',
        createdAt: expect.any(String),
        sources: 0,
        records: 0,
      },
    ]);
    expect((await sift(['project', 'list', '--db', db])).stdout).toBe(
      '1\tMicro-credentials\t0 sources\t0 records\n',
    );
  });

  it('--owner makes an existing user the owner; an unknown user is exit 1 and creates nothing', async () => {
    const db = path.join(dir, 'p.sqlite');
    expect(
      (
        await sift([
          'user',
          'add',
          '--db',
          db,
          '--username',
          'olivia',
          '--password',
          'correct horse battery staple',
        ])
      ).code,
    ).toBe(0);
    expect((await sift(['project', 'add', '--db', db, '--name', 'A', '--owner', 'olivia'])).code).toBe(0);
    const missing = await sift(['project', 'add', '--db', db, '--name', 'B', '--owner', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no user named "nobody"/);
    const check = openDatabase(db);
    expect(
      check
        .prepare(
          'SELECT p.name, u.username, m.role FROM project_members m JOIN projects p ON p.id = m.project_id JOIN users u ON u.id = m.user_id',
        )
        .all(),
    ).toEqual([{ name: 'A', username: 'olivia', role: 'owner' }]);
    expect(check.prepare('SELECT COUNT(*) AS n FROM projects').get()).toEqual({ n: 1 });
    check.close();
  });

  it('refuses a duplicate name with exit 1 and an unknown action with exit 2', async () => {
    const db = path.join(dir, 'p.sqlite');
    await sift(['project', 'add', '--db', db, '--name', 'A']);
    const again = await sift(['project', 'add', '--db', db, '--name', 'A']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect((await sift(['project', 'remove', '--db', db])).code).toBe(2);
  });
});

describe('sift import', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = tempDir();
    db = path.join(dir, 'review.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--json prints one object: project, sources (also as files) and the record total', async () => {
    const run = await sift([
      'import',
      '--db',
      db,
      '--project',
      'MC',
      '--source',
      'Embase',
      '--kind',
      'database',
      '--search-date',
      '2026-02-01',
      '--search-string',
      'micro-credential*',
      '--json',
      EMBASE,
      SCOPUS,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out).toEqual({
      project: 'MC',
      projectId: 1,
      imported: 16,
      records: 16,
      sources: [
        { id: 1, file: EMBASE, format: 'ris', encoding: 'utf-8', records: 6, warnings: expect.any(Array) },
        { id: 2, file: SCOPUS, format: 'ris', encoding: 'utf-8', records: 10, warnings: expect.any(Array) },
      ],
      files: out.sources,
    });
    const check = openDatabase(db);
    expect(check.prepare('SELECT name, kind, search_date, search_string FROM sources').all()).toEqual([
      { name: 'Embase', kind: 'database', search_date: '2026-02-01', search_string: 'micro-credential*' },
      { name: 'Embase', kind: 'database', search_date: '2026-02-01', search_string: 'micro-credential*' },
    ]);
    check.close();
  });

  it('creates the project when missing, names sources after their files without --source, and reuses the only project', async () => {
    expect((await sift(['import', '--db', db, EMBASE])).code).toBe(0);
    const second = await sift(['import', '--db', db, '--kind', 'other', '--json', SCOPUS]);
    expect(JSON.parse(second.stdout).project).toBe('My review');
    const check = openDatabase(db);
    expect(check.prepare('SELECT name, kind FROM sources ORDER BY id').all()).toEqual([
      { name: 'embase.ris', kind: 'database' },
      { name: 'asysd_scopus.ris', kind: 'other' },
    ]);
    check.close();
  });

  it('text output names each file, its count and its warnings', async () => {
    const run = await sift(['import', '--db', db, MISSING]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^${MISSING.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 4 records \\(ris, utf-8\\) as source 1`,
      ),
    );
    expect(run.stdout).toMatch(/warning: .*missing_values\.ris/);
    expect(run.stdout).toMatch(/imported 4 records into project "My review"\n$/);
  });

  it('a re-import is refused (exit 1, earlier source named) unless --force', async () => {
    await sift(['import', '--db', db, '--source', 'Embase', EMBASE]);
    const again = await sift(['import', '--db', db, '--source', 'Embase 2', EMBASE]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already imported as source 1 "Embase"/);
    expect(again.stdout).toBe('');
    const forced = await sift(['import', '--db', db, '--source', 'Embase 2', '--force', '--json', EMBASE]);
    expect(JSON.parse(forced.stdout).sources[0].id).toBe(2);
  });

  it('an unreadable file among several: exit 1, "file:line: reason" on stderr, nothing imported, no project created', async () => {
    const bad = path.join(dir, 'broken.ris');
    fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 1, 2, 3]));
    const run = await sift(['import', '--db', db, '--project', 'New', '--json', EMBASE, bad]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?: \\S`));
    const check = openDatabase(db);
    expect(
      check.prepare('SELECT (SELECT COUNT(*) FROM projects) AS p, (SELECT COUNT(*) FROM records) AS r').get(),
    ).toEqual({ p: 0, r: 0 });
    check.close();
  });

  it.each([
    [['--kind', 'library'], /--kind must be one of database, register, other/],
    [['--format', 'docx'], /--format must be one of/],
    [['--bogus'], /Unknown option/],
  ])('usage errors exit 2: %j', async (flags, message) => {
    const run = await sift(['import', '--db', db, ...flags, EMBASE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('--encoding decodes a legacy file as named', async () => {
    const file = path.join(dir, 'legacy.ris');
    // "Caf\xe9" is Windows-1252 for "Café".
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from('TY  - JOUR\nTI  - Caf'), Buffer.from([0xe9]), Buffer.from('\nER  - \n')]),
    );
    const run = await sift(['import', '--db', db, '--encoding', 'windows-1252', '--json', file]);
    expect(JSON.parse(run.stdout).sources[0]).toMatchObject({ encoding: 'windows-1252', records: 1 });
    const check = openDatabase(db);
    expect(check.prepare('SELECT title FROM records').get()).toEqual({ title: 'Café' });
    check.close();
  });

  it('a missing input file is exit 1 naming the file', async () => {
    const run = await sift(['import', '--db', db, path.join(dir, 'nope.ris')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nope\.ris: cannot read the file \(no such file\)/);
  });

  it('with several projects, --project is required', async () => {
    await sift(['project', 'add', '--db', db, '--name', 'A']);
    await sift(['project', 'add', '--db', db, '--name', 'B']);
    const run = await sift(['import', '--db', db, EMBASE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/choose one with --project/);
  });
});
