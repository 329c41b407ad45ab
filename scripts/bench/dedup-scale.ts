/**
 * Run time of deduplication at 10k–100k synthetic records: the pure matcher and the whole service
 * on SQLite, beside two references timed in the same run (an exact-DOI grouping pass, and a pass
 * that normalises every title, journal and author — CPU work the matcher's changes do not touch),
 * and beside the matcher's figure before issue 14 (its CPU time over the same reference).
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/connection';
import { planDeduplication } from '../../server/domain/dedup/engine';
import { evaluate, type LabelledSet } from '../../server/domain/dedup/labelled';
import { normaliseText } from '../../server/domain/dedup/text';
import type { DedupRecord } from '../../server/domain/dedup/types';
import { runDedup } from '../../server/services/dedup';
import { readLabelledSet } from '../../tests/support/labelled-sets';
import { f4, readBaseline } from './dedup-accuracy';
import { synthesiseProject } from './dedup-synth';

const SIZES = (process.env.DEDUP_BENCH_SIZES ?? '10000,25000,50000,100000').split(',').map(Number);

/** CPU figures per size, for the baseline file. */
export interface ScaleFigure {
  records: number;
  engineCpuMs: number;
  referenceCpuMs: number;
}

/** The second reference: normalise every title, journal and author string (pure CPU, independent of the matcher). */
function normalisationPass(records: DedupRecord[]): number {
  let letters = 0;
  for (const r of records) {
    letters += normaliseText(r.title).length + normaliseText(r.journal).length;
    for (const a of r.authors) letters += normaliseText(a).length;
  }
  return letters;
}

