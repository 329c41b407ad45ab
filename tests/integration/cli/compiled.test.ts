import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { removeDir, tempDir } from '../../support/cli';
import { FIXTURES } from '../pipeline/fixtures';

/**
 * The compiled `sift` (dist/cli.js, built from these sources by the test run's global setup) as a
 * user runs it: a separate process, reading migrations, the password blocklist, the demo's files
 * and the web client from the package, not from beside the TypeScript sources.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'sift.js');
const run = promisify(execFile);
const sift = (...args: string[]) => run(process.execPath, [BIN, ...args]);

/** Runs sift expecting it to fail; resolves to its exit code and stderr. */
async function siftFails(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await sift(...args);
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
  throw new Error(`sift ${args.join(' ')} succeeded`);
}

describe('the compiled sift command', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir('sift-compiled-')));
  afterEach(() => removeDir(dir));

  it('runs from dist/cli.js: --help lists the commands without the tsx fallback', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))).toBe(true);
    const help = await sift('--help');
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('sift import --db FILE');
    expect((await sift('serve', '--help')).stdout).toMatch(/^usage: sift serve --db FILE/);
  });

  it('imports and exports a file, reads the password blocklist and refuses a missing database', async () => {
    const db = path.join(dir, 'review.sqlite');
    const imported = JSON.parse(
      (await sift('import', '--db', db, '--json', path.join(FIXTURES, 'embase.ris'))).stdout,
    );
    expect(imported).toMatchObject({ project: 'My review', imported: 6 });
    const out = path.join(dir, 'out.ris');
    await sift('export', '--db', db, '--format', 'ris', '--out', out);
    expect(fs.readFileSync(out, 'utf8').match(/^TY {2}- /gm)).toHaveLength(6);

    const common = await siftFails('user', 'add', '--db', db, '--username', 'u', '--password', 'iloveyou1');
    expect(common).toMatchObject({ code: 2, stderr: expect.stringMatching(/common passwords/) });

    const missing = path.join(dir, 'typo.sqlite');
    expect(await siftFails('export', '--db', missing, '--format', 'ris')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`no database at ${missing}`),
    });
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('reads imports in the compiled worker (dist/import-worker.js), within the budget given', async () => {
    // No fallback exists in the build: an import that works ran dist/import-worker.js.
    expect(fs.existsSync(path.join(ROOT, 'dist', 'import-worker.js'))).toBe(true);
    const db = path.join(dir, 'review.sqlite');
    const ris = fs.readFileSync(path.join(FIXTURES, 'embase.ris'), 'utf8').replace(/^\uFEFF/, '');
    const big = path.join(dir, 'big.ris');
    fs.writeFileSync(big, Array.from({ length: 400 }, () => ris).join('\n'));
    expect(await siftFails('import', '--db', db, '--import-time-limit', '0.001', big)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /big\.ris: reading the file took longer than the import time limit \(0\.001 s\)/,
      ),
    });
    const imported = JSON.parse((await sift('import', '--db', db, '--json', big)).stdout);
    expect(imported).toMatchObject({ imported: 2400 });
  });

  it('builds the demo review into a new database and serves the web app and the API', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'demo', '--db', path.join(dir, 'demo.sqlite'), '--port', '0', '--host', '127.0.0.1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      let stdout = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const running = /Sift is running at (http:\/\/\S+)/.exec(stdout);
          if (running) resolve(running[1]!.replace('localhost', '127.0.0.1'));
        });
        child.on('exit', (code) => reject(new Error(`sift demo exited with ${code}: ${stdout}`)));
      });
      expect(stdout).toMatch(/Created the demo review ".+" \(78 records\)/);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'owner', password: 'sift-demo' }),
      });
      expect(login.status).toBe(200);
    } finally {
      child.kill();
      await exited;
    }
  });
});
