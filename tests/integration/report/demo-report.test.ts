import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { openDatabase, type Db } from '../../../server/db/connection';
import { fillChecklist, PRISMA_2020_ITEMS, TO_BE_COMPLETED } from '../../../server/domain/report/checklist';
import type { PrismaModel } from '../../../server/domain/prisma/types';
import type { ReportDocument, Section } from '../../../server/domain/report/types';
import { buildDemo } from '../../../server/services/demo';
import { dedupSummary } from '../../../server/services/dedup';
import { projectPrisma } from '../../../server/services/prisma';
import { projectReport } from '../../../server/services/report';
import { coderNames, synthesisInput } from '../../../server/services/coding';
import { recordsOf } from '../../../server/db/repos/records';
import { parse } from 'csv-parse/sync';
import { authHeader, bearer, createMember } from '../../support/auth';
import { removeDir, sift, tempDir } from '../../support/cli';
import { seedProject } from '../../support/db';

const clock = () => new Date('2026-06-01T00:00:00Z');

/** DOCX (or HTML) → plain text with Debian's pandoc, one paragraph a line. */
function pandocText(file: string, from?: string): string {
  return execFileSync('pandoc', [...(from ? ['-f', from] : []), '-t', 'plain', '--wrap=none', file], {
    encoding: 'utf8',
  });
}

/** The PRISMA counts as the drafted text states them, read back with the sentences' own wording. */
function statedCounts(text: string): Partial<Record<keyof PrismaModel, number>> {
  const t = text.replace(/\s+/g, ' ');
  const n = (re: RegExp, group = 1): number => {
    const match = re.exec(t);
    if (!match) throw new Error(`no sentence matching ${re} in the report`);
    return Number(match[group]);
  };
  const sources =
    /The searches identified (\d+) records? from databases and (\d+) records? from citation searching/;
  const screened =
    /(\d+) records? (?:was|were) screened by title and abstract, and (\d+) of them were excluded/;
  const sought = /(\d+) reports? (?:was|were) sought for retrieval; (\d+) could not be retrieved/;
  const assessed =
    /(\d+) reports? (?:was|were) assessed for eligibility at full text, and (\d+) were excluded/;
  const included = /In all, (\d+) stud(?:y|ies) \((\d+) reports?\) were included/;
  return {
    database_results: n(sources, 1),
    citations_results: n(sources, 2),
    duplicates: n(/Before screening, (\d+) duplicate records? (?:was|were) removed/),
    records_screened: n(screened, 1),
    records_excluded: n(screened, 2),
    dbr_sought_reports: n(sought, 1),
    dbr_notretrieved_reports: n(sought, 2),
    dbr_assessed: n(assessed, 1),
    dbr_excluded: n(assessed, 2),
    other_duplicates: n(/From other methods, (\d+) duplicates? (?:was|were) removed/),
    new_studies: n(included, 1),
    new_reports: n(included, 2),
  };
}

function sectionsOf(doc: { sections: Section[] }): Section[] {
  return doc.sections.flatMap((s) => [s, ...sectionsOf(s)]);
}

/** The text between two headings of a plain-text rendering. */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(`\n${from}\n`);
  const end = text.indexOf(`\n${to}\n`, start + 1);
  if (start < 0 || end < 0) throw new Error(`no section "${from}" before "${to}"`);
  return text.slice(start + from.length + 2, end);
}

/** Whitespace folded, typographic quotes as typed (CSL styles curl them). */
const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim();

