import fs from 'node:fs';
import { parsePasswordList } from '../domain/auth/password-policy';
import { packagePath } from '../package-root';

/** The shipped blocklist (origin in server/domain/auth/SOURCES.md). */
export const COMMON_PASSWORDS_FILE = packagePath('server', 'domain', 'auth', 'common-passwords.txt');

let cached: ReadonlySet<string> | undefined;

/** The common-password blocklist, read once per process. */
export function commonPasswords(): ReadonlySet<string> {
  cached ??= parsePasswordList(fs.readFileSync(COMMON_PASSWORDS_FILE, 'utf8'));
  return cached;
}
