/**
 * Throughput of the import readers: parseFile() (decode, sniff, parse, normalise) on large
 * real exports, beside a reference pass over the same bytes that does the least any reader
 * must do (decode, split lines, match a tag regex — or csv-parse alone for tables).
 * Inputs are real corpus files repeated to a size where timing is stable.
 *
 *   npm run bench:import-parse
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseFile } from '../../server/domain/import';
import { median, writeBenchmarkSection } from './report';

const CORPUS = process.env.SIFT_CORPUS ?? '/work/shared/corpus';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Input {
  label: string;
  file: string;
  repeat: number;
  reference: (bytes: Uint8Array) => number;
}

/** Decode, split on any line end, match a tagged-line regex; returns the number of record starts. */
function taggedReference(tag: RegExp, start: string): (bytes: Uint8Array) => number {
  return (bytes) => {
    const text = new TextDecoder('utf-8').decode(bytes);
    let records = 0;
    for (const line of text.split(/\r\n|\r|\n/)) {
      const match = tag.exec(line);
      if (match && match[1] === start) records++;
    }
    return records;
  };
}

const INPUTS: Input[] = [
  {
    label: 'RIS — Zotero export of a PubMed search (ASySD spaniels, 1,000 records) × 50',
    file: 'formats/asysd-tests/spaniels/zotero_export.ris',
    repeat: 50,
    reference: taggedReference(/^([A-Z][A-Z0-9]) {2}- ?(.*)$/, 'TY'),
  },
  {
    label: 'RIS — Lens.org baseline (100 records, CRLF) × 200',
    file: 'formats/asreview-citation-file-formatting/RIS/_baseline.ris',
    repeat: 200,
    reference: taggedReference(/^([A-Z][A-Z0-9]) {2}- ?(.*)$/, 'TY'),
  },
  {
    label: 'MEDLINE — PubMed export (50 records) × 400',
    file: 'formats/asreview-citation-file-formatting/RIS/_baseline_pubmed.ris',
    repeat: 400,
    reference: taggedReference(/^([A-Z][A-Z0-9]{1,3}) {0,3}- ?(.*)$/, 'PMID'),
  },
  {
    label: 'WoS plain text — Zoological Record (134 records) × 100',
    file: 'formats/litsearchr-borealis/zoorec_WoS_plaintext_FNVR.txt',
    repeat: 100,
    reference: taggedReference(/^([A-Z][A-Z0-9])(?: (.*))?$/, 'PT'),
  },
  {
    label: 'CSV — bib-dedupe cytology screening set (1,856 rows) × 20',
    file: 'dedup/bib-dedupe/cytology_screening/records_pre_merged.csv',
    repeat: 20,
    reference: (bytes) => (parseCsv(new TextDecoder('utf-8').decode(bytes), { bom: true, relax_quotes: true, relax_column_count: true }) as unknown[]).length - 1,
  },
];

/** Repeats a file's records; a table keeps one header row. */
function repeated(bytes: Buffer, times: number, isTable: boolean): Buffer {
  if (!isTable) return Buffer.concat(Array.from({ length: times }, () => Buffer.concat([bytes, Buffer.from('\n')])));
  const text = bytes.toString('utf8');
  const headerEnd = text.indexOf('\n') + 1;
  const body = Buffer.from(text.slice(headerEnd).replace(/\n?$/, '\n'));
  return Buffer.concat([Buffer.from(text.slice(0, headerEnd)), ...Array.from({ length: times }, () => body)]);
}

/** Wall-clock and CPU milliseconds of one run (CPU time stays meaningful on a busy machine). */
function time(run: () => void): { wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: (used.user + used.system) / 1000 };
}

const loadBefore = os.loadavg()[0]!.toFixed(1);
const rows: string[] = [];
let skipped = 0;
for (const input of INPUTS) {
  const file = path.join(CORPUS, input.file);
  if (!fs.existsSync(file)) {
    console.log(`skip (not found): ${file}`);
    skipped++;
    continue;
  }
  const bytes = repeated(fs.readFileSync(file), input.repeat, file.endsWith('.csv'));
  const name = path.basename(file);
  let records = 0;
  let referenceRecords = 0;
  const parseTimes: { wall: number; cpu: number }[] = [];
  const referenceTimes: { wall: number; cpu: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    referenceTimes.push(time(() => (referenceRecords = input.reference(bytes))));
    parseTimes.push(time(() => (records = parseFile(bytes, name).records.length)));
  }
  if (records !== referenceRecords) throw new Error(`${name}: parseFile read ${records} records, the reference counted ${referenceRecords}`);
  const parseMs = median(parseTimes.map((t) => t.wall));
  const parseCpuMs = median(parseTimes.map((t) => t.cpu));
  const referenceMs = median(referenceTimes.map((t) => t.wall));
  const referenceCpuMs = median(referenceTimes.map((t) => t.cpu));
  const perSecond = Math.round(records / (parseMs / 1000));
  const perCpuSecond = Math.round(records / (parseCpuMs / 1000));
  const mb = bytes.length / 1e6;
  const row = `| ${input.label} | ${mb.toFixed(1)} | ${records.toLocaleString('en')} | ${parseMs.toFixed(0)} | ${perSecond.toLocaleString('en')} | ${perCpuSecond.toLocaleString('en')} | ${(mb / (parseMs / 1000)).toFixed(1)} | ${referenceMs.toFixed(0)} | ${(parseCpuMs / referenceCpuMs).toFixed(1)}× |`;
  console.log(row);
  rows.push(row);
}

if (rows.length === 0) {
  console.log(`No corpus files under ${CORPUS}; nothing measured (set SIFT_CORPUS to the corpus folder).`);
} else {
  const body = [
    `parseFile() (decode + sniff + parse + normalise, in memory), median of ${RUNS} runs, against a reference pass over the same bytes`,
    'that only decodes, splits lines and matches the tag regex (csv-parse alone for CSV). Peak RSS of the whole run:',
    `${Math.round(process.resourceUsage().maxRSS / 1024)} MB. Load average during the run: ${loadBefore} → ${os.loadavg()[0]!.toFixed(1)}`,
    `(on a shared machine wall-clock times stretch; the CPU-time columns and the ratio do not).${skipped ? ` ${skipped} input(s) skipped (not in the corpus).` : ''}`,
    '',
    '| input | MB | records | parseFile ms | records/s | records per CPU-s | MB/s | reference ms | parseFile / reference (CPU) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  writeBenchmarkSection('import-parse', 'npm run bench:import-parse', body);
  console.log('written to docs/benchmarks.md');
}
