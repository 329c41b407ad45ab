import { parseFixture } from './fixtures';

/** What "the same title" means across tools: case, spacing and a final full stop aside. */
const titleKey = (title: string | null): string => (title ?? '').toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '').trim();

function worksOf(file: string): Map<string, string> {
  const works = new Map<string, string>();
  for (const record of parseFixture(file).records) works.set(record.doi ?? `no-doi:${record.title}`, titleKey(record.title));
  return works;
}

describe('the same works exported by different tools (asreview/citation-file-formatting)', () => {
  // One Embase search exported through Embase itself, EndNote, Mendeley, Rayyan and Zotero.
  const embaseSet = ['_baseline_embase.ris', '_baseline_endnote.ris', '_baseline_mendeley.ris', '_baseline_rayyan.ris', '_baseline_zotero.ris', '_baseline_rayyan.csv', '_baseline_zotero.csv'];

  it.each(embaseSet.slice(1))('%s yields the DOIs and titles of the Embase RIS', (file) => {
    const reference = worksOf('_baseline_embase.ris');
    expect(reference.size).toBe(10);
    expect(worksOf(file)).toEqual(reference);
  });

  it('Scopus RIS and Scopus CSV yield the same DOIs, titles, years and journals', () => {
    const ris = parseFixture('_baseline_scopus.ris').records;
    const csv = parseFixture('_baseline_scopus.csv').records;
    expect(csv.map((r) => [r.doi, titleKey(r.title), r.year])).toEqual(ris.map((r) => [r.doi, titleKey(r.title), r.year]));
    expect(csv.map((r) => r.journal)).toEqual(ris.map((r) => r.journal));
  });

  it('PubMed MEDLINE and PubMed CSV agree on PMIDs, DOIs and titles', () => {
    const medline = new Map(parseFixture('_baseline_pubmed.ris').records.map((r) => [r.pmid, [r.doi, titleKey(r.title)]]));
    const csv = parseFixture('_baseline_pubmed.csv').records;
    for (const record of csv) expect(medline.get(record.pmid)).toEqual([record.doi, titleKey(record.title)]);
  });
});
