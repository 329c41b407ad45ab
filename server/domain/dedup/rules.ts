import type { MatchFeatures } from './features';
import {
  authorSimilarity,
  equalOrMissing,
  journalSimilarity,
  pageSimilarity,
  sameDoiFamily,
  setSimilarity,
  titleSimilarity,
  wordOverlapOf,
} from './similarity';
import type { FieldSimilarities, PairVerdict } from './types';

/** Similarities of every field of two records (null where either side lacks the field). */
export function compareFields(a: MatchFeatures, b: MatchFeatures): FieldSimilarities {
  let title = titleSimilarity(a.title, b.title, wordOverlapOf(a.titleWordSet, b.titleWordSet));
  if (title < 1) {
    for (const va of [a.title, ...a.titleVariants]) {
      for (const vb of [b.title, ...b.titleVariants]) {
        if (va !== a.title || vb !== b.title) title = Math.max(title, titleSimilarity(va, vb) * 0.98);
      }
    }
  }
  return {
    title: a.title && b.title ? round(title) : null,
    authors: nullableRound(authorSimilarity(a.authorTokens, b.authorTokens)),
    year:
      a.year == null || b.year == null
        ? null
        : a.year === b.year
          ? 1
          : Math.abs(a.year - b.year) === 1
            ? 0.5
            : 0,
    journal: nullableRound(journalSimilarity(a.journal, b.journal)),
    volume: equalOrMissing(a.volume, b.volume),
    issue: equalOrMissing(a.issue, b.issue),
    pages: pageSimilarity(a.pages, b.pages),
    abstract: nullableRound(setSimilarity(a.abstractTokens, b.abstractTokens)),
    doi: equalOrMissing(a.doi, b.doi),
    pmid: equalOrMissing(a.pmid, b.pmid),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
function nullableRound(value: number | null): number | null {
  return value == null ? null : round(value);
}

/** A weighted average of the known similarities: shown to reviewers and used to order merges. */
export function overallScore(s: FieldSimilarities): number {
  const weights: [number | null, number][] = [
    [s.title, 4],
    [s.authors, 2],
    [s.year, 1],
    [s.journal, 1],
    [s.volume, 1],
    [s.issue, 0.5],
    [s.pages, 1.5],
    [s.abstract, 1.5],
    [s.doi, 3],
    [s.pmid, 3],
  ];
  let total = 0;
  let weight = 0;
  for (const [value, w] of weights) {
    if (value == null) continue;
    total += value * w;
    weight += w;
  }
  return weight === 0 ? 0 : round(total / weight);
}

function verdict(outcome: PairVerdict['outcome'], rule: string, s: FieldSimilarities): PairVerdict {
  return { outcome, rule, score: overallScore(s), similarities: s };
}

/**
 * Decides whether two records report the same bibliographic record. Vetoes come first
 * (a false merge loses a study); exact identifiers next; then fuzzy evidence, where a merge
 * needs a near-identical title plus agreeing details and nothing that contradicts them.
 */
export function classifyPair(a: MatchFeatures, b: MatchFeatures): PairVerdict {
  const s = compareFields(a, b);
  const title = s.title ?? 0;

  if (a.marker !== b.marker) return verdict('distinct', `veto:${a.marker ?? b.marker}-vs-article`, s);
  if (a.preprint !== b.preprint && (title >= 0.9 || s.doi === 1))
    return verdict('related', 'related:preprint-vs-published', s);
  if (s.doi === 0 && sameDoiFamily(a.doi, b.doi)) {
    // Versions of one Cochrane review: the same record for deduplication when the metadata agrees.
    if (title >= 0.95 && (s.authors ?? 0) >= 0.8) return verdict('duplicate', 'same-doi-family', s);
    return verdict('review', 'uncertain:same-doi-family', s);
  }
  if (s.doi === 0) {
    return strongMetadata(s, a, b)
      ? verdict('review', 'veto:different-doi', s)
      : verdict('distinct', 'veto:different-doi', s);
  }
  if (s.doi === 1 || s.pmid === 1) {
    const rule = s.doi === 1 ? 'same-doi' : 'same-pmid';
    if (s.title == null || title >= 0.8) return verdict('duplicate', rule, s);
    return verdict('review', `${rule}:different-title`, s);
  }
  if (s.pmid === 0) {
    return strongMetadata(s, a, b)
      ? verdict('review', 'veto:different-pmid', s)
      : verdict('distinct', 'veto:different-pmid', s);
  }
  if (
    sameCoordinates(s, a, b) &&
    ((s.authors ?? 0) >= 0.8 || title >= 0.95 || (s.authors == null && title >= 0.5))
  ) {
    // Journal, volume, first page and year name one article whatever language its title was given in.
    return verdict('duplicate', 'coordinates:journal+volume+page+year', s);
  }
  if (s.title == null || title < 0.8) return verdict('distinct', 'fuzzy:title-differs', s);
  if (a.titleNumbers !== b.titleNumbers && title < 1)
    return verdict('distinct', 'veto:title-numbers-differ', s);
  if (sameCochraneReview(a, b) && title >= 0.95 && (s.authors ?? 0) >= 0.8) {
    // A Cochrane review keeps its CD number across updates; databases list each version.
    return verdict('duplicate', 'same-cochrane-review', s);
  }
  if (a.genericTitle || b.genericTitle) {
    // "Editorial", "Introduction": only identifiers or the page range may merge these.
    return verdict(title >= 0.9 ? 'review' : 'distinct', 'uncertain:generic-title', s);
  }
  if (
    (a.shortTitle || b.shortTitle) &&
    !((s.authors ?? 0) >= 0.8 && s.year === 1 && (s.volume === 1 || s.pages === 1))
  ) {
    return verdict(title >= 0.9 ? 'review' : 'distinct', 'uncertain:short-title', s);
  }
  if (s.year === 0)
    return verdict(title >= 0.95 && (s.authors ?? 0) >= 0.8 ? 'review' : 'distinct', 'veto:year-differs', s);

  if (
    title >= 0.97 &&
    (s.authors ?? 0) >= 0.8 &&
    s.year === 1 &&
    (s.journal ?? 0) >= 0.8 &&
    s.volume === 1 &&
    !(s.pages === 0 && (isSinglePage(a) || isSinglePage(b)) && !abstractOfArticle(s, a, b))
  ) {
    // The same title by the same authors in the same volume: the other pages are the abstract in the
    // volume's supplement or an entry error. A one-page item beside an article whose note announces
    // an erratum is that erratum, and stays apart.
    return verdict('duplicate', 'fuzzy:title+authors+journal+volume+year', s);
  }
  const contradictions = contradictionsOf(s);
  const support = supportOf(s);
  const anchored =
    s.year === 1 || support.includes('volume') || support.includes('pages') || support.includes('abstract');
  if (
    title >= 0.95 &&
    contradictions.length === 0 &&
    support.length >= 2 &&
    anchored &&
    (s.authors ?? 1) >= 0.5
  ) {
    return verdict('duplicate', `fuzzy:title+${support.join('+')}`, s);
  }
  if (title >= 0.9 && contradictions.length === 0 && support.length >= 3 && (s.authors ?? 0) >= 0.7) {
    return verdict('duplicate', `fuzzy:title+${support.join('+')}`, s);
  }
  if (title >= 0.9 && contradictions.length <= 1) {
    const rule = contradictions.length
      ? `uncertain:${contradictions.join('+')}-differs`
      : 'uncertain:weak-support';
    return verdict('review', rule, s);
  }
  return verdict('distinct', 'fuzzy:not-enough-evidence', s);
}

/** Fields that agree (beyond the title). */
function supportOf(s: FieldSimilarities): string[] {
  const out: string[] = [];
  if ((s.authors ?? 0) >= 0.8) out.push('authors');
  if (s.year === 1) out.push('year');
  if ((s.journal ?? 0) >= 0.8) out.push('journal');
  if (s.volume === 1) out.push('volume');
  if ((s.pages ?? 0) >= 0.5) out.push('pages');
  if ((s.abstract ?? 0) >= 0.6) out.push('abstract');
  return out;
}

/** Fields that disagree outright. */
function contradictionsOf(s: FieldSimilarities): string[] {
  const out: string[] = [];
  if (s.authors != null && s.authors < 0.3) out.push('authors');
  // Journal names are translated and abbreviated freely: a different name counts only when the pages do not agree.
  if (s.journal != null && s.journal < 0.3 && s.pages !== 1) out.push('journal');
  if (s.volume === 0) out.push('volume');
  if (s.pages === 0) out.push('pages');
  if (s.abstract != null && s.abstract < 0.2) out.push('abstract');
  return out;
}

/** Same year, volume, first page (a real page, not 1) and a compatible journal. */
function sameCoordinates(s: FieldSimilarities, a: MatchFeatures, b: MatchFeatures): boolean {
  if (!a.title || !b.title) return false;
  if (s.year !== 1 || s.volume !== 1 || s.pages !== 1 || !a.pages || !b.pages) return false;
  // A single page is shared by many conference abstracts; a page range is not.
  if (a.pages.start === '1' || a.pages.end !== b.pages.end || a.pages.start === a.pages.end) return false;
  return (s.journal ?? 0) >= 0.6;
}

/** Both records carry the same Cochrane review number (CD006828) as their page or DOI. */
function sameCochraneReview(a: MatchFeatures, b: MatchFeatures): boolean {
  const number = (f: MatchFeatures): string | null =>
    /14651858\.(cd\d+)/.exec(f.doi)?.[1] ??
    (f.pages?.articleNumber && /cochrane/.test(f.journal) ? `cd${f.pages.start}` : null);
  const na = number(a);
  return na !== null && na === number(b);
}

/**
 * A one-page item with the article's exact title, first author and authors in the same volume:
 * its abstract in the volume's supplement. Not when the article's note announces an erratum
 * (the one-page item is that erratum) or the author list changed (an erratum correcting names).
 */
function abstractOfArticle(s: FieldSimilarities, a: MatchFeatures, b: MatchFeatures): boolean {
  if (a.notesErratum || b.notesErratum) return false;
  return (
    (s.title ?? 0) === 1 && (s.authors ?? 0) >= 0.9 && a.firstAuthor !== '' && a.firstAuthor === b.firstAuthor
  );
}

/** A one-page item: a conference abstract, an erratum or a letter, often sharing its page. */
function isSinglePage(f: MatchFeatures): boolean {
  return !!f.pages && f.pages.start === f.pages.end && !f.pages.articleNumber;
}

/** Enough agreement that a reviewer should look even though an identifier disagrees. */
function strongMetadata(s: FieldSimilarities, a: MatchFeatures, b: MatchFeatures): boolean {
  return (s.title ?? 0) >= 0.95 && (s.authors ?? 0) >= 0.8 && a.year === b.year;
}
