/**
 * Mutation testing of the core (issue 22): `npm run test:mutation [-- area|file ...]`.
 *
 * Runs StrykerJS (stryker.config.json) one area at a time, each with its own incremental file
 * under reports/mutation/, so a later run of one area re-tests only the mutants whose code or
 * tests changed, and running one area never discards another's results. With no argument
 * every area runs in turn. A file path (optionally with a line range, `file.ts:10-40`) runs
 * that file alone; `--tests=glob,…` limits the tests run. Prints, per file, the table
 * docs/testing.md records.
 *
 * Not part of CI or `npm test`: it takes too long on two cores.
 */
import { readFileSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

// The code where a silent bug hurts a review team (issue 22), by area.
const AREAS = {
  screening: [
    'server/domain/screening/agreement.ts',
    'server/domain/screening/state.ts',
    'server/domain/screening/stage-agreement.ts',
    'server/domain/screening/independent-votes.ts',
  ],
  prisma: [
    'server/domain/prisma/compute.ts',
    'server/domain/prisma/from-review.ts',
    'server/domain/prisma/clusters.ts',
    'server/domain/prisma/sources.ts',
  ],
  dedup: [
    'server/domain/dedup/rules.ts',
    'server/domain/dedup/vetoes.ts',
    'server/domain/dedup/authors.ts',
    'server/domain/dedup/series.ts',
  ],
  import: [
    'server/domain/import/encoding.ts',
    'server/domain/import/binary.ts',
    'server/domain/import/ris.ts',
    'server/domain/import/medline.ts',
    'server/domain/import/bibtex.ts',
    'server/domain/import/bibtex-names.ts',
    'server/domain/import/bibtex-syntax.ts',
    'server/domain/import/latex.ts',
    'server/domain/import/csv-rows.ts',
  ],
  ranking: ['server/domain/ranking/metrics.ts'],
  csv: ['server/domain/csv/write.ts'],
  auth: [
    'server/domain/auth/actions.ts',
    'server/domain/auth/roles.ts',
    'server/domain/auth/visibility.ts',
  ],
};

// The project guard lives in the HTTP layer: only requests reach it, so its run uses the
// integration tests that send them (the unit suite never loads server/http).
const GUARD = {
  mutate: ['server/http/auth.ts:243-283'],
  testMatch: [
    '<rootDir>/tests/integration/auth/guards.test.ts',
    '<rootDir>/tests/integration/auth/every-route.test.ts',
    '<rootDir>/tests/integration/http/malformed-ids.test.ts',
  ],
};

// The import readers are reached by two suites that parse large or random input for seconds per
// test: hostile.test.ts (CPU-time bounds on pathological files) and robustness.test.ts (fuzzing).
// Run for every mutant they made a file take an hour; without them, minutes. They can only kill
// more mutants, so a score measured without them is a lower bound (docs/testing.md).
const IMPORT_SLOW_TESTS = [
  '/tests/unit/import/hostile\\.test\\.ts$',
  '/tests/unit/import/robustness\\.test\\.ts$',
];

function target(arg) {
  if (arg === 'guard') return { name: 'guard', mutate: GUARD.mutate, testMatch: GUARD.testMatch };
  if (arg === 'import') return { name: arg, mutate: AREAS.import, ignoreTests: IMPORT_SLOW_TESTS };
  if (arg in AREAS) return { name: arg, mutate: AREAS[arg] };
  if (/\.ts(?::[\d:-]+)?$/.test(arg)) {
    const ignoreTests = arg.startsWith('server/domain/import/') ? IMPORT_SLOW_TESTS : undefined;
    return { name: `file-${arg.replace(/[^\w.-]+/g, '_')}`, mutate: [arg], ignoreTests };
  }
  throw new Error(`unknown mutation target ${JSON.stringify(arg)}: use one of ${[...Object.keys(AREAS), 'guard'].join(', ')} or a .ts file`);
}

// The table is read from the JSON report (mutation-testing-report-schema), one entry per mutant:
// the results runMutationTest returns can name a file twice (absolute and relative paths).
function tally(report) {
  const files = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const row = { Killed: 0, Survived: 0, Timeout: 0, NoCoverage: 0, other: 0 };
    for (const m of mutants) {
      if (m.status in row) row[m.status] += 1;
      else row.other += 1;
    }
    files.set(file, row);
  }
  return files;
}

function printTable(name, seconds, report) {
  console.log(`\n### ${name} (${seconds} s)\n`);
  console.log('| file | killed | survived | timeout | no coverage | errors | score |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [file, row] of [...tally(report)].sort(([a], [b]) => a.localeCompare(b))) {
    const detected = row.Killed + row.Timeout;
    const valid = detected + row.Survived + row.NoCoverage;
    const score = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(2)} %`;
    console.log(
      `| ${file} | ${row.Killed} | ${row.Survived} | ${row.Timeout} | ${row.NoCoverage} | ${row.other} | ${score} |`,
    );
  }
}

// --force re-tests every mutant: the incremental file keeps the results of static mutants
// (module-level code, run by every test) even when the tests changed, so a score to record
// comes from a forced run.
const force = process.argv.includes('--force');
// --tests=<glob>[,<glob>…] runs only those tests (paths from the repository root): for a file whose
// module-level tables make hundreds of static mutants, each of which runs every related test.
// The score is then a lower bound, measured with those tests; say so where it is recorded.
const testsArg = process.argv.find((a) => a.startsWith('--tests='));
const onlyTests = testsArg
  ?.slice('--tests='.length)
  .split(',')
  .map((glob) => `<rootDir>/${glob}`);
const args = process.argv.slice(2).filter((a) => a !== '--force' && a !== testsArg);
const targets = (args.length ? args : [...Object.keys(AREAS), 'guard'])
  .map(target)
  .map((t) => (onlyTests ? { ...t, testMatch: onlyTests } : t));
for (const t of targets) {
  const report = `reports/mutation/${t.name}`;
  const options = {
    mutate: t.mutate,
    incrementalFile: `${report}.incremental.json`,
    force,
    htmlReporter: { fileName: `${report}.html` },
    jsonReporter: { fileName: `${report}.json` },
  };
  if (t.testMatch || t.ignoreTests) {
    options.jest = {
      projectType: 'custom',
      configFile: 'jest.stryker.config.js',
      enableFindRelatedTests: true,
      config: t.testMatch ? { testMatch: t.testMatch } : { testPathIgnorePatterns: t.ignoreTests },
    };
  }
  const started = Date.now();
  await new Stryker(options).runMutationTest();
  const json = JSON.parse(readFileSync(options.jsonReporter.fileName, 'utf8'));
  printTable(t.name, Math.round((Date.now() - started) / 1000), json);
}
