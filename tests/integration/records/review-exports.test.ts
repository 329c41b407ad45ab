import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../../server/app';
import type * as Api from '../../../server/api/types';
import type { Db } from '../../../server/db/connection';
import { parseFile } from '../../../server/domain/import';
import { sheetRows } from '../../../server/domain/import/xlsx';
import { readZipEntry, zipEntries } from '../../../server/domain/import/zip';
import type { Stage } from '../../../server/domain/screening/types';
import { runBulk } from '../../../server/services/bulk';
import { runDedup } from '../../../server/services/dedup';
import { markNotRetrievable, setLink } from '../../../server/services/fulltext';
import { importFile } from '../../../server/services/import';
import { addRecordNote, createLabel, labelRecord } from '../../../server/services/labels';
import { projectPrisma } from '../../../server/services/prisma';
import { recordList } from '../../../server/services/records';
import { decide, resolve, unblind } from '../../../server/services/screening';
import { createMember, loginAgent } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { importDeps } from '../../support/imports';
import { flowViolations } from '../../support/prisma';
import { tickingClock } from '../../support/records';

/**
 * Issue 16, "must show": a review through import, deduplication, dual screening, a resolution,
 * full text and a bulk date exclusion; then every export format read back with our own readers.
 * Every decision is in the exports, a Zotero-style RIS round trip keeps the status and the Sift
 * id, and the PRISMA diagram counts the bulk exclusion.
 */

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'import');

/**
 * What Zotero keeps of a RIS reference on import and writes back on export (zotero/translators,
 * RIS.js `fieldMap`: AB, AN, CN, DB, DO, DP, IS, J2, KW → tags, N1 → notes, ST, UR, TI, T2, AU,
 * PY, DA, SN, SP/EP, VL, LA, … ): a round trip through Zotero drops any other tag.
 */
const ZOTERO_KEEPS = new Set([
  'TY',
  'TI',
  'T1',
  'T2',
  'T3',
  'AU',
  'A2',
  'A3',
  'PY',
  'DA',
  'Y1',
  'JO',
  'JF',
  'J2',
  'VL',
  'IS',
  'SP',
  'EP',
  'SN',
  'DO',
  'UR',
  'AB',
  'N2',
  'KW',
  'N1',
  'LA',
  'DB',
  'DP',
  'AN',
  'CN',
  'PB',
  'CY',
  'ST',
  'ER',
]);

function zoteroRoundTrip(ris: string): string {
  return ris
    .split('\r\n')
    .filter((line) => !/^[A-Z][A-Z0-9] {2}- /.test(line) || ZOTERO_KEEPS.has(line.slice(0, 2)))
    .join('\r\n');
}

/** A record's outcome and the standing votes on it, as the database has them (the truth the exports must tell). */
interface Truth {
  outcome: Api.RecordOutcome;
  votes: Map<string, string>;
}

function truthOf(db: Db, projectId: number, owner: { userId: number; role: 'owner' }): Map<number, Truth> {
  const out = new Map<number, Truth>();
  const items = recordList(db, projectId, owner, { filter: {}, limit: 500 }).items;
  for (const item of items) out.set(item.id, { outcome: item.outcome!, votes: new Map() });
  const votes = db
    .prepare(
      `SELECT v.record_id AS id, v.stage, u.username, v.decision, v.reason FROM screening_votes v
         JOIN users u ON u.id = v.user_id WHERE v.project_id = ?`,
    )
    .all(projectId) as {
    id: number;
    stage: Stage;
    username: string;
    decision: string;
    reason: string | null;
  }[];
  for (const v of votes)
    out
      .get(v.id)!
      .votes.set(`${v.stage}_vote_${v.username}`, v.reason ? `${v.decision}: ${v.reason}` : v.decision);
  return out;
}

