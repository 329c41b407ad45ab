import type { MatchFeatures, PageRange } from './features';
import { levenshteinRatio } from './similarity';
import type { FieldSimilarities, Veto } from './types';

/**
 * Below this title similarity two titles disagree beyond any subtitle allowance (a title cut at
 * its subtitle already scores 0.9): two different articles, whatever else agrees. A title marked
 * as a translation is exempt, since journal, volume and pages then identify the article.
 */
export const TITLE_VETO_BELOW = 0.6;

function rangeText([from, to]: [number, number]): string {
  return from === to ? String(from) : `${from}-${to}`;
}

function pagesText(p: PageRange): string {
  return p.start === p.end ? p.start : `${p.start}-${p.end}`;
}

/**
 * A printed page range of the volume's own pagination: not an article number, a single page, a
 * supplement's pages (S33-38 is the supplement's reprint of 1262-1268) or a range from page 1
 * (an article's own PDF pages).
 */
function printedRange(p: PageRange | null): p is PageRange {
  return !!p && !p.articleNumber && !p.supplement && p.start !== '1' && Number(p.end) > Number(p.start);
}

/** Both records give the same page range of more than one page. */
function samePageRange(a: PageRange | null, b: PageRange | null): boolean {
  return !!a && !!b && a.start === b.start && a.end === b.end && a.start !== a.end;
}

/**
 * When two issue numbers differ but the records are one article all the same: the same printed
 * page range in one volume (some exports put a record number in the issue field), the volume and
 * issue fields swapped, or the one-page abstract of the article printed in another issue of the
 * volume (same long title, same authors). Never for a series title: its issue is what tells its
 * items apart.
 */
function issueMisread(a: MatchFeatures, b: MatchFeatures, s: FieldSimilarities): boolean {
  if (a.seriesTitle || b.seriesTitle) return false;
  if (samePageRange(a.pages, b.pages)) return true;
  if ((!a.volume && a.issue === b.volume) || (!b.volume && b.issue === a.volume)) return true;
  const singleVsRange =
    !!a.pages && !!b.pages && (a.pages.start === a.pages.end) !== (b.pages.start === b.pages.end);
  return (
    singleVsRange &&
    s.title === 1 &&
    a.titleTokens.length >= 5 &&
    (s.authors ?? 0) >= 0.9 &&
    a.firstAuthor !== '' &&
    a.firstAuthor === b.firstAuthor &&
    (s.journal ?? 0) >= 0.8 &&
    s.volume === 1
  );
}

/** Same issue (as numbers) and same first page: what locates one item of a series. */
function sameIssueAndPages(a: MatchFeatures, b: MatchFeatures): boolean {
  if (!a.issueRange || !b.issueRange || !a.pages || !b.pages) return false;
  return (
    a.issueRange[0] === b.issueRange[0] &&
    a.issueRange[1] === b.issueRange[1] &&
    a.pages.start === b.pages.start
  );
}

/**
 * Facts that rule a merge out before any similarity is weighed, each with what was seen. All
 * that apply are returned (a reviewer sees every reason). `series-title` is the soft one: it
 * asks for proof (same issue and pages, or a shared DOI) rather than stating a difference.
 * Called only when no identifier (DOI, PMID) has already decided the pair.
 */
