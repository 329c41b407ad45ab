import type { HighlightKeywords, Stage } from '../../server/api/types';
import { h, highlight, type Child } from './dom';

/** The bibliographic fields every screen shows; all of it is imported text, so it goes in as text. */
export interface RecordLike {
  id: number;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  abstract?: string | null;
  doi?: string | null;
  keywords?: string[];
  url?: string | null;
}

const NONE: HighlightKeywords = { include: [], exclude: [] };

/** "Smith J; Jones K; … (2021) · Journal" with at most `max` authors named. */
export function recordMeta(record: RecordLike, max = 6): string {
  const authors =
    record.authors.length > max
      ? `${record.authors.slice(0, max).join('; ')}; … (${record.authors.length} authors)`
      : record.authors.join('; ');
  return [authors || 'No authors', record.year ?? 'n.d.', record.journal ?? ''].filter((x) => x !== '').join(' · ');
}

/** A DOI as a link to doi.org: the href is built by us from the DOI, never taken from the record's URL field. */
export function doiLink(doi: string | null | undefined): Child {
  if (!doi) return null;
  return h('a', { href: `https://doi.org/${encodeURIComponent(doi).replace(/%2F/g, '/')}`, rel: 'noopener noreferrer', target: '_blank' }, `doi:${doi}`);
}

/** Only http(s) links from imported data become anchors; anything else (javascript:, data:) stays text. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** A record's title, meta line, abstract and keywords, with the review's keywords highlighted. */
export function recordDetails(record: RecordLike, keywords: HighlightKeywords = NONE, headingLevel: 'h2' | 'h3' = 'h2'): HTMLElement {
  const title = record.title?.trim() || '(no title)';
  return h(
    'article',
    { class: 'record', 'data-record-id': record.id },
    h(headingLevel, { class: 'record-title', dir: 'auto' }, ...highlight(title, keywords.include, keywords.exclude)),
    h('p', { class: 'record-meta', dir: 'auto' }, recordMeta(record, 12), ' ', doiLink(record.doi)),
    record.abstract
      ? h('p', { class: 'abstract', dir: 'auto' }, ...highlight(record.abstract, keywords.include, keywords.exclude))
      : h('p', { class: 'muted' }, 'No abstract.'),
    record.keywords && record.keywords.length > 0
      ? h(
          'p',
          { class: 'keywords' },
          h('strong', {}, 'Keywords: '),
          ...highlight(record.keywords.join('; '), keywords.include, keywords.exclude),
        )
      : null,
  );
}

/** A list of records as a compact table (drill-downs, conflicts overview). */
export function recordTable(records: (RecordLike & { sourceName?: string })[]): HTMLElement {
  if (records.length === 0) return h('p', { class: 'muted' }, 'No records.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...['#', 'Title', 'Authors', 'Year', 'Journal', 'Source'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        ...records.map((r) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, r.id),
            h('td', { dir: 'auto' }, r.title ?? '(no title)'),
            h('td', { dir: 'auto' }, r.authors.slice(0, 3).join('; ') + (r.authors.length > 3 ? ' et al.' : '')),
            h('td', { class: 'num' }, r.year ?? ''),
            h('td', { dir: 'auto' }, r.journal ?? ''),
            h('td', {}, r.sourceName ?? ''),
          ),
        ),
      ),
    ),
  );
}

export const STAGE_LABEL: Record<Stage, string> = { title_abstract: 'Title/abstract', full_text: 'Full text' };
export function isStage(value: string | undefined): value is Stage {
  return value === 'title_abstract' || value === 'full_text';
}
