import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../server/db/connection';
import { parseFile } from '../../../server/domain/import';
import type { RecordListResponse } from '../../../server/api/types';
import { sift, tempDir } from '../../support/cli';
import { EXPECTED_OUTCOMES, seedReviewedProject } from '../../support/records';

// Both commands read one reviewed project's database file (neither writes to it).
let dir: string;
let file: string;
let ids: ReturnType<typeof seedReviewedProject>['ids'];
beforeAll(() => {
  dir = tempDir();
  file = path.join(dir, 'review.sqlite');
  const db = openDatabase(file);
  ids = seedReviewedProject(db).ids;
  db.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Issue 16: `sift export --format csv` left status, stage and exclusion_reason empty (they were
 * hard-coded to null). They are filled from the review, in the words of the contract.
 */
describe('sift export --format csv', () => {
  it('fills status, stage and exclusion_reason of every record from the review', async () => {
    const out = await sift(['export', '--db', file, '--format', 'csv']);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    const rows = parseFile(Buffer.from(out.stdout, 'utf8'), 'export.csv').records.map((r) =>
      Object.fromEntries(r.raw),
    );
    const byId = new Map(rows.map((row) => [Number(row.id), row]));
    for (const [what, [status, stage, reason]] of Object.entries(EXPECTED_OUTCOMES)) {
      const row = byId.get(ids[what as keyof typeof ids])!;
      expect({
        what,
        status: row.status,
        stage: row.stage ?? '',
        reason: row.exclusion_reason ?? '',
      }).toEqual({
        what,
        status,
        stage,
        reason,
      });
    }
    // exactly the contract's words
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['pending', 'included', 'excluded', 'duplicate', 'not_retrieved']),
    );
    expect(new Set(rows.map((r) => r.stage ?? '').filter(Boolean))).toEqual(
      new Set(['title_abstract', 'full_text']),
    );
  });

  it('--status, --stage and --label choose the records, with the same columns', async () => {
    const included = await sift(['export', '--db', file, '--format', 'csv', '--status', 'included']);
    const rows = parseFile(Buffer.from(included.stdout, 'utf8'), 'x.csv').records.map((r) =>
      Object.fromEntries(r.raw),
    );
    expect(rows.map((r) => Number(r.id))).toEqual([ids.included]);
    const fullText = await sift(['export', '--db', file, '--format', 'csv', '--stage', 'full_text']);
    const ft = parseFile(Buffer.from(fullText.stdout, 'utf8'), 'x.csv').records.map((r) =>
      Number(Object.fromEntries(r.raw).id),
    );
    expect(ft).toEqual([ids.included, ids.notRetrieved, ids.excludedFt]);
    const bad = await sift(['export', '--db', file, '--format', 'csv', '--status', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--status must be one of pending, included, excluded, duplicate, not_retrieved/,
    );
    const label = await sift(['export', '--db', file, '--format', 'csv', '--label', 'Nope']);
    expect(label.code).toBe(1);
    expect(label.stderr).toMatch(/no label named "Nope"/);
  });

  it('keeps writing to stdout without --out, and refuses xlsx there', async () => {
    expect((await sift(['export', '--db', file, '--format', 'ris'])).stdout).toMatch(/^TY {2}- /);
    const xlsx = await sift(['export', '--db', file, '--format', 'xlsx']);
    expect(xlsx.code).toBe(2);
    const out = path.join(dir, 'out.xlsx');
    expect(await sift(['export', '--db', file, '--format', 'xlsx', '--out', out])).toMatchObject({ code: 0 });
    const back = parseFile(fs.readFileSync(out), 'out.xlsx');
    expect(back.format).toBe('xlsx');
    expect(back.records).toHaveLength(8);
  });
});

/** `sift records`: the records page's query on the command line, answering what the API answers. */
describe('sift records', () => {
  const json = async (args: string[]) => {
    const out = await sift(['records', '--db', file, '--json', ...args]);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(out.stdout) as RecordListResponse;
  };

  it('searches, filters and sorts with the one query, outcomes unblinded', async () => {
    const statins = await json(['--search', 'statins']);
    expect(statins.total).toBe(4);
    expect(statins.items.map((r) => r.id)).toEqual([ids.included, ids.excludedTa, ids.old, ids.copy]);
    expect(statins.outcomesVisible).toBe(true);
    const excluded = await json(['--search', 'statins', '--status', 'excluded', '--status', 'duplicate']);
    expect(excluded.items.map((r) => [r.id, r.outcome?.status])).toEqual([
      [ids.excludedTa, 'excluded'],
      [ids.old, 'excluded'],
      [ids.copy, 'duplicate'],
    ]);
    const byYear = await json(['--year-from', '2022', '--sort', 'year', '--desc']);
    expect(byYear.items.map((r) => r.year)).toEqual([...byYear.items.map((r) => r.year)].sort().reverse());
    expect(byYear.items.every((r) => (r.year ?? 0) >= 2022)).toBe(true);
    expect((await json(['--stage', 'full_text'])).items.map((r) => r.id)).toEqual([
      ids.included,
      ids.notRetrieved,
      ids.excludedFt,
    ]);
    expect((await json(['--source-kind', 'other'])).items.map((r) => r.id)).toEqual([ids.copy]);
  });

  it('pages by cursor to the end, and prints one line per record without --json', async () => {
    const first = await json(['--limit', '3', '--sort', 'title']);
    expect(first.items).toHaveLength(3);
    const seen = first.items.map((r) => r.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await json(['--limit', '3', '--sort', 'title', '--cursor', cursor]);
      seen.push(...next.items.map((r) => r.id));
      cursor = next.nextCursor;
    }
    expect(new Set(seen).size).toBe(first.total);
    const text = await sift(['records', '--db', file, '--status', 'included']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${ids.included}\t2021\tincluded\tStatins and memory in older adults\n`);
    expect(text.stderr).toBe('1 record match; 1 shown\n');
    const bad = await sift(['records', '--db', file, '--sort', 'colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sort must be one of id, year, title, author, source/);
  });
});
