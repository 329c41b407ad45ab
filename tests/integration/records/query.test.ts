import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, MIGRATIONS_DIR } from '../../../server/db/connection';
import {
  countMatchingRecords,
  listMatchingRecords,
  matchingRecordIds,
  recordFacts,
} from '../../../server/db/repos/record-query';
import {
  RECORD_STATUSES,
  SORT_KEYS,
  type RecordFilter,
  type RecordSort,
} from '../../../server/domain/records/filter';
import { finalStatus } from '../../../server/domain/records/status';
import { createLabel, labelRecord } from '../../../server/services/labels';
import { decide } from '../../../server/services/screening';
import { tempDir } from '../../support/cli';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';
import { seedReviewedProject } from '../../support/records';

/**
 * The one records query (repos/record-query.ts): its SQL filters agree with the domain's
 * finalStatus, every sort order pages through every record exactly once (keyset or offset),
 * and the full-text index follows the records (triggers, and the back-fill of migration 0011).
 */
describe('the records query', () => {
  const db = openTestDb();
  const review = seedReviewedProject(db);
  const { projectId, ids } = review;
  const all = matchingRecordIds(db, projectId, {});
  const facts = recordFacts(db, projectId, all);
  const statusOf = (id: number) => finalStatus(facts.get(id)!);
  // The ids of a filter; its count and its pages (by id, both ways) must say the same.
  const matching = (filter: RecordFilter, userId: number | null = null) => {
    const found = matchingRecordIds(db, projectId, filter, userId);
    expect(countMatchingRecords(db, projectId, filter, userId)).toBe(found.length);
    for (const dir of ['asc', 'desc'] as const) {
      const paged: number[] = [];
      let cursor = null;
      for (let guard = 0; guard < 20; guard++) {
        const page = listMatchingRecords(db, projectId, {
          filter,
          sort: { key: 'id', dir },
          limit: 2,
          cursor,
          userId,
        });
        expect(page.total).toBe(found.length);
        paged.push(...page.items.map((r) => r.id));
        if (!page.next) break;
        cursor = page.next;
      }
      expect(paged).toEqual(dir === 'asc' ? found : [...found].reverse());
    }
    return found;
  };

  it('finds each status exactly where finalStatus puts it, and the statuses partition the records', () => {
    let total = 0;
    for (const status of RECORD_STATUSES) {
      const found = matching({ statuses: [status] });
      expect({ status, found }).toEqual({
        status,
        found: all.filter((id) => statusOf(id).status === status),
      });
      expect(countMatchingRecords(db, projectId, { statuses: [status] })).toBe(found.length);
      total += found.length;
    }
    expect(total).toBe(all.length);
    expect(matching({ statuses: ['included', 'not_retrieved'] })).toEqual([ids.included, ids.notRetrieved]);
  });

  it('filters by stage and reason as finalStatus says them, and by conflict', () => {
    for (const stage of ['title_abstract', 'full_text'] as const)
      expect(matching({ stage })).toEqual(all.filter((id) => statusOf(id).stage === stage));
    expect(matching({ reason: 'Animal study' })).toEqual([ids.resolvedOut]);
    expect(matching({ reason: 'Outside the date range' })).toEqual([ids.old]);
    expect(matching({ reason: 'Wrong outcome' })).toEqual([ids.excludedFt]);
    expect(matching({ conflict: 'title_abstract' })).toEqual([]);
    decide(review.deps, projectId, review.alice, {
      recordId: ids.pending,
      stage: 'title_abstract',
      decision: 'include',
    });
    decide(review.deps, projectId, review.bob, {
      recordId: ids.pending,
      stage: 'title_abstract',
      decision: 'exclude',
    });
    expect(matching({ conflict: 'title_abstract' })).toEqual([ids.pending]);
  });

  it("filters by the caller's own vote, or its absence", () => {
    const aliceTa = (vote: 'include' | 'exclude' | 'maybe' | 'none') =>
      matching({ myVote: { stage: 'title_abstract', vote } }, review.alice.userId);
    expect(aliceTa('exclude')).toEqual([ids.excludedTa]);
    expect(aliceTa('include')).toEqual([
      ids.included,
      ids.resolvedOut,
      ids.notRetrieved,
      ids.excludedFt,
      ids.pending,
    ]);
    expect(aliceTa('none')).toEqual([ids.old, ids.copy]);
    // 'none' with other conditions (its count is taken by difference), and with a search
    const none = { stage: 'title_abstract', vote: 'none' } as const;
    expect(matching({ myVote: none, yearFrom: 2000 }, review.alice.userId)).toEqual(
      matching({ yearFrom: 2000 }).filter((id) => id === ids.old || id === ids.copy),
    );
    expect(matching({ myVote: none, q: 'statins' }, review.alice.userId)).toEqual([ids.old, ids.copy]);
    expect(matching({ myVote: none, statuses: ['duplicate'] }, review.alice.userId)).toEqual([ids.copy]);
    expect(matching({ myVote: none }, null)).toEqual(all);
    expect(matching({ myVote: { stage: 'full_text', vote: 'include' } }, review.owner.userId)).toEqual([]);
  });

  it('filters by source, source kind, year, type and label', () => {
    expect(matching({ sourceKinds: ['other'] })).toEqual([ids.copy]);
    expect(matching({ sourceKinds: ['database', 'other'] })).toEqual(all);
    expect(matching({ yearFrom: 2022, yearTo: 2023 })).toEqual([
      ids.excludedTa,
      ids.notRetrieved,
      ids.excludedFt,
    ]);
    expect(matching({ types: ['book'] })).toEqual([]);
    const label = createLabel(review.deps, projectId, review.owner, { name: 'Seminal', colour: '#123456' });
    labelRecord(review.deps, projectId, review.owner, { recordId: ids.pending, labelId: label.id });
    labelRecord(review.deps, projectId, review.alice, { recordId: ids.copy, labelId: label.id });
    expect(matching({ labelIds: [label.id] })).toEqual([ids.pending, ids.copy]);
    expect(matching({ labelIds: [label.id], sourceKinds: ['other'] })).toEqual([ids.copy]);
  });

  it.each<[string, number[] | ((i: typeof ids) => number[])]>([
    ['statins', (i) => [i.included, i.excludedTa, i.old, i.copy]],
    ['STATIN', (i) => [i.included, i.excludedTa, i.old, i.copy]],
    ['statins memory', (i) => [i.included, i.old, i.copy]],
    // authors, keywords, abstract and DOI are searched too
    ['diaz', (i) => [i.excludedFt]],
    ['animal', (i) => [i.excludedTa]],
    ['cohort', (i) => [i.included]],
    ['10.1234/asp', (i) => [i.resolvedOut]],
    ['cogn', (i) => [i.resolvedOut, i.pending]],
    ['"', []],
  ])('searches %j', (q, expected) => {
    const want = typeof expected === 'function' ? expected(ids) : expected;
    expect(matching({ q })).toEqual(want);
    // with conditions on the records and on the outcomes, read alongside the index
    for (const statuses of RECORD_STATUSES.map((status) => [status]))
      expect(matching({ q, statuses, yearFrom: 1900 })).toEqual(
        want.filter((id) => statuses.includes(statusOf(id).status)),
      );
  });

  const sortKey = (id: number, sort: RecordSort): string | number => {
    const row = db
      .prepare(
        "SELECT id, source_id, ifnull(year, 0) AS year, ifnull(title, '') AS title, substr(authors_json, 1, 100) AS author FROM records WHERE id = ?",
      )
      .get(id) as { id: number; source_id: number; year: number; title: string; author: string };
    const value = {
      id: row.id,
      year: row.year,
      title: row.title.toLowerCase(),
      author: row.author.toLowerCase(),
      source: row.source_id,
    }[sort.key];
    return value;
  };

  it.each(SORT_KEYS.flatMap((key) => (['asc', 'desc'] as const).map((dir) => ({ key, dir }))))(
    'pages through every record once sorted by %j, by cursor and by offset alike',
    (sort) => {
      const expected = [...all].sort((a, b) => {
        const [x, y] = [sortKey(a, sort), sortKey(b, sort)];
        const order = x < y ? -1 : x > y ? 1 : a - b;
        return sort.dir === 'asc' ? order : -order;
      });
      const byCursor: number[] = [];
      let cursor = null;
      for (let guard = 0; guard < 20; guard++) {
        const page = listMatchingRecords(db, projectId, { filter: {}, sort, limit: 3, cursor });
        expect(page.total).toBe(all.length);
        byCursor.push(...page.items.map((r) => r.id));
        if (!page.next) break;
        cursor = page.next;
      }
      expect(byCursor).toEqual(expected);
      const byOffset = [0, 3, 6].flatMap((offset) =>
        listMatchingRecords(db, projectId, { filter: {}, sort, limit: 3, offset }).items.map((r) => r.id),
      );
      expect(byOffset).toEqual(expected);
    },
  );
});

