import { foldAccents, normaliseText, stripHtml, stripLatex } from './text';

const LANGUAGES =
  'chinese|japanese|korean|german|french|spanish|italian|portuguese|russian|polish|czech|dutch|danish|swedish|norwegian|finnish|hungarian|turkish|greek|hebrew|arabic|persian|croatian|serbian|slovak|slovenian|romanian|bulgarian|ukrainian|lithuanian|latvian|estonian|icelandic|catalan|thai|vietnamese|indonesian|malay';

/** "[Chinese]", "(in German)", "[Article in French]", "[Author's transl]" and similar tags. */
const LANGUAGE_TAG = new RegExp(
  `[\\[(]\\s*(?:(?:article|text|abstract|published)\\s+)?(?:in\\s+)?(?:${LANGUAGES})(?:\\s*(?:,|and|with)\\s*(?:english|${LANGUAGES})\\s*(?:abstract|summary)?)?(?:\\s+(?:abstract|language|text|version))?\\s*[\\])]|[\\[(]\\s*author'?s?'?\\s+transl\\.?\\s*[\\])]`,
  'gi',
);

/**
 * Database annotations that are not part of the title: MEDLINE's "[Review] [45 refs]",
 * "[Erratum appears in …]" (possibly cut off), "[Comment in …]", CENTRAL's "(Provisional abstract)",
 * Embase's "(multiple letters) [1]", "[abstract no: 134]".
 */
const ANNOTATIONS: RegExp[] = [
  /\[\s*(?:published\s+)?(?:erratum|retraction|retracted|comment|update|summary for patients|corrected and republished|republished|expression of concern)\s+(?:appears\s+)?(?:in|of|on|from)\b(?:[^[\]]|\[[^\]]*\])*(?:\]|$)/gi,
  /\[\s*corrected\s*\]/gi,
  // a note cut off by the field length: "….[Erratum" or "[Erratum appears in Am J"
  /\[\s*(?:published\s+)?erratum\b[^\]]*$/gi,
  /\[\s*review\s*\]/gi,
  /\[\s*\d+\s*refs?\.?\s*\]/gi,
  /\[\s*(?:abstract|poster|abstr)[^\]]*\]/gi,
  /\(\s*(?:provisional|structured)\s+abstract\s*\)/gi,
  /\(\s*multiple letters\s*\)/gi,
  /\[\s*\d{1,2}\s*\]\s*$/g,
  /\[\s*see (?:comments?|editorial comment)[^\]]*\]/gi,
  /\[\s*(?:letter|editorial|news|comment)\s*\]/gi,
];

function stripAnnotations(text: string): string {
  if (!text.includes('[') && !text.includes('(')) return text;
  let out = text;
  for (const pattern of ANNOTATIONS) out = out.replace(pattern, ' ');
  return out.replace(/\s+/g, ' ');
}

/** "(vol 142, pg 310, 2003)" or "(Journal (2009) 360 (542-544))": the title of a correction notice. */
const CORRECTION_CITATION =
  /\(\s*vol\.?\s*\d+[^()]*\bp(?:g|p)?\.?\s*\d+[^()]*\)|\([^()]*\(\s*(?:19|20)\d\d\s*\)\s*\d+[^()]*(?:\([^()]*\))?\s*\)?\s*$/i;

/** Whether the raw title carries the citation of the article it corrects. */
export function citesCorrectedArticle(title: string | null | undefined): boolean {
  return !!title && title.includes('(') && CORRECTION_CITATION.test(title);
}