describe('the report drafted from the demo review', () => {
  let dir: string;
  let dbFile: string;
  let db: Db;
  let projectId: number;
  let model: PrismaModel;
  let doc: ReportDocument;
  let studies: { id: number; label: string }[];
  const out = (name: string) => path.join(dir, name);

  beforeAll(async () => {
    dir = tempDir('sift-report-');
    dbFile = out('demo.sqlite');
    db = openDatabase(dbFile);
    ({ projectId } = buildDemo({ db, clock }));
    model = projectPrisma(db, projectId).model;
    doc = projectReport(db, projectId, clock());
    const included = new Set(projectPrisma(db, projectId).trace.new_reports);
    studies = synthesisInput(db, projectId, coderNames(db)).studies.map((s) => ({
      id: s.id,
      label: s.label,
    }));
    // The studies the synthesis counts are the diagram's included studies, each by one of its reports.
    expect(studies).toHaveLength(model.new_studies!);
    expect(studies.every((s) => included.has(s.id))).toBe(true);
    const runs = [
      ['report', '--db', dbFile, '--format', 'docx', '--out', out('report.docx')],
      ['report', '--db', dbFile, '--format', 'html', '--out', out('report.html'), '--style', 'harvard'],
      ['report', '--db', dbFile, '--format', 'md', '--out', out('report.md'), '--style', 'vancouver'],
      ['report', 'checklist', '--db', dbFile, '--format', 'csv', '--out', out('checklist.csv')],
      ['report', 'checklist', '--db', dbFile, '--format', 'docx', '--out', out('checklist.docx')],
    ];
    for (const argv of runs) {
      const run = await sift(argv);
      expect({ argv, code: run.code, stderr: run.stderr }).toEqual({ argv, code: 0, stderr: '' });
    }
  });

  afterAll(() => {
    db.close();
    removeDir(dir);
  });

  it('states in every format the numbers of the PRISMA diagram', () => {
    const diagram = Object.fromEntries(
      Object.keys(statedCounts(pandocText(out('report.docx')))).map((k) => [
        k,
        model[k as keyof PrismaModel],
      ]),
    );
    // The demo has something in every box the sentences read (a zero would prove less).
    expect(Object.values(diagram).every((n) => typeof n === 'number' && n > 0)).toBe(true);
    expect(statedCounts(pandocText(out('report.docx')))).toEqual(diagram);
    expect(statedCounts(pandocText(out('report.html'), 'html'))).toEqual(diagram);
    expect(statedCounts(fs.readFileSync(out('report.md'), 'utf8'))).toEqual(diagram);
  });

  it('has one row per included study in the characteristics table (DOCX, Markdown; HTML in tests/e2e/report.test.ts)', () => {
    const header = /^\s*Study\s+Year\s+Country/m;
    const docxRows = (text: string) => {
      // pandoc draws a simple table: the header, a rule, then one line per row (cells never wrap at --wrap=none).
      const results = sectionsOf(doc).find((s) => s.id === 'results')!.sections;
      const next = results[results.findIndex((s) => s.id === 'study-characteristics') + 1]!.title;
      const part = between(text, 'Characteristics of included studies', next);
      const lines = part.split('\n');
      const at = lines.findIndex((l) => header.test(l));
      return lines.slice(at + 2).filter((l) => l.trim() && !/^[\s-]+$/.test(l));
    };
    const docx = docxRows(pandocText(out('report.docx')));
    expect(docx).toHaveLength(studies.length);
    for (const s of studies) expect(docx.some((l) => l.trimStart().startsWith(s.label))).toBe(true);
    const md = fs.readFileSync(out('report.md'), 'utf8');
    const mdTable = md.slice(
      md.indexOf('Table: Characteristics of included studies'),
      md.indexOf('<a id="', md.indexOf('Table: Characteristics of included studies')),
    );
    expect(mdTable.split('\n').filter((l) => l.startsWith('| ')).length - 1).toBe(studies.length);
  });

  it('lists every included study among the references, in each style', () => {
    const records = recordsOf(
      db,
      projectId,
      'citation',
      studies.map((s) => s.id),
    );
    const titles = records.map((r) => squash(r.title ?? '').slice(0, 40));
    const docxRefs = squash(
      between(pandocText(out('report.docx')), 'References of included studies', 'PRISMA 2020 checklist'),
    );
    const md = fs.readFileSync(out('report.md'), 'utf8').replace(/\\([\\`*_[\]<>|#])/g, '$1');
    const mdRefs = squash(
      md.slice(md.indexOf('## References of included studies'), md.indexOf('## PRISMA 2020 checklist')),
    );
    const htmlRefs = squash(
      between(
        pandocText(out('report.html'), 'html'),
        'References of included studies',
        'PRISMA 2020 checklist',
      ),
    );
    for (const title of titles) {
      expect({ title, apa: docxRefs.includes(title) }).toEqual({ title, apa: true });
      expect({ title, vancouver: mdRefs.includes(title) }).toEqual({ title, vancouver: true });
      expect({ title, harvard: htmlRefs.includes(title) }).toEqual({ title, harvard: true });
    }
    // Vancouver numbers one entry per study.
    const mdLines = md.slice(
      md.indexOf('## References of included studies'),
      md.indexOf('## PRISMA 2020 checklist'),
    );
    expect(mdLines.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(studies.length);
  });

  it('carries the diagram and the theme chart into the DOCX as images', () => {
    const names = fs.readFileSync(out('report.docx')).toString('latin1');
    expect(names.match(/word\/media\/[^\s"]+\.png/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('points every checklist item Sift drafts at a section the report holds, in every format', () => {
    const ids = new Set(sectionsOf(doc).map((s) => s.id));
    const entries = fillChecklist(doc);
    expect(entries).toHaveLength(PRISMA_2020_ITEMS.length);
    const drafted = entries.filter((e) => e.location.length > 0);
    // Methods, selection, appraisal, characteristics, references, synthesis: Sift drafts these from the demo.
    expect(drafted.map((e) => e.item)).toEqual(
      expect.arrayContaining([
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        '10b',
        '11',
        '13c',
        '13d',
        '16a',
        '16b',
        '17',
        '18',
      ]),
    );
    for (const e of drafted) for (const l of e.location) expect(ids.has(l.id)).toBe(true);

    const csv = parse(fs.readFileSync(out('checklist.csv'), 'utf8')) as string[][];
    expect(csv[0]).toEqual(['Section', 'Topic', 'Item', 'Checklist item', 'Location where reported']);
    expect(csv.slice(1).map((r) => r[2])).toEqual(PRISMA_2020_ITEMS.map((i) => i.item));
    const headings = new Set(
      pandocText(out('report.docx'))
        .split('\n')
        .map((l) => l.trim()),
    );
    for (const row of csv.slice(1)) {
      const location = row[4]!;
      if (location === TO_BE_COMPLETED) continue;
      // "Methods › Information sources; Results › …": each last title is a heading of the DOCX.
      for (const place of location.split('; '))
        expect({ place, heading: headings.has(place.split(' › ').pop()!) }).toEqual({ place, heading: true });
    }
    const checklistDocx = pandocText(out('checklist.docx'));
    expect(checklistDocx).toContain('Methods › Information sources');
    // Once per item left to the authors, and once in the sentence above the table.
    expect(checklistDocx.split(TO_BE_COMPLETED).length - 1).toBe(entries.length - drafted.length + 1);
  });

  it('counts deduplication as the dedup summary does (the demo merged automatically and left some for review)', () => {
    const counts = dedupSummary(db, projectId);
    const text = squash(pandocText(out('report.docx')));
    expect(text).toContain(`merged automatically (${counts.clusters} groups)`);
    expect(text).toContain(`${counts.review} candidate groups await a person's decision`);
  });

  it('says it is a draft for the authors to edit', () => {
    expect(squash(pandocText(out('report.docx')))).toContain(
      'It is a starting point for the authors to edit, check and complete.',
    );
  });
});

describe('the report over HTTP', () => {
  it('is refused to a reviewer while a stage is blind, and served to the owner in every format', async () => {
    const db = openDatabase(':memory:');
    const projectId = seedProject(db);
    createMember(db, projectId, 'olga', 'owner');
    createMember(db, projectId, 'rita', 'reviewer');
    const app = createApp({ db, clock });
    const base = `/api/projects/${projectId}/report`;
    const blind = await request(app)
      .get(`${base}.docx`)
      .set(...authHeader(bearer(db, 'rita')));
    expect(blind.status).toBe(403);
    expect(blind.body.error.details).toMatchObject({ reason: 'blind' });
    const owner = authHeader(bearer(db, 'olga'));
    const types: [string, RegExp][] = [
      ['', /application\/json/],
      ['.docx', /wordprocessingml/],
      ['.html', /text\/html/],
      ['.md', /text\/markdown/],
      ['/checklist.csv', /text\/csv/],
      ['/checklist.docx', /wordprocessingml/],
    ];
    for (const [suffix, type] of types) {
      const res = await request(app)
        .get(`${base}${suffix}?`)
        .set(...owner);
      expect({ suffix, status: res.status, type: type.test(String(res.headers['content-type'])) }).toEqual({
        suffix,
        status: 200,
        type: true,
      });
    }
    const vancouver = await request(app)
      .get(`${base}?style=vancouver`)
      .set(...owner);
    expect(vancouver.body).toMatchObject({ style: 'vancouver', draftedAt: '2026-06-01T00:00:00.000Z' });
    expect(
      (
        await request(app)
          .get(`${base}?style=mla`)
          .set(...owner)
      ).status,
    ).toBe(400);
    db.close();
  });
});
