import { authorAgreement, sameFirstAuthor } from './authors';
import type { MatchFeatures } from './features';
import {
  equalOrMissing,
  journalSimilarity,
  pageSimilarity,
  sameDoiFamily,
  setSimilarity,
  titleSimilarity,
  wordOverlapOf,
} from './similarity';
import type { FieldSimilarities, PairVerdict, Veto } from './types';
import { isHardVeto, vetoesOf } from './vetoes';

/** Similarities of every field of two records (null where either side lacks the field). */
export function compareFields(a: MatchFeatures, b: MatchFeatures): FieldSimilarities {
  let title = titleSimilarity(a.title, b.title, wordOverlapOf(a.titleWordSet, b.titleWordSet));
  if (title < 1) {
    for (const va of [a.title, ...a.titleVariants]) {
      for (const vb of [b.title, ...b.titleVariants]) {
        if (va !== a.title || vb !== b.title) title = Math.max(title, titleSimilarity(va, vb) * 0.98);
      }
    }
    // One index stopped at the subtitle: as close as an abridged title, not as an identical one.
    if (title < 0.9 && cutAtSubtitle(a, b)) title = 0.9;
  }
  return {
    title: a.title && b.title ? round(title) : null,
    authors: nullableRound(authorAgreement(a.authors, b.authors)),
    year:
      a.year == null || b.year == null
        ? null
        : a.year === b.year
          ? 1
          : Math.abs(a.year - b.year) === 1
            ? 0.5
            : 0,
    journal: nullableRound(journalSimilarity(a.journal, b.journal)),
    volume: shifted(a, b) || shifted(b, a) ? 1 : equalOrMissing(a.volume, b.volume),
    issue: equalOrMissing(a.issue, b.issue),
    pages: shifted(a, b) || shifted(b, a) ? null : pageSimilarity(a.pages, b.pages),
    abstract: nullableRound(setSimilarity(a.abstractTokens, b.abstractTokens)),
    doi: equalOrMissing(a.doi, b.doi),
    pmid: equalOrMissing(a.pmid, b.pmid),
  };
}

/**
 * An index that shifted the coordinates one field along: no volume, the volume in the issue field
 * and the issue in the pages field ("vol –, no. 26, p. 9" for vol. 26, no. 9, p. 1746).
 */
