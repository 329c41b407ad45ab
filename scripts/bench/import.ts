/**
 * bench:import — end-to-end import (read, decode, sniff, parse, store) of a large RIS file built
 * from real corpus exports, against a bare prepared-statement insert of the same rows in the same run.
 * Each measurement runs in its own child process so that its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/connection';
import { parseFile } from '../../server/domain/import';
import { insertStatement, recordParams } from '../../server/db/repos/records';
import { importFiles } from '../../server/services/import';
import { DEFAULT_IMPORT_BUDGET } from '../../server/services/import-budget';
import { ImportPool } from '../../server/services/import-pool';
import { CORPUS, RIS_SEEDS as SEEDS } from './corpus';
import { median, writeBenchmarkSection } from './report';

const TARGET_RECORDS = 100_000;
const RUNS = 3;

interface Measurement {
  ms: number;
  /** CPU time (user + system) over the timed part: less sensitive than wall time to a busy machine. */
  cpuMs: number;
  records: number;
  maxRssMb: number;
}

/** Concatenates the seed files (BOM dropped, line ends made LF) until the target record count. */
function buildLargeRis(file: string): number {
  const seeds = SEEDS.map((seed) => {
    const text = fs
      .readFileSync(path.join(CORPUS, seed), 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n');
    return { text: `${text.trimEnd()}\n\n`, records: (text.match(/^TY {2}-/gm) ?? []).length };
  });
  const out = fs.openSync(file, 'w');
  let records = 0;
  try {
    while (records < TARGET_RECORDS) {
      for (const seed of seeds) {
        fs.writeSync(out, seed.text);
        records += seed.records;
      }
    }
  } finally {
    fs.closeSync(out);
  }
  return records;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Child: the real import path as `sift import` runs it: the bytes read, then importFiles, which
 * reads the file in a worker thread (the import pool, default budget) and stores its records in
 * one transaction. Timed to the commit.
 */
async function runImport(file: string, dbFile: string): Promise<Measurement> {
  const db = openDatabase(dbFile);
  const projectId = Number(
    db.prepare(`INSERT INTO projects (name, created_at) VALUES ('bench', ?)`).run(new Date().toISOString())
      .lastInsertRowid,
  );
  const imports = new ImportPool(DEFAULT_IMPORT_BUDGET);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const [result] = await importFiles({ db, clock: () => new Date(), imports }, projectId, {
    source: { name: 'bench', kind: 'database' },
    files: [{ fileName: path.basename(file), bytes: fs.readFileSync(file) }],
  });
  const ms = performance.now() - start;
  const cpuMs = cpuMsSince(cpu);
  await imports.close();
  db.close();
  return { ms, cpuMs, records: result!.records, maxRssMb: peakRssMb() };
}

/** Child: the reference — the same rows (parsed beforehand, untimed) through one bare prepared INSERT. */
function runBareInsert(file: string, dbFile: string): Measurement {
  const db = openDatabase(dbFile);
  const projectId = Number(
    db.prepare(`INSERT INTO projects (name, created_at) VALUES ('bench', ?)`).run(new Date().toISOString())
      .lastInsertRowid,
  );
  const sourceId = Number(
    db
      .prepare(`INSERT INTO sources (project_id, name, kind, imported_at) VALUES (?, 'bench', 'database', ?)`)
      .run(projectId, new Date().toISOString()).lastInsertRowid,
  );
  const { records } = parseFile(fs.readFileSync(file), path.basename(file));
  const rows = records.map((r, i) => recordParams(projectId, sourceId, i + 1, r, 'now'));
  const insert = insertStatement(db);
  const cpu = process.cpuUsage();
  const start = performance.now();
  db.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  const ms = performance.now() - start;
  db.close();
  return { ms, cpuMs: cpuMsSince(cpu), records: rows.length, maxRssMb: peakRssMb() };
}

function child(kind: 'import' | 'bare', file: string, dir: string, run: number): Measurement {
  const dbFile = path.join(dir, `${kind}-${run}.sqlite`);
  const result = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--child', kind, file, dbFile],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (result.status !== 0) throw new Error(`bench child ${kind} failed:\n${result.stderr}`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Measurement;
}

async function main(): Promise<void> {
  const [flag, kind, file, dbFile] = process.argv.slice(2);
  if (flag === '--child') {
    const measured = kind === 'import' ? await runImport(file!, dbFile!) : runBareInsert(file!, dbFile!);
    process.stdout.write(`${JSON.stringify(measured)}\n`);
    return;
  }
  const missing = SEEDS.filter((seed) => !fs.existsSync(path.join(CORPUS, seed)));
  if (missing.length > 0) {
    console.log(`bench:import skipped: the corpus is not at ${CORPUS} (missing ${missing.join(', ')})`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-bench-import-'));
  try {
    const ris = path.join(dir, 'large.ris');
    const built = buildLargeRis(ris);
    const mb = fs.statSync(ris).size / 1e6;
    console.log(`built ${ris}: ${built} RIS records, ${mb.toFixed(1)} MB`);
    const loadBefore = os.loadavg()[0]!;
    const imports: Measurement[] = [];
    const bares: Measurement[] = [];
    for (let run = 0; run < RUNS; run++) {
      imports.push(child('import', ris, dir, run));
      bares.push(child('bare', ris, dir, run));
      console.log(
        `run ${run + 1}: import ${imports[run]!.ms.toFixed(0)} ms, bare insert ${bares[run]!.ms.toFixed(0)} ms`,
      );
    }
    const records = imports[0]!.records;
    if (records !== built) throw new Error(`imported ${records} records, the file holds ${built}`);
    const importMs = median(imports.map((m) => m.ms));
    const bareMs = median(bares.map((m) => m.ms));
    const rate = records / (importMs / 1000);
    const importCpu = median(imports.map((m) => m.cpuMs));
    const bareCpu = median(bares.map((m) => m.cpuMs));
    const cpuRate = records / (importCpu / 1000);
    const peak = Math.max(...imports.map((m) => m.maxRssMb));
    const body = [
      `Input: ${records.toLocaleString('en')} RIS records (${mb.toFixed(1)} MB) built by concatenating real exports from`,
      `\`shared/corpus\` (${SEEDS.map((s) => `\`${s}\``).join(', ')}); one file DB per run, median of ${RUNS} runs.`,
      `Machine load (1-min load average on ${os.cpus().length} CPUs): ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after.`,
      '',
      '| measure | end-to-end import (read + decode + sniff + parse in a worker thread + store) | reference: bare prepared INSERT of the same rows (parsed beforehand) |',
      '|---|---:|---:|',
      `| time (median) | ${(importMs / 1000).toFixed(2)} s | ${(bareMs / 1000).toFixed(2)} s |`,
      `| CPU time (median) | ${(importCpu / 1000).toFixed(2)} s | ${(bareCpu / 1000).toFixed(2)} s |`,
      `| records per CPU-second | ${Math.round(cpuRate).toLocaleString('en')} | ${Math.round(records / (bareCpu / 1000)).toLocaleString('en')} |`,
      `| records/s | ${Math.round(rate).toLocaleString('en')} | ${Math.round(records / (bareMs / 1000)).toLocaleString('en')} |`,
      `| peak RSS of the process | ${peak.toFixed(0)} MB | ${Math.max(...bares.map((m) => m.maxRssMb)).toFixed(0)} MB |`,
      '',
      `Ratio end-to-end / bare insert: **${(importMs / bareMs).toFixed(2)}×** wall, ` +
        `**${(importCpu / bareCpu).toFixed(2)}×** CPU. Goal: ≥ 20,000 records/s end to end on one core and peak RSS < 1 GB.`,
      `Wall clock: ${Math.round(rate).toLocaleString('en')} records/s (${rate >= 20000 ? 'met' : '**not met**'}); ` +
        `on CPU time, which a shared machine distorts less: ${Math.round(cpuRate).toLocaleString('en')} records per CPU-second ` +
        `(${cpuRate >= 20000 ? 'met' : '**not met**'}). Peak RSS ${peak.toFixed(0)} MB (${peak < 1024 ? 'met' : '**not met**'}).`,
    ].join('\n');
    console.log(body);
    writeBenchmarkSection('import', 'npm run bench:import', body);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