export function vetoesOf(a: MatchFeatures, b: MatchFeatures, s: FieldSimilarities): Veto[] {
  const vetoes: Veto[] = [];
  if (
    a.issueRange &&
    b.issueRange &&
    (a.issueRange[1] < b.issueRange[0] || b.issueRange[1] < a.issueRange[0]) &&
    !issueMisread(a, b, s)
  ) {
    vetoes.push({
      name: 'issue-differs',
      detail: `issue ${rangeText(a.issueRange)} vs ${rangeText(b.issueRange)}`,
    });
  }
  if (
    // A translated edition has its own pagination, as it has its own title.
    !a.translatedTitle &&
    !b.translatedTitle &&
    printedRange(a.pages) &&
    printedRange(b.pages) &&
    (Number(a.pages.end) < Number(b.pages.start) || Number(b.pages.end) < Number(a.pages.start))
  ) {
    vetoes.push({ name: 'pages-disjoint', detail: `pages ${pagesText(a.pages)} vs ${pagesText(b.pages)}` });
  }
  if (s.title != null && s.title < TITLE_VETO_BELOW && !a.translatedTitle && !b.translatedTitle) {
    vetoes.push({ name: 'title-differs', detail: `titles agree ${s.title.toFixed(2)}` });
  }
  if (
    // Below 0.8 no rule merges on the title anyway; the word check is for titles that look alike.
    (s.title ?? 0) >= 0.8 &&
    !a.translatedTitle &&
    !b.translatedTitle &&
    // The same page range of one volume is one article, whichever wording of its title an index kept.
    !(samePageRange(a.pages, b.pages) && s.volume === 1)
  ) {
    const [onlyA, onlyB] = substitutedWords(a, b);
    if (onlyA.length > 0)
      vetoes.push({ name: 'title-words-differ', detail: `“${onlyA.join(' ')}” vs “${onlyB.join(' ')}”` });
  }
  const kinds = new Set([a.venue, b.venue]);
  // "Pediatric Nephrology.Conference: …" is the journal's supplement, not another venue.
  if (kinds.has('journal') && kinds.has('conference') && (s.journal ?? 0) < 0.6) {
    vetoes.push({ name: 'venue-kind-differs', detail: 'a journal and a conference' });
  }
  if ((a.seriesTitle || b.seriesTitle) && !sameIssueAndPages(a, b)) {
    vetoes.push({
      name: 'series-title',
      detail: 'a generic or series title: needs the same issue and pages, or a shared DOI',
    });
  }
  return vetoes;
}

/** Whether a veto states a difference (hard) rather than asking for proof (series-title). */
export function isHardVeto(v: Veto): boolean {
  return v.name !== 'series-title';
}

/** Words that carry no content of their own in a title. */
const STOPWORDS = new Set(
  'a an the of in on for and or to with by from at as is are be its their this that these those vs versus via into than'.split(
    ' ',
  ),
);

/** One typing slip apart: a letter added, dropped, changed, or two neighbours swapped ("canecr"). */
function oneSlipApart(x: string, y: string): boolean {
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    if (x.slice(i + 1) === y.slice(i + 1)) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2) === y.slice(i + 2);
  }
  return x.length > y.length ? x.slice(i + 1) === y.slice(i) : x.slice(i) === y.slice(i + 1);
}

/** Spelling variants of one word: "organisation"/"organization", "behaviour"/"behavior", "model"/"models", typos. */
function spellingVariant(x: string, y: string): boolean {
  if (x.length >= 4 && y.length >= 4 && (x.startsWith(y) || y.startsWith(x))) return true;
  if (x.length >= 6 && y.length >= 6 && x.slice(0, 5) === y.slice(0, 5)) return true;
  if (Math.min(x.length, y.length) >= 3 && oneSlipApart(x, y)) return true;
  // Long words take two slips (one index's typo against another's): "nsequelae" and "sequelea".
  const shorter = Math.min(x.length, y.length);
  return shorter >= 4 && levenshteinRatio(x, y, 0.6) >= (shorter >= 7 ? 0.65 : 0.7);
}

/**
 * The words of one title that the other lacks, ignoring stop words, words with digits (the
 * title-numbers rule compares those), words the other title holds run together or split
 * ("usemodel", "wood peckers"), and a last word the other title's words start with (a title cut
 * by a field length: "… lung can").
 */
function unmatchedWords(f: MatchFeatures, other: MatchFeatures, otherCompact: string): string[] {
  const last = f.titleTokens.length - 1;
  return f.titleTokens.filter(
    (w, i) =>
      !other.titleWordSet.has(w) &&
      !STOPWORDS.has(w) &&
      !/\d/.test(w) &&
      !otherCompact.includes(w) &&
      !(i === last && other.titleTokens.some((o) => o.startsWith(w))),
  );
}

/**
 * Content words that one title has in place of another's ("… evidence from China" and "… evidence
 * from India", "… in women" and "… in men"): words on both sides with no spelling variant on the
 * other. Empty when one title only adds words.
 */
export function substitutedWords(a: MatchFeatures, b: MatchFeatures): [string[], string[]] {
  const onlyA = unmatchedWords(a, b, b.title.replace(/ /g, ''));
  if (onlyA.length === 0) return [[], []];
  const onlyB = unmatchedWords(b, a, a.title.replace(/ /g, ''));
  if (onlyB.length === 0) return [[], []];
  const leftB = new Set(onlyB);
  const leftA: string[] = [];
  for (const x of onlyA) {
    const partner = [...leftB].find((y) => spellingVariant(x, y));
    if (partner) leftB.delete(partner);
    else leftA.push(x);
  }
  return leftA.length > 0 && leftB.size > 0 ? [leftA, [...leftB]] : [[], []];
}
