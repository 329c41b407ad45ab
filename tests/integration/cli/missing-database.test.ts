import fs from 'node:fs';
import path from 'node:path';
import { removeDir, sift, tempDir } from '../../support/cli';

/**
 * A mistyped --db must never become a new, empty database: every command that works on an
 * existing review refuses a missing file, names it, and leaves nothing behind. Only the commands
 * that start a review may create one (README, "Command line (contracts)").
 */
describe('a --db file that does not exist', () => {
  let dir: string;
  let missing: string;
  beforeEach(() => {
    dir = tempDir('sift-missing-db-');
    missing = path.join(dir, 'typo.sqlite');
  });
  afterEach(() => removeDir(dir));

  const out = () => path.join(dir, 'out.file');
  const input = () => {
    const file = path.join(dir, 'input.json');
    fs.writeFileSync(file, '{}');
    return file;
  };

  it.each<[string, (db: string) => string[]]>([
    ['export', (db) => ['export', '--db', db, '--format', 'ris']],
    ['dedup', (db) => ['dedup', '--db', db]],
    ['screening status', (db) => ['screening', 'status', '--db', db]],
    ['agreement', (db) => ['agreement', '--db', db]],
    ['synthesis', (db) => ['synthesis', '--db', db, '--json']],
    ['prisma', (db) => ['prisma', '--db', db, '--format', 'json', '--out', out()]],
    ['codebook export', (db) => ['codebook', 'export', '--db', db]],
    ['codebook import', (db) => ['codebook', 'import', '--db', db, input()]],
    ['archive export', (db) => ['archive', 'export', '--db', db, '--out', out()]],
    ['backup', (db) => ['backup', '--db', db, '--out', out()]],
    ['project list', (db) => ['project', 'list', '--db', db]],
    [
      'member add',
      (db) => ['member', 'add', '--db', db, '--project', 'P', '--username', 'u', '--role', 'viewer'],
    ],
    [
      'user passwd',
      (db) => ['user', 'passwd', '--db', db, '--username', 'u', '--password', 'long enough pw'],
    ],
    ['token add', (db) => ['token', 'add', '--db', db, '--username', 'u']],
    ['token revoke', (db) => ['token', 'revoke', '--db', db, '--id', '1']],
    ['serve', (db) => ['serve', '--db', db, '--port', '0']],
  ])('sift %s refuses it with exit 1, names the file and creates nothing', async (_name, argv) => {
    const run = await sift(argv(missing));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no database at ${missing}`);
    expect(run.stdout).toBe('');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('typo'))).toEqual([]);
  });

  it('the commands that start a review create it: user add, project add, import, archive import', async () => {
    const created = (name: string) => path.join(dir, `${name}.sqlite`);
    expect(
      (
        await sift([
          'user',
          'add',
          '--db',
          created('user'),
          '--username',
          'u',
          '--password',
          'long enough pw',
        ])
      ).code,
    ).toBe(0);
    expect((await sift(['project', 'add', '--db', created('project'), '--name', 'P'])).code).toBe(0);
    const ris = path.join(dir, 'one.ris');
    fs.writeFileSync(ris, 'TY  - JOUR\nTI  - One record\nER  - \n');
    expect((await sift(['import', '--db', created('import'), ris])).code).toBe(0);
    const archive = path.join(dir, 'p.json');
    expect((await sift(['archive', 'export', '--db', created('project'), '--out', archive])).code).toBe(0);
    expect((await sift(['archive', 'import', '--db', created('archive'), archive])).code).toBe(0);
    for (const name of ['user', 'project', 'import', 'archive'])
      expect(fs.existsSync(created(name))).toBe(true);
  });
});
