// Bundles the browser client (client/src/main.ts) into client/dist/app.js with esbuild.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'client', 'src', 'main.ts');
fs.mkdirSync(path.join(root, 'client', 'dist'), { recursive: true });
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  minify: process.env.NODE_ENV === 'production',
  outfile: path.join(root, 'client', 'dist', 'app.js'),
  logLevel: 'warning',
});
console.log('client built: client/dist/app.js');
