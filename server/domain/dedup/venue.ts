/**
 * What kind of venue a record appeared in. Matching leans on it twice: a conference paper's year
 * and venue name vary between indexes more than a journal article's, and a journal article and a
 * conference paper of the same title are two reports, not one record.
 */
export type VenueKind = 'journal' | 'conference' | 'repository' | 'unknown';

/**
 * DOI prefixes of preprint and working-paper repositories: SSRN, arXiv, Research Square, Zenodo,
 * OSF and its community servers (OSF Preprints 10.31219, PsyArXiv 10.31234, SocArXiv 10.31235,
 * EdArXiv 10.35542, LawArXiv 10.31228, MetaArXiv 10.31222, engrXiv 10.31224, EarthArXiv 10.31223,
 * SportRxiv 10.31236, AfricArXiv 10.31730), bioRxiv/medRxiv (dated and six-digit 10.1101 suffixes,
 * not Cold Spring Harbor's journals), Preprints.org, TechRxiv, ChemRxiv, Authorea, SciELO Preprints.
 */
const REPOSITORY_DOI =
  /^10\.(?:2139\/ssrn|48550\/arxiv|21203\/rs\.|5281\/zenodo|31219\/|3122[2348]\/|3123[456]\/|31730\/|35542\/|1101\/(?:\d{4}\.\d{2}\.\d{2}|\d{6}(?:$|v))|20944\/preprints|36227\/techrxiv|26434\/chemrxiv|22541\/au\.|1590\/scielopreprints)/;

/** Whether a DOI belongs to a preprint or working-paper repository rather than a publisher. */
export function isRepositoryDoi(doi: string): boolean {
  return REPOSITORY_DOI.test(doi.toLowerCase());
}

const REPOSITORY_VENUE =
  /\b(biorxiv|medrxiv|arxiv|chemrxiv|psyarxiv|socarxiv|edarxiv|ssrn|research square|preprints?|osf|techrxiv|authorea|zenodo|working papers?|discussion papers?|research online|repec|eprint archive|electronic colloquium|technical reports?|tech reports?)\b/;

/**
 * Conference venues. "Proceedings" alone is not enough: PNAS, Proc IEEE and the Royal Society's
 * Proceedings are journals; a conference name, a meeting word, an IS conference acronym or a
 * proceedings book series (Lecture Notes in Computer Science / in Business Information Processing,
 * CCIS, IFIP AICT, Procedia) is.
 */
const CONFERENCE_VENUE =
  /\b(conference|conf|congress|symposium|workshop|colloquium|meeting|summit|amcis|icis|ecis|pacis|hicss|acis|cscw|lecture notes|lncs|lnbip|lnai|lnis|ccis|ifip|procedia|advances in intelligent systems and computing|communications in computer and information science|smart innovation systems and technologies)\b|\bproc(?:eedings)?\b.*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d\b.*\bproc(?:eedings)?\b/;

const CONFERENCE_TYPES = /^(inproceedings|conference|conference[- ]paper|proceedings|conf|cpaper)$/;
const REPOSITORY_TYPES = /^(preprint|working[- ]paper|report|techreport|unpublished)$/;

/** The kind of venue, from its normalised name, else from the record type, else from the DOI. */
export function venueKind(normalisedJournal: string, type: string | null, doi: string): VenueKind {
  if (normalisedJournal) {
    if (REPOSITORY_VENUE.test(normalisedJournal)) return 'repository';
    if (CONFERENCE_VENUE.test(normalisedJournal)) return 'conference';
    return 'journal';
  }
  if (doi && isRepositoryDoi(doi)) return 'repository';
  const t = (type ?? '').toLowerCase();
  if (REPOSITORY_TYPES.test(t)) return 'repository';
  if (CONFERENCE_TYPES.test(t)) return 'conference';
  return 'unknown';
}
