import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type ParseResult } from '../../../server/domain/import';

/** Real exports, one folder per format (ris/, medline/, wos/, delimited/, xlsx/, bibtex/, endnote-xml/, pubmed-xml/). */
export const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'import');

/** The bytes of a fixture, named by its path in tests/fixtures/import (e.g. "ris/embase.ris"). */
export function fixtureBytes(name: string): Uint8Array {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** Parses a fixture through the public entry point, as an upload of that file (its bare name) would be. */
export function parseFixture(name: string, options?: Parameters<typeof parseFile>[2]): ParseResult {
  return parseFile(fixtureBytes(name), path.basename(name), options);
}