describe('a review from import to exports', () => {
  const db = openTestDb();
  const clock = tickingClock();
  const deps = { db, clock };
  const projectId = seedProject(db, 'Spaniels');
  const member = (username: string, role: 'owner' | 'reviewer') => ({
    userId: createMember(db, projectId, username, role),
    role,
  });
  const owner = member('owner', 'owner') as { userId: number; role: 'owner' };
  const alice = member('alice', 'reviewer');
  const bob = member('bob', 'reviewer');
  const app = createApp({ db, clock, uploadsDir: '/nonexistent' });
  let removed: number;

  beforeAll(async () => {
    const read = (file: string) => fs.readFileSync(path.join(FIXTURES, file));
    await importFile(importDeps(db, clock), projectId, {
      fileName: 'scopus.ris',
      bytes: read('ris/spaniels_zotero_50.ris'),
      source: { name: 'Scopus', kind: 'database' },
    });
    await importFile(importDeps(db, clock), projectId, {
      fileName: 'citations.bib',
      bytes: read('bibtex/spaniels_zotero_50.bib'),
      source: { name: 'Citation searching', kind: 'other' },
    });
    runDedup(db, projectId, clock);

    // dual screening of the recent records, one conflict resolved by the owner
    const kept = db
      .prepare(
        'SELECT id FROM records WHERE project_id = ? AND duplicate_of IS NULL AND year >= 2015 ORDER BY id',
      )
      .pluck()
      .all(projectId) as number[];
    const both = (recordId: number, stage: Stage, decision: 'include' | 'exclude', reason?: string) => {
      decide(deps, projectId, alice, {
        recordId,
        stage,
        decision,
        reason: reason ?? null,
        note: 'first read',
      });
      decide(deps, projectId, bob, { recordId, stage, decision, reason: reason ?? null });
    };
    const [conflict, outA, outB, ...rest] = kept;
    decide(deps, projectId, alice, { recordId: conflict!, stage: 'title_abstract', decision: 'include' });
    decide(deps, projectId, bob, {
      recordId: conflict!,
      stage: 'title_abstract',
      decision: 'exclude',
      reason: 'Not about dogs',
    });
    resolve(deps, projectId, owner, {
      recordId: conflict!,
      stage: 'title_abstract',
      decision: 'exclude',
      reason: 'Not about dogs',
    });
    both(outA!, 'title_abstract', 'exclude', 'Wrong population');
    both(outB!, 'title_abstract', 'exclude');
    for (const id of rest) both(id, 'title_abstract', 'include');
    unblind(db, projectId, owner, 'title_abstract');

    // full text: one report not retrievable, the others retrieved and decided, one conflict resolved
    const [lost, ftConflict, ...assessed] = rest;
    markNotRetrievable(deps, projectId, owner, { recordId: lost! });
    for (const id of [ftConflict!, ...assessed])
      setLink(deps, projectId, owner, id, `https://example.org/${id}.pdf`);
    decide(deps, projectId, alice, { recordId: ftConflict!, stage: 'full_text', decision: 'include' });
    decide(deps, projectId, bob, {
      recordId: ftConflict!,
      stage: 'full_text',
      decision: 'exclude',
      reason: 'Wrong outcome',
    });
    resolve(deps, projectId, owner, { recordId: ftConflict!, stage: 'full_text', decision: 'include' });
    assessed.forEach((id, i) =>
      i % 2 === 0 ? both(id, 'full_text', 'include') : both(id, 'full_text', 'exclude', 'Wrong study design'),
    );

    // labels and notes
    const key = createLabel(deps, projectId, owner, { name: 'Key paper', colour: '#aa0011' });
    labelRecord(deps, projectId, alice, { recordId: ftConflict!, labelId: key.id });
    addRecordNote(deps, projectId, bob, { recordId: ftConflict!, text: 'Discussed, = included' });

    // the review was limited to recent research: the unscreened older records go before screening
    const bulk = runBulk(deps, projectId, owner, {
      filter: { yearTo: 2009 },
      action: { kind: 'exclude', reason: 'Outside the date range' },
    });
    removed = bulk.changed;
  });

  it('has done what it set out to (the review is not trivially small)', () => {
    const statuses = new Map<string, number>();
    for (const t of truthOf(db, projectId, owner).values())
      statuses.set(t.outcome.status, (statuses.get(t.outcome.status) ?? 0) + 1);
    expect(removed).toBeGreaterThan(10);
    for (const status of ['pending', 'included', 'excluded', 'duplicate', 'not_retrieved'])
      expect({ status, some: (statuses.get(status) ?? 0) > 0 }).toEqual({ status, some: true });
  });

  it('counts the bulk exclusion in the PRISMA diagram as records removed before screening', () => {
    const prisma = projectPrisma(db, projectId);
    const fromDatabases = db
      .prepare(
        `SELECT COUNT(*) FROM record_removals x JOIN records r ON r.id = x.record_id JOIN sources s ON s.id = r.source_id
          WHERE x.project_id = ? AND s.kind = 'database'`,
      )
      .pluck()
      .get(projectId) as number;
    expect(prisma.model.excluded_other).toBe(fromDatabases);
    expect(prisma.model.excluded_other! + (prisma.model.other_excluded_other ?? 0)).toBe(removed);
    expect(prisma.model.excluded_other_reasons).toEqual([
      { name: 'Outside the date range', n: fromDatabases },
    ]);
    expect(flowViolations(prisma)).toEqual([]);
  });

  it('writes every decision into the CSV and the XLSX, which read back alike', async () => {
    const agent = (await loginAgent(app, 'owner')).agent;
    const truth = truthOf(db, projectId, owner);
    const csv = (await agent.get(`/api/projects/${projectId}/export.csv`).expect(200)).text;
    const csvRows = parseFile(Buffer.from(csv, 'utf8'), 'export.csv').records.map((r) =>
      Object.fromEntries(r.raw),
    );
    const xlsx = await agent
      .get(`/api/projects/${projectId}/export.xlsx`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('content-type', /spreadsheetml/);
    const bytes = xlsx.body as Buffer;
    const sheet = new TextDecoder().decode(
      readZipEntry(bytes, zipEntries(bytes).get('xl/worksheets/sheet1.xml')!, 1e8),
    );
    const [header, ...cells] = sheetRows(sheet, []).map((r) => r.cells);
    const xlsxRows = cells.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
    expect(csvRows).toHaveLength(truth.size);
    expect(xlsxRows).toHaveLength(truth.size);
    const voteColumns = header!.filter((h) => h.includes('_vote_'));
    expect(voteColumns.sort()).toEqual([
      'full_text_vote_alice',
      'full_text_vote_bob',
      'title_abstract_vote_alice',
      'title_abstract_vote_bob',
    ]);
    for (const rows of [csvRows, xlsxRows]) {
      for (const row of rows) {
        const t = truth.get(Number(row.id))!;
        const said = {
          id: Number(row.id),
          status: row.status,
          stage: row.stage ?? '',
          reason: row.exclusion_reason ?? '',
          votes: Object.fromEntries(voteColumns.map((c) => [c, row[c] ?? '']).filter(([, v]) => v !== '')),
        };
        expect(said).toEqual({
          id: Number(row.id),
          status: t.outcome.status,
          stage: t.outcome.stage ?? '',
          reason: t.outcome.reason ?? '',
          votes: Object.fromEntries(t.votes),
        });
      }
    }
    const labelled = csvRows.find((r) => r.labels === 'Key paper')!;
    // labels and notes travel too: "author (date): text"
    expect(labelled.notes).toMatch(/^bob \(\d{4}-\d\d-\d\d\): Discussed, = included$/);
    expect(xlsxRows.find((r) => r.id === labelled.id)!.notes).toBe(labelled.notes);
    expect(csvRows.filter((r) => r.removed_before_screening === 'Outside the date range')).toHaveLength(
      removed,
    );
  });

  it('keeps the Sift id and status through a Zotero-style RIS round trip', async () => {
    const agent = (await loginAgent(app, 'owner')).agent;
    const truth = truthOf(db, projectId, owner);
    const ris = (await agent.get(`/api/projects/${projectId}/export.ris`).expect(200)).text;
    const back = parseFile(Buffer.from(zoteroRoundTrip(ris), 'utf8'), 'from-zotero.ris');
    expect(back.format).toBe('ris');
    expect(back.records).toHaveLength(truth.size);
    for (const record of back.records) {
      const note = record.raw.find(([tag, value]) => tag === 'N1' && value.startsWith('Sift record '))![1];
      const id = Number(/^Sift record (\d+)/.exec(note)![1]);
      const { status } = truth.get(id)!.outcome;
      expect({ id, status: /status: ([a-z_]+)/.exec(note)?.[1] }).toEqual({ id, status });
      expect(record.keywords).toContain(`Sift: ${status}`);
    }
    // imported again, into a new project, the note and the tag are there for a reviewer to read
    const other = seedProject(db, 'Write-up');
    await importFile(importDeps(db, clock), other, {
      fileName: 'zotero.ris',
      bytes: Buffer.from(zoteroRoundTrip(ris)),
      source: { name: 'Zotero', kind: 'other' },
    });
    const keywords = db
      .prepare('SELECT keywords_json FROM records WHERE project_id = ?')
      .pluck()
      .all(other)
      .map((k) => JSON.parse(k as string) as string[]);
    const statuses = [...truth.values()].map((t) => t.outcome.status);
    for (const status of ['included', 'excluded', 'pending', 'duplicate', 'not_retrieved'])
      expect({ status, n: keywords.filter((k) => k.includes(`Sift: ${status}`)).length }).toEqual({
        status,
        n: statuses.filter((s) => s === status).length,
      });
  });

  it('writes RIS and BibTeX of a filtered set (the included studies) with their status', async () => {
    const agent = (await loginAgent(app, 'owner')).agent;
    const truth = truthOf(db, projectId, owner);
    const included = [...truth].filter(([, t]) => t.outcome.status === 'included').map(([id]) => id);
    const ris = (await agent.get(`/api/projects/${projectId}/export.ris?status=included`).expect(200)).text;
    const risBack = parseFile(Buffer.from(ris, 'utf8'), 'included.ris').records;
    expect(
      risBack.map((r) =>
        Number(/^Sift record (\d+)/.exec(r.raw.find(([t, v]) => t === 'N1' && v.startsWith('Sift'))![1])![1]),
      ),
    ).toEqual(included);
    const bib = (await agent.get(`/api/projects/${projectId}/export.bib?status=included`).expect(200)).text;
    const bibBack = parseFile(Buffer.from(bib, 'utf8'), 'included.bib');
    expect(bibBack.format).toBe('bibtex');
    expect(bibBack.records.map((r) => Number(Object.fromEntries(r.raw).sift_id))).toEqual(included);
    for (const record of bibBack.records) {
      const fields = Object.fromEntries(record.raw);
      expect(fields.sift_status).toBe('included');
      expect(fields.note).toMatch(/Sift record \d+; .*status: included/);
      expect(record.keywords).toContain('Sift: included');
    }
  });
});
