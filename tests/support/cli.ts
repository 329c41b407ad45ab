import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../server/cli';
import type { CommandIO } from '../../server/cli/types';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Whether stdout claims to be a terminal (commands that refuse binary output to a TTY). */
  tty?: boolean;
  /** Text fed to the command's stdin (e.g. a password); without it the command sees no stdin. */
  stdin?: string;
}

/** Runs `sift …` in-process with buffers for stdout/stderr (no child process). */
export async function sift(argv: string[], options: CliOptions = {}): Promise<CliOutcome> {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(Buffer.from(chunk)));
  stderr.on('data', (chunk: Buffer) => err.push(Buffer.from(chunk)));
  const io: CommandIO = {
    stdout,
    stderr,
    ...(options.stdin !== undefined ? { stdin: Readable.from([options.stdin]) } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** A fresh folder for database files; the caller removes it (removeDir) when done. */
export function tempDir(prefix = 'sift-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
