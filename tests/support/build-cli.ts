import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Jest's global setup: compiles the CLI (dist/cli.js) from the current sources once per run, so
 * the tests that start `node bin/sift.js` as a process test this code, never an older build.
 */
export default function buildCli(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-server.mjs')], {
    cwd: root,
    stdio: 'pipe',
  });
}
