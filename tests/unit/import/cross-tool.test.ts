import { parseFixture } from './fixtures';

/** What "the same title" means across tools: case, spacing and a final full stop aside. */
const titleKey = (title: string | null): string => (title ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '').trim();

/** Every baseline export here holds the same 10 works; a reader that lost some must not pass by comparing nothing. */
function worksOf(file: string): Map<string, string> {
  const records = parseFixture(file).records;
  expect({ file, records: records.length }).toEqual({ file, records: 10 });
  const works = new Map<string, string>();
  for (const record of records) works.set(record.doi ?? `no-doi:${record.title}`, titleKey(record.title));
  return works;
}

describe('the same works exported by different tools (asreview/citation-file-formatting)', () => {
  // One Embase search exported through Embase itself, EndNote, Mendeley, Rayyan and Zotero.
  const embaseSet = ['ris/_baseline_embase.ris', 'ris/_baseline_endnote.ris', 'ris/_baseline_mendeley.ris', 'ris/_baseline_rayyan.ris', 'ris/_baseline_zotero.ris', 'delimited/_baseline_rayyan.csv', 'delimited/_baseline_zotero.csv'];

  it.each(embaseSet.slice(1))('%s yields the DOIs and titles of the Embase RIS', (file) => {
    const reference = worksOf('ris/_baseline_embase.ris');
    expect(reference.size).toBe(10);
    expect(worksOf(file)).toEqual(reference);
  });

  it('Scopus RIS and Scopus CSV yield the same DOIs, titles, years and journals', () => {
    const ris = parseFixture('ris/_baseline_scopus.ris').records;
    const csv = parseFixture('delimited/_baseline_scopus.csv').records;
    expect([ris.length, csv.length]).toEqual([10, 10]);
    expect(csv.map((r) => [r.doi, titleKey(r.title), r.year])).toEqual(ris.map((r) => [r.doi, titleKey(r.title), r.year]));
    expect(csv.map((r) => r.journal)).toEqual(ris.map((r) => r.journal));
  });

  it('PubMed MEDLINE and PubMed CSV agree on PMIDs, DOIs and titles', () => {
    const medline = new Map(parseFixture('medline/_baseline_pubmed.ris').records.map((r) => [r.pmid, [r.doi, titleKey(r.title)]]));
    const csv = parseFixture('delimited/_baseline_pubmed.csv').records;
    // The CSV holds 10 of the 50 MEDLINE records, each with its PMID.
    expect([medline.size, csv.length, csv.filter((r) => r.pmid).length]).toEqual([50, 10, 10]);
    for (const record of csv) expect(medline.get(record.pmid)).toEqual([record.doi, titleKey(record.title)]);
  });
});
