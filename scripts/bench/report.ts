import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BENCHMARKS_FILE = path.resolve(__dirname, '..', '..', 'docs', 'benchmarks.md');

/**
 * Writes one benchmark's results into docs/benchmarks.md between its own markers, so each
 * `npm run bench:NAME` refreshes its section and leaves the others alone.
 */
export function writeBenchmarkSection(name: string, command: string, body: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const stamp = `${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`;
  const section = `${start}\n\n## ${name}\n\nCommand: \`${command}\` — run ${stamp}\n\n${body.trim()}\n\n${end}`;
  const current = fs.existsSync(BENCHMARKS_FILE) ? fs.readFileSync(BENCHMARKS_FILE, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) + section + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  fs.mkdirSync(path.dirname(BENCHMARKS_FILE), { recursive: true });
  fs.writeFileSync(BENCHMARKS_FILE, next);
}

/** Median of a list of timings (milliseconds), robust to one slow run on a noisy machine. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
