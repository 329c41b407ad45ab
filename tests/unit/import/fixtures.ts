import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type ParseResult } from '../../../server/domain/import';

export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'import-a');

/** The bytes of a fixture in tests/fixtures/import-a. */
export function fixtureBytes(name: string): Uint8Array {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** Parses a fixture through the public entry point, as an upload would be. */
export function parseFixture(name: string, options?: Parameters<typeof parseFile>[2]): ParseResult {
  return parseFile(fixtureBytes(name), name, options);
}
