import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../server/db/connection';
import { sift as runSift, tempDir } from '../support/cli';
import { seedProject, seedRecords, seedSource } from '../support/db';

const POC = path.resolve(__dirname, '..', 'fixtures', 'prisma', 'PRISMA_filled_PoC_extracted.csv');

const sift = (...argv: string[]) => runSift(argv);

describe('sift prisma', () => {
  let dir: string;
  let dbFile: string;
  beforeEach(() => {
    dir = tempDir('sift-prisma-cli-');
    dbFile = path.join(dir, 'review.sqlite');
    const db = openDatabase(dbFile);
    const projectId = seedProject(db, 'CLI review');
    seedRecords(db, projectId, seedSource(db, projectId, { name: 'Scopus', kind: 'database' }), [
      { title: 'a' },
      { title: 'b' },
    ]);
    seedRecords(db, projectId, seedSource(db, projectId, { name: 'Citation searching', kind: 'other' }), [
      { title: 'c' },
    ]);
    db.close();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the JSON model of the only project', async () => {
    const out = path.join(dir, 'prisma.json');
    const run = await sift('prisma', '--db', dbFile, '--format', 'json', '--out', out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}`);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(json.model.database_results).toBe(2);
    expect(json.model.citations_results).toBe(1);
    expect(json.trace['database_specific_results:Scopus']).toHaveLength(2);
  });

  it('draws an updated review with the previous version given on the command line', async () => {
    const out = path.join(dir, 'updated.json');
    const run = await sift(
      'prisma',
      '--db',
      dbFile,
      '--previous-studies',
      '7',
      '--previous-reports',
      '8',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(json.model).toMatchObject({ previous_studies: 7, previous_reports: 8 });
    expect(json.hints.previous).toBe(true);
  });

  it('shows the title/abstract step of the other-methods column when asked', async () => {
    const out = path.join(dir, 'screened.json');
    const run = await sift('prisma', '--db', dbFile, '--other-screening', 'always', '--out', out);
    expect(run.code).toBe(0);
    const { model } = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(model).toMatchObject({
      other_duplicates: 0,
      other_records_screened: 1,
      other_records_excluded: 0,
    });
    const auto = path.join(dir, 'auto.json');
    await sift('prisma', '--db', dbFile, '--out', auto);
    expect(JSON.parse(fs.readFileSync(auto, 'utf8')).model.other_records_screened).toBeNull();
  });

  it.each([
    ['svg', '<svg'],
    ['png', '\u0089PNG'],
    ['pdf', '%PDF-'],
    ['html', '<!doctype html>'],
    ['csv', 'data,node,box'],
  ])('writes %s for a named project', async (format, magic) => {
    const out = path.join(dir, `prisma.${format}`);
    const run = await sift(
      'prisma',
      '--db',
      dbFile,
      '--project',
      'CLI review',
      '--format',
      format,
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, magic.length).toString('latin1')).toBe(magic);
  });

  it('draws a template filled elsewhere, takes the format from the file name, and prints its warnings', async () => {
    const out = path.join(dir, 'poc.svg');
    const run = await sift('prisma', '--from-csv', POC, '--out', out);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('data-box="database_specific_results:Embase"');
    expect(run.stderr).toContain(
      'warning: Reports assessed minus reports excluded add up to 26 included reports',
    );
  });

  it('names the file and line of a malformed CSV', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'data,n\nduplicates,many\n');
    const run = await sift('prisma', '--from-csv', bad, '--format', 'svg', '--out', path.join(dir, 'x.svg'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.csv:2: n of "duplicates" must be a whole number');
    expect(fs.existsSync(path.join(dir, 'x.svg'))).toBe(false);
  });

  it('does not create a database at a mistyped path', async () => {
    const missing = path.join(dir, 'missing.sqlite');
    const run = await sift('prisma', '--db', missing, '--format', 'json', '--out', path.join(dir, 'x.json'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no database at ${missing}`);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it.each([
    [['--db', 'x.sqlite', '--format', 'svg'], '--out is required'],
    [
      ['--from-csv', POC, '--format', 'gif', '--out', 'x.gif'],
      '--format must be one of svg, png, pdf, html, json, csv',
    ],
    [['--from-csv', POC, '--db', 'x.sqlite', '--out', 'x.svg'], 'give either --db or --from-csv'],
    [
      ['--db', 'x.sqlite', '--previous-studies', 'ten', '--out', 'x.svg'],
      '--previous-studies must be a whole number',
    ],
    [
      ['--from-csv', POC, '--previous-studies', '3', '--out', 'x.svg'],
      '--previous-studies and --previous-reports go with --db',
    ],
    [
      ['--db', 'x.sqlite', '--other-screening', 'sometimes', '--out', 'x.svg'],
      '--other-screening must be one of auto, always',
    ],
  ])('refuses bad usage %j', async (args, message) => {
    const run = await sift('prisma', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
