/**
 * PRISMA diagram benchmark: a 100,000-record review with every count traced to its record ids.
 * Times computePrisma + renderPrismaSvg (goal: under 200 ms), the same from a real SQLite
 * database (prismaInputFor), and the PNG and PDF exports. The reference, timed in the same run,
 * is a JSON round trip of the same input: it touches the same 100k ids once, so the ratio says
 * how the diagram compares with merely copying its data on this machine.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../server/db/connection';
import { computePrisma } from '../../server/domain/prisma/compute';
import { renderPrismaSvg } from '../../server/domain/prisma/svg';
import type { PrismaInput } from '../../server/domain/prisma/types';
import { prismaPdf, prismaPng } from '../../server/services/prisma-export';
import { prismaInputFor } from '../../server/services/prisma-state';
import { median, writeBenchmarkSection } from './report';

const RUNS = 15;

/** Splits `ids` into consecutive parts of the given sizes (a partition, as a review's boxes are). */
function parts(ids: readonly number[], sizes: readonly number[]): number[][] {
  let at = 0;
  return sizes.map((size) => ids.slice(at, (at += size)));
}

const SOURCES: [string, 'database' | 'register' | 'other', number][] = [
  ['MEDLINE (Ovid)', 'database', 38_000],
  ['Embase (Elsevier)', 'database', 31_000],
  ['CENTRAL', 'database', 17_500],
  ['Web of Science Core Collection', 'database', 11_000],
  ['ClinicalTrials.gov', 'register', 1_700],
  ['WHO ICTRP', 'register', 300],
  ['Citation searching', 'other', 420],
  ['Agency websites', 'other', 80],
];

/** 100,000 records flowing through every box, each count carrying the ids of its records. */
function syntheticReview(): PrismaInput {
  let next = 1;
  const sources = SOURCES.map(([name, kind, n]) => ({
    name,
    kind,
    n,
    ids: Array.from({ length: n }, () => next++),
  }));
  const dbrIds = sources.filter((s) => s.kind !== 'other').flatMap((s) => s.ids);
  const otherIds = sources.filter((s) => s.kind === 'other').flatMap((s) => s.ids);
  const traced = (ids: number[]) => ({ n: ids.length, ids });
  const named = (names: string[], groups: number[][]) =>
    names.map((name, i) => ({ name, ...traced(groups[i]!) }));

  // Sift has no automation tools and removes nothing else before screening, so neither does the bench.
  const [duplicates, automation, removedOther, screened] = parts(dbrIds, [38_000, 0, 0, 61_500]);
  const [excluded, sought] = parts(screened!, [60_000, 1_500]);
  const screeningReasons = named(
    ['Not a trial', 'Wrong population', 'Wrong intervention', 'Wrong outcome', 'Animal study'],
    parts(excluded!, [25_000, 15_000, 10_000, 6_000, 4_000]),
  );
  const [notRetrieved, assessed] = parts(sought!, [60, 1_440]);
  const [ftExcluded, dbrIncluded] = parts(assessed!, [1_360, 80]);
  const ftReasons = named(
    [
      'Wrong population',
      'Wrong comparator',
      'Wrong outcome',
      'Not randomised',
      'Conference abstract only',
      'Duplicate publication',
      'Trial registration only',
      'Wrong setting',
    ],
    parts(ftExcluded!, [500, 300, 200, 150, 100, 50, 40, 20]),
  );
  const [otherNotRetrieved, otherAssessed] = parts(otherIds, [20, 480]);
  const [otherExcluded, otherIncluded] = parts(otherAssessed!, [400, 80]);
  const reports = [...dbrIncluded!, ...otherIncluded!];
  return {
    sources,
    removed: {
      duplicates: traced(duplicates!),
      automation: traced(automation!),
      other: traced(removedOther!),
    },
    screened: traced(screened!),
    screeningExcluded: { ...traced(excluded!), reasons: screeningReasons },
    databases: {
      sought: traced(sought!),
      notRetrieved: traced(notRetrieved!),
      assessed: traced(assessed!),
      excluded: { ...traced(ftExcluded!), reasons: ftReasons },
      included: traced(dbrIncluded!),
    },
    otherMethods: {
      // every other-methods record is a work of its own, sought straight away
      duplicates: traced([]),
      sought: traced(otherIds),
      notRetrieved: traced(otherNotRetrieved!),
      assessed: traced(otherAssessed!),
      excluded: {
        ...traced(otherExcluded!),
        reasons: [{ name: 'Not randomised', ...traced(otherExcluded!) }],
      },
      included: traced(otherIncluded!),
    },
    // several reports of one study: 160 reports of 130 studies
    included: { studies: traced(reports.slice(0, 130)), reports: traced(reports) },
    previous: { studies: { n: 45 }, reports: { n: 61 } },
  };
}

function time(fn: () => unknown, runs = RUNS): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * The same review in SQLite, decisions included: dedup's duplicate_of and screening's
 * projections (screening_state, fulltext_reports), as those areas' services leave them.
 */