/** The reference: group records by exact DOI only (what a naive tool does). */
function exactDoiPass(records: DedupRecord[]): number {
  const groups = new Map<string, number>();
  for (const r of records) {
    const doi = r.doi?.trim().toLowerCase();
    if (doi) groups.set(doi, (groups.get(doi) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const n of groups.values()) duplicates += n - 1;
  return duplicates;
}

function templatesFromCorpus(bibDedupeDir: string): DedupRecord[] {
  const templates: DedupRecord[] = [];
  for (const name of ['cytology_screening', 'haematology', 'respiratory', 'stroke']) {
    const folder = path.join(bibDedupeDir, name);
    if (fs.existsSync(folder))
      templates.push(...readLabelledSet(folder).records.filter((r) => r.title && r.authors.length));
  }
  return templates;
}

function seedDatabase(file: string, records: DedupRecord[]): number {
  const db = openDatabase(file);
  const now = new Date().toISOString();
  const projectId = Number(
    db.prepare("INSERT INTO projects (name, created_at) VALUES ('bench', ?)").run(now).lastInsertRowid,
  );
  const sourceId = Number(
    db
      .prepare(
        "INSERT INTO sources (project_id, name, kind, imported_at) VALUES (?, 'synthetic', 'database', ?)",
      )
      .run(projectId, now).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO records (project_id, source_id, position, title, authors_json, year, journal, volume, issue, pages, doi, abstract, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    records.forEach((r, i) =>
      insert.run(
        projectId,
        sourceId,
        i + 1,
        r.title,
        JSON.stringify(r.authors),
        r.year,
        r.journal,
        r.volume,
        r.issue,
        r.pages,
        r.doi,
        r.abstract,
        now,
      ),
    );
  })();
  db.close();
  return projectId;
}

export function scaleSection(bibDedupeDir: string): { markdown: string; figures: ScaleFigure[] } {
  const templates = templatesFromCorpus(bibDedupeDir);
  if (templates.length === 0)
    return { markdown: 'Skipped: no template records found in the corpus.', figures: [] };
  const figures: ScaleFigure[] = [];
  const before = new Map((readBaseline()?.scale ?? []).map((f) => [f.records, f]));
  const rows: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-bench-dedup-'));
  try {
    for (const size of SIZES) {
      const project = synthesiseProject(templates, size);
      const t0 = performance.now();
      const doiDuplicates = exactDoiPass(project.records);
      const doiMs = performance.now() - t0;
      const cpu0 = process.cpuUsage();
      normalisationPass(project.records);
      const referenceCpuMs = cpuMs(process.cpuUsage(cpu0));
      const t1 = performance.now();
      const cpu1 = process.cpuUsage();
      const plan = planDeduplication(project.records);
      const engineMs = performance.now() - t1;
      const engineCpuMs = cpuMs(process.cpuUsage(cpu1));
      figures.push({ records: size, engineCpuMs, referenceCpuMs });
      const old = before.get(size);
      const ratio = engineCpuMs / referenceCpuMs;
      const ratioText = old
        ? `${(old.engineCpuMs / old.referenceCpuMs).toFixed(1)}× → ${ratio.toFixed(1)}×`
        : `${ratio.toFixed(1)}×`;

      const fakeSet: LabelledSet = {
        name: `synthetic-${size}`,
        records: project.records,
        labels: project.records.map((r) => String(r.id)),
        parts: project.records.map(() => ''),
        truth: [
          ...groupBy(
            project.records.map((r) => r.id),
            project.workOf,
          ).values(),
        ]
          .filter((g) => g.length > 1)
          .map((g) => g.map(String)),
      };
      const c = evaluate(
        fakeSet,
        plan.merged.map((g) => g.recordIds),
      );

      const file = path.join(dir, `bench-${size}.sqlite`);
      const projectId = seedDatabase(file, project.records);
      const db = new Database(file);
      db.close();
      const serviceDb = openDatabase(file);
      const t2 = performance.now();
      const cpu2 = process.cpuUsage();
      const summary = runDedup(serviceDb, projectId, () => new Date());
      const serviceMs = performance.now() - t2;
      const serviceCpuMs = cpuMs(process.cpuUsage(cpu2));
      serviceDb.close();

      rows.push(
        `| ${size.toLocaleString('en')} | ${plan.comparisons.toLocaleString('en')} | ${(engineMs / 1000).toFixed(2)} s (${(engineCpuMs / 1000).toFixed(2)} s) | ` +
          `${(serviceMs / 1000).toFixed(2)} s (${(serviceCpuMs / 1000).toFixed(2)} s) | ` +
          `${doiMs.toFixed(0)} ms | ${(engineMs / doiMs).toFixed(0)}× | ${(referenceCpuMs / 1000).toFixed(2)} s | ${ratioText} | ${((serviceCpuMs / size) * 1000).toFixed(0)} µs | ` +
          `${summary.duplicates} (DOI only: ${doiDuplicates}) | ${f4(c.tp / (c.tp + c.fn))} | ${c.falseMergePairs} |`,
      );
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const markdown = [
    `Synthetic projects built from ${templates.length.toLocaleString('en')} real records of the labelled sets (seeded, reproducible): each work recombines two real titles; about a third get 1–3 copies with typos, case changes, a trailing full stop or language tag, missing DOI/abstract/pages/volume, abbreviated journals, "Family G" authors, short page ranges, or a year off by one. "engine" is the pure matcher; "service" is \`runDedup\` on a SQLite file (read records, match, write clusters, decisions and \`duplicate_of\`, one transaction). References in the same process: the exact-DOI grouping pass, and a normalisation pass over every title, journal and author (CPU work the matcher's changes do not touch); "engine CPU / normalisation" before → after compares the matcher with its figure before issue 14 (\`scripts/bench/dedup-baseline.json\`, measured the same way).`,
    '',
    'Times are wall clock with CPU time in brackets (one thread; the CPU time is what the 30 s budget "on one core" means when other work shares the machine).',
    '',
    '| records | comparisons | engine | service (end to end) | exact-DOI pass | engine / DOI pass | normalisation pass (CPU) | engine CPU / normalisation | service CPU per record | duplicates merged | recall vs. truth | false merges |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  return { markdown, figures };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function groupBy(ids: number[], keys: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  ids.forEach((id, i) => {
    const key = keys[i]!;
    out.set(key, [...(out.get(key) ?? []), id]);
  });
  return out;
}
