/**
 * Start-up of the `sift` command: `sift --help` and the time until `sift serve` accepts
 * connections, from the compiled build (dist/cli.js, what bin/sift.js runs) against the
 * TypeScript sources run through tsx (what bin/sift.js ran before the build existed, and still
 * runs without one). The reference in the same run is a bare `node -e 0`: on a shared machine
 * all three stretch together, and "above bare node" is the part Sift itself costs.
 * Needs a build: `npm run build` first.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, writeBenchmarkSection } from './report';

const RUNS = 9;
const ROOT = path.resolve(__dirname, '..', '..');
const COMPILED = path.join(ROOT, 'dist', 'cli.js');

/** Node arguments that run the CLI with `argv`: from dist/cli.js, or from the sources through tsx. */
const launchers = {
  compiled: (argv: string[]) => [path.join(ROOT, 'bin', 'sift.js'), ...argv],
  tsx: (argv: string[]) => [
    '-e',
    `require('tsx/cjs');
     import('tsx/esm/api').then(({ register }) => {
       register();
       const io = { stdout: process.stdout, stderr: process.stderr };
       require('./server/cli/index.ts').runCli(${JSON.stringify(argv)}, io).then((c) => (process.exitCode = c));
     });`,
  ],
};
type Launcher = keyof typeof launchers;

function timeRun(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - start;
}

/** Milliseconds from spawning `sift serve` to its "Sift is running" line. */
function timeServe(launcher: Launcher, db: string): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, launchers[launcher](['serve', '--db', db, '--port', '0']), {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('Sift is running')) return;
      const elapsed = performance.now() - start;
      child.on('exit', () => resolve(elapsed));
      child.kill();
    });
    child.on('error', reject);
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(COMPILED)) throw new Error('no dist/cli.js: run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-bench-cli-'));
  const db = path.join(dir, 'review.sqlite');
  execFileSync(
    process.execPath,
    launchers.compiled(['user', 'add', '--db', db, '--username', 'me', '--password', 'bench password']),
  );
  const load = os.loadavg()[0]!.toFixed(1);
  const rows: string[] = [];
  const node = median(Array.from({ length: RUNS }, () => timeRun(['-e', '0'])));
  rows.push(`| bare \`node -e 0\` (reference) | ${node.toFixed(0)} | | |`);
  const results: Record<string, { help: number; serve: number }> = {};
  for (const launcher of ['tsx', 'compiled'] as const) {
    const help = median(Array.from({ length: RUNS }, () => timeRun(launchers[launcher](['--help']))));
    const serves: number[] = [];
    for (let i = 0; i < RUNS; i++) serves.push(await timeServe(launcher, db));
    results[launcher] = { help, serve: median(serves) };
  }
  for (const [name, r] of Object.entries(results)) {
    const label =
      name === 'tsx'
        ? 'the same sources through tsx (what bin/sift.js runs without a build)'
        : 'compiled `dist/cli.js` (`node bin/sift.js`)';
    rows.push(`| ${label} | ${r.help.toFixed(0)} | ${(r.help - node).toFixed(0)} | ${r.serve.toFixed(0)} |`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const { tsx, compiled } = results as Record<Launcher, { help: number; serve: number }>;
  const body = `Wall-clock milliseconds, median of ${RUNS} runs each; load average at the start ${load}.

| how sift runs | \`sift --help\` | above bare node | \`sift serve\` until listening |
|---|---:|---:|---:|
${rows.join('\n')}

Compiled / tsx: \`--help\` ${(compiled.help / tsx.help).toFixed(2)}×, serve start ${(compiled.serve / tsx.serve).toFixed(2)}×. Goal: \`sift --help\` under 300 ms compiled.`;
  writeBenchmarkSection('cli-start', 'npm run build && npm run bench:cli-start', body);
  console.log(body);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
