import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { parseFile } from '../../../server/domain/import';
import { CSV_COLUMNS } from '../../../server/domain/export/csv';
import { exportProject } from '../../../server/services/export';
import { importFile } from '../../../server/services/import';
import { createMember, loginAgent } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { importDeps } from '../../support/imports';
import { sift, tempDir } from '../../support/cli';
import { FIXTURES } from './fixtures';

const clock = () => new Date('2026-08-01T00:00:00Z');
const FILES = ['embase.ris', 'asysd_scopus.ris', 'missing_values.ris'];

async function imported() {
  const db = openTestDb();
  const projectId = seedProject(db);
  for (const file of FILES) {
    await importFile(importDeps(db, clock), projectId, {
      fileName: file,
      bytes: fs.readFileSync(path.join(FIXTURES, file)),
      source: { name: file, kind: 'database' },
    });
  }
  return { db, projectId };
}

/** Reads exported BibTeX back through the import path (sniffed as BibTeX, not told). */
function readBib(text: string) {
  const back = parseFile(Buffer.from(text, 'utf8'), 'back.txt');
  expect(back.format).toBe('bibtex');
  return back.records;
}

const originals = () =>
  FILES.flatMap((file) => parseFile(fs.readFileSync(path.join(FIXTURES, file)), file).records);

describe('export round trips', () => {
  it('RIS → Sift → RIS keeps every field of every record (without provenance)', async () => {
    const { db, projectId } = await imported();
    const ris = exportProject(db, projectId, 'ris', { provenance: false });
    expect(ris.records).toBe(20);
    const back = parseFile(Buffer.from(ris.content, 'utf8'), 'back.ris');
    expect(back.format).toBe('ris');
    expect(back.records.map((r) => r.raw)).toEqual(originals().map((r) => r.raw));
  });

  it('RIS with provenance adds Sift’s id and source but keeps the bibliographic fields', async () => {
    const { db, projectId } = await imported();
    const back = parseFile(
      Buffer.from(exportProject(db, projectId, 'ris').content, 'utf8'),
      'back.ris',
    ).records;
    expect(back.map((r) => [r.title, r.doi, r.year])).toEqual(
      originals().map((r) => [r.title, r.doi, r.year]),
    );
    expect(exportProject(db, projectId, 'ris').content).toMatch(/embase\.ris/);
  });

  it('CSV: one row per record with id, source, source_id and duplicate_of, read back to the same titles and DOIs', async () => {
    const { db, projectId } = await imported();
    db.prepare('UPDATE records SET duplicate_of = 1 WHERE id = 7').run();
    const csv = exportProject(db, projectId, 'csv').content;
    const header = csv.split('\r\n')[0]!.split(',');
    expect(header).toEqual([...CSV_COLUMNS]);
    for (const column of [
      'id',
      'source',
      'source_id',
      'title',
      'authors',
      'year',
      'journal',
      'doi',
      'abstract',
      'duplicate_of',
    ]) {
      expect(header).toContain(column);
    }
    const back = parseFile(Buffer.from(csv, 'utf8'), 'back.csv');
    expect(back.records).toHaveLength(20);
    expect(back.records.map((r) => [r.title, r.doi])).toEqual(originals().map((r) => [r.title, r.doi]));
    const rows = back.records.map((r) => Object.fromEntries(r.raw));
    expect(rows[6]).toMatchObject({ id: '7', duplicate_of: '1', source: 'asysd_scopus.ris' });
    expect(rows[0]!.duplicate_of ?? '').toBe('');
  });

  it('BibTeX is read back to the same titles, DOIs and years', async () => {
    const { db, projectId } = await imported();
    const bib = exportProject(db, projectId, 'bibtex');
    expect(readBib(bib.content).map((r) => [r.title, r.doi, r.year])).toEqual(
      originals().map((r) => [r.title, r.doi, r.year]),
    );
  });
});

describe('sift export', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes --out for each format, or stdout, and refuses an unknown format', async () => {
    const db = path.join(dir, 'r.sqlite');
    await sift(['import', '--db', db, path.join(FIXTURES, 'embase.ris')]);
    for (const format of ['ris', 'csv', 'bibtex']) {
      const out = path.join(dir, `out.${format}`);
      const run = await sift(['export', '--db', db, '--format', format, '--out', out]);
      expect(run).toMatchObject({ code: 0, stdout: '' });
      expect(run.stderr).toMatch(`wrote 6 records of "My review" to ${out}`);
      const text = fs.readFileSync(out, 'utf8');
      expect(
        format === 'bibtex' ? readBib(text) : parseFile(Buffer.from(text), path.basename(out)).records,
      ).toHaveLength(6);
    }
    const piped = await sift(['export', '--db', db, '--format', 'csv']);
    expect(piped.stdout.split('\r\n').filter(Boolean)).toHaveLength(7);
    expect((await sift(['export', '--db', db, '--format', 'docx'])).code).toBe(2);
    expect((await sift(['export', '--db', db, '--project', 'Nope', '--format', 'ris'])).code).toBe(1);
  });

  it('--no-provenance gives back the imported RIS fields only', async () => {
    const db = path.join(dir, 'r.sqlite');
    const file = path.join(FIXTURES, 'embase.ris');
    await sift(['import', '--db', db, file]);
    const run = await sift(['export', '--db', db, '--format', 'ris', '--no-provenance']);
    const back = parseFile(Buffer.from(run.stdout, 'utf8'), 'x.ris').records.map((r) => r.raw);
    expect(back).toEqual(parseFile(fs.readFileSync(file), 'embase.ris').records.map((r) => r.raw));
  });
});

describe('GET /api/projects/:projectId/export.{ris,csv,bib}', () => {
  it('serves each format as an attachment to the owner, refuses a reviewer, 404s an unknown extension', async () => {
    const { db, projectId } = await imported();
    const app = createApp({ db, clock });
    createMember(db, projectId, 'olivia', 'owner');
    createMember(db, projectId, 'rita', 'reviewer');
    const { agent } = await loginAgent(app, 'olivia');
    const ris = await agent.get(`/api/projects/${projectId}/export.ris`).expect(200);
    expect(ris.headers['content-type']).toMatch(/application\/x-research-info-systems/);
    expect(ris.headers['content-disposition']).toMatch(/attachment; filename="Test-review\.ris"/);
    expect(parseFile(Buffer.from(ris.text, 'utf8'), 'x.ris').records).toHaveLength(20);
    const csv = await agent.get(`/api/projects/${projectId}/export.csv`).expect(200);
    expect(csv.text.startsWith('id,source,source_id,')).toBe(true);
    const bib = await agent
      .get(`/api/projects/${projectId}/export.bib`)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(readBib(bib.body as string)).toHaveLength(20);
    await agent.get(`/api/projects/${projectId}/export.docx`).expect(404);
    const reviewer = (await loginAgent(app, 'rita')).agent;
    await reviewer.get(`/api/projects/${projectId}/export.ris`).expect(403);
    await request(app).get(`/api/projects/${projectId}/export.ris`).expect(401);
  });
});
