import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder that holds package.json. Files read at run time (migrations/, client/, data/demo/,
 * the password blocklist) are found from here, so they resolve the same from the TypeScript
 * sources (server/…) and from the compiled bundle (dist/cli.js), which sit at different depths.
 */
export const PACKAGE_ROOT = findPackageRoot(__dirname);

/** A path inside the package: `packagePath('migrations')`. */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json in ${from} or above it`);
  }
}
