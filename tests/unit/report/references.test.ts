import { formatReferences } from '../../../server/domain/report/references';
import type { CitableRecord } from '../../../server/domain/report/types';

const record = (over: Partial<CitableRecord>): CitableRecord => ({
  id: 1,
  type: 'journal-article',
  title: 'Micro-credentials: A learner value framework',
  authors: ['Oliver, Beverley'],
  year: 2021,
  journal: 'Journal of Teaching and Learning for Graduate Employability',
  volume: '12',
  issue: '1',
  pages: '48-51',
  doi: '10.21153/jtlge2021vol12no1art1456',
  url: null,
  ...over,
});

describe('references through citation-js', () => {
  const records = [
    record({ id: 2, authors: ['Zhang, Wei'], title: 'Badges at work', year: 2019 }),
    record({ id: 1 }),
  ];

  it.each([
    ['apa', 'Oliver, B. (2021). Micro-credentials: A learner value framework.'],
    ['vancouver', 'Oliver B. Micro-credentials: A learner value framework.'],
    ['harvard', 'Oliver, B. (2021) “Micro-credentials: A learner value framework,”'],
  ] as const)('%s writes one entry per record in its own form', (style, oliver) => {
    const entries = formatReferences(records, style);
    expect(entries).toHaveLength(2);
    expect(entries.some((e) => e.startsWith(oliver))).toBe(true);
    expect(entries.every((e) => !/^\d+\.\s/.test(e))).toBe(true);
  });

  it('sorts by author in APA and keeps citation order in Vancouver', () => {
    expect(formatReferences(records, 'apa')[0]).toMatch(/^Oliver/);
    expect(formatReferences(records, 'vancouver')[0]).toMatch(/^Zhang/);
  });

  it('cites a chapter in its book (Sift’s record types map to CSL types)', () => {
    const [chapter] = formatReferences(
      [record({ type: 'book-chapter', journal: 'Handbook of credentials', volume: null, issue: null })],
      'apa',
    );
    expect(chapter).toContain('In Handbook of credentials');
  });

  it('cites an organisation as written and links a record without DOI by its URL', () => {
    const [entry] = formatReferences(
      [record({ authors: ['European Commission'], doi: null, url: 'https://example.org/mc' })],
      'apa',
    );
    expect(entry).toMatch(/^European Commission\. \(2021\)/);
    expect(entry).toContain('https://example.org/mc');
  });
});
