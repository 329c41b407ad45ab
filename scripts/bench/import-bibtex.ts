/**
 * bench:import-bibtex — our BibTeX reader against the npm parsers the plan considered, in the
 * same run: speed on the 1000-entry Zotero export (spaniels) and, for every file of
 * python-bibtexparser's test data, whether each parser reads it and how many entries it finds.
 *
 * The comparison parsers are deliberately not dependencies of Sift. Install them beside the
 * project to include them (otherwise only our reader and its syntax pass are timed):
 *   npm install --prefix /tmp/bibcmp bibtex-parse-js@0.0.24 @retorquere/bibtex-parser@9
 *   BIBCMP=/tmp/bibcmp npm run bench:import-bibtex
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBibtex } from '../../server/domain/import/bibtex';
import { readBibtexSyntax } from '../../server/domain/import/bibtex-syntax';
import { CORPUS } from './corpus';
import { median, writeBenchmarkSection } from './report';

const FORMATS = path.join(CORPUS, 'formats');
const SPANIELS = path.join(FORMATS, 'asysd-tests', 'spaniels', 'zotero_export.bib');
const TEST_FILES = path.join(FORMATS, 'bibtexparser-tests');
const BIBCMP = process.env.BIBCMP ?? '/tmp/bibcmp';
const RUNS = 7;

/** A parser under test: text → number of bibliographic entries (not @string/@comment/@preamble). */
interface Contender {
  name: string;
  count: (text: string) => number;
}

const NON_ENTRIES = /^(string|comment|preamble)$/i;

async function contenders(): Promise<{ list: Contender[]; missing: string[] }> {
  const list: Contender[] = [
    {
      name: 'Sift parseBibtex (full records)',
      count: (text) => parseBibtex(text, 'bench.bib').records.length,
    },
    {
      name: 'Sift syntax pass only (reference: no LaTeX, no names)',
      count: (text) => readBibtexSyntax(text).items.filter((i) => i.kind === 'entry').length,
    },
  ];
  const missing: string[] = [];
  const modules = path.join(BIBCMP, 'node_modules');
  const requireFrom = createRequire(path.join(modules, 'noop.js'));
  try {
    const bibtexParseJs = requireFrom('bibtex-parse-js') as {
      toJSON: (text: string) => { entryType: string }[];
    };
    list.push({
      name: 'bibtex-parse-js 0.0.24',
      count: (text) => bibtexParseJs.toJSON(text).filter((e) => !NON_ENTRIES.test(e.entryType)).length,
    });
  } catch {
    missing.push('bibtex-parse-js');
  }
  try {
    const entry = path.join(modules, '@retorquere', 'bibtex-parser', 'dist', 'esm', 'index.js');
    const retorquere = (await import(pathToFileURL(entry).href)) as {
      parse: (text: string, options: object) => { entries: unknown[] };
    };
    const version = (
      JSON.parse(
        fs.readFileSync(path.join(modules, '@retorquere', 'bibtex-parser', 'package.json'), 'utf8'),
      ) as { version: string }
    ).version;
    // Options chosen to match what Sift does: unknown commands kept, no sentence-casing, crossref applied.
    const options = { unsupported: 'ignore', sentenceCase: false, applyCrossRef: true };
    list.push({
      name: `@retorquere/bibtex-parser ${version}`,
      count: (text) => retorquere.parse(text, options).entries.length,
    });
  } catch {
    missing.push('@retorquere/bibtex-parser');
  }
  return { list, missing };
}

function timeParser(contender: Contender, text: string): { ms: number; entries: number | string } {
  const times: number[] = [];
  let entries: number | string = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    try {
      entries = contender.count(text);
    } catch (error) {
      return { ms: NaN, entries: `throws: ${firstLine(error)}` };
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(times), entries };
}

function corpusTable(list: Contender[]): string {
  const files = fs
    .readdirSync(TEST_FILES)
    .filter((f) => f.endsWith('.bib'))
    .sort();
  const header = `| file | ${list.map((c) => c.name).join(' | ')} |\n|---|${list.map(() => '---:').join('|')}|`;
  const read = list.map(() => 0);
  const rows = files.map((file) => {
    const text = fs.readFileSync(path.join(TEST_FILES, file), 'utf8');
    const cells = list.map((contender, i) => {
      try {
        const n = contender.count(text);
        read[i]!++;
        return String(n);
      } catch (error) {
        return `✗ ${firstLine(error)}`;
      }
    });
    return `| ${file} | ${cells.join(' | ')} |`;
  });
  const total = `| **files read without throwing** (of ${files.length}) | ${read.join(' | ')} |`;
  return [header, ...rows, total].join('\n');
}

/** A thrown value's first line, short and safe inside a Markdown table (some parsers throw strings). */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').replace(/\|/g, '/').slice(0, 50);
}

async function main(): Promise<void> {
  if (!fs.existsSync(SPANIELS)) {
    console.log(`skipped: ${SPANIELS} is not here (the shared corpus is needed for this benchmark)`);
    return;
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const { list, missing } = await contenders();
  const text = fs.readFileSync(SPANIELS, 'utf8');
  // Warm up every parser once so JIT compilation is not timed.
  for (const contender of list) timeParser(contender, text);

  const results = list.map((contender) => ({ contender, ...timeParser(contender, text) }));
  const ours = results[0]!.ms;
  const speedRows = results.map(({ contender, ms, entries }) => {
    const rate =
      Number.isFinite(ms) && typeof entries === 'number'
        ? Math.round((entries / ms) * 1000).toLocaleString('en')
        : '–';
    const ratio = Number.isFinite(ms) ? `${(ms / ours).toFixed(2)}×` : '–';
    return `| ${contender.name} | ${entries} | ${Number.isFinite(ms) ? ms.toFixed(1) : '–'} | ${rate} | ${ratio} |`;
  });

  const body = [
    `Input: \`formats/asysd-tests/spaniels/zotero_export.bib\` (${(text.length / 1e6).toFixed(2)} MB, 1000 entries, Zotero export of PubMed records); median of ${RUNS} runs after one warm-up. Machine load average when the run started: ${load} (absolute times scale with it; the ratios much less).`,
    '',
    '| parser | entries | ms | entries/s | time vs Sift |',
    '|---|---:|---:|---:|---:|',
    ...speedRows,
    '',
    missing.length
      ? `Not installed, so not compared: ${missing.join(', ')} (see the header of scripts/bench/import-bibtex.ts).\n`
      : '',
    `Entries found in each file of \`formats/bibtexparser-tests/\` (✗ = the parser threw):`,
    '',
    corpusTable(list),
  ].join('\n');
  writeBenchmarkSection('import-bibtex', 'npm run bench:import-bibtex', body);
  console.log(body);
}

void main();