function seedDatabase(review: PrismaInput): { db: ReturnType<typeof openDatabase>; projectId: number } {
  const db = openDatabase(':memory:');
  const now = '2026-01-01T00:00:00.000Z';
  const projectId = Number(
    db.prepare('INSERT INTO projects (name, created_at) VALUES (?, ?)').run('Bench review', now)
      .lastInsertRowid,
  );
  const userId = Number(
    db
      .prepare(
        'INSERT INTO users (username, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?)',
      )
      .run('bench', 'x', now, now).lastInsertRowid,
  );
  const insertSource = db.prepare(
    'INSERT INTO sources (project_id, name, kind, imported_at) VALUES (?, ?, ?, ?)',
  );
  const insertRecord = db.prepare(
    'INSERT INTO records (id, project_id, source_id, position, title, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const markDuplicate = db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?');
  const insertState = db.prepare(
    `INSERT INTO screening_state (record_id, stage, project_id, status, outcome, vote_count, exclusion_reason, updated_at)
     VALUES (?, ?, ?, 'agreed', ?, 2, ?, ?)`,
  );
  const insertReport = db.prepare(
    'INSERT INTO fulltext_reports (record_id, project_id, status, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  const ids = (count: { ids?: readonly number[] } | undefined) => count?.ids ?? [];
  db.transaction(() => {
    for (const source of review.sources) {
      const sourceId = insertSource.run(projectId, source.name, source.kind, now).lastInsertRowid;
      ids(source).forEach((id, i) => insertRecord.run(id, projectId, sourceId, i + 1, `Record ${id}`, now));
    }
    const primary = ids(review.screened)[0]!;
    for (const id of ids(review.removed?.duplicates)) markDuplicate.run(primary, id);
    for (const reason of review.screeningExcluded?.reasons ?? [])
      for (const id of ids(reason))
        insertState.run(id, 'title_abstract', projectId, 'exclude', reason.name, now);
    for (const column of [review.databases, review.otherMethods]) {
      for (const id of ids(column?.sought))
        insertState.run(id, 'title_abstract', projectId, 'include', null, now);
      for (const id of ids(column?.notRetrieved))
        insertReport.run(id, projectId, 'not_retrievable', userId, now);
      for (const id of ids(column?.assessed)) insertReport.run(id, projectId, 'retrieved', userId, now);
      for (const reason of column?.excluded?.reasons ?? [])
        for (const id of ids(reason))
          insertState.run(id, 'full_text', projectId, 'exclude', reason.name, now);
      for (const id of ids(column?.included))
        insertState.run(id, 'full_text', projectId, 'include', null, now);
    }
  })();
  return { db, projectId };
}

function main(): void {
  const input = syntheticReview();
  const traced = input.sources.reduce((a, s) => a + s.n, 0);

  const result = computePrisma(input);
  const svg = renderPrismaSvg(result);
  const computeMs = time(() => computePrisma(input));
  const svgMs = time(() => renderPrismaSvg(result));
  const bothMs = time(() => renderPrismaSvg(computePrisma(input)));
  const referenceMs = time(() => JSON.parse(JSON.stringify(input)));

  const { db, projectId } = seedDatabase(input);
  const fromDb = computePrisma(prismaInputFor(db, projectId));
  const fromDbMs = time(() => renderPrismaSvg(computePrisma(prismaInputFor(db, projectId))), 7);
  const dbRecords = (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
  const decisions = (db.prepare('SELECT COUNT(*) AS n FROM screening_state').get() as { n: number }).n;
  db.close();
  // The database path must draw the same diagram as the input it was seeded from (studies aside:
  // the seed links no reports into studies, so each report is its own study there).
  const {
    new_studies: _a,
    total_studies: _b,
    previous_studies: _c,
    previous_reports: _d,
    total_reports: _e,
    ...expected
  } = result.model;
  const {
    new_studies: _f,
    total_studies: _g,
    previous_studies: _h,
    previous_reports: _i,
    total_reports: _j,
    ...got
  } = fromDb.model;
  if (JSON.stringify(expected) !== JSON.stringify(got)) {
    throw new Error(
      `the SQLite path drew a different diagram:\n${JSON.stringify(expected)}\n${JSON.stringify(got)}`,
    );
  }

  const pngMs = time(() => prismaPng(svg), 5);
  const png = prismaPng(svg);
  let pdfBytes = 0;
  const pdfTimes: number[] = [];
  const runPdf = async () => {
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      const pdf = await prismaPdf(svg);
      if (i > 0) pdfTimes.push(performance.now() - start);
      pdfBytes = pdf.length;
    }
  };
  void runPdf().then(() => {
    const pdfMs = median(pdfTimes);
    const rows = [
      ['compute (computePrisma)', computeMs],
      ['render SVG', svgMs],
      ['**compute + render SVG**', bothMs],
      [
        `from SQLite: prismaInputFor + compute + SVG (${dbRecords.toLocaleString('en')} records, ${decisions.toLocaleString('en')} screening outcomes)`,
        fromDbMs,
      ],
      ['PNG export (resvg, 3× zoom)', pngMs],
      ['PDF export (pdfkit + svg-to-pdfkit, A4)', pdfMs],
      ['reference: JSON round trip of the same input', referenceMs],
    ] as const;
    const table = rows
      .map(([name, ms]) => `| ${name} | ${ms.toFixed(1)} | ${(ms / referenceMs).toFixed(2)} |`)
      .join('\n');
    const body = `A synthetic review of ${traced.toLocaleString('en')} identified records (4 databases, 2 registers, 2 other sources; an updated review with both columns), every count carrying the record ids behind it. Median of ${RUNS} runs after a warm-up (PNG 5, PDF 5, SQLite 7).

| step | median ms | × reference |
|---|---:|---:|
${table}

Goal: compute + render SVG under 200 ms — **${bothMs < 200 ? 'met' : 'NOT met'}** (${bothMs.toFixed(1)} ms). SVG ${Buffer.byteLength(svg).toLocaleString('en')} bytes; PNG ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px, ${png.length.toLocaleString('en')} bytes; PDF ${pdfBytes.toLocaleString('en')} bytes. Warnings on the synthetic review: ${result.warnings.length === 0 ? 'none' : result.warnings.map((w) => w.code).join(', ')}.`;
    process.stdout.write(`${body}\n`);
    writeBenchmarkSection('prisma', 'npm run bench:prisma', body);
  });
}

main();
