import { alreadyImportedText, isAlreadyImported } from '../../../client/src/import/already-imported';

describe('a file imported before, said for the browser', () => {
  const details = {
    reason: 'already_imported' as const,
    file: 'scopus-2.ris',
    sourceId: 3,
    sourceName: 'Scopus',
    fileName: 'scopus.ris',
    importedAt: '2026-12-04T09:05:00.000Z',
  };

  it('knows the refusal by its details, and nothing else', () => {
    expect(isAlreadyImported(details)).toBe(true);
    expect(isAlreadyImported({ fileName: 'x.ris' })).toBe(false);
    expect(isAlreadyImported(null)).toBe(false);
    expect(isAlreadyImported('already_imported')).toBe(false);
  });

  it('says when in words, as what, and never the command line’s --force', () => {
    const text = alreadyImportedText(details, 'en-GB');
    expect(text).toMatch(
      /^scopus-2\.ris was already imported on 4 December 2026 at \d\d:\d\d, as the source “Scopus” \(from scopus\.ris\)\./,
    );
    expect(text).not.toMatch(/--force|2026-12-04T/);
  });
});
