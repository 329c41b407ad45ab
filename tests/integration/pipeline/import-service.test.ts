import fs from 'node:fs';
import path from 'node:path';
import { countRecords } from '../../../server/db/repos/records';
import { listRecords } from '../../../server/db/repos/record-query';
import { listSources } from '../../../server/db/repos/sources';
import { ConflictError, ParseError, ValidationError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { importFile, importFiles, sha256, type ImportProgress } from '../../../server/services/import';
import { openTestDb, seedProject } from '../../support/db';
import { importDeps } from '../../support/imports';
import { FIXTURES } from './fixtures';

const clock = () => new Date('2026-05-06T07:08:09Z');
const deps = (db: ReturnType<typeof openTestDb>) => importDeps(db, clock);

function fixture(name: string): Uint8Array {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** Bytes no bibliographic parser can read: a PNG header followed by binary noise. */
const BINARY = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
]);

const scopus = {
  name: 'Scopus',
  kind: 'database' as const,
  searchDate: '2026-02-01',
  searchString: 'TITLE-ABS(microcredential*)',
};

function tableCounts(db: ReturnType<typeof openTestDb>) {
  const count = (table: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { sources: count('sources'), records: count('records') };
}

describe('importFile', () => {
  it('stores one source with its provenance and hash, and every record in file order', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const bytes = fixture('embase.ris');
    const result = await importFile(deps(db), projectId, { fileName: 'embase.ris', bytes, source: scopus });

    expect(result).toMatchObject({ format: 'ris', encoding: 'utf-8', records: 6 });
    const [source] = listSources(db, projectId);
    expect(source).toMatchObject({
      id: result.sourceId,
      name: 'Scopus',
      kind: 'database',
      searchDate: '2026-02-01',
      searchString: 'TITLE-ABS(microcredential*)',
      fileName: 'embase.ris',
      fileHash: sha256(bytes),
      format: 'ris',
      recordCount: 6,
      importedAt: '2026-05-06T07:08:09.000Z',
    });
    const expected = parseFile(bytes, 'embase.ris').records.map((r) => r.title);
    expect(listRecords(db, projectId, { limit: 100 }).items.map((r) => r.title)).toEqual(expected);
  });

  it('stores the parser warnings with the source and returns them', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const bytes = fixture('missing_values.ris');
    const result = await importFile(deps(db), projectId, {
      fileName: 'missing_values.ris',
      bytes,
      source: scopus,
    });
    const expected = parseFile(bytes, 'missing_values.ris').warnings;
    expect(expected.length).toBeGreaterThan(0);
    expect(result.warnings).toEqual(expected);
    expect(listSources(db, projectId)[0]!.warnings).toEqual(expected);
  });

  it('refuses the same file in the same project, naming the earlier source, and changes nothing', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const bytes = fixture('embase.ris');
    const first = await importFile(deps(db), projectId, { fileName: 'embase.ris', bytes, source: scopus });
    const before = tableCounts(db);
    let error: unknown;
    try {
      await importFile(deps(db), projectId, {
        fileName: 'copy.ris',
        bytes,
        source: { name: 'Embase', kind: 'database' },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(`source ${first.sourceId} "Scopus" (embase.ris)`);
    expect(tableCounts(db)).toEqual(before);
  });

  it('imports the same file again with force, as a second source', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const bytes = fixture('embase.ris');
    await importFile(deps(db), projectId, { fileName: 'embase.ris', bytes, source: scopus });
    await importFile(deps(db), projectId, { fileName: 'embase.ris', bytes, source: scopus, force: true });
    expect(listSources(db, projectId)).toHaveLength(2);
    expect(countRecords(db, projectId)).toBe(12);
  });

  it('accepts the same file in another project', async () => {
    const db = openTestDb();
    const a = seedProject(db, 'a');
    const b = seedProject(db, 'b');
    const bytes = fixture('embase.ris');
    await importFile(deps(db), a, { fileName: 'embase.ris', bytes, source: scopus });
    expect((await importFile(deps(db), b, { fileName: 'embase.ris', bytes, source: scopus })).records).toBe(
      6,
    );
  });

  it('an unreadable file fails with file:line: reason and leaves the database unchanged', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    await expect(
      importFile(deps(db), projectId, { fileName: 'image.png', bytes: BINARY, source: scopus }),
    ).rejects.toThrow(ParseError);
    await expect(
      importFile(deps(db), projectId, { fileName: 'image.png', bytes: BINARY, source: scopus }),
    ).rejects.toThrow(/^image\.png(:\d+)?: /);
    expect(tableCounts(db)).toEqual({ sources: 0, records: 0 });
  });

  it.each([
    [{ name: ' ', kind: 'database' as const }, /needs a name/],
    [{ name: 'x', kind: 'library' as never }, /kind/],
    [{ name: 'x', kind: 'other' as const, searchDate: '1 May' }, /YYYY-MM-DD/],
  ])('refuses invalid source fields %j', async (source, message) => {
    const db = openTestDb();
    const projectId = seedProject(db);
    await expect(
      importFile(deps(db), projectId, { fileName: 'embase.ris', bytes: fixture('embase.ris'), source }),
    ).rejects.toThrow(ValidationError);
    await expect(
      importFile(deps(db), projectId, { fileName: 'embase.ris', bytes: fixture('embase.ris'), source }),
    ).rejects.toThrow(message);
  });
});

