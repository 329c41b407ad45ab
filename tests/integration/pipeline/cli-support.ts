import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../scripts/cli';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sift …` in-process with buffers for stdout/stderr (no child process). */
export async function sift(argv: string[], options: { tty?: boolean } = {}): Promise<CliOutcome> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** A fresh folder for database files, removed by the caller's afterEach. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sift-cli-'));
}

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'pipeline');