function shifted(a: MatchFeatures, b: MatchFeatures): boolean {
  return !a.volume && a.issue !== '' && a.issue === b.volume && a.firstPage !== '' && a.firstPage === b.issue;
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

function verdict(
  outcome: PairVerdict['outcome'],
  rule: string,
  s: FieldSimilarities,
  vetoes: Veto[] = [],
): PairVerdict {
  const v: PairVerdict = { outcome, rule, score: overallScore(s), similarities: s };
  if (vetoes.length > 0) v.vetoes = vetoes;
  return v;
}

/**
 * One title is the other cut at a subtitle boundary ("Systematizing the lexicon of platforms in
 * information systems" and "…: a data-driven study"), and the part kept says something: three
 * words, twenty letters, and not a series title ("Editor's comments").
 */
export function cutAtSubtitle(a: MatchFeatures, b: MatchFeatures): boolean {
  const cut = (short: MatchFeatures, long: MatchFeatures): boolean =>
    !short.seriesTitle &&
    short.title.length >= 20 &&
    short.titleTokens.length >= 3 &&
    long.mainTitles.includes(short.title);
  return a.title.length < b.title.length ? cut(a, b) : b.title.length < a.title.length && cut(b, a);
}

/**
 * Conference papers, working papers and preprints carry the year of the meeting or upload in one
 * index and of the proceedings or listing in another: a year apart still agrees for them — but not
 * between two named meetings (a research-in-progress paper and next year's full paper share their
 * title), and only when the author order is the same (another listing of one paper keeps it).
 */
function yearsAgree(s: FieldSimilarities, a: MatchFeatures, b: MatchFeatures): boolean {
  if (s.year === 1) return true;
  if (s.year !== 0.5) return false;
  const kinds = [a.venue, b.venue];
  const loose =
    (kinds.includes('conference') && kinds.includes('unknown')) ||
    (kinds.includes('repository') && !kinds.includes('journal') && !kinds.includes('conference'));
  return loose && sameFirstAuthor(a.authors, b.authors);
}

/**
 * Evidence that a record is a published version (and not another listing of the preprint): a
 * publisher's DOI or a journal name. A record with neither may be the same working paper.
 */
function looksPublished(f: MatchFeatures): boolean {
  return !f.preprint && (f.doi !== '' || f.venue === 'journal' || f.venue === 'conference');
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
  if (a.preprint !== b.preprint && (title >= 0.9 || s.doi === 1) && looksPublished(a.preprint ? b : a))
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

  const vetoes = vetoesOf(a, b, s);
  if (vetoes.length > 0) {
    const rule = `veto:${vetoes[0]!.name}`;
    if (vetoes.some(isHardVeto)) {
      // Same title, authors and year outside any series: a data error is as likely as two works.
      const doubt = !a.seriesTitle && !b.seriesTitle && strongMetadata(s, a, b) && title >= 0.97;
      return verdict(doubt ? 'review' : 'distinct', rule, s, vetoes);
    }
    // A series title with nothing against it but nothing to prove it either: a person decides.
    return verdict(title >= 0.9 && (s.authors ?? 1) >= 0.5 ? 'review' : 'distinct', rule, s, vetoes);
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
  const yearAgrees = yearsAgree(s, a, b);
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
  const contradictions = contradictionsOf(s, a, b);
  if (
    cutAtSubtitle(a, b) &&
    (s.authors ?? 0) >= 0.8 &&
    sameFirstAuthor(a.authors, b.authors) &&
    yearAgrees &&
    contradictions.length === 0
  ) {
    // One index kept only the main title; the same authors in the same year wrote it.
    return verdict('duplicate', 'fuzzy:subtitle-cut+authors+year', s);
  }
  if (
    title === 1 &&
    a.titleTokens.length >= 6 &&
    s.year == null &&
    (s.authors ?? 0) >= 0.8 &&
    sameFirstAuthor(a.authors, b.authors) &&
    contradictions.length === 0
  ) {
    // A catalogue entry without year or venue: the same long title by the same authors, in the same order.
    return verdict('duplicate', 'fuzzy:exact-title+authors', s);
  }
  const support = supportOf(s, yearAgrees);
  const anchored =
    yearAgrees || support.includes('volume') || support.includes('pages') || support.includes('abstract');
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

/** Fields that agree (beyond the title); `yearAgrees` allows a conference or working paper a year's slack. */
function supportOf(s: FieldSimilarities, yearAgrees: boolean): string[] {
  const out: string[] = [];
  if ((s.authors ?? 0) >= 0.8) out.push('authors');
  if (yearAgrees) out.push('year');
  if ((s.journal ?? 0) >= 0.8) out.push('journal');
  if (s.volume === 1) out.push('volume');
  if ((s.pages ?? 0) >= 0.5) out.push('pages');
  if ((s.abstract ?? 0) >= 0.6) out.push('abstract');
  return out;
}

/** Fields that disagree outright. */
function contradictionsOf(s: FieldSimilarities, a: MatchFeatures, b: MatchFeatures): string[] {
  const out: string[] = [];
  if (s.authors != null && s.authors < 0.3) out.push('authors');
  // Journal names are translated and abbreviated freely: a different name counts only when the pages
  // do not agree; a repository is named differently by every index ("SSRN Electronic Journal").
  const looseVenue = a.preprint || b.preprint;
  if (s.journal != null && s.journal < 0.3 && s.pages !== 1 && !looseVenue) out.push('journal');
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

/**
 * Both records carry the same Cochrane review number (CD006828) as their page or DOI. The number
 * is compared without its leading zeros: the page's are dropped when it is parsed ("6828").
 */
function sameCochraneReview(a: MatchFeatures, b: MatchFeatures): boolean {
  const number = (f: MatchFeatures): string | null => {
    const fromDoi = /14651858\.cd0*(\d+)/.exec(f.doi);
    if (fromDoi) return fromDoi[1]!;
    return f.pages?.articleNumber && /cochrane/.test(f.journal) ? f.pages.start : null;
  };
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
