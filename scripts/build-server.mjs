// Compiles the server and the `sift` command (server/cli/index.ts) into one file, dist/cli.js, with
// esbuild: bin/sift.js runs it, so `sift` starts without compiling TypeScript at run time. The
// import worker (server/services/import-worker.ts, the thread that parses uploads) is a second
// entry point, dist/import-worker.js, which the import pool finds beside cli.js.
// Packages stay in node_modules (native better-sqlite3 and resvg, pdfkit's font files).
// Written to a temporary name and renamed, so a process starting meanwhile never reads half a file.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const result = await build({
  entryPoints: {
    cli: path.join(root, 'server', 'cli', 'index.ts'),
    'import-worker': path.join(root, 'server', 'services', 'import-worker.ts'),
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  outdir,
  write: false,
  logLevel: 'warning',
});
fs.mkdirSync(outdir, { recursive: true });
// The maps first (each .js names its map), then the worker, then cli.js: a process starting
// meanwhile never runs a cli.js whose worker is missing or older.
const rank = (file) => (file.path.endsWith('.map') ? 0 : file.path.endsWith('import-worker.js') ? 1 : 2);
const files = [...result.outputFiles].sort((a, b) => rank(a) - rank(b));
for (const file of files) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, file.contents);
  fs.renameSync(temporary, file.path);
}
console.log('server built: dist/cli.js, dist/import-worker.js');