describe('importFiles (one transaction for several files)', () => {
  it('imports each file as its own source', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const results = await importFiles(deps(db), projectId, {
      source: scopus,
      files: [
        { fileName: 'embase.ris', bytes: fixture('embase.ris') },
        { fileName: 'asysd_scopus.ris', bytes: fixture('asysd_scopus.ris') },
      ],
    });
    expect(results.map((r) => [r.fileName, r.records])).toEqual([
      ['embase.ris', 6],
      ['asysd_scopus.ris', 10],
    ]);
    expect(listSources(db, projectId).map((s) => s.recordCount)).toEqual([6, 10]);
  });

  it('a bad second file rolls back the first', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const files = [
      { fileName: 'embase.ris', bytes: fixture('embase.ris') },
      { fileName: 'broken.bin', bytes: BINARY },
    ];
    await expect(importFiles(deps(db), projectId, { source: scopus, files })).rejects.toThrow(/^broken\.bin/);
    expect(tableCounts(db)).toEqual({ sources: 0, records: 0 });
  });

  it('a failure while storing the second file rolls back the first', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    // A trigger that fails on the second source's first record simulates a storage failure mid-batch.
    db.exec(`CREATE TRIGGER fail_second BEFORE INSERT ON records WHEN NEW.source_id > (SELECT MIN(id) FROM sources)
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const files = [
      { fileName: 'embase.ris', bytes: fixture('embase.ris') },
      { fileName: 'asysd_scopus.ris', bytes: fixture('asysd_scopus.ris') },
    ];
    // toMatchObject, not toThrow: a SqliteError made by another test file's copy of better-sqlite3
    // is not an Error of this file's realm, which rejects.toThrow requires.
    await expect(importFiles(deps(db), projectId, { source: scopus, files })).rejects.toMatchObject({
      message: 'disk full',
    });
    expect(tableCounts(db)).toEqual({ sources: 0, records: 0 });
  });

  it('a failure in the middle of a file (records already streamed in) leaves no source and no record', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    db.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON records WHEN NEW.position = 3
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await expect(
      importFile(deps(db), projectId, {
        fileName: 'embase.ris',
        bytes: fixture('embase.ris'),
        source: scopus,
      }),
    ).rejects.toMatchObject({ message: 'disk full' });
    expect(tableCounts(db)).toEqual({ sources: 0, records: 0 });
  });

  it('reports progress per file: waiting for a reader, reading, then storing', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const seen: ImportProgress[] = [];
    await importFiles(
      deps(db),
      projectId,
      {
        source: scopus,
        files: [
          { fileName: 'embase.ris', bytes: fixture('embase.ris') },
          { fileName: 'asysd_scopus.ris', bytes: fixture('asysd_scopus.ris') },
        ],
      },
      { onProgress: (progress) => seen.push(progress) },
    );
    const last = (phase: ImportProgress['phase'], file: number) =>
      seen.filter((p) => p.phase === phase && p.file === file).at(-1)?.records;
    expect([last('reading', 0), last('reading', 1)]).toEqual([6, 10]);
    expect([last('storing', 0), last('storing', 1)]).toEqual([6, 10]);
    // Every file is read before the first is stored.
    expect(seen.findIndex((p) => p.phase === 'storing')).toBeGreaterThan(
      seen.findLastIndex((p) => p.phase === 'reading'),
    );
  });

  it('refuses an upload holding the same file twice, and one already imported, changing nothing', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const twice = [
      { fileName: 'a.ris', bytes: fixture('embase.ris') },
      { fileName: 'b.ris', bytes: fixture('embase.ris') },
    ];
    await expect(importFiles(deps(db), projectId, { source: scopus, files: twice })).rejects.toThrow(
      /b\.ris has the same content as a\.ris/,
    );
    await importFile(deps(db), projectId, {
      fileName: 'faulty_year.ris',
      bytes: fixture('faulty_year.ris'),
      source: scopus,
    });
    const before = tableCounts(db);
    const mixed = [
      { fileName: 'embase.ris', bytes: fixture('embase.ris') },
      { fileName: 'again.ris', bytes: fixture('faulty_year.ris') },
    ];
    await expect(importFiles(deps(db), projectId, { source: scopus, files: mixed })).rejects.toThrow(
      ConflictError,
    );
    expect(tableCounts(db)).toEqual(before);
  });
});
