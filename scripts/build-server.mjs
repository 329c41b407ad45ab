// Compiles the server and the `sift` command (server/cli/index.ts) into one file, dist/cli.js, with
// esbuild: bin/sift.js runs it, so `sift` starts without compiling TypeScript at run time.
// Packages stay in node_modules (native better-sqlite3 and resvg, pdfkit's font files).
// Written to a temporary name and renamed, so a process starting meanwhile never reads half a file.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const result = await build({
  entryPoints: [path.join(root, 'server', 'cli', 'index.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  outfile: path.join(outdir, 'cli.js'),
  write: false,
  logLevel: 'warning',
});
fs.mkdirSync(outdir, { recursive: true });
// The map first: cli.js names it, so it must be in place when cli.js is.
const files = [...result.outputFiles].sort(
  (a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')),
);
for (const file of files) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, file.contents);
  fs.renameSync(temporary, file.path);
}
console.log('server built: dist/cli.js');
