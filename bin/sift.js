#!/usr/bin/env node
// The `sift` command: runs the TypeScript CLI through tsx, so there is no build step to forget.
require('tsx/cjs');
const { runCli } = require('../server/cli/index.ts');
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
