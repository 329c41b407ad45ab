/**
 * npm run bench:dedup — accuracy on every labelled set (bib-dedupe's six in the shared corpus and
 * Sift's own set from other fields) beside the published bib-dedupe figures and the figures before
 * issue 14, and run time at 10k–100k synthetic records beside references timed in the same run.
 * Writes its section of docs/benchmarks.md. With DEDUP_BENCH_WRITE_BASELINE=<file> it also saves
 * the figures as a baseline (how dedup-baseline.json was made from the engine before issue 14).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accuracySection } from './dedup-accuracy';
import { scaleSection } from './dedup-scale';
import { CORPUS } from './corpus';
import { writeBenchmarkSection } from './report';

const DEDUP_DIR = path.join(CORPUS, 'dedup', 'bib-dedupe');

function main(): void {
  if (!fs.existsSync(DEDUP_DIR)) {
    process.stdout.write(
      `bench:dedup skipped: ${DEDUP_DIR} not found (set SIFT_CORPUS to the shared corpus)\n`,
    );
    return;
  }
  const accuracy = accuracySection(DEDUP_DIR);
  process.stdout.write(`${accuracy.markdown}\n\n`);
  const scale = scaleSection(DEDUP_DIR);
  const baselineOut = process.env.DEDUP_BENCH_WRITE_BASELINE;
  if (baselineOut) {
    const source = process.env.DEDUP_BENCH_BASELINE_SOURCE ?? 'unnamed engine';
    fs.writeFileSync(
      baselineOut,
      `${JSON.stringify({ source, sets: accuracy.results, scale: scale.figures }, null, 1)}\n`,
    );
    process.stdout.write(`${scale.markdown}\n\nbaseline written to ${baselineOut}\n`);
    return;
  }
  const body = [
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0]!.toFixed(1)} at the end of the run (other work shares this machine).`,
    '',
    '### Accuracy on the labelled sets',
    '',
    accuracy.markdown,
    '',
    '### Scale',
    '',
    scale.markdown,
  ].join('\n');
  writeBenchmarkSection('dedup', 'npm run bench:dedup', body);
  process.stdout.write(`${scale.markdown}\n\nwritten to docs/benchmarks.md\n`);
}

main();