/** Removes that citation so the remaining words compare with the corrected article's title. */
export function withoutCitation(title: string): string {
  if (!title.includes('(')) return title;
  // A citation cut off by the database's field length: "(The Journal of Pediatrics (M".
  return title.replace(CORRECTION_CITATION, ' ').replace(/\s\([^()]*\([^()]*$/, ' ');
}

/** "Erratum: Title" → "Title", so two notices of one correction compare by the corrected title. */
export function withoutNoticePrefix(normalisedTitle: string): string {
  return normalisedTitle.replace(
    /^(?:erratum|corrigendum|correction|retraction|retracted|comment|reply)\s+(?:to\s+|on\s+|of\s+)?/,
    '',
  );
}

/** The normalised variants of one title: as a whole, without bracketed parts, and the bracketed part alone. */
export interface TitleForms {
  /** Markup, language tags and outer brackets removed; accents folded; punctuation → spaces. */
  full: string;
  /** Variants worth comparing too (translated title in brackets vs original, subtitle dropped). */
  variants: string[];
  /**
   * The title cut at each subtitle boundary, shortest first: "A: B - C" gives "a" and "a b".
   * One index's title may stop at such a boundary where another's goes on.
   */
  mains: string[];
  /** The title carries a translation (MEDLINE brackets, a language tag, an original-title note, a parallel title). */
  translated: boolean;
}

/**
 * Where a subtitle starts, however an index wrote it: ": ", " - ", " – ", " — ", "--", ". ", "? ",
 * "! ". A full stop counts only after a word of three letters or more ("U.S. trade", "St. Louis" stay whole).
 */
const SUBTITLE_BOUNDARY =
  /\s*:\s*|\s+-{1,2}\s+|\s*[–—]\s*|\s*--\s*|(?<=[a-z0-9]{3})[.?!]\s+(?=\S)|(?<=\S)[?!]\s+(?=\S)/g;

/** Any character a subtitle boundary needs: most titles have none and skip the search. */
const MAYBE_BOUNDARY = /[:–—?!]|\s-|\.\s/;

/** The normalised prefixes of a title at its subtitle boundaries. */
function mainTitlesOf(text: string): string[] {
  const mains: string[] = [];
  if (!MAYBE_BOUNDARY.test(text)) return mains;
  for (const m of text.matchAll(SUBTITLE_BOUNDARY)) {
    const main = normaliseText(text.slice(0, m.index));
    if (main && !mains.includes(main)) mains.push(main);
  }
  return mains;
}

/** An original-title note or a parallel title in another language ("Titre = Title"). */
const TRANSLATION_NOTE = /<\s*original\s*>|\[\s*original|\s=\s/i;

/** "Utilidad de los antimicrobianos …; Are antimicrobials useful …": two whole titles side by side. */
function parallelTitles(text: string): boolean {
  const at = text.indexOf('; ');
  if (at < 0) return false;
  const words = (part: string) => part.split(/\s+/).filter(Boolean).length;
  return words(text.slice(0, at)) >= 4 && words(text.slice(at + 2)) >= 4;
}

/** Builds the forms a title is compared by; MEDLINE puts translated titles in [brackets]. */
export function titleForms(title: string | null | undefined): TitleForms {
  if (!title) return { full: '', variants: [], mains: [], translated: false };
  let text = foldAccents(stripLatex(stripHtml(title)));
  let translated = TRANSLATION_NOTE.test(text) || parallelTitles(text);
  if (text.includes('[') || text.includes('(')) {
    const untagged = text.replace(LANGUAGE_TAG, ' ');
    if (untagged !== text) translated = true;
    text = withoutCitation(stripAnnotations(untagged));
  }
  text = text.trim();
  // A whole title in brackets is a translation (MEDLINE): the brackets say nothing about the work.
  const whole = /^\[(.*)\][.\s]*$/.exec(text);
  if (whole?.[1] && !whole[1].includes(']')) {
    text = whole[1];
    translated = true;
  }
  const full = normaliseText(text);
  const variants = new Set<string>();
  const outside = normaliseText(text.replace(/\[[^\]]*\]/g, ' '));
  if (outside && outside !== full && outside.length >= 20) variants.add(outside);
  for (const match of text.matchAll(/\[([^\]]{20,})\]/g)) {
    const inside = normaliseText(match[1]);
    if (inside && inside !== full) variants.add(inside);
    translated = true;
  }
  return { full, variants: [...variants], mains: mainTitlesOf(text), translated };
}

export type TitleMarker = 'erratum' | 'retraction' | 'comment' | 'reply' | null;

const MARKERS: [RegExp, Exclude<TitleMarker, null>][] = [
  [
    /\b(erratum|errata|corrigendum|corrigenda|addendum)\b|^(correction|corrections)\b|\bcorrection to\b|\bpublisher s note\b/,
    'erratum',
  ],
  [/\bretraction\b|\bretracted\b|\bwithdrawn\b|\bexpression of concern\b/, 'retraction'],
  [
    // "Response to …" opens a reply; inside a title it is usually clinical ("tumour response to therapy").
    /\b(in )?reply\b|^(a |the )?response to\b|\bresponse to (the |a |an )?(comments?|letters?|commentary|critique|editorial)\b|\bauthors? response\b|^response\b|\bauthors? reply\b|\brebuttal\b/,
    'reply',
  ],
  [
    // At the start only: "… effects of photos and comments on demand" is a study, not a comment.
    /^comments?\b|^(a |an |invited )?(comments?|commentary) on\b|^letter to the editor\b|^re\b|\beditorial comment\b/,
    'comment',
  ],
];

/** Whether a normalised title announces an erratum, retraction, comment or reply rather than a study. */
export function titleMarker(normalisedTitle: string): TitleMarker {
  for (const [pattern, marker] of MARKERS) if (pattern.test(normalisedTitle)) return marker;
  return null;
}