describe('the full-text index', () => {
  it('follows inserts, changes and deletions of records', () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const [id] = seedRecords(db, projectId, seedSource(db, projectId), [{ title: 'Bilberry extract' }]);
    const find = (q: string) => matchingRecordIds(db, projectId, { q });
    expect(find('bilberry')).toEqual([id]);
    db.prepare('UPDATE records SET title = ? WHERE id = ?').run('Cranberry juice', id);
    expect(find('bilberry')).toEqual([]);
    expect(find('cranberry')).toEqual([id]);
    db.prepare('DELETE FROM records WHERE id = ?').run(id);
    expect(find('cranberry')).toEqual([]);
    // FTS5's own check of an external-content index against its table throws when they differ.
    expect(() =>
      db.prepare("INSERT INTO records_fts (records_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
  });

  it('holds the records imported before migration 0011 (back-filled)', () => {
    const dir = tempDir();
    try {
      const old = path.join(dir, 'migrations');
      fs.mkdirSync(old);
      for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '0011'))
        fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(old, f));
      const file = path.join(dir, 'old.sqlite');
      const before = openDatabase(file, { migrationsDir: old });
      const projectId = seedProject(before);
      const [id] = seedRecords(before, projectId, seedSource(before, projectId), [
        { title: 'Lingonberry trial', authors: ['Aalto, K'], keywords: ['berries'] },
      ]);
      before.close();
      const after = openDatabase(file);
      expect(matchingRecordIds(after, projectId, { q: 'lingonberry aalto berries' })).toEqual([id]);
      after.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
