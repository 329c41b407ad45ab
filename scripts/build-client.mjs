// Bundles the browser client (client/src/main.ts) into client/dist/app.js with esbuild, and
// copies pdf.js (its module, worker and data files) into client/dist/pdfjs/ so the PDF viewer
// loads it from our own origin (client/src/pdf/pdfjs.ts).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'client', 'dist');
const entry = path.join(root, 'client', 'src', 'main.ts');
fs.mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  minify: process.env.NODE_ENV === 'production',
  outfile: path.join(dist, 'app.js'),
  logLevel: 'warning',
});
console.log('client built: client/dist/app.js');

// What the viewer needs of pdfjs-dist: the minified module and worker, the character maps and
// standard fonts some PDFs rely on, the JavaScript JPEG 2000 decoder used instead of
// WebAssembly (which the CSP does not allow), and the licence.
const pdfjs = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const out = path.join(dist, 'pdfjs');
fs.rmSync(out, { recursive: true, force: true });
for (const [from, to] of [
  ['build/pdf.min.mjs', 'pdf.min.mjs'],
  ['build/pdf.worker.min.mjs', 'pdf.worker.min.mjs'],
  ['wasm/openjpeg_nowasm_fallback.js', 'wasm/openjpeg_nowasm_fallback.js'],
  ['cmaps', 'cmaps'],
  ['standard_fonts', 'standard_fonts'],
  ['LICENSE', 'LICENSE'],
]) {
  fs.cpSync(path.join(pdfjs, from), path.join(out, to), { recursive: true });
}
console.log('pdf.js copied: client/dist/pdfjs/');
