#!/usr/bin/env node
// The `sift` command. It runs the compiled CLI, dist/cli.js, which `npm install` (the prepare
// script) and `npm run build` write. Without a build (a clone where nothing ran, or
// `npm ci --ignore-scripts`) it runs the TypeScript sources through tsx instead, slower to
// start, and says so on stderr. While developing, `npm run sift:dev -- …` always runs the sources.
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'cli.js');

async function loadCli() {
  if (fs.existsSync(compiled)) return require(compiled);
  process.stderr.write(
    'sift: no build in dist/ (npm run build makes one); running the TypeScript sources through tsx\n',
  );
  require('tsx/cjs');
  // The command table loads each command with import(), which goes through the ESM loader.
  (await import('tsx/esm/api')).register();
  return require('../server/cli/index.ts');
}

loadCli()
  .then((cli) => cli.runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }))
  .then((code) => {
    process.exitCode = code;
  });
